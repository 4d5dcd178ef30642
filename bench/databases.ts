// Throwaway databases for the benchmarks: each run gets a fresh one, migrated with the
// same openDatabase(url) the bot uses, and it is removed afterwards — also when the
// benchmark throws or the process is interrupted (Ctrl-C), so a failed run does not
// leave 90,000 rows or a chibo_bench_* database behind on a shared machine.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../src/db/client.js";

export const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/**
 * - sqlite: a file in the OS temp dir (on this machine a disk-backed filesystem);
 * - sqlite-shm: the same SQLite file format, WAL mode and settings, but on tmpfs
 *   (/dev/shm), where fsync is free. openDatabase cannot use `file::memory:` (the
 *   migrator opens its own connection, which would get its own empty database), so
 *   this is the closest "in memory" that runs the exact same code;
 * - postgresql: CREATE DATABASE on the local server, DROP ... WITH (FORCE) after.
 */
export type BenchStore = "sqlite" | "sqlite-shm" | "postgresql";

export interface BenchDatabase extends Database {
  store: BenchStore;
  /** Where the data lives, for the report (a path or a database name). */
  location: string;
}

/** Cleanups still to run; an interrupt runs them before the process exits. */
const pending = new Set<() => Promise<void>>();
let handlersInstalled = false;

function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: removing ${pending.size} benchmark database(s)…\n`);
      void Promise.allSettled([...pending].map((cleanup) => cleanup())).finally(() => process.exit(130));
    });
  }
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function create(store: BenchStore): Promise<{ database: BenchDatabase; remove: () => Promise<void> }> {
  if (store === "postgresql") {
    const name = `chibo_bench_${randomBytes(5).toString("hex")}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const drop = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    try {
      const database = await openDatabase(PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`));
      return { database: { ...database, store, location: name }, remove: drop };
    } catch (error) {
      await drop().catch(() => undefined);
      throw error;
    }
  }
  if (store === "sqlite-shm" && !existsSync("/dev/shm")) throw new Error("sqlite-shm: /dev/shm does not exist here");
  const dir = mkdtempSync(path.join(store === "sqlite-shm" ? "/dev/shm" : tmpdir(), "chibo-bench-"));
  const remove = async () => rmSync(dir, { recursive: true, force: true });
  try {
    const database = await openDatabase(`file:${path.join(dir, "bench.db")}`);
    return { database: { ...database, store, location: dir }, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** Runs `fn` with a fresh database and removes it afterwards, whatever happens. */
export async function withDatabase<T>(store: BenchStore, fn: (database: BenchDatabase) => Promise<T>): Promise<T> {
  installSignalHandlers();
  const { database, remove } = await create(store);
  const cleanup = async () => {
    await database.close().catch(() => undefined);
    await remove();
  };
  pending.add(cleanup);
  try {
    return await fn(database);
  } finally {
    pending.delete(cleanup);
    await cleanup();
  }
}
