// Authorisation by position in the organisation tree, in one place.
// A secretary or deputy acts on their own organisation; a committee member (or the
// secretary/deputy) of a non-cell organisation oversees its whole subtree.
import { isWithin } from "./tree.js";

export const ROLES = ["member", "secretary", "deputy", "committee"] as const;
export type Role = (typeof ROLES)[number];
export const STATUSES = ["official", "probationary", "exempt", "transferred"] as const;
export type MemberStatus = (typeof STATUSES)[number];
export const CELL_KIND = "cell";

export interface Position {
  orgId: number;
  orgPath: string;
  orgKind: string;
  role: string;
}

const LEADING_ROLES = new Set(["secretary", "deputy"]);

/** True when the person leads this organisation itself (secretary or deputy). */
export function leads(positions: Position[], orgId: number): boolean {
  return positions.some((p) => p.orgId === orgId && LEADING_ROLES.has(p.role));
}

/** True when one of the person's positions oversees the organisation at `targetPath`. */
export function oversees(positions: Position[], targetPath: string): boolean {
  return positions.some(
    (p) =>
      p.orgKind !== CELL_KIND &&
      (p.role === "committee" || LEADING_ROLES.has(p.role)) &&
      isWithin(targetPath, p.orgPath),
  );
}

/** May act for the organisation: approve joins, see its roster, later schedule. */
export function canManage(positions: Position[], target: { id: number; path: string }): boolean {
  return leads(positions, target.id) || oversees(positions, target.path);
}

/** The capabilities /help lists, derived from every position a person holds. */
export interface Capabilities {
  linked: boolean;
  member: boolean;
  leadsCell: boolean;
  overseesSubtree: boolean;
}

export function capabilitiesOf(linked: boolean, positions: Position[]): Capabilities {
  return {
    linked,
    member: positions.length > 0,
    leadsCell: positions.some((p) => p.orgKind === CELL_KIND && LEADING_ROLES.has(p.role)),
    overseesSubtree: positions.some(
      (p) => p.orgKind !== CELL_KIND && (p.role === "committee" || LEADING_ROLES.has(p.role)),
    ),
  };
}

/** The highest organisations a person may read reports for (/report, the dashboard); those inside another are dropped. */
export function reportScopes(positions: Position[]): Position[] {
  const target = (p: Position) => ({ id: p.orgId, path: p.orgPath });
  const readable = positions.filter((p) => canManage([p], target(p)));
  const top = readable.filter((p) => !readable.some((q) => q.orgId !== p.orgId && canManage([q], target(p))));
  return top.filter((p, index) => top.findIndex((q) => q.orgId === p.orgId) === index);
}
