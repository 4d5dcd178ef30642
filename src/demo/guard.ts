// The demo starts from an empty database, and it must never destroy one it did not make:
// pointed at a copy of a real database with --database, it used to delete it.
import { existsSync, readFileSync, statSync } from "node:fs";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { parse } from "csv-parse/sync";
import { providerOf } from "../db/client.js";

/**
 * Undefined when the demo may play on this database: a SQLite file that does not exist
 * or holds nothing but the demo's own organisations (an earlier demo, of any version),
 * or an empty PostgreSQL database. Otherwise the locale key that says why not.
 */
export async function whyNotDemo(url: string, demoOrgsCsv: string): Promise<string | undefined> {
  const demoCodes = new Set((parse(readFileSync(demoOrgsCsv), { columns: true }) as { code: string }[]).map((row) => row.code));
  if (providerOf(url) === "postgresql") return (await postgresIsEmpty(url)) ? undefined : "demo-refuses-postgres";
  const file = url.slice("file:".length);
  if (file === ":memory:" || !existsSync(file)) return undefined;
  if (!statSync(file).isFile()) return "demo-refuses-file";
  let codes: string[];
  try {
    const sqlite = new Sqlite(file, { readonly: true, fileMustExist: true });
    try {
      const hasOrgs = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Org'`).get();
      codes = hasOrgs ? (sqlite.prepare(`SELECT "code" FROM "Org"`).all() as { code: string }[]).map((row) => row.code) : [];
    } finally {
      sqlite.close();
    }
  } catch {
    // Not a SQLite database at all: someone's file.
    return "demo-refuses-file";
  }
  return codes.every((code) => demoCodes.has(code)) ? undefined : "demo-refuses-file";
}

async function postgresIsEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema()`);
    return rows[0].n === 0;
  } finally {
    await client.end();
  }
}
