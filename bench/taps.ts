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
// The same workload runs on a SQLite file on disk, on a SQLite file on tmpfs
// (/dev/shm: "memory" — see bench/databases.ts for why not `file::memory:`), and, for
// information, on PostgreSQL.
import path from "node:path";
import Sqlite from "better-sqlite3";
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
import { withDatabase, type BenchStore } from "./databases.js";
import { seedProvince, telegramIdOf, TIME_ZONE } from "./seed.js";
import { formatProfile, profileQueries } from "./query-profile.js";
import { count, percentile, seconds, stopwatch, table, type BenchOptions, type BenchResult, type Check, type Target } from "./report.js";

const STORES: BenchStore[] = ["sqlite", "sqlite-shm", "postgresql"];
const CONCURRENCY = 16;
const MEMBERS_PER_CELL = 30;
const TARGET_PER_SECOND = 1_000;
const TARGET_P99_MS = 100;
const NOW = toUtc({ year: 2027, month: 6, day: 2, hour: 20, minute: 0 }, TIME_ZONE);
const MEETING_AT = toUtc({ year: 2027, month: 6, day: 5, hour: 19, minute: 30 }, TIME_ZONE);

const BOT_INFO = {
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
  store: BenchStore;
  phases: Phase[];
  /** One Prisma findUnique by a unique key, and the same lookup straight on better-sqlite3. */
  floor: { prismaMs: number; rawMs?: number };
  checks: Check[];
  profile?: string[];
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

function tapUpdates(cells: { memberIds: number[]; meetingId: number }[], taps: number, firstUpdateId: number): Update[] {
  const updates: Update[] = [];
  // Member m of every cell, then member m + 1 of every cell…: consecutive taps are from
  // different cells, as a province-wide burst would be.
  for (let m = 0; updates.length < taps && m < MEMBERS_PER_CELL; m++) {
    for (const cell of cells) {
      if (updates.length >= taps) break;
      const tg = telegramIdOf(cell.memberIds[m]!);
      const updateId = firstUpdateId + updates.length;
      updates.push({
        update_id: updateId,
        callback_query: {
          id: String(updateId),
          from: { id: tg, is_bot: false, first_name: "Member", language_code: "vi" },
          chat_instance: `ci${tg}`,
          data: `m:att:${cell.meetingId}:1`,
          message: {
            message_id: 1,
            date: Math.floor(NOW.getTime() / 1000) - 3600,
            chat: { id: tg, type: "private", first_name: "Member" },
            from: BOT_INFO,
            text: "Thông báo họp",
          },
        },
      } as Update);
    }
  }
  return updates;
}

/** Feeds the updates with at most `concurrency` in flight; latency is per update. */
async function feed(bot: Bot<BotContext>, updates: Update[], concurrency: number, label: string): Promise<Phase> {
  const latencies = new Float64Array(updates.length);
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
  const { wallMs, cpuMs } = watch();
  const values = Array.from(latencies);
  return {
    label,
    concurrency,
    wallMs,
    cpuPerUpdateMs: cpuMs / updates.length,
    perSecond: (updates.length * 1000) / wallMs,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: percentile(values, 100),
    failed,
    ...(firstError ? { firstError } : {}),
  };
}

async function measure(store: BenchStore, taps: number, options: BenchOptions): Promise<Measurement> {
  return withDatabase(store, async (database) => {
    const log = (line: string) => options.log(`  [taps ${store}] ${line}`);
    const cellCount = Math.ceil(taps / MEMBERS_PER_CELL);
    const province = await seedProvince(database.db, { cells: cellCount, membersPerCell: MEMBERS_PER_CELL });
    const cells: { memberIds: number[]; meetingId: number }[] = [];
    for (const cell of province.cells) {
      const meeting = await createMeeting(
        database.db,
        { orgId: cell.id, kind: "regular", startsAt: MEETING_AT, durationMinutes: 120, place: "Nhà văn hóa", agenda: "", documents: [] },
        "confirmed",
        NOW,
      );
      cells.push({ memberIds: cell.memberIds, meetingId: meeting.id });
    }
    log(`seeded ${count(cellCount)} cells, ${count(province.persons)} members, ${count(cellCount)} meetings`);

    const harness = benchBot(database.db);
    const updates = tapUpdates(cells, taps, 1);
    const checks: Check[] = [];
    /** Each phase starts from no answers and must end with one per tap, each confirmed. */
    const run = async (label: string, list: Update[], concurrency: number) => {
      await database.db.meetingAnswer.deleteMany();
      harness.resetCounts();
      const phase = await feed(harness.bot, list, concurrency, label);
      const answers = await database.db.meetingAnswer.count({ where: { answer: "attend" } });
      const ok = phase.failed === 0 && answers === list.length && harness.confirmations() === list.length && (harness.calls.get("sendMessage") ?? 0) === list.length;
      checks.push({
        name: `${label} on ${store}: every tap recorded and confirmed`,
        ok,
        detail: `${count(answers)} answers, ${count(harness.confirmations())} confirmations, ${count(harness.calls.get("sendMessage") ?? 0)} messages for ${count(list.length)} taps; ${phase.failed} failed${phase.firstError ? ` (${phase.firstError})` : ""}`,
      });
      log(`${label}: ${phase.perSecond.toFixed(0)} updates/s, p50 ${phase.p50.toFixed(2)} ms, p99 ${phase.p99.toFixed(2)} ms${phase.failed ? `, ${phase.failed} failed` : ""}`);
      return phase;
    };

    // Warm-up: JIT, Prisma's query plan caches, SQLite's page cache. Not reported.
    await feed(harness.bot, updates.slice(0, Math.min(500, Math.floor(taps / 10))), 1, "warm-up");
    const phases = [await run("sequential", updates, 1), await run(`concurrency ${CONCURRENCY}`, updates, CONCURRENCY)];
    const floor = await queryFloor(database.db, store === "postgresql" ? undefined : path.join(database.location, "bench.db"), updates.length);
    log(`floor: Prisma findUnique ${floor.prismaMs.toFixed(3)} ms${floor.rawMs !== undefined ? `, better-sqlite3 ${(floor.rawMs * 1000).toFixed(1)} µs` : ""}`);
    if (harness.loggedErrors() > 0) checks.push({ name: `no errors logged on ${store}`, ok: false, detail: `${harness.loggedErrors()} error lines` });

    let profile: string[] | undefined;
    if (options.profile) {
      // Queries per tap, sequentially: the wrapper's overhead stays out of the figures above.
      const profiled = profileQueries(database.db);
      const profiledBot = benchBot(profiled.db);
      await database.db.meetingAnswer.deleteMany();
      const sample = updates.slice(0, Math.min(2_000, updates.length));
      const phase = await feed(profiledBot.bot, sample, 1, "profiled");
      profile = [`${store}, ${count(sample.length)} taps sequentially (${seconds(phase.wallMs)} wall, with the profiling wrapper):`, ...formatProfile(profiled, { count: sample.length, label: "tap" })];
    }
    return { store, phases, floor, checks, ...(profile ? { profile } : {}) };
  });
}

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
  const measured: Measurement[] = [];
  for (const store of STORES) measured.push(await measure(store, taps, options));

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
  const memory = measured.find((m) => m.store === "sqlite-shm");
  const ratios: string[] = [];
  if (disk && memory) {
    ratios.push("", "disk / memory (SQLite file on disk ÷ the same on /dev/shm; > 1: disk is slower):");
    ratios.push(
      ...table(
        ["phase", "wall time", "p50", "p99"],
        disk.phases.map((d, i) => {
          const mem = memory.phases[i]!;
          return [d.label, (d.wallMs / mem.wallMs).toFixed(2), (d.p50 / mem.p50).toFixed(2), (d.p99 / mem.p99).toFixed(2)];
        }),
      ),
    );
  }
  const targets: Target[] = (disk?.phases ?? []).flatMap((p) => [
    { name: `throughput, ${p.label}, SQLite file`, goal: `≥ ${count(TARGET_PER_SECOND)} updates/s`, actual: `${p.perSecond.toFixed(0)}/s`, met: p.perSecond >= TARGET_PER_SECOND },
    { name: `p99 latency, ${p.label}, SQLite file`, goal: `< ${TARGET_P99_MS} ms`, actual: `${p.p99.toFixed(2)} ms`, met: p.p99 < TARGET_P99_MS },
  ]);
  return {
    name: "taps",
    setup: [
      `${count(taps)} callback_query updates "m:att:<meeting>:1", each from a different linked member (${count(Math.ceil(taps / MEMBERS_PER_CELL))} cells × ${MEMBERS_PER_CELL}), one confirmed meeting per cell 3 days ahead of the bot's clock`,
      `createBot(...) with botInfo (no getMe), bot.handleUpdate(update) directly; answerCallbackQuery and sendMessage answered by an API transformer (no HTTP); logger at "error"`,
      `phases: warm-up (${Math.min(500, Math.floor(taps / 10))} taps, not reported), then sequential, then ${CONCURRENCY} in flight; answers deleted before each phase`,
      `stores: sqlite = file in ${"$TMPDIR"} on disk; sqlite-shm = same file format and settings on tmpfs /dev/shm ("memory"); postgresql = local server (information only, no target)`,
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
