// Who in an organisation hears what: the recipients of a cell's meeting messages
// (expected members, then followers) and its leaders (linked secretary and deputies,
// in force).
import type { Db } from "../db/client.js";
import { Prisma } from "../generated/prisma/client.js";
import { idList } from "../db/sql.js";
import { IN_FORCE, inForceSql } from "../db/memberships.js";

export interface Recipient {
  personId: number;
  fullName: string;
  chatId: string | null;
  locale: string;
  status: string | null;
  /** A follower from an upper committee, not a member of the cell. */
  follower: boolean;
}

/**
 * Who hears about a cell's meeting: expected members (domain/attendance.ts's isExpected:
 * official and probationary, exempt ones who asked), then the followers who are not
 * among them. Defined once, in SQL (recipientsOfCellsSql): the notices written one by
 * one, the reminders written set-based and the planner's summaries all read it.
 */
export async function recipientsOf(db: Db, orgId: number): Promise<Recipient[]> {
  return (await recipientsOfCells(db, [orgId])).get(orgId) ?? [];
}

/** recipientsOf for many cells in one query, by cell id; each cell's members first, then its followers. */
export async function recipientsOfCells(db: Db, orgIds: number[]): Promise<Map<number, Recipient[]>> {
  const cells = new Map<number, Recipient[]>(orgIds.map((id) => [id, []]));
  if (orgIds.length === 0) return cells;
  const rows = await db.$queryRaw<RecipientRow[]>(Prisma.sql`
    WITH "cell" AS (SELECT o."id" AS "idx", o."id" AS "orgId" FROM "Org" o WHERE o."id" IN ${idList(db, orgIds)})
    SELECT * FROM (${recipientsOfCellsSql("cell")}) r
    ORDER BY r."idx", r."follower", r."personId"`);
  for (const row of rows) cells.get(Number(row.idx))?.push(recipientOf(row, Number(row.follower) === 1));
  return cells;
}

/** A row of the queries below as a Recipient (drivers give bigint for some integers). */
function recipientOf(row: Omit<RecipientRow, "idx" | "follower">, follower: boolean): Recipient {
  return { personId: Number(row.personId), fullName: row.fullName, chatId: row.chatId, locale: row.locale ?? "vi", status: row.status, follower };
}

interface RecipientRow {
  idx: number | bigint;
  personId: number | bigint;
  fullName: string;
  chatId: string | null;
  locale: string | null;
  status: string | null;
  follower: number | bigint;
}

/**
 * recipientsOf in SQL, for messages written set-based (one INSERT … SELECT for many
 * cells): rows (idx, personId, fullName, chatId, locale, status, follower) for every row
 * (idx, orgId) of the named relation. Expected members as isExpected decides, then
 * followers who are not among them; chatId null for a person known to be unreachable,
 * locale null when the person chose none. Plain SQL, the same on SQLite and PostgreSQL.
 */
export function recipientsOfCellsSql(cells: string): Prisma.Sql {
  const expected = (m: string) =>
    Prisma.raw(`${m}."endedOn" IS NULL AND (${m}."status" IN ('official', 'probationary') OR (${m}."status" = 'exempt' AND ${m}."noticeOptIn"))`);
  const from = Prisma.raw(`"${cells}"`);
  const reachable = Prisma.raw(`CASE WHEN p."unreachableAt" IS NULL THEN p."telegramChatId" END`);
  return Prisma.sql`
    SELECT c."idx", p."id" AS "personId", p."fullName", ${reachable} AS "chatId", p."locale" AS "locale", m."status", 0 AS "follower"
    FROM ${from} c
    JOIN "Membership" m ON m."orgId" = c."orgId"
    JOIN "Person" p ON p."id" = m."personId"
    WHERE ${expected("m")}
    UNION ALL
    SELECT c."idx", p."id", p."fullName", ${reachable}, p."locale", NULL, 1
    FROM ${from} c
    JOIN "Follow" f ON f."orgId" = c."orgId"
    JOIN "Person" p ON p."id" = f."personId"
    WHERE NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."orgId" = f."orgId" AND m."personId" = f."personId" AND ${expected("m")})`;
}

/**
 * The languages other than `fallback` that anyone linked to these cells chose, by cell
 * id (cells where nobody did are absent): a membership of any status or period, or a
 * follow. Every recipient recipientsOfCellsSql finds is linked so, so no recipient
 * reads a language missing here; the set-based messages render no other texts.
 */
export async function localesOfCells(db: Db, orgIds: number[], fallback: string): Promise<Map<number, Set<string>>> {
  const cells = new Map<number, Set<string>>();
  if (orgIds.length === 0) return cells;
  const rows = await db.$queryRaw<{ orgId: number | bigint; locale: string }[]>(Prisma.sql`
    SELECT m."orgId", p."locale" FROM "Membership" m JOIN "Person" p ON p."id" = m."personId"
    WHERE m."orgId" IN ${idList(db, orgIds)} AND p."locale" IS NOT NULL AND p."locale" <> ${fallback}
    UNION
    SELECT f."orgId", p."locale" FROM "Follow" f JOIN "Person" p ON p."id" = f."personId"
    WHERE f."orgId" IN ${idList(db, orgIds)} AND p."locale" IS NOT NULL AND p."locale" <> ${fallback}`);
  for (const row of rows) {
    const orgId = Number(row.orgId);
    const locales = cells.get(orgId);
    if (locales) locales.add(row.locale);
    else cells.set(orgId, new Set([row.locale]));
  }
  return cells;
}

/**
 * The linked secretaries and deputies (in force) of many cells, by cell id: they hear a
 * meeting's summary and documents warning. chatId is null for one known unreachable.
 */
export async function leadersOfCells(db: Db, orgIds: number[]): Promise<Map<number, Recipient[]>> {
  const cells = new Map<number, Recipient[]>(orgIds.map((id) => [id, []]));
  if (orgIds.length === 0) return cells;
  const rows = await db.$queryRaw<(Omit<RecipientRow, "idx" | "follower"> & { orgId: number | bigint })[]>(Prisma.sql`
    SELECT m."orgId", p."id" AS "personId", p."fullName", CASE WHEN p."unreachableAt" IS NULL THEN p."telegramChatId" END AS "chatId",
           p."locale", m."status"
    FROM "Membership" m JOIN "Person" p ON p."id" = m."personId"
    WHERE m."orgId" IN ${idList(db, orgIds)} AND m."role" IN ('secretary', 'deputy') AND ${inForceSql("m")} AND p."telegramChatId" IS NOT NULL
    ORDER BY m."orgId", p."id"`);
  for (const row of rows) cells.get(Number(row.orgId))?.push(recipientOf(row, false));
  return cells;
}

/** The cell's linked secretary and deputies: they hear about absences and proposals. */
export async function leadersOf(db: Db, orgId: number) {
  const memberships = await db.membership.findMany({
    where: { orgId, role: { in: ["secretary", "deputy"] }, ...IN_FORCE, person: { telegramChatId: { not: null } } },
    include: { person: true },
    orderBy: { role: "desc" },
  });
  return memberships.map((m) => ({
    personId: m.personId,
    fullName: m.person.fullName,
    chatId: m.person.telegramChatId!,
    locale: m.person.locale ?? "vi",
  }));
}
