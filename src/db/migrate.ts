// Applies the committed Prisma migrations at start, without the Prisma CLI (which is
// slow to spawn and, for PostgreSQL, unreliable offline). The bookkeeping table is
// Prisma's own `_prisma_migrations`, so `prisma migrate status` still reads it.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf, sqliteFilePath } from "./client.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsFolder(provider: "sqlite" | "postgresql"): string {
  return provider === "sqlite"
    ? path.join(root, "prisma", "migrations")
    : path.join(root, "prisma", "postgres", "migrations");
}

export function readMigrations(folder: string): Migration[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(folder, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const BOOKKEEPING_SQLITE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

const BOOKKEEPING_POSTGRES = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

/**
 * Returns the names of the migrations it applied. `until` stops after the migration of
 * that name: a database as an older release left it, for the upgrade tests.
 */
export async function applyMigrations(url: string, options: { until?: string } = {}): Promise<string[]> {
  const provider = providerOf(url);
  const until = options.until;
  const migrations = readMigrations(migrationsFolder(provider)).filter((m) => until === undefined || m.name <= until);
  return provider === "sqlite" ? migrateSqlite(url, migrations) : migratePostgres(url, migrations);
}

function migrateSqlite(url: string, migrations: Migration[]): string[] {
  const sqlite = new Database(sqliteFilePath(url));
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.exec(BOOKKEEPING_SQLITE);
    const done = new Set(
      sqlite
        .prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`)
        .all()
        .map((row) => (row as { migration_name: string }).migration_name),
    );
    const applied: string[] = [];
    // Prisma redefines SQLite tables (create, copy, drop, rename); foreign keys can only be
    // switched off outside a transaction, and are checked once the migration is in.
    sqlite.pragma("foreign_keys = OFF");
    for (const migration of migrations.filter((m) => !done.has(m.name))) {
      sqlite.transaction(() => {
        sqlite.exec(migration.sql);
        const broken = sqlite.pragma("foreign_key_check") as unknown[];
        if (broken.length > 0) throw new Error(`migration ${migration.name} breaks ${broken.length} foreign key(s)`);
        sqlite
          .prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
             VALUES (?, ?, current_timestamp, ?, 1)`,
          )
          .run(randomUUID(), migration.checksum, migration.name);
      })();
      applied.push(migration.name);
    }
    sqlite.pragma("foreign_keys = ON");
    return applied;
  } finally {
    sqlite.close();
  }
}

/** Several instances may start at once: an advisory lock lets one migrate at a time. */
async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(726354)");
    await client.query(BOOKKEEPING_POSTGRES);
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
    );
    const done = new Set(rows.map((row) => row.migration_name));
    const applied: string[] = [];
    for (const migration of migrations.filter((m) => !done.has(m.name))) {
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      applied.push(migration.name);
    }
    return applied;
  } finally {
    // Ending the session just below releases the lock anyway.
    await client.query("SELECT pg_advisory_unlock(726354)").catch(() => undefined);
    await client.end();
  }
}
