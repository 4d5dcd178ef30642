// Raw SQL fragments shared by the features' set-based statements.
import type { Db } from "./client.js";
import { Prisma } from "../generated/prisma/client.js";
import { dialectOf } from "./dialect.js";

/**
 * A list of ids for `column IN ${idList(db, ids)}` in raw SQL: one JSON parameter, so
 * any number of ids fits (Prisma binds at most 999 values per statement on SQLite).
 */
export function idList(db: Db, ids: number[]): Prisma.Sql {
  return dialectOf(db).idList(ids);
}

/**
 * The organisation under `alias` lies in the subtree at `path`. A path holds ids and
 * slashes only, so it needs no escaping. SQLite searches its index on path for a GLOB
 * prefix, where a LIKE (not case sensitive there) would read every organisation;
 * PostgreSQL's LIKE does as well as anything (features/digest/data.ts reads so too).
 */
export function inSubtreeSql(db: Db, alias: string, path: string): Prisma.Sql {
  const column = Prisma.raw(`${alias}."path"`);
  return dialectOf(db).provider === "sqlite" ? Prisma.sql`${column} GLOB ${`${path}*`}` : Prisma.sql`${column} LIKE ${`${path}%`}`;
}
