// Opens the database named by DATABASE_URL: SQLite (file:) or PostgreSQL, through
// Prisma's driver adapters so no native engine is downloaded.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../generated/prisma/client.js";
import { PrismaClient as PostgresClient } from "../generated/prisma-postgres/client.js";
import { applyMigrations } from "./migrate.js";
import { attachDialect, type Dialect } from "./dialect.js";

/** Both generated clients have the same models; the SQLite one names the type. */
export type Db = SqliteClient;
export type Provider = "sqlite" | "postgresql";

export function providerOf(url: string): Provider {
  return url.startsWith("file:") ? "sqlite" : "postgresql";
}

/** Resolves a file: URL against the working directory and creates its folder. */
export function sqliteFilePath(url: string): string {
  const file = url.slice("file:".length);
  if (file === ":memory:") return file;
  const absolute = path.resolve(file);
  mkdirSync(path.dirname(absolute), { recursive: true });
  return absolute;
}

export interface Database {
  db: Db;
  provider: Provider;
  dialect: Dialect;
  url: string;
  close(): Promise<void>;
}

/**
 * A new PostgreSQL connection that takes longer than this fails, so that with the server
 * unreachable (not just stopped) webhook requests and /readyz answer 503 instead of hanging.
 */
const PG_CONNECT_TIMEOUT_MS = 10_000;

/** Opens the database and brings its schema up to date (migrations run at start). */
export async function openDatabase(url: string, options: { migrate?: boolean } = {}): Promise<Database> {
  const provider = providerOf(url);
  if (options.migrate !== false) await applyMigrations(url);
  const db =
    provider === "sqlite"
      ? new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: `file:${sqliteFilePath(url)}` }) })
      : (new PostgresClient({ adapter: new PrismaPg({ connectionString: url, connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS, keepAlive: true }) }) as unknown as Db);
  const dialect = attachDialect(db, provider);
  // Deleted and overwritten rows are zeroed in the file, not left in free space: a
  // forgotten person's name must not stay readable in the database's pages.
  if (provider === "sqlite") await db.$executeRawUnsafe("PRAGMA secure_delete = ON");
  return { db, provider, dialect, url, close: () => db.$disconnect() };
}

/** Whether the database answers a trivial query now (/readyz, the webhook, dedupe). */
export async function databaseReachable(db: Db): Promise<boolean> {
  return db.$queryRawUnsafe("SELECT 1").then(
    () => true,
    () => false,
  );
}
