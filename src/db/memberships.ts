// domain/membership.ts's rules (current, in force, lasting at an instant) in the forms
// queries need: Prisma filters and SQL over the Membership table.
import { Prisma } from "../generated/prisma/client.js";
import { NOT_IN_FORCE_STATUS } from "../domain/membership.js";

/** Current periods (not ended), whatever the status: `{ orgId, ...CURRENT }`. */
export const CURRENT = { endedOn: null } as const;

/** For Prisma's where: `{ orgId, role: ..., ...IN_FORCE }`. */
export const IN_FORCE = { status: { not: NOT_IN_FORCE_STATUS }, endedOn: null } as const;

/** For raw SQL over the Membership table under `alias`. */
export function inForceSql(alias: string): Prisma.Sql {
  return Prisma.raw(`${alias}."status" <> '${NOT_IN_FORCE_STATUS}' AND ${alias}."endedOn" IS NULL`);
}

/** Current periods in raw SQL. */
export function currentSql(alias: string): Prisma.Sql {
  return Prisma.raw(`${alias}."endedOn" IS NULL`);
}

/** Periods lasting at `at` (domain/membership.ts's lastsAt), for Prisma's where: `{ orgId, ...lastingAt(d) }`. */
export function lastingAt(at: Date) {
  return { AND: [{ OR: [{ startedOn: null }, { startedOn: { lte: at } }] }, { OR: [{ endedOn: null }, { endedOn: { gt: at } }] }] };
}

/** Periods lasting at some moment of [from, to). */
export function overlapping(from: Date, to: Date) {
  return { AND: [{ OR: [{ startedOn: null }, { startedOn: { lt: to } }] }, { OR: [{ endedOn: null }, { endedOn: { gt: from } }] }] };
}
