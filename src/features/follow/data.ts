// Reads for follow assignments: which cell a code names and whether the assigner may act
// on it, which colleagues they may assign, and who follows what.
import type { Db } from "../../db/client.js";
import { CELL_KIND, oversees, type Position } from "../../domain/access.js";
import { idsOnPath, isWithin } from "../../domain/tree.js";
import { formatLocalDateTime } from "../../domain/time.js";
import { IN_FORCE } from "../../db/memberships.js";
import { positionsOf } from "../../org/access.js";

/** Roles that sit on a committee: the people who may follow a cell below them. */
const COMMITTEE_ROLES = ["committee", "secretary", "deputy"];
const ROLE_ORDER: Record<string, number> = { secretary: 0, deputy: 1, committee: 2 };

export interface CellRef {
  id: number;
  code: string;
  name: string;
  path: string;
  timezone: string;
}

export type CellLookup = { kind: "ok"; cell: CellRef } | { kind: "unknown" } | { kind: "not_cell"; code: string } | { kind: "outside"; code: string };

const CELL_FIELDS = { id: true, code: true, name: true, path: true, timezone: true, kind: true } as const;

const asCell = (org: CellRef & { kind: string }): CellRef => ({ id: org.id, code: org.code, name: org.name, path: org.path, timezone: org.timezone });

/** Codes are stored as imported; a typed "ab01" still finds "AB01". */
async function orgByTypedCode(db: Db, code: string) {
  const exact = await db.org.findUnique({ where: { code }, select: CELL_FIELDS });
  if (exact || code.toUpperCase() === code) return exact;
  return db.org.findUnique({ where: { code: code.toUpperCase() }, select: CELL_FIELDS });
}

/** The cell a code names, when these positions oversee it. */
export async function cellForAssigner(db: Db, positions: Position[], code: string): Promise<CellLookup> {
  const org = await orgByTypedCode(db, code);
  if (!org) return { kind: "unknown" };
  if (org.kind !== CELL_KIND) return { kind: "not_cell", code: org.code };
  if (!oversees(positions, org.path)) return { kind: "outside", code: org.code };
  return { kind: "ok", cell: asCell(org) };
}

/** The cell behind a button's id, only when it is a cell these positions oversee. */
export async function overseenCell(db: Db, positions: Position[], cellId: number): Promise<CellRef | undefined> {
  const org = await db.org.findUnique({ where: { id: cellId }, select: CELL_FIELDS });
  if (!org || org.kind !== CELL_KIND || !oversees(positions, org.path)) return undefined;
  return asCell(org);
}

/** The cell a code names, for the operator (no position to check). */
export async function cellByCode(db: Db, code: string): Promise<CellLookup> {
  const org = await orgByTypedCode(db, code);
  if (!org) return { kind: "unknown" };
  if (org.kind !== CELL_KIND) return { kind: "not_cell", code: org.code };
  return { kind: "ok", cell: asCell(org) };
}

/**
 * The organisations above the cell whose committees the assigner may draw on: not cells,
 * on the cell's path, and inside an organisation the assigner oversees.
 */
export function orgsInReach<T extends { id: number; path: string; kind: string }>(positions: Position[], cellPath: string, orgs: T[]): T[] {
  const above = new Set(idsOnPath(cellPath).slice(0, -1));
  const overseeing = positions.filter((p) => oversees([p], p.orgPath));
  return orgs.filter((o) => above.has(o.id) && o.kind !== CELL_KIND && overseeing.some((p) => isWithin(o.path, p.orgPath)));
}

export interface Colleague {
  personId: number;
  fullName: string;
  /** The committee seat in reach; null for a follower who no longer holds one. */
  seat: { role: string; orgName: string } | null;
  following: boolean;
}

/**
 * The linked people holding committee positions in the organisations in reach, closest
 * to the cell first, each once, marked when they already follow the cell; then anyone
 * else who follows it (a seat lost since), so that any overseer can end that follow.
 */
export async function colleaguesFor(db: Db, positions: Position[], cell: CellRef): Promise<Colleague[]> {
  const path = await db.org.findMany({ where: { id: { in: idsOnPath(cell.path) } }, select: { id: true, path: true, kind: true, name: true } });
  const reach = orgsInReach(positions, cell.path, path);
  const [memberships, follows] = await Promise.all([
    reach.length === 0
      ? Promise.resolve([])
      : db.membership.findMany({
          where: { orgId: { in: reach.map((o) => o.id) }, role: { in: COMMITTEE_ROLES }, ...IN_FORCE, person: { telegramChatId: { not: null } } },
          include: { person: { select: { fullName: true } } },
        }),
    db.follow.findMany({ where: { orgId: cell.id }, include: { person: { select: { fullName: true } } }, orderBy: { createdAt: "asc" } }),
  ]);
  const depth = new Map(reach.map((o) => [o.id, o.path.length]));
  const orgName = new Map(reach.map((o) => [o.id, o.name]));
  const following = new Set(follows.map((f) => f.personId));
  const sorted = [...memberships].sort(
    (a, b) =>
      depth.get(b.orgId)! - depth.get(a.orgId)! ||
      (ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9) ||
      a.person.fullName.localeCompare(b.person.fullName, "vi"),
  );
  const seen = new Set<number>();
  const colleagues: Colleague[] = sorted.flatMap((m) => {
    if (seen.has(m.personId)) return [];
    seen.add(m.personId);
    return [{ personId: m.personId, fullName: m.person.fullName, seat: { role: m.role, orgName: orgName.get(m.orgId)! }, following: following.has(m.personId) }];
  });
  for (const f of follows) {
    if (!seen.has(f.personId)) colleagues.push({ personId: f.personId, fullName: f.person.fullName, seat: null, following: true });
  }
  return colleagues;
}


/** The committee position through which a person sits above the cell, closest first. */
export async function committeeSeatAbove(db: Db, personId: number, cell: CellRef): Promise<{ role: string; orgName: string } | undefined> {
  const seats = (await positionsOf(db, personId)).filter((p) => oversees([p], cell.path)).sort((a, b) => b.orgPath.length - a.orgPath.length);
  if (seats.length === 0) return undefined;
  const org = await db.org.findUniqueOrThrow({ where: { id: seats[0].orgId }, select: { name: true } });
  return { role: seats[0].role, orgName: org.name };
}

export interface FollowRow {
  cellCode: string;
  cellName: string;
  fullName: string;
  phone: string;
  linked: boolean;
  /** The day the follow began, dd/mm/yyyy in the cell's zone. */
  since: string;
}

function toRow(f: { createdAt: Date; org: { code: string; name: string; timezone: string }; person: { fullName: string; phone: string; telegramChatId: string | null } }): FollowRow {
  return {
    cellCode: f.org.code,
    cellName: f.org.name,
    fullName: f.person.fullName,
    phone: f.person.phone,
    // Linked on either messenger (Telegram or Zalo): the notice chat is set.
    linked: f.person.telegramChatId !== null,
    since: formatLocalDateTime(f.createdAt, f.org.timezone).slice(0, 10),
  };
}

const ROW_INCLUDE = {
  org: { select: { code: true, name: true, timezone: true } },
  person: { select: { fullName: true, phone: true, telegramChatId: true } },
} as const;

/** The cells this person follows. */
export async function followedBy(db: Db, personId: number): Promise<FollowRow[]> {
  const follows = await db.follow.findMany({ where: { personId }, include: ROW_INCLUDE, orderBy: { org: { code: "asc" } } });
  return follows.map(toRow);
}

/** Follows of cells under any of these paths, by cell code; at most `limit` rows, and the total. */
export async function followsUnder(db: Db, paths: string[], limit?: number): Promise<{ rows: FollowRow[]; total: number }> {
  if (paths.length === 0) return { rows: [], total: 0 };
  const where = { org: { OR: paths.map((path) => ({ path: { startsWith: path } })) } };
  const [follows, total] = await Promise.all([
    db.follow.findMany({ where, include: ROW_INCLUDE, orderBy: [{ org: { code: "asc" } }, { createdAt: "asc" }], take: limit }),
    db.follow.count({ where }),
  ]);
  return { rows: follows.map(toRow), total };
}

/** The paths of the organisations these positions oversee, none inside another. */
export function overseenPaths(positions: Position[]): string[] {
  const paths = [...new Set(positions.filter((p) => oversees([p], p.orgPath)).map((p) => p.orgPath))];
  return paths.filter((path) => !paths.some((other) => other !== path && isWithin(path, other)));
}
