// The two Prisma schemas and their migrations never drift: the PostgreSQL schema is
// what the derive script makes of the SQLite source, each schema equals the snapshot its
// last migration was made from, and applying the migrations gives the same tables,
// columns and indexes as creating the schema from nothing.
import { execFileSync } from "node:child_process";
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../../src/db/migrate.js";
// @ts-expect-error: a plain .mjs script without types
import { derivePostgresSchema } from "../../scripts/derive-postgres-schema.mjs";
import { PG_ADMIN_URL } from "../helpers/databases.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

/** The CLI opens its adapter's database even for this diff: give it a throwaway one. */
function schemaFromNothing(config: string, schema: string, databaseUrl: string): string {
  return execFileSync(
    path.join(root, "node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--config", config, "--from-empty", "--to-schema-datamodel", schema, "--script"],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, DATABASE_URL: databaseUrl } },
  );
}

function describeSqlite(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`)
      .all() as { name: string }[];
    return tables.map(({ name }) => ({
      name,
      // Column order differs after ALTER TABLE ... ADD COLUMN; names and types must not.
      columns: (db.prepare(`PRAGMA table_info("${name}")`).all() as { cid: number; name: string }[])
        .map(({ cid: _order, ...column }) => column)
        .sort((a, b) => a.name.localeCompare(b.name)),
      indexes: (db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; seq: number; unique: number }[])
        .map(({ seq: _order, ...index }) => ({
          ...index,
          columns: (db.prepare(`PRAGMA index_info("${index.name}")`).all() as { seqno: number; name: string }[]).map(
            ({ seqno, name: column }) => ({ seqno, column }),
          ),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      foreignKeys: db.prepare(`PRAGMA foreign_key_list("${name}")`).all(),
    }));
  } finally {
    db.close();
  }
}

async function describePostgres(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
    );
    const constraints = await client.query(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY conname`,
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows.filter((c) => !c.conname.startsWith("_prisma")) };
  } finally {
    await client.end();
  }
}

async function withPostgresDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `chibo_schema_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    return await work(PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

describe("database schemas", () => {
  it("keeps prisma/postgres/schema.prisma derived from prisma/schema.prisma", () => {
    expect(read("prisma/postgres/schema.prisma")).toBe(derivePostgresSchema(read("prisma/schema.prisma")));
  });

  it.each([
    ["prisma/schema.prisma", "prisma/migrations/schema-snapshot.prisma"],
    ["prisma/postgres/schema.prisma", "prisma/postgres/migrations/schema-snapshot.prisma"],
  ])("has a migration for every change of %s (run npm run db:migration -- <name>)", (schema, snapshot) => {
    expect(read(snapshot)).toBe(read(schema));
  });

  it("builds the same SQLite database from the migrations as from the schema", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "chibo-schema-"));
    try {
      const migrated = path.join(dir, "migrated.db");
      await applyMigrations(`file:${migrated}`);
      const fresh = path.join(dir, "fresh.db");
      const db = new Database(fresh);
      db.exec(schemaFromNothing("prisma.config.ts", "prisma/schema.prisma", `file:${path.join(dir, "cli", "cli.db")}`));
      db.close();
      expect(describeSqlite(migrated)).toEqual(describeSqlite(fresh));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("builds the same PostgreSQL database from the migrations as from the schema", async () => {
    const migrated = await withPostgresDatabase(async (url) => {
      await applyMigrations(url);
      return describePostgres(url);
    });
    const fresh = await withPostgresDatabase(async (url) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(schemaFromNothing("prisma.postgres.config.ts", "prisma/postgres/schema.prisma", url));
      await client.end();
      return describePostgres(url);
    });
    expect(migrated.columns.length).toBeGreaterThan(20);
    expect(migrated).toEqual(fresh);
  });

  it("applies migrations once: a second start changes nothing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "chibo-schema-"));
    try {
      const url = `file:${path.join(dir, "twice.db")}`;
      expect((await applyMigrations(url)).length).toBeGreaterThan(0);
      expect(await applyMigrations(url)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
