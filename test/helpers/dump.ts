// Every row of every table as text: what a search of the database would see (the privacy
// and secrets tests look for names, numbers and tokens in it).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { Db } from "../../src/db/client.js";
import type { TestProvider } from "./databases.js";

export async function dumpTables(db: Db, provider: TestProvider): Promise<{ tables: string[]; text: string }> {
  const found = await db.$queryRawUnsafe<{ name: string }[]>(
    provider === "sqlite"
      ? `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
      : `SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
  );
  const parts: string[] = [];
  for (const { name } of found) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${name}"`);
    const lines = rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value))).sort();
    parts.push(`## ${name}\n${lines.join("\n")}`);
  }
  return { tables: found.map((t) => t.name), text: parts.join("\n") };
}

/**
 * The bytes of the files that exist among these, read by another process: a process that
 * opens and closes a SQLite file it has a connection to drops that connection's POSIX
 * locks, and the connection then reads other processes' writes as a malformed database.
 */
export function fileBytes(files: string[]): Buffer[] {
  return files.filter((file) => existsSync(file)).map((file) => execFileSync("cat", [file], { maxBuffer: 1 << 30 }));
}
