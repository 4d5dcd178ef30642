// Reads for keeping the roster in chat (member-bot.ts): a cell and its people as the
// pick lists show them, a person found by phone with their home cell, cells a transfer
// may go to, and transfer requests. Writes are member-mutations.ts's.
import type { Db } from "../../db/client.js";
import { CURRENT } from "../../db/memberships.js";
import { CELL_KIND } from "../../domain/access.js";
import { idsOnPath } from "../../domain/tree.js";

export interface CellView {
  id: number;
  code: string;
  name: string;
  path: string;
  timeZone: string;
  kind: string;
}

const cellView = (org: { id: number; code: string; name: string; path: string; timezone: string; kind: string }): CellView => ({
  id: org.id,
  code: org.code,
  name: org.name,
  path: org.path,
  timeZone: org.timezone,
  kind: org.kind,
});

export async function findCell(db: Db, orgId: number): Promise<CellView | undefined> {
  const org = await db.org.findUnique({ where: { id: orgId } });
  return org ? cellView(org) : undefined;
}

export async function findOrgView(db: Db, code: string): Promise<CellView | undefined> {
  const org = (await db.org.findUnique({ where: { code } })) ?? (await db.org.findFirst({ where: { code: code.toUpperCase() } }));
  return org ? cellView(org) : undefined;
}

export interface MemberPick {
  personId: number;
  fullName: string;
  phone: string;
  status: string;
  role: string;
  /** "home", or "attached" (sinh hoạt tạm thời here). */
  kind: string;
}

/** Everyone with a current period in the cell, by name. */
export async function currentMembers(db: Db, orgId: number): Promise<MemberPick[]> {
  const periods = await db.membership.findMany({ where: { orgId, ...CURRENT }, include: { person: true } });
  return periods
    .map((m) => ({ personId: m.personId, fullName: m.person.fullName, phone: m.person.phone, status: m.status, role: m.role, kind: m.kind }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, "vi"));
}

/** The status an exempt member had before the exemption (official when nothing says otherwise). */
export async function statusBeforeExemption(db: Db, orgId: number, personId: number): Promise<"official" | "probationary"> {
  const before = await db.membership.findFirst({
    where: { orgId, personId, endedOn: { not: null }, status: { in: ["official", "probationary"] } },
    orderBy: { endedOn: "desc" },
  });
  return before?.status === "probationary" ? "probationary" : "official";
}

export interface PersonWithHome {
  personId: number;
  fullName: string;
  home: CellView | undefined;
}

/** The person with this phone and the cell they belong to now, if any. */
export async function personWithHome(db: Db, phone: string): Promise<PersonWithHome | undefined> {
  const person = await db.person.findUnique({ where: { phone } });
  if (!person) return undefined;
  const home = await db.membership.findFirst({ where: { personId: person.id, kind: "home", ...CURRENT, org: { kind: CELL_KIND } }, include: { org: true } });
  return { personId: person.id, fullName: person.fullName, home: home ? cellView(home.org) : undefined };
}

/** Whether two organisations are in the same tree (the same root). */
export function sameTree(a: { path: string }, b: { path: string }): boolean {
  return idsOnPath(a.path)[0] === idsOnPath(b.path)[0];
}

/** Other cells under the same committee, to pick a transfer's destination from (a code reaches any cell of the tree). */
export async function neighbourCells(db: Db, cell: CellView, limit = 8): Promise<CellView[]> {
  const parentPath = cell.path.replace(/\d+\/$/, "");
  const depth = idsOnPath(cell.path).length;
  const orgs = await db.org.findMany({
    where: { kind: CELL_KIND, path: { startsWith: parentPath }, id: { not: cell.id } },
    orderBy: { code: "asc" },
    take: 200,
  });
  // Direct children of the same committee only: one level below its path.
  return orgs.filter((o) => idsOnPath(o.path).length === depth).slice(0, limit).map(cellView);
}

export async function pendingTransferOf(db: Db, personId: number) {
  return db.transferRequest.findFirst({ where: { personId, state: "pending" }, include: { toOrg: true } });
}

export async function findTransfer(db: Db, requestId: number) {
  return db.transferRequest.findUnique({ where: { id: requestId }, include: { person: true, fromOrg: true, toOrg: true } });
}

export type TransferView = NonNullable<Awaited<ReturnType<typeof findTransfer>>>;

/** Pending transfers into these cells, oldest first. */
export async function pendingTransfersTo(db: Db, orgIds: number[]): Promise<TransferView[]> {
  if (orgIds.length === 0) return [];
  return db.transferRequest.findMany({
    where: { toOrgId: { in: orgIds }, state: "pending" },
    include: { person: true, fromOrg: true, toOrg: true },
    orderBy: { id: "asc" },
  });
}

/** The requester of a transfer (`person:<id>`): where they hear the decision. */
export async function requesterOf(db: Db, requestedBy: string) {
  const match = /^person:(\d+)$/.exec(requestedBy);
  if (!match) return undefined;
  return db.person.findUnique({ where: { id: Number(match[1]) } });
}

// For the office's member CLI: who has a phone number, and every period they had.

export async function personByPhone(db: Db, phone: string) {
  return db.person.findUnique({ where: { phone } });
}

export interface PeriodRow {
  id: number;
  org: { id: number; code: string; name: string; kind: string; timezone: string };
  kind: string;
  status: string;
  role: string;
  startedOn: Date | null;
  endedOn: Date | null;
  endReason: string | null;
  note: string | null;
  until: Date | null;
}

/**
 * Every period of the person, oldest first: those carried over from before history was
 * kept (no start) first, then by start, then in the order they were written.
 */
export async function membershipHistory(db: Db, personId: number): Promise<PeriodRow[]> {
  const rows = await db.membership.findMany({
    where: { personId },
    include: { org: { select: { id: true, code: true, name: true, kind: true, timezone: true } } },
  });
  const start = (row: { startedOn: Date | null }) => row.startedOn?.getTime() ?? Number.NEGATIVE_INFINITY;
  return rows
    .sort((a, b) => start(a) - start(b) || a.id - b.id)
    .map((row) => ({
      id: row.id,
      org: row.org,
      kind: row.kind,
      status: row.status,
      role: row.role,
      startedOn: row.startedOn,
      endedOn: row.endedOn,
      endReason: row.endReason,
      note: row.note,
      until: row.until,
    }));
}
