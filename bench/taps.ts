// "taps": a burst of answer taps — the minutes after a province's notices go out, when
// thousands of members press "I will attend" — through the whole bot: createBot's
// middleware (log line, identity, i18n, conversations storage), the meetings composer,
// recordAnswer, and the two API calls a tap makes (answerCallbackQuery, then a
// confirmation message). The API calls are answered in-process by a transformer, so the
// figures are the bot and its database, not HTTP.
//
// Every tap comes from a different linked member (ceil(taps / 30) cells of 30), on the
// cell's confirmed meeting three days ahead of the bot's clock, interleaved across
// cells as real taps would be. Each phase starts with no answers recorded, so every
// phase does the same work (an insert per tap, never the cheaper re-tap).
//
// Two phases: one update at a time, and as the shipped bot runs (src/bot/polling.ts):
// BOT_CONCURRENCY updates in flight, through createBot's sequentialize middleware.
//
// The same workload runs on a SQLite file on disk, on SQLite in memory (`:memory:`, the
// same client and schema, no file at all), on a SQLite file on tmpfs (/dev/shm) and, for
// information, on PostgreSQL; the stores take turns block by block (see runPhase), so
// the disk/memory ratio compares like with like on a machine others are using.
import { tmpdir } from "node:os";
import path from "node:path";
import Sqlite from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../src/generated/prisma/client.js";
import { migrationsFolder, readMigrations } from "../src/db/migrate.js";
import type { Update, UserFromGetMe } from "grammy/types";
import type { Bot } from "grammy";
import type { BotContext } from "../src/bot/context.js";
import { createBot } from "../src/bot/create-bot.js";
import { translate } from "../src/bot/i18n.js";
import { loadConfig } from "../src/config.js";
import type { Db } from "../src/db/client.js";
import { createLogger } from "../src/logger.js";
import { createMeeting } from "../src/features/meetings/mutations.js";
import { toUtc } from "../src/domain/zoned.js";
import { withDatabase, type BenchDatabase, type BenchStore } from "./databases.js";
import { seedProvince, telegramIdOf, TIME_ZONE } from "./seed.js";
import { formatProfile, profileQueries } from "./query-profile.js";
import { count, percentile, seconds, stopwatch, table, type BenchOptions, type BenchResult, type Check, type Target } from "./report.js";
import { attachDialect } from "../src/db/dialect.js";

/** sqlite-memory: SQLite's in-memory database, through the same Prisma client (see openMemoryDatabase). */
type TapStore = BenchStore | "sqlite-memory";
type TapDatabase = Omit<BenchDatabase, "store"> & { store: TapStore };

const STORES: TapStore[] = ["sqlite", "sqlite-memory", "sqlite-shm", "postgresql"];
/** As the shipped bot runs: `chibo start` handles this many updates at once. */
const CONCURRENCY = loadConfig({}).BOT_CONCURRENCY;
const SHIPPED = `${CONCURRENCY} in flight (as shipped)`;
const MEMBERS_PER_CELL = 30;
const TARGET_PER_SECOND = 1_000;
const TARGET_P99_MS = 100;
const NOW = toUtc({ year: 2027, month: 6, day: 2, hour: 20, minute: 0 }, TIME_ZONE);
const MEETING_AT = toUtc({ year: 2027, month: 6, day: 5, hour: 19, minute: 30 }, TIME_ZONE);

/** The bot as getMe would describe it: createBot gets it up front, so no getMe call is made. */
export const BOT_INFO = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: "chibo",
  username: "chibo_bench_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
} as UserFromGetMe;

interface Phase {
  label: string;
  concurrency: number;
  wallMs: number;
  /** CPU time of this process per update. */
  cpuPerUpdateMs: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
  firstError?: string;
}

interface Measurement {
  store: TapStore;
  phases: Phase[];
  /** One Prisma findUnique by a unique key, and the same lookup straight on better-sqlite3. */
  floor: { prismaMs: number; rawMs?: number };
  checks: Check[];
  profile?: string[];
}

export interface TapCell {
  memberIds: number[];
  meetingId: number;
}

/**
 * A province part of `cellCount` cells × 30 linked members, each cell with one
 * confirmed meeting at `meetingAt` (its notices queued in the outbox at `now`).
 */
export async function seedTapCells(db: Db, cellCount: number, meetingAt: Date, now: Date): Promise<{ cells: TapCell[]; persons: number }> {
  const province = await seedProvince(db, { cells: cellCount, membersPerCell: MEMBERS_PER_CELL });
  const cells: TapCell[] = [];
  for (const cell of province.cells) {
    const meeting = await createMeeting(
      db,
      { orgId: cell.id, kind: "regular", startsAt: meetingAt, durationMinutes: 120, place: "Nhà văn hóa", agenda: "", documents: [] },
      "confirmed",
      now,
    );
    cells.push({ memberIds: cell.memberIds, meetingId: meeting.id });
  }
  return { cells, persons: province.persons };
}

/** The bot with its Telegram calls answered here; counts what it asked for. */
function benchBot(db: Db) {
  let loggedErrors = 0;
  const logger = createLogger("error", { write: () => void (loggedErrors += 1) });
  const config = loadConfig({ LOG_LEVEL: "silent" });
  const { bot } = createBot("123456:BENCH", { db, config, logger, now: () => NOW }, { botInfo: BOT_INFO });
  const calls = new Map<string, number>();
  const recordedText = translate("vi", "answer-attend-recorded");
  let confirmations = 0;
  let messageId = 1;
  bot.api.config.use(async (_prev, method, payload) => {
    calls.set(method, (calls.get(method) ?? 0) + 1);
    const p = payload as { chat_id?: number; text?: string };
    let result: unknown;
    if (method === "answerCallbackQuery") {
      if (p.text === recordedText) confirmations += 1;
      result = true;
    } else if (method === "sendMessage") {
      result = { message_id: messageId++, date: Math.floor(NOW.getTime() / 1000), chat: { id: p.chat_id, type: "private", first_name: "Member" }, text: p.text };
    } else {
      throw new Error(`taps: unexpected API call ${method}`);
    }
    // The transformer's result type depends on the method; both answers are well formed.
    return { ok: true, result } as never;
  });
  return {
    bot,
    calls,
    confirmations: () => confirmations,
    loggedErrors: () => loggedErrors,
    resetCounts: () => {
      calls.clear();
      confirmations = 0;
    },
  };
}

/** A seeded member's tap on a button of their meeting's notice (revision 1), as Telegram sends it. */
export function tapUpdate(personId: number, meetingId: number, updateId: number, action: "att" | "read" = "att"): Update {
  const tg = telegramIdOf(personId);
  return {
    update_id: updateId,
    callback_query: {
      id: String(updateId),
      from: { id: tg, is_bot: false, first_name: "Member", language_code: "vi" },
      chat_instance: `ci${tg}`,
      data: `m:${action}:${meetingId}:1`,
      message: {
        message_id: 1,
        date: Math.floor(NOW.getTime() / 1000) - 3600,
        chat: { id: tg, type: "private", first_name: "Member" },
        from: BOT_INFO,
        text: "Thông báo họp",
      },
    },
  } as Update;
}

function tapUpdates(cells: TapCell[], taps: number, firstUpdateId: number): Update[] {
  const updates: Update[] = [];
  // Member m of every cell, then member m + 1 of every cell…: consecutive taps are from
  // different cells, as a province-wide burst would be.
  for (let m = 0; updates.length < taps && m < MEMBERS_PER_CELL; m++) {
    for (const cell of cells) {
      if (updates.length >= taps) break;
      updates.push(tapUpdate(cell.memberIds[m]!, cell.meetingId, firstUpdateId + updates.length));
    }
  }
  return updates;
}

interface Block {
  wallMs: number;
  cpuMs: number;
  latencies: number[];
  failed: number;
  firstError?: string;
}

/** Feeds the updates with at most `concurrency` in flight; latency is per update. */
async function feed(bot: Bot<BotContext>, updates: Update[], concurrency: number): Promise<Block> {
  const latencies = new Array<number>(updates.length);
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (next < updates.length) {
      const i = next++;
      const started = performance.now();
      try {
        await bot.handleUpdate(updates[i]!);
      } catch (error) {
        failed += 1;
        firstError ??= error instanceof Error ? `${error.message} ${String((error as { error?: unknown }).error ?? "")}` : String(error);
      }
      latencies[i] = performance.now() - started;
    }
  };
  const watch = stopwatch();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ...watch(), latencies, failed, ...(firstError ? { firstError } : {}) };
}

/** One store under test: its database, its bot and its stream of taps. */
interface Subject {
  store: TapStore;
  database: TapDatabase;
  harness: ReturnType<typeof benchBot>;
  updates: Update[];
  checks: Check[];
  phases: Phase[];
  log: (line: string) => void;
  /** The next update id to hand out (see freshIds). */
  nextUpdateId: number;
}

/**
 * Copies of these taps under update ids not used before: the bot handles an update id
 * once (src/bot/dedupe.ts), so feeding the same updates again would only measure drops.
 */
function freshIds(subject: Subject, updates: Update[]): Update[] {
  return updates.map((update) => {
    const id = subject.nextUpdateId++;
    return { ...update, update_id: id, callback_query: { ...update.callback_query!, id: String(id) } } as Update;
  });
}

/** Opens a fresh database per store (nested, so every one is removed whatever happens). */
async function withDatabases<T>(stores: TapStore[], fn: (databases: TapDatabase[]) => Promise<T>, opened: TapDatabase[] = []): Promise<T> {
  if (stores.length === 0) return fn(opened);
  const [store, ...rest] = stores;
  if (store === "sqlite-memory") {
    const database = await openMemoryDatabase();
    try {
      return await withDatabases(rest, fn, [...opened, database]);
    } finally {
      await database.close();
    }
  }
  return withDatabase(store!, (database) => withDatabases(rest, fn, [...opened, database]));
}

/**
 * SQLite with no file: Prisma's adapter opens one connection, and `:memory:` gives it a
 * private database, so the migrations are run through that same client (statement by
 * statement: the adapter prepares one at a time) instead of openDatabase's migrator.
 */
async function openMemoryDatabase(): Promise<TapDatabase> {
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: ":memory:" }) });
  for (const migration of readMigrations(migrationsFolder("sqlite"))) {
    const statements = migration.sql.split(/;\s*$/m).map((sql) => sql.replace(/^\s*--.*$/gm, "").trim());
    for (const sql of statements.filter(Boolean)) await db.$executeRawUnsafe(sql);
  }
  const dialect = attachDialect(db, "sqlite");
  return { db, provider: "sqlite", dialect, url: "file::memory:", store: "sqlite-memory", location: "memory", close: () => db.$disconnect() };
}

async function prepare(database: TapDatabase, taps: number, options: BenchOptions): Promise<Subject> {
  const store = database.store;
  const log = (line: string) => options.log(`  [taps ${store}] ${line}`);
  const cellCount = Math.ceil(taps / MEMBERS_PER_CELL);
  const { cells, persons } = await seedTapCells(database.db, cellCount, MEETING_AT, NOW);
  log(`seeded ${count(cellCount)} cells, ${count(persons)} members, ${count(cellCount)} meetings`);
  return { store, database, harness: benchBot(database.db), updates: tapUpdates(cells, taps, 1), checks: [], phases: [], log, nextUpdateId: 1 };
}

/**
 * One phase on every store, interleaved: the taps are cut into blocks and the stores
 * take turns block by block (in a rotating order), so a neighbour's burst of load on
 * this shared machine falls on all stores alike instead of on whichever ran then.
 * Each store's phase starts from no answers and must end with one per tap, confirmed.
 */
async function runPhase(subjects: Subject[], label: string, concurrency: number, blocks: number): Promise<void> {
  const totals = new Map<Subject, Block>();
  for (const subject of subjects) {
    await subject.database.db.meetingAnswer.deleteMany();
    subject.harness.resetCounts();
    totals.set(subject, { wallMs: 0, cpuMs: 0, latencies: [], failed: 0 });
  }
  const size = Math.ceil(subjects[0]!.updates.length / blocks);
  for (let b = 0; b < blocks; b++) {
    const order = subjects.map((_, i) => subjects[(i + b) % subjects.length]!);
    for (const subject of order) {
      const block = await feed(subject.harness.bot, freshIds(subject, subject.updates.slice(b * size, (b + 1) * size)), concurrency);
      const total = totals.get(subject)!;
      total.wallMs += block.wallMs;
      total.cpuMs += block.cpuMs;
      total.latencies.push(...block.latencies);
      total.failed += block.failed;
      total.firstError ??= block.firstError;
    }
  }
  for (const subject of subjects) {
    const total = totals.get(subject)!;
    const taps = subject.updates.length;
    const phase: Phase = {
      label,
      concurrency,
      wallMs: total.wallMs,
      cpuPerUpdateMs: total.cpuMs / taps,
      perSecond: (taps * 1000) / total.wallMs,
      p50: percentile(total.latencies, 50),
      p99: percentile(total.latencies, 99),
      max: percentile(total.latencies, 100),
      failed: total.failed,
      ...(total.firstError ? { firstError: total.firstError } : {}),
    };
    subject.phases.push(phase);
    const { harness } = subject;
    const answers = await subject.database.db.meetingAnswer.count({ where: { answer: "attend" } });
    const messages = harness.calls.get("sendMessage") ?? 0;
    subject.checks.push({
      name: `${label} on ${subject.store}: every tap recorded and confirmed`,
      ok: phase.failed === 0 && answers === taps && harness.confirmations() === taps && messages === taps,
      detail: `${count(answers)} answers, ${count(harness.confirmations())} confirmations, ${count(messages)} messages for ${count(taps)} taps; ${phase.failed} failed${phase.firstError ? ` (${phase.firstError})` : ""}`,
    });
    subject.log(`${label}: ${phase.perSecond.toFixed(0)} updates/s, p50 ${phase.p50.toFixed(2)} ms, p99 ${phase.p99.toFixed(2)} ms${phase.failed ? `, ${phase.failed} failed` : ""}`);
  }
}

async function measureAll(taps: number, options: BenchOptions): Promise<Measurement[]> {
  return withDatabases(STORES, async (databases) => {
    const subjects: Subject[] = [];
    for (const database of databases) subjects.push(await prepare(database, taps, options));
    // Warm-up: JIT, Prisma's compiled client, SQLite's page cache. Not reported.
    for (const subject of subjects) await feed(subject.harness.bot, freshIds(subject, subject.updates.slice(0, warmUpSize(taps))), 1);
    const blocks = options.quick ? 5 : 10;
    await runPhase(subjects, "sequential", 1, blocks);
    await runPhase(subjects, SHIPPED, CONCURRENCY, blocks);

    const measured: Measurement[] = [];
    for (const subject of subjects) {
      const { store, database, harness, checks } = subject;
      const file = store === "sqlite" || store === "sqlite-shm" ? path.join(database.location, "bench.db") : undefined;
      const floor = await queryFloor(database.db, file, taps);
      subject.log(`floor: Prisma findUnique ${floor.prismaMs.toFixed(3)} ms${floor.rawMs !== undefined ? `, better-sqlite3 ${(floor.rawMs * 1000).toFixed(1)} µs` : ""}`);
      if (harness.loggedErrors() > 0) checks.push({ name: `no errors logged on ${store}`, ok: false, detail: `${harness.loggedErrors()} error lines` });
      let profile: string[] | undefined;
      if (options.profile) {
        // Queries per tap, sequentially: the wrapper's overhead stays out of the figures above.
        const profiled = profileQueries(database.db);
        const profiledBot = benchBot(profiled.db);
        await database.db.meetingAnswer.deleteMany();
        const sample = freshIds(subject, subject.updates.slice(0, Math.min(2_000, taps)));
        const block = await feed(profiledBot.bot, sample, 1);
        profile = [`${store}, ${count(sample.length)} taps sequentially (${seconds(block.wallMs)} wall, with the profiling wrapper):`, ...formatProfile(profiled, { count: sample.length, label: "tap" })];
      }
      measured.push({ store, phases: subject.phases, floor, checks, ...(profile ? { profile } : {}) });
    }
    return measured;
  });
}

const warmUpSize = (taps: number) => Math.min(500, Math.floor(taps / 10));

/**
 * What one query costs at the least: the identity lookup every update starts with, by
 * a unique key, through Prisma and (SQLite) through better-sqlite3 directly. A tap
 * makes several such queries; their sum is a floor under its latency.
 */
async function queryFloor(db: Db, sqliteFile: string | undefined, people: number): Promise<{ prismaMs: number; rawMs?: number }> {
  const n = 2_000;
  const key = (i: number) => String(telegramIdOf((i % people) + 1));
  for (let i = 0; i < 200; i++) await db.person.findUnique({ where: { telegramUserId: key(i) } });
  let started = performance.now();
  for (let i = 0; i < n; i++) await db.person.findUnique({ where: { telegramUserId: key(i) } });
  const prismaMs = (performance.now() - started) / n;
  if (!sqliteFile) return { prismaMs };
  const raw = new Sqlite(sqliteFile, { readonly: true });
  try {
    const statement = raw.prepare(`SELECT * FROM "Person" WHERE "telegramUserId" = ?`);
    started = performance.now();
    for (let i = 0; i < n; i++) statement.get(key(i));
    return { prismaMs, rawMs: (performance.now() - started) / n };
  } finally {
    raw.close();
  }
}

export async function runTaps(options: BenchOptions): Promise<BenchResult> {
  const taps = options.quick ? 1_000 : 10_000;
  const measured = await measureAll(taps, options);

  const rows = measured.flatMap((m) =>
    m.phases.map((p) => [
      m.store,
      p.label,
      seconds(p.wallMs),
      `${p.perSecond.toFixed(0)}/s`,
      `${p.p50.toFixed(2)} ms`,
      `${p.p99.toFixed(2)} ms`,
      `${p.max.toFixed(1)} ms`,
      `${p.cpuPerUpdateMs.toFixed(2)} ms`,
    ]),
  );
  const disk = measured.find((m) => m.store === "sqlite");
  const ratios: string[] = [];
  for (const [store, title] of [
    ["sqlite-memory", "disk / memory (the same handler; SQLite file on disk ÷ SQLite in memory; > 1: disk is slower):"],
    ["sqlite-shm", "disk / tmpfs (SQLite file on disk ÷ the same file on /dev/shm):"],
  ] as const) {
    const other = measured.find((m) => m.store === store);
    if (!disk || !other) continue;
    ratios.push("", title);
    ratios.push(
      ...table(
        ["phase", "wall time", "p50", "p99", "cpu/update"],
        disk.phases.map((d, i) => {
          const o = other.phases[i]!;
          const ratio = (a: number, b: number) => (a / b).toFixed(2);
          return [d.label, ratio(d.wallMs, o.wallMs), ratio(d.p50, o.p50), ratio(d.p99, o.p99), ratio(d.cpuPerUpdateMs, o.cpuPerUpdateMs)];
        }),
      ),
    );
  }
  // The targets are the bot as shipped; one at a time is shown for comparison only.
  const targets: Target[] = (disk?.phases ?? []).filter((p) => p.label === SHIPPED).flatMap((p) => [
    { name: `throughput, ${p.label}, SQLite file`, goal: `≥ ${count(TARGET_PER_SECOND)} updates/s`, actual: `${p.perSecond.toFixed(0)}/s`, met: p.perSecond >= TARGET_PER_SECOND },
    { name: `p99 latency, ${p.label}, SQLite file`, goal: `< ${TARGET_P99_MS} ms`, actual: `${p.p99.toFixed(2)} ms`, met: p.p99 < TARGET_P99_MS },
  ]);
  return {
    name: "taps",
    setup: [
      `${count(taps)} callback_query updates "m:att:<meeting>:1", each from a different linked member (${count(Math.ceil(taps / MEMBERS_PER_CELL))} cells × ${MEMBERS_PER_CELL}), one confirmed meeting per cell 3 days ahead of the bot's clock`,
      `createBot(...) with botInfo (no getMe), bot.handleUpdate(update) directly; answerCallbackQuery and sendMessage answered by an API transformer (no HTTP); logger at "error"`,
      `phases: warm-up (${warmUpSize(taps)} taps, not reported), then sequential (for comparison), then ${CONCURRENCY} in flight = BOT_CONCURRENCY's default, as \`chibo start\` runs (its runner calls bot.handleUpdate for at most that many updates at once; createBot's sequentialize is in both); answers deleted before each phase`,
      `the stores run interleaved, in ${options.quick ? 5 : 10} blocks per phase taking turns (rotating order), so load from neighbours on this shared machine falls on all alike; wall = sum of the store's blocks`,
      `stores: sqlite = file in ${tmpdir()} on disk; sqlite-memory = SQLite's own in-memory database (":memory:"), same Prisma client and schema; sqlite-shm = the file format and settings of sqlite on tmpfs /dev/shm; postgresql = local server (information only, no target)`,
    ],
    figures: [
      ...table(["store", "phase", "wall", "throughput", "p50", "p99", "max", "cpu/update"], rows),
      ...ratios,
      "",
      "one query, for scale (identity lookup by unique key, sequential, mean):",
      ...table(
        ["store", "Prisma findUnique", "better-sqlite3 directly"],
        measured.map((m) => [m.store, `${m.floor.prismaMs.toFixed(3)} ms`, m.floor.rawMs !== undefined ? `${(m.floor.rawMs * 1000).toFixed(1)} µs` : "—"]),
      ),
    ],
    targets,
    checks: measured.flatMap((m) => m.checks),
    ...(options.profile ? { profile: measured.flatMap((m) => m.profile ?? []) } : {}),
  };
}
