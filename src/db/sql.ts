// Raw SQL fragments shared by the features' set-based statements.
import type { Db } from "./client.js";
import type { Prisma } from "../generated/prisma/client.js";
import { dialectOf } from "./dialect.js";

/**
 * A list of ids for `column IN ${idList(db, ids)}` in raw SQL: one JSON parameter, so
 * any number of ids fits (Prisma binds at most 999 values per statement on SQLite).
 */
export function idList(db: Db, ids: number[]): Prisma.Sql {
  return dialectOf(db).idList(ids);
}
