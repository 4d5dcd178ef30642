// What a CLI command needs: where to write, the configuration, and translated text.
import type { Config } from "../config.js";
import { translate } from "../bot/i18n.js";
import { existsSync, statSync } from "node:fs";
// The database (both Prisma clients, their adapters) is loaded by the commands that open
// it: `chibo help` and a usage error start without it (0.15 s less).
import type { Database, Db } from "../db/client.js";
import { cleanLines, cleanText } from "../domain/names.js";
import { withoutPassword } from "../lib/secrets.js";

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
  /** The wall clock: the process that runs the command (bin/chibo.mjs) is the only reader of it. */
  now: () => Date;
}

export interface CliContext {
  io: CliIo;
  config: Config;
  say: (key: string, vars?: Record<string, string | number>) => string;
  /** "Now" for this command: the instant given with --now, else the process's clock. */
  now: () => Date;
}

/** Operator messages come from the same Fluent files as the bot's. */
export function cliTranslator(locale: string) {
  return (key: string, vars?: Record<string, string | number>) => translate(locale, key, vars);
}

export class UsageError extends Error {}

/** The largest id a database integer holds (PostgreSQL's integer): a bigger one is a typo, not a row. */
export const MAX_ID = 2_147_483_647;

/** A failure the operator can act on: said in their language (exit code 1 unless given), never a stack trace. */
export class CliFailure extends Error {
  constructor(
    readonly key: string,
    readonly vars: Record<string, string | number> = {},
    readonly exitCode = 1,
  ) {
    super(key);
  }
}

/** An error's first line: enough to act on, without the stack. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split("\n").find((line) => line.trim() !== "")?.trim() ?? text;
}

/**
 * Opens the database for a command, or fails with a plain message. Only commands that
 * fill a database (`import`) may create a SQLite file: elsewhere a mistyped path would
 * make a new empty database and report on it as if it were the right one.
 */
export async function openCliDatabase(cli: CliContext, how: { create?: boolean } = {}): Promise<Database> {
  const url = cli.config.DATABASE_URL;
  const { openDatabase, providerOf } = await import("../db/client.js");
  if (providerOf(url) === "sqlite") {
    const file = url.slice("file:".length);
    if (file !== ":memory:" && !existsSync(file) && !how.create) throw new CliFailure("cli-database-missing", { file });
    if (existsSync(file) && !statSync(file).isFile()) throw new CliFailure("cli-database-unusable", { url: file, detail: "EISDIR" });
  }
  try {
    const database = await openDatabase(url);
    try {
      await database.db.$queryRawUnsafe("SELECT 1");
    } catch (error) {
      // The failed check's error is the one the operator needs; closing a broken connection may fail too.
      await database.close().catch(() => undefined);
      throw error;
    }
    return database;
  } catch (error) {
    throw new CliFailure("cli-database-unusable", { url: withoutPassword(url).replace(/^file:/, ""), detail: firstLine(error) });
  }
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An instant written in ISO form with its offset (2026-12-05T19:30+07:00 or …Z). A time
 * without an offset would be read in the server's own zone, which is rarely the cell's.
 */
export function parseInstant(text: string | undefined, option: string): Date | undefined {
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (!ISO_INSTANT.test(text) || Number.isNaN(date.getTime())) {
    throw new UsageError(`${option}: "${text}" is not an ISO time with its offset (e.g. 2026-12-05T19:30+07:00)`);
  }
  return date;
}

/**
 * A free text given as an option, cleaned as chat answers are (cleanText, or cleanLines
 * for a text of lines) and held to the same limit; undefined when optional and empty.
 */
export function freeText(value: string | undefined, option: string, max: number, how: { optional?: boolean; lines?: boolean } = {}): string | undefined {
  const cleaned = value === undefined ? "" : how.lines ? cleanLines(value) : cleanText(value);
  if (cleaned.length === 0) {
    if (how.optional) return undefined;
    throw new UsageError(`${option} is empty`);
  }
  if (cleaned.length > max) throw new UsageError(`${option}: at most ${max} characters (this one has ${cleaned.length})`);
  return cleaned;
}

/** Commands that run in real time: `--now` means nothing to them. */
const REAL_TIME_COMMANDS = new Set(["start", "demo", "doctor"]);

/**
 * Takes `--now <ISO time>` (or `--now=<ISO time>`) out of a command's arguments: every
 * command that acts at a moment acts as at that one. Without it, the process's clock.
 */
export function takeNow(command: string | undefined, args: string[], clock: () => Date): { args: string[]; now: () => Date } {
  if (command === undefined || REAL_TIME_COMMANDS.has(command)) return { args, now: clock };
  const rest: string[] = [];
  let given: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      rest.push(...args.slice(i));
      break;
    }
    if (arg === "--now") {
      if (i + 1 >= args.length) throw new UsageError("--now needs an ISO time (e.g. 2026-12-05T19:30+07:00)");
      given = args[++i];
    } else if (arg.startsWith("--now=")) {
      given = arg.slice("--now=".length);
    } else {
      rest.push(arg);
    }
  }
  const at = parseInstant(given, "--now");
  return { args: rest, now: at === undefined ? clock : () => at };
}

/** The organisation with this code, or undefined after telling the operator it does not exist. */
export async function orgOrSay(cli: CliContext, db: Db, code: string) {
  const { findOrgByCode } = await import("../features/roster/data.js");
  const org = await findOrgByCode(db, code);
  if (!org) cli.io.err(cli.say("cli-org-not-found", { code }));
  return org ?? undefined;
}
