// Which organisations a person may act for, from their positions (domain/access.ts):
// the ones they lead and the subtrees they oversee.
import type { Db } from "../db/client.js";
import { canManage, type Position } from "../domain/access.js";
import { IN_FORCE } from "../db/memberships.js";

/** Every organisation these positions may act for: the ones they lead and their subtrees. */
export async function managedOrgIds(db: Db, positions: Position[]): Promise<number[]> {
  const leading = positions.filter((p) => canManage(positions, { id: p.orgId, path: p.orgPath }));
  if (leading.length === 0) return [];
  const orgs = await db.org.findMany({
    where: { OR: leading.map((p) => ({ path: { startsWith: p.orgPath } })) },
    select: { id: true, path: true },
  });
  return orgs.filter((org) => canManage(positions, org)).map((org) => org.id);
}

/** A person's positions from their memberships in force (as bot/identity.ts loads a speaker's). */
export async function positionsOf(db: Db, personId: number): Promise<Position[]> {
  const memberships = await db.membership.findMany({ where: { personId, ...IN_FORCE }, include: { org: { select: { id: true, path: true, kind: true } } } });
  return memberships.map((m) => ({ orgId: m.org.id, orgPath: m.org.path, orgKind: m.org.kind, role: m.role }));
}
