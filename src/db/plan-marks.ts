// Plan marks: what a tick has handled (a reminder time, an offer, a day's nudge), so
// later ticks skip it cheaply. Two ticks at once may mark the same item: the second
// insert is ignored. Each call is one statement whatever the number of keys: the keys
// travel as one JSON parameter (SQLite through Prisma takes at most 999 bound values).
import type { Db } from "./client.js";
import { Prisma } from "../generated/prisma/client.js";
import { dialectOf } from "./dialect.js";

export async function markHandled(db: Db, marks: { key: string; outcome: string }[]) {
  if (marks.length === 0) return;
  const json = JSON.stringify(marks.map((m) => [m.key, m.outcome]));
  await db.$executeRaw(
    dialectOf(db).provider === "sqlite"
      ? // "WHERE true" resolves SQLite's parsing ambiguity between SELECT ... ON and upsert.
        Prisma.sql`INSERT INTO "PlanMark" ("key", "outcome")
          SELECT value ->> 0, value ->> 1 FROM json_each(${json}) WHERE true
          ON CONFLICT ("key") DO NOTHING`
      : Prisma.sql`INSERT INTO "PlanMark" ("key", "outcome")
          SELECT e ->> 0, e ->> 1 FROM json_array_elements(${json}::json) AS e
          ON CONFLICT ("key") DO NOTHING`,
  );
}

export async function handledKeys(db: Db, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const json = JSON.stringify(keys);
  const rows = await db.$queryRaw<{ key: string }[]>(
    dialectOf(db).provider === "sqlite"
      ? Prisma.sql`SELECT "key" FROM "PlanMark" WHERE "key" IN (SELECT value FROM json_each(${json}))`
      : Prisma.sql`SELECT "key" FROM "PlanMark" WHERE "key" IN (SELECT json_array_elements_text(${json}::json))`,
  );
  return new Set(rows.map((row) => row.key));
}

/**
 * Inserts one mark and says whether this call took the key: of several instances
 * claiming the same key at once, exactly one gets true.
 */
export async function claimOnce(db: Db, key: string, outcome = "claimed"): Promise<boolean> {
  const inserted = await db.$executeRaw(
    Prisma.sql`INSERT INTO "PlanMark" ("key", "outcome") VALUES (${key}, ${outcome}) ON CONFLICT ("key") DO NOTHING`,
  );
  return inserted === 1;
}

/**
 * Deletes the marks whose key starts with `prefix` and sorts before `before`. For keys
 * that end in an ISO instant (the scheduler's `tick:` claims) that is "older than": a
 * range on the primary key, no scan of the table's other marks.
 */
export async function pruneMarks(db: Db, prefix: string, before: string): Promise<number> {
  return db.$executeRaw(
    Prisma.sql`DELETE FROM "PlanMark" WHERE "key" >= ${prefix} AND "key" < ${before} AND "key" LIKE ${`${prefix}%`}`,
  );
}
