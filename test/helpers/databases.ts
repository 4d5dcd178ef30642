// Throwaway databases for tests: a fresh SQLite file, or a fresh PostgreSQL database on
// the server the run uses (postgres-setup.ts: the local one, or one started from npm),
// dropped afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";

export const PG_ADMIN_URL = inject("pgAdminUrl");
export const PROVIDERS = ["sqlite", "postgresql"] as const;
export type TestProvider = (typeof PROVIDERS)[number];

export interface TestDatabase extends Database {
  drop(): Promise<void>;
}

export async function createTestDatabase(provider: TestProvider): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "chibo-test-"));
    const database = await openDatabase(`file:${path.join(dir, "test.db")}`);
    return {
      ...database,
      drop: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `chibo_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const database = await openDatabase(url);
  return {
    ...database,
    drop: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: PG_ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
