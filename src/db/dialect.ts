// What differs between SQLite and PostgreSQL in the raw SQL chibo writes: how an
// instant is bound, how a list of ids is passed. Known once, when the database opens:
// db/client.ts attaches it to the client (a transaction's client sees it too), so no
// code asks Prisma's private fields which database it talks to.
import { Prisma } from "../generated/prisma/client.js";
import type { Db, Provider } from "./client.js";

export interface Dialect {
  provider: Provider;
  /** A DateTime as text the way this database's column holds it (for JSON-bound rows). */
  timestamp(date: Date): string;
  /** An instant in raw SQL, compared with DateTime columns as Prisma stores them. */
  instant(date: Date): Prisma.Sql;
  /**
   * A list of ids for `column IN ${dialect.idList(ids)}`: one JSON parameter, so any
   * number of ids fits (Prisma binds at most 999 values per statement on SQLite).
   */
  idList(ids: number[]): Prisma.Sql;
}

/**
 * How the better-sqlite3 adapter writes a DateTime (its default "iso8601" format):
 * rows written in raw SQL must compare as text with values Prisma writes and binds.
 */
const sqlite: Dialect = {
  provider: "sqlite",
  timestamp: (date) => date.toISOString().replace("Z", "+00:00"),
  instant: (date) => Prisma.sql`${sqlite.timestamp(date)}`,
  idList: (ids) => Prisma.sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`,
};

/** A UTC ISO string that PostgreSQL casts to timestamp(3) (Prisma keeps DateTime there as UTC without zone). */
const postgresql: Dialect = {
  provider: "postgresql",
  timestamp: (date) => date.toISOString(),
  instant: (date) => Prisma.sql`${date.toISOString()}::timestamp(3)`,
  idList: (ids) => Prisma.sql`(SELECT json_array_elements_text(${JSON.stringify(ids)}::json)::integer)`,
};

export function dialectFor(provider: Provider): Dialect {
  return provider === "sqlite" ? sqlite : postgresql;
}

const DIALECT = Symbol("chibo.dialect");

/** Called by openDatabase: this client talks to this database. */
export function attachDialect(db: Db, provider: Provider): Dialect {
  const dialect = dialectFor(provider);
  Object.defineProperty(db, DIALECT, { value: dialect });
  return dialect;
}

/** The dialect of a client opened by openDatabase, or of a transaction of one. */
export function dialectOf(db: Db): Dialect {
  const dialect = (db as unknown as Record<symbol, Dialect | undefined>)[DIALECT];
  if (!dialect) throw new Error("dialectOf: a database client not opened by openDatabase");
  return dialect;
}
