// domain/membership.ts's rule (a membership in force) in the two forms queries need.
import { Prisma } from "../generated/prisma/client.js";
import { NOT_IN_FORCE_STATUS } from "../domain/membership.js";

/** For Prisma's where: `{ orgId, role: ..., ...IN_FORCE }`. */
export const IN_FORCE = { status: { not: NOT_IN_FORCE_STATUS } } as const;

/** For raw SQL over the Membership table under `alias`. */
export function inForceSql(alias: string): Prisma.Sql {
  return Prisma.raw(`${alias}."status" <> '${NOT_IN_FORCE_STATUS}'`);
}
