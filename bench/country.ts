// "country": one deployment, one bot per province, on one PostgreSQL (issue 18): 34
// provinces, 230,010 cells, 5.6 million members, and every cell meets on the same
// evening at 19:30 (Asia/Ho_Chi_Minh): the evening of bench/evening.ts, national.
//
//   1. seeding, set-based (INSERT … SELECT generate_series; Prisma would take hours):
//      country → 34 provinces → 226 communes each → 6,765 cells each; 24 members a cell
//      and a 25th in one cell of three, all official and linked to Telegram; every cell
//      met a month before and left a conclusion and three tasks (as evening.ts's
//      seedPreviousResolutions: every reminder opens with that review); every cell's
//      meeting of the evening confirmed a week ahead, and the plan marks of every item
//      before T−2h (T−72h, the summary, T−24h, the documents check), as the earlier
//      ticks leave them. Then applyBotRoutes with 34 routes (bot ids 7000000001…). Timed
//      apart, for information;
//   2. the busiest tick: runTick at 17:00 (the hourly jobs, as evening.ts runs them) and
//      at 17:30, T−2h, which queues a reminder per member: wall, CPU, peak RSS, rows,
//      rows per bot (each bot exactly its province's members; none for the default
//      bot), the outbox's size on disk;
//   3. the drain: 34 real Senders (one per route, each its own grammY Api) in this
//      process, as startRuntime runs them (one Prisma client, sender.start(1000)), at
//      Telegram's 30 messages a second per bot (perSecond 30, not the default 25), each
//      against its own BotApiStandin (its own 30/s window: one stand-in counts every
//      token against one window, so one per bot), the 34 stand-ins in a child process
//      (Telegram is not on the bot's cores... here it is on the same 2 cores: noted).
//      REAL time, no compression: a fixed window; per-bot rates, the process's CPU, the
//      database's; the full drain per bot extrapolated from its rate.
// PostgreSQL only; by name only (`--only country`): seeding alone takes minutes.
import { fork, type ChildProcess } from "node:child_process";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Api } from "grammy";
import type { Db } from "../src/db/client.js";
import { createLogger } from "../src/logger.js";
import { runTick } from "../src/jobs/tick.js";
import { applyBotRoutes, type BotRoute } from "../src/delivery/bot-routes.js";
import { Sender, type DeliveryCounters } from "../src/delivery/sender.js";
import { planMeeting } from "../src/domain/reminders.js";
import { resolveSettings } from "../src/domain/settings.js";
import { BotApiStandin } from "../src/testing/bot-api-standin.js";
import { chiboNodeFlags } from "./child.js";
import { withDatabase } from "./databases.js";
import { CONFIRMED_AT, dayStart, eveningTicks, PREVIOUS_AT, STARTS_AT } from "./evening.js";
import { TIME_ZONE } from "./seed.js";
import { formatProfile, profileQueries } from "./query-profile.js";
import { briefError } from "./plan.js";
import { count, percentile, seconds, stopwatch, table, type BenchOptions, type BenchResult, type Check, type Target } from "./report.js";
import { backendCpu, cpuBetween, machineJiffies, processCpuMs } from "./proc-cpu.js";

/** Telegram's limit per bot, messages a second (the sender's default is 25). */
const RATE = 30;
/** Member slots per cell: 24, and a 25th in one cell of three (as digest-national). */
const SLOTS = 25;
const CELLS_PER_COMMUNE = 30;
const CELL_ID_BASE = 1_000_000;
const COMMUNE_ID_BASE = 1_000;
/** Bot ids of the provinces' bots: 7000000001… */
const routeOf = (province: number) => String(7_000_000_000 + province);
/** A seeded person's Telegram chat (as bench/seed.ts telegramIdOf). */
const CHAT_BASE = 800_000_000;
const HOUR_MS = 3_600_000;
/** `chibo start` runs each sender with sender.start(1000) (src/runtime.ts). */
const SENDER_INTERVAL_MS = 1_000;

interface Size {
  provinces: number;
  cellsPerProvince: number;
  /** Real seconds of the drain: the first `warmupS` are not in the rates. */
  drainS: number;
  warmupS: number;
  /** Senders run in the drain: the first n bots' (all of them unless experimenting). */
  senders?: number;
}

const sql = (date: Date) => `TIMESTAMP '${date.toISOString().replace("T", " ").replace("Z", "")}'`;

// ---------------------------------------------------------------------------------
// Seeding.

interface Seeded {
  cells: number;
  persons: number;
  /** Members (= reminders due) per province, index p − 1. */
  membersOf: number[];
  stepMs: Record<string, number>;
  earlierKeys: string[];
}

/** Which province (1-based) a seeded person (its Telegram chat) belongs to: the check of each bot's chats. */
function provinceOfChat(chatId: number, cellsPerProvince: number): number {
  const k = Math.floor((chatId - CHAT_BASE - 1) / SLOTS);
  return Math.floor(k / cellsPerProvince) + 1;
}

async function seedCountry(db: Db, size: Size, log: (line: string) => void): Promise<Seeded> {
  const { provinces, cellsPerProvince } = size;
  const communesPerProvince = Math.ceil(cellsPerProvince / CELLS_PER_COMMUNE);
  const cellCount = provinces * cellsPerProvince;
  const stepMs: Record<string, number> = {};
  const step = async (name: string, text: string) => {
    const started = performance.now();
    const rows = await db.$executeRawUnsafe(text);
    stepMs[name] = performance.now() - started;
    log(`seed ${name}: ${count(rows)} rows in ${seconds(stepMs[name]!)}`);
    return rows;
  };
  const stamp = sql(new Date(CONFIRMED_AT.getTime() - 30 * 86_400_000));
  const provinceId = (p: string) => `(1 + ${p})`;
  const communeId = (p: string, c: string) => `(${COMMUNE_ID_BASE} + (${p} - 1) * ${communesPerProvince} + ${c})`;
  const provinceOf = (k: string) => `(${k} / ${cellsPerProvince} + 1)`;
  const communeIndexOf = (k: string) => `((${k} % ${cellsPerProvince}) / ${CELLS_PER_COMMUNE})`;
  const cellsOf = `FROM generate_series(0, ${cellCount - 1}) k`;
  const slots = `${cellsOf} CROSS JOIN generate_series(0, ${SLOTS - 1}) s WHERE (s < ${SLOTS - 1} OR k % 3 = 0)`;
  const person = `(k * ${SLOTS} + s + 1)`;
  // A session setting: the seed is not measured (and a crash only loses the bench's own database).
  await db.$executeRawUnsafe("SET synchronous_commit = off");

  await step(
    "orgs",
    `INSERT INTO "Org" ("id", "code", "name", "kind", "parentId", "path", "timezone", "updatedAt")
     SELECT 1, 'TW', 'Trung ương', 'central', NULL, '/1/', '${TIME_ZONE}', ${stamp}
     UNION ALL
     SELECT ${provinceId("p")}, 'P' || p, 'Tỉnh ủy ' || p, 'province', 1, '/1/' || ${provinceId("p")} || '/', '${TIME_ZONE}', ${stamp}
     FROM generate_series(1, ${provinces}) p
     UNION ALL
     SELECT ${communeId("p", "c")}, 'X' || p || '-' || c, 'Đảng ủy xã ' || p || '-' || c, 'commune', ${provinceId("p")},
            '/1/' || ${provinceId("p")} || '/' || ${communeId("p", "c")} || '/', '${TIME_ZONE}', ${stamp}
     FROM generate_series(1, ${provinces}) p CROSS JOIN generate_series(0, ${communesPerProvince - 1}) c
     UNION ALL
     SELECT ${CELL_ID_BASE} + k, 'C' || k, 'Chi bộ ' || k, 'cell', ${communeId(provinceOf("k"), communeIndexOf("k"))},
            '/1/' || ${provinceId(provinceOf("k"))} || '/' || ${communeId(provinceOf("k"), communeIndexOf("k"))} || '/' || (${CELL_ID_BASE} + k) || '/',
            '${TIME_ZONE}', ${stamp}
     ${cellsOf}`,
  );
  const persons = await step(
    "persons",
    `INSERT INTO "Person" ("id", "fullName", "phone", "telegramUserId", "telegramChatId", "linkedAt", "updatedAt")
     SELECT ${person}, 'Đảng viên ' || ${person}, '+849' || lpad(${person}::text, 8, '0'),
            (${CHAT_BASE} + ${person})::text, (${CHAT_BASE} + ${person})::text, ${stamp}, ${stamp}
     ${slots}`,
  );
  await step(
    "memberships",
    `INSERT INTO "Membership" ("orgId", "personId", "status", "role", "updatedAt")
     SELECT ${CELL_ID_BASE} + k, ${person}, 'official', CASE WHEN s = 0 THEN 'secretary' ELSE 'member' END, ${stamp}
     ${slots}`,
  );

  // Last month's meeting of every cell (id k + 1), held, recorded, concluded, with three
  // tasks (ids 3k + 1..3): as evening.ts's seedPreviousResolutions writes them.
  const recordedAt = new Date(PREVIOUS_AT.getTime() + 3 * HOUR_MS);
  await step(
    "last month's meetings",
    `INSERT INTO "Meeting" ("id", "orgId", "kind", "forMonth", "startsAt", "durationMinutes", "place", "agenda", "status", "confirmedAt", "createdAt", "updatedAt")
     SELECT k + 1, ${CELL_ID_BASE} + k, 'regular', '2027-05', ${sql(PREVIOUS_AT)}, 120, 'Nhà văn hóa', 'Sinh hoạt thường kỳ tháng 5', 'confirmed',
            ${sql(new Date(PREVIOUS_AT.getTime() - 7 * 86_400_000))}, ${sql(PREVIOUS_AT)}, ${sql(PREVIOUS_AT)}
     ${cellsOf}`,
  );
  await step(
    "records",
    `INSERT INTO "MeetingRecord" ("meetingId", "state", "startedAt", "endedAt", "submittedAt", "updatedAt")
     SELECT k + 1, 'submitted', ${sql(PREVIOUS_AT)}, ${sql(recordedAt)}, ${sql(recordedAt)}, ${sql(recordedAt)} ${cellsOf}`,
  );
  await step(
    "conclusions",
    `INSERT INTO "MeetingConclusion" ("meetingId", "text", "votesFor", "votesAgainst", "votesAbstain", "countedOfficial", "passed", "recordedAt")
     SELECT k + 1, 'Chi bộ thống nhất tập trung lãnh đạo thu đảng phí đúng hạn, rà soát đảng viên miễn sinh hoạt và hưởng ứng phong trào học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.',
            28, 0, 0, 30, true, ${sql(recordedAt)} ${cellsOf}`,
  );
  await step(
    "tasks",
    `INSERT INTO "Task" ("id", "meetingId", "orgId", "text", "dueOn", "wholeCell", "createdAt")
     SELECT 3 * k + 1, k + 1, ${CELL_ID_BASE} + k, 'Thu đảng phí quý II đầy đủ', ${sql(dayStart(10))}, false, ${sql(recordedAt)} ${cellsOf}
     UNION ALL
     SELECT 3 * k + 2, k + 1, ${CELL_ID_BASE} + k, 'Rà soát danh sách đảng viên diện miễn sinh hoạt', ${sql(dayStart(30))}, false, ${sql(recordedAt)} ${cellsOf}
     UNION ALL
     SELECT 3 * k + 3, k + 1, ${CELL_ID_BASE} + k, 'Mỗi đảng viên đăng ký một việc làm theo gương Bác', ${sql(dayStart(12))}, true, ${sql(recordedAt)} ${cellsOf}`,
  );
  // The fees to the treasurer (slot 1), done; the review to slots 2 and 3, open; the
  // pledge to every member, the first ten done.
  await step(
    "task assignees",
    `INSERT INTO "TaskAssignee" ("taskId", "personId", "doneAt")
     SELECT 3 * k + 1, k * ${SLOTS} + 2, ${sql(dayStart(5))} ${cellsOf}
     UNION ALL
     SELECT 3 * k + 2, k * ${SLOTS} + 3, NULL ${cellsOf}
     UNION ALL
     SELECT 3 * k + 2, k * ${SLOTS} + 4, NULL ${cellsOf}
     UNION ALL
     SELECT 3 * k + 3, ${person}, CASE WHEN s < 10 THEN ${sql(dayStart(8))} END ${slots}`,
  );
  await step(
    "task notes",
    `INSERT INTO "TaskNote" ("taskId", "personId", "text", "createdAt")
     SELECT 3 * k + 1, k * ${SLOTS} + 2, 'Đã thu đủ 30/30 đồng chí.', ${sql(dayStart(5))} ${cellsOf}`,
  );

  // The evening: every cell's meeting (id cells + k + 1) confirmed a week ahead, as
  // confirmEveningMeeting (createMeeting) leaves it.
  await step(
    "the evening's meetings",
    `INSERT INTO "Meeting" ("id", "orgId", "kind", "forMonth", "startsAt", "durationMinutes", "place", "agenda", "status", "confirmedAt", "createdAt", "updatedAt")
     SELECT ${cellCount} + k + 1, ${CELL_ID_BASE} + k, 'regular', '2027-06', ${sql(STARTS_AT)}, 120, 'Nhà văn hóa', 'Sinh hoạt thường kỳ', 'confirmed',
            ${sql(CONFIRMED_AT)}, ${sql(CONFIRMED_AT)}, ${sql(CONFIRMED_AT)}
     ${cellsOf}`,
  );
  // What the earlier ticks (T−72h, the summary, T−24h, the documents check) leave: their
  // plan marks, so the T−2h tick finds them handled, as in service. (Their outbox rows,
  // ~17 million sent over the days before, are not seeded: see the setup lines.)
  const { last } = eveningTicks();
  const earlierKeys = planMeeting({ startsAt: STARTS_AT, timeZone: TIME_ZONE, settings: resolveSettings([]) })
    .filter((item) => item.dueAt < last.dueAt)
    .map((item) => item.key);
  await step(
    "plan marks",
    `INSERT INTO "PlanMark" ("key", "outcome", "createdAt")
     SELECT 'meeting:' || (${cellCount} + k + 1) || ':1:' || item, 'queued', ${sql(CONFIRMED_AT)}
     ${cellsOf} CROSS JOIN unnest(ARRAY[${earlierKeys.map((key) => `'${key}'`).join(", ")}]::text[]) AS item`,
  );
  for (const table of ["Org", "Person", "Membership", "Meeting", "Task", "TaskAssignee", "TaskNote"]) {
    await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), GREATEST(1, (SELECT MAX("id") FROM "${table}")))`);
  }
  const analyzed = performance.now();
  await db.$executeRawUnsafe("ANALYZE");
  stepMs.analyze = performance.now() - analyzed;
  await db.$executeRawUnsafe("SET synchronous_commit = on");

  const membersOf = Array.from({ length: provinces }, (_, i) => {
    let n = 0;
    for (let k = i * cellsPerProvince; k < (i + 1) * cellsPerProvince; k++) n += k % 3 === 0 ? SLOTS : SLOTS - 1;
    return n;
  });
  return { cells: cellCount, persons, membersOf, stepMs, earlierKeys };
}

// ---------------------------------------------------------------------------------
// The stand-ins' process: one BotApiStandin per bot, each its own 30/s window.

interface HostRequest {
  bots: number;
  rate: number;
  cellsPerProvince: number;
}
/** Per stand-in (bot p at index p − 1): messages accepted, 429s, chats of another province, second messages to a chat. */
interface HostCounts {
  at: number;
  cpuMs: number;
  accepted: number[];
  throttled: number[];
  foreign: number[];
  duplicates: number[];
}

async function hostStandins(request: HostRequest): Promise<void> {
  const standins = await Promise.all(Array.from({ length: request.bots }, () => BotApiStandin.start({ ratePerSecond: request.rate })));
  const accepted = standins.map(() => 0);
  const foreign = standins.map(() => 0);
  const duplicates = standins.map(() => 0);
  const chats = standins.map(() => new Set<number>());
  // Counted and let go every half second: a stand-in keeps every message's text.
  const collect = (): HostCounts => {
    standins.forEach((standin, i) => {
      for (const s of standin.sent) {
        if (s.method !== "sendMessage") continue;
        accepted[i]! += 1;
        const chat = Number(s.chatId);
        if (provinceOfChat(chat, request.cellsPerProvince) !== i + 1) foreign[i]! += 1;
        if (chats[i]!.has(chat)) duplicates[i]! += 1;
        else chats[i]!.add(chat);
      }
      standin.sent.length = 0;
    });
    const cpu = process.cpuUsage();
    return {
      at: Date.now(),
      cpuMs: (cpu.user + cpu.system) / 1000,
      accepted: [...accepted],
      throttled: standins.map((s) => s.failures.filter((f) => f.rateLimited).length),
      foreign: [...foreign],
      duplicates: [...duplicates],
    };
  };
  const timer = setInterval(() => process.send!({ counts: collect() }), 500);
  process.on("message", (message) => {
    if (message !== "stop") return;
    clearInterval(timer);
    const counts = collect();
    void Promise.all(standins.map((s) => s.stop())).then(() => process.send!({ final: counts }, () => process.exit(0)));
  });
  process.send!({ apiRoots: standins.map((s) => s.apiRoot) });
}

/** Starts the stand-ins' process; resolves with their roots and a handle on their counts. */
async function startHost(request: HostRequest) {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [JSON.stringify(request)], {
    execArgv: [...chiboNodeFlags(), "--import", import.meta.resolve("tsx")],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let latest: HostCounts | undefined;
  let resolveFinal: (counts: HostCounts) => void;
  const final = new Promise<HostCounts>((resolve) => (resolveFinal = resolve));
  const apiRoots = await new Promise<string[]>((resolve, reject) => {
    child.on("message", (message: { apiRoots?: string[]; counts?: HostCounts; final?: HostCounts }) => {
      if (message.apiRoots) resolve(message.apiRoots);
      if (message.counts) latest = message.counts;
      if (message.final) resolveFinal(message.final);
    });
    child.once("exit", (code) => reject(new Error(`stand-ins' process exited with ${code}`)));
  });
  return {
    apiRoots,
    pid: child.pid!,
    latest: () => latest,
    stop: async () => {
      child.send("stop");
      return final;
    },
  };
}

// ---------------------------------------------------------------------------------

async function dbStats(db: Db) {
  const [row] = await db.$queryRawUnsafe<{ xact: bigint; fetched: bigint; updated: bigint; blks_read: bigint; blks_hit: bigint }[]>(
    `SELECT xact_commit + xact_rollback AS xact, tup_fetched AS fetched, tup_updated AS updated, blks_read, blks_hit FROM pg_stat_database WHERE datname = current_database()`,
  );
  return { xact: Number(row!.xact), fetched: Number(row!.fetched), updated: Number(row!.updated), blksRead: Number(row!.blks_read), blksHit: Number(row!.blks_hit) };
}

// ---------------------------------------------------------------------------------
// The measurement.

interface TickFigures {
  label: string;
  wallMs: number;
  cpuMs: number;
  serverCpuMs: number;
  rows: number;
  rssBeforeMb: number;
  peakRssMb: number;
  summary?: Record<string, number>;
  error?: string;
  /** Rows queued, by kind (the hourly tick's). */
  kinds?: Record<string, number>;
}

interface DrainFigures {
  senders: number;
  windowS: number;
  /** Messages accepted per bot over the measured window, per second. */
  rates: number[];
  total: number;
  /** Sent over the whole run, per bot (warm-up included). */
  sentByBot: number[];
  cpuMs: number;
  childCpuMs: number;
  serverCpuMs: number;
  machineBusy: number;
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  xactPerS: number;
  updatedPerS: number;
  throttled: number;
  foreign: number;
  duplicates: number;
  counted: { sent: number; failed: number; dropped: number; rateLimited: number; retried: number };
  loggedErrors: number;
  /** Accepted per second over the run, every 10 s (all bots). */
  timeline: string[];
}

interface Measurement {
  seeded: Seeded;
  seedMs: number;
  routes: { ms: number; orgs: number; missing: string[]; messages: number };
  hourly: TickFigures;
  peak: TickFigures;
  byBot: Map<string, number>;
  reminders: number;
  outboxBytes: number;
  outboxTableBytes: number;
  databaseBytes: number;
  rowBytes: number;
  drain: DrainFigures;
  /** The index each of the senders' statements takes, by the statistics of before the tick and after ANALYZE. */
  plans: { before: string; after: string; analyzeMs: number };
  profile?: string[];
}

const mb = (kb: number) => kb / 1024;

async function measure(size: Size, options: BenchOptions): Promise<Measurement> {
  return withDatabase("postgresql", async ({ db, location }) => {
    const log = (line: string) => options.log(`  [country] ${line}`);
    log(`database ${location}`);
    let watch = stopwatch();
    const seeded = await seedCountry(db, size, log);
    const seedMs = watch().wallMs;
    log(`seeded ${count(seeded.cells)} cells, ${count(seeded.persons)} members in ${seconds(seedMs)}`);

    const routes: BotRoute[] = Array.from({ length: size.provinces }, (_, i) => ({ org: `P${i + 1}`, route: routeOf(i + 1) }));
    watch = stopwatch();
    const applied = await applyBotRoutes(db, routes);
    const routesMs = watch().wallMs;
    log(`applyBotRoutes: ${count(applied.orgs)} orgs, ${applied.messages} messages moved, missing [${applied.missing.join(", ")}] in ${seconds(routesMs)}`);
    await db.$executeRawUnsafe(`ANALYZE "Org"`);

    let loggedErrors = 0;
    const logger = createLogger("error", { write: () => void (loggedErrors += 1) });
    const profile = options.profile ? profileQueries(db) : undefined;
    const tickDb = profile?.db ?? db;
    const tick = async (label: string, at: Date): Promise<TickFigures> => {
      const before = await db.outboxMessage.count();
      const serverBefore = await backendCpu(db);
      const rssBeforeMb = mb(process.resourceUsage().maxRSS);
      watch = stopwatch();
      let summary: Record<string, number> | undefined;
      let error: string | undefined;
      try {
        summary = await runTick(tickDb, at, logger);
      } catch (thrown) {
        error = briefError(thrown);
        log(`${label} tick threw: ${thrown instanceof Error ? (thrown.stack ?? thrown.message).split("\n").slice(0, 8).join(" | ") : String(thrown)}`);
      }
      const { wallMs, cpuMs } = watch();
      const peakRssMb = mb(process.resourceUsage().maxRSS);
      const serverCpuMs = cpuBetween(serverBefore, await backendCpu(db));
      const rows = (await db.outboxMessage.count()) - before;
      log(`${label} tick: ${count(rows)} rows in ${seconds(wallMs)} (cpu ${seconds(cpuMs)}, server ${seconds(serverCpuMs)}), max RSS ${rssBeforeMb.toFixed(0)} → ${peakRssMb.toFixed(0)} MB${error ? `; threw: ${error}` : ""}`);
      return { label, wallMs, cpuMs, serverCpuMs, rows, rssBeforeMb, peakRssMb, ...(summary ? { summary } : {}), ...(error ? { error } : {}) };
    };
    const { last } = eveningTicks();
    const hourly = await tick("17:00 (hourly jobs)", new Date(Math.floor(last.dueAt.getTime() / HOUR_MS) * HOUR_MS));
    // What the 17:00 tick queued went out in the half hour before 17:30 (its kinds are
    // reported); PostgreSQL then VACUUMed, as in drain.ts: the drain sends the reminders alone.
    const hourlyKinds = await db.$queryRawUnsafe<{ kind: string; n: bigint }[]>(
      `SELECT "kind", COUNT(*) AS n FROM "OutboxMessage" WHERE "status" = 'pending' GROUP BY "kind" ORDER BY "kind"`,
    );
    hourly.kinds = Object.fromEntries(hourlyKinds.map((r) => [r.kind, Number(r.n)]));
    await db.$executeRawUnsafe(`UPDATE "OutboxMessage" SET "status" = 'sent', "sentAt" = "notBefore", "leaseUntil" = NULL WHERE "status" IN ('pending', 'sending')`);
    await db.$executeRawUnsafe(`VACUUM ANALYZE "OutboxMessage"`);
    profile?.reset();
    const peak = await tick(`17:30 ${last.key} (T−2h)`, last.dueAt);
    const profileLines = profile ? [`the ${last.key} tick (${seconds(peak.wallMs)} wall), through the profiler:`, ...formatProfile(profile)] : undefined;

    // The statistics: autovacuum is off on this server (it runs in service, but only
    // after its nap, and on a table of gigabytes vacuums before it analyzes). As the tick
    // left them, they describe the outbox before it (every row sent): the senders' claim
    // plans then, and after ANALYZE, which the drain runs with.
    const plansBefore = await claimPlans(db, last.dueAt);
    watch = stopwatch();
    await db.$executeRawUnsafe(`ANALYZE "OutboxMessage"`);
    const analyzeMs = watch().wallMs;
    const plansAfter = await claimPlans(db, last.dueAt);
    log(`claim plans with the statistics of before the tick: ${plansBefore}; after ANALYZE (${seconds(analyzeMs)}): ${plansAfter}`);

    const reminderKey = `%:${last.key}:%`;
    const byBotRows = await db.$queryRawUnsafe<{ bot: string; n: bigint }[]>(
      `SELECT "bot", COUNT(*) AS n FROM "OutboxMessage" WHERE "kind" = 'reminder' AND "key" LIKE '${reminderKey}' GROUP BY "bot"`,
    );
    const byBot = new Map(byBotRows.map((r) => [r.bot, Number(r.n)]));
    const reminders = [...byBot.values()].reduce((a, b) => a + b, 0);
    const [sizes] = await db.$queryRawUnsafe<{ total: bigint; heap: bigint; database: bigint; rows: bigint }[]>(
      `SELECT pg_total_relation_size('"OutboxMessage"') AS total, pg_relation_size('"OutboxMessage"') AS heap,
              pg_database_size(current_database()) AS database, (SELECT COUNT(*) FROM "OutboxMessage") AS rows`,
    );
    const outboxBytes = Number(sizes!.total);
    const rowBytes = outboxBytes / Math.max(1, Number(sizes!.rows));
    log(`reminders by bot: ${byBot.size} bots, ${count(reminders)} rows; outbox ${(outboxBytes / 2 ** 30).toFixed(2)} GiB (${rowBytes.toFixed(0)} B a row), database ${(Number(sizes!.database) / 2 ** 30).toFixed(2)} GiB`);

    const drain = await drainWindow(db, size, last.dueAt, log);
    drain.loggedErrors += loggedErrors;
    return {
      seeded,
      seedMs,
      routes: { ms: routesMs, ...applied },
      hourly,
      peak,
      byBot,
      reminders,
      outboxBytes,
      outboxTableBytes: Number(sizes!.heap),
      databaseBytes: Number(sizes!.database),
      rowBytes,
      drain,
      plans: { before: plansBefore, after: plansAfter, analyzeMs },
      ...(profileLines ? { profile: profileLines } : {}),
    };
  });
}

/**
 * The index (or scan) PostgreSQL picks for a sender's claim (bulk lane), its look for
 * direct rows (lane 0) and its sweep of expired rows, for one bot: the statements of
 * src/delivery/outbox-store.ts, with the channel filter left out (it is not indexed).
 */
async function claimPlans(db: Db, at: Date): Promise<string> {
  const now = sql(at);
  const bot = routeOf(1);
  const statements: [string, string][] = [
    ["claim", `SELECT "id" FROM "OutboxMessage" WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now} AND "notBefore" <= ${now} AND "bot" = '${bot}' ORDER BY "lane", "expiresAt", "nextAttemptAt", "id" LIMIT 120 FOR UPDATE SKIP LOCKED`],
    ["direct", `SELECT "id" FROM "OutboxMessage" WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now} AND "notBefore" <= ${now} AND "lane" = 0 AND "bot" = '${bot}' ORDER BY "lane", "expiresAt", "nextAttemptAt", "id" LIMIT 30 FOR UPDATE SKIP LOCKED`],
    ["sweep", `SELECT "id" FROM "OutboxMessage" WHERE "status" = 'pending' AND "lane" IN (0, 1) AND "nextAttemptAt" <= ${now} AND "expiresAt" IS NOT NULL AND "expiresAt" <= ${now} AND "bot" = '${bot}' LIMIT 10000 FOR UPDATE SKIP LOCKED`],
  ];
  const parts: string[] = [];
  for (const [name, statement] of statements) {
    const rows = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${statement}`);
    const lines = rows.map((r) => r["QUERY PLAN"]);
    const scan = lines.map((l) => /(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)(?: Backward)?(?: using "?([A-Za-z_]+)"?)?/.exec(l)).find(Boolean);
    parts.push(`${name}: ${scan ? `${scan[1]}${scan[2] ? ` ${scan[2]}` : ""}` : "?"}${lines.some((l) => l.includes("Sort Key")) ? " + sort" : ""}`);
  }
  return parts.join("; ");
}

/** 34 senders at 30/s each for a fixed real-time window, from 17:30 (the rows' clock runs in real time). */
async function drainWindow(db: Db, size: Size, dueAt: Date, log: (line: string) => void): Promise<DrainFigures> {
  const host = await startHost({ bots: size.provinces, rate: RATE, cellsPerProvince: size.cellsPerProvince });
  let loggedErrors = 0;
  const logger = createLogger("error", { write: () => void (loggedErrors += 1) });
  const counted = { sent: 0, failed: 0, dropped: 0, rateLimited: 0, retried: 0 };
  const counters: DeliveryCounters = {
    sent: (n) => void (counted.sent += n),
    retried: (n) => void (counted.retried += n),
    failed: (n) => void (counted.failed += n),
    dropped: (n) => void (counted.dropped += n),
    rateLimited: () => void (counted.rateLimited += 1),
  };
  const t0 = performance.now();
  const clock = () => new Date(dueAt.getTime() + (performance.now() - t0));
  const senders = host.apiRoots.slice(0, size.senders ?? host.apiRoots.length).map(
    (apiRoot, i) =>
      new Sender({
        db,
        api: new Api(`${routeOf(i + 1)}:BENCH`, { apiRoot }),
        logger,
        now: clock,
        channel: "telegram",
        bot: routeOf(i + 1),
        limits: { perSecond: RATE },
        counters,
      }),
  );
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const timeline: string[] = [];
  let windowStart: { counts: HostCounts; cpu: NodeJS.CpuUsage; server: Map<number, number>; machine: ReturnType<typeof machineJiffies>; stats: Awaited<ReturnType<typeof dbStats>>; childCpu: number } | undefined;
  try {
    for (const sender of senders) sender.start(SENDER_INTERVAL_MS);
    let previous = 0;
    let previousAt = performance.now();
    let nextLog = 10;
    while (performance.now() - t0 < size.drainS * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const elapsed = (performance.now() - t0) / 1000;
      if (!windowStart && elapsed >= size.warmupS && host.latest()) {
        windowStart = { counts: host.latest()!, cpu: process.cpuUsage(), server: await backendCpu(db), machine: machineJiffies(), stats: await dbStats(db), childCpu: processCpuMs(host.pid) };
        loop.enable();
      }
      const latest = host.latest();
      if (latest && elapsed >= nextLog) {
        nextLog += 10;
        const total = latest.accepted.reduce((a, b) => a + b, 0);
        const rate = (total - previous) / ((performance.now() - previousAt) / 1000);
        timeline.push(`${Math.round(elapsed)} s: ${rate.toFixed(0)}/s`);
        log(`drain +${Math.round(elapsed)} s: ${count(total)} accepted (${rate.toFixed(0)}/s over the last 10 s), ${counted.rateLimited} × 429`);
        previous = total;
        previousAt = performance.now();
      }
    }
  } finally {
    loop.disable();
  }
  // The window ends here; the senders stop after it (their stop waits for a batch's sends).
  const end = { counts: host.latest()!, cpu: process.cpuUsage(windowStart!.cpu), server: await backendCpu(db), machine: machineJiffies(), stats: await dbStats(db), childCpu: processCpuMs(host.pid) };
  await Promise.all(senders.map((sender) => sender.stop()));
  const final = await host.stop();
  const start = windowStart!;
  const windowS = (end.counts.at - start.counts.at) / 1000;
  const rates = end.counts.accepted.slice(0, senders.length).map((n, i) => (n - start.counts.accepted[i]!) / windowS);
  const machine = (end.machine.busy - start.machine.busy) / Math.max(1, end.machine.total - start.machine.total);
  return {
    senders: senders.length,
    windowS,
    rates,
    total: rates.reduce((a, b) => a + b, 0),
    sentByBot: final.accepted.slice(0, senders.length),
    cpuMs: (end.cpu.user + end.cpu.system) / 1000,
    childCpuMs: end.childCpu - start.childCpu,
    serverCpuMs: cpuBetween(start.server, end.server),
    machineBusy: machine,
    eventLoopP99Ms: loop.percentile(99) / 1e6,
    eventLoopMaxMs: loop.max / 1e6,
    xactPerS: (end.stats.xact - start.stats.xact) / windowS,
    updatedPerS: (end.stats.updated - start.stats.updated) / windowS,
    throttled: final.throttled.reduce((a, b) => a + b, 0),
    foreign: final.foreign.reduce((a, b) => a + b, 0),
    duplicates: final.duplicates.reduce((a, b) => a + b, 0),
    counted,
    loggedErrors,
    timeline,
  };
}

export async function runCountry(options: BenchOptions): Promise<BenchResult> {
  const size: Size = options.quick
    ? { provinces: 34, cellsPerProvince: 30, drainS: 40, warmupS: 10 }
    : { provinces: 34, cellsPerProvince: 6_765, drainS: 180, warmupS: 30 };
  // For experiments (not the measured run): fewer cells per province, a drain of only
  // the first n bots' senders (where one instance saturates), another window.
  const knob = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  size.cellsPerProvince = knob("BENCH_COUNTRY_CELLS") ?? size.cellsPerProvince;
  size.senders = knob("BENCH_COUNTRY_SENDERS") ?? size.provinces;
  size.drainS = knob("BENCH_COUNTRY_DRAIN_S") ?? size.drainS;
  const m = await measure(size, options);
  const { seeded, drain } = m;
  const members = seeded.persons;
  const perBot = seeded.membersOf;
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  const routeCounts = perBot.map((_, i) => m.byBot.get(routeOf(i + 1)) ?? 0);
  const sortedRates = [...drain.rates].sort((a, b) => a - b);
  /** Full drain of each bot's reminders at its measured rate, seconds. */
  const drainS = drain.rates.map((rate, i) => perBot[i]! / rate);
  const hours = (s: number) => `${Math.floor(s / 3600)} h ${String(Math.round((s % 3600) / 60)).padStart(2, "0")} min`;
  const tickRow = (t: TickFigures) => [
    t.label,
    seconds(t.wallMs),
    seconds(t.cpuMs),
    seconds(t.serverCpuMs),
    count(t.rows),
    `${t.rssBeforeMb.toFixed(0)} → ${t.peakRssMb.toFixed(0)} MB`,
  ];
  const figures = [
    ...table(
      ["seeding (information)", "cells", "members", "rows per step (s)", "applyBotRoutes"],
      [[seconds(m.seedMs), count(seeded.cells), count(members), Object.entries(seeded.stepMs).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(", "), `${seconds(m.routes.ms)} (${count(m.routes.orgs)} orgs)`]],
    ),
    "",
    ...table(["tick", "wall", "bot CPU", "PostgreSQL CPU", "rows queued", "max RSS (before → after)"], [tickRow(m.hourly), tickRow(m.peak)]),
    `outbox after the T−2h tick: ${gib(m.outboxBytes)} with its indexes (table ${gib(m.outboxTableBytes)}; ${m.rowBytes.toFixed(0)} bytes a row), database ${gib(m.databaseBytes)}`,
    `senders' plans (bot ${routeOf(1)}), by the statistics of before the tick: ${m.plans.before}; after ANALYZE "OutboxMessage" (${seconds(m.plans.analyzeMs)}; the drain runs after it): ${m.plans.after}`,
    `T−2h reminders per bot: min ${count(Math.min(...routeCounts))}, max ${count(Math.max(...routeCounts))} over ${perBot.length} bots; default bot "": ${count(m.byBot.get("") ?? 0)}`,
    "",
    ...table(
      ["drain (real time)", "senders", "per bot min", "median", "max", "all bots", "of the limit", "bot CPU", "stand-ins CPU", "PostgreSQL CPU", "machine busy", "transactions/s", "rows updated/s", "event loop p99 / max"],
      [[
        `${drain.windowS.toFixed(0)} s window after ${size.warmupS} s`,
        String(drain.senders),
        `${sortedRates[0]!.toFixed(2)}/s`,
        `${percentile(drain.rates, 50).toFixed(2)}/s`,
        `${sortedRates[sortedRates.length - 1]!.toFixed(2)}/s`,
        `${drain.total.toFixed(0)}/s`,
        `${((drain.total / (drain.senders * RATE)) * 100).toFixed(0)}% of ${drain.senders} × 30/s`,
        `${((drain.cpuMs / 1000 / drain.windowS) * 100).toFixed(0)}% of a core`,
        `${((drain.childCpuMs / 1000 / drain.windowS) * 100).toFixed(0)}%`,
        `${((drain.serverCpuMs / 1000 / drain.windowS) * 100).toFixed(0)}%`,
        `${(drain.machineBusy * 100).toFixed(0)}% of 2 cores`,
        drain.xactPerS.toFixed(0),
        drain.updatedPerS.toFixed(0),
        `${drain.eventLoopP99Ms.toFixed(0)} / ${drain.eventLoopMaxMs.toFixed(0)} ms`,
      ]],
    ),
    `accepted per second (all bots), every 10 s from the start: ${drain.timeline.join(", ")}`,
    `full drain per bot at its measured rate: min ${hours(Math.min(...drainS))}, median ${hours(percentile(drainS, 50))}, max ${hours(Math.max(...drainS))} (its rows / its rate; at a full 30/s: ${hours(Math.max(...perBot) / RATE)}); the T−2h reminders expire at 19:30, 2 h after they are queued`,
  ];
  const expectedByBot = perBot.every((n, i) => routeCounts[i] === n);
  const checks: Check[] = [
    { name: "applyBotRoutes found every province", ok: m.routes.missing.length === 0, detail: `${count(m.routes.orgs)} orgs given a bot; missing: ${m.routes.missing.join(", ") || "none"}` },
    {
      name: "the T−2h tick queued a reminder per member",
      ok: !m.peak.error && m.reminders === members && m.peak.summary?.reminders === members,
      detail: `${count(m.reminders)} rows (summary ${count(m.peak.summary?.reminders ?? 0)}; expected ${count(members)})${m.peak.error ? `; threw ${m.peak.error}` : ""}`,
    },
    {
      name: "each bot has exactly its province's reminders, the default bot none",
      ok: expectedByBot && (m.byBot.get("") ?? 0) === 0 && m.byBot.size === perBot.length,
      detail: `${perBot.filter((n, i) => routeCounts[i] === n).length} of ${perBot.length} bots exact; "" has ${count(m.byBot.get("") ?? 0)}; ${m.byBot.size} distinct bots`,
    },
    {
      name: "the hourly tick ran without error",
      ok: !m.hourly.error,
      detail: m.hourly.error ?? `${count(m.hourly.rows)} rows (${Object.entries(m.hourly.kinds ?? {}).map(([kind, n]) => `${kind} ${count(n)}`).join(", ")}), marked sent before 17:30`,
    },
    {
      name: "every bot sent only its own province's members, each once",
      ok: drain.foreign === 0 && drain.duplicates === 0 && drain.sentByBot.every((n) => n > 0),
      detail: `${count(drain.sentByBot.reduce((a, b) => a + b, 0))} accepted; ${drain.foreign} to another province's member, ${drain.duplicates} second messages to a chat; bots that sent nothing: ${drain.sentByBot.filter((n) => n === 0).length}`,
    },
    {
      name: "no error logged, nothing failed or dropped",
      ok: drain.loggedErrors === 0 && drain.counted.failed === 0 && drain.counted.dropped === 0,
      detail: `${drain.loggedErrors} error lines, ${drain.counted.failed} failed, ${drain.counted.dropped} dropped, ${drain.counted.retried} retried, ${drain.throttled} × 429 at the stand-ins`,
    },
  ];
  const slowest = Math.max(...drainS);
  const targets: Target[] = [
    { name: "every bot's T−2h reminders out before 19:30 (extrapolated)", goal: "< 2 h", actual: hours(slowest), met: slowest < 7_200 },
    { name: `one instance keeps up with ${drain.senders} bots × 30/s`, goal: `≥ ${(0.95 * drain.senders * RATE).toFixed(0)}/s (95%)`, actual: `${drain.total.toFixed(0)}/s`, met: drain.total >= 0.95 * drain.senders * RATE },
  ];
  return {
    name: "country",
    setup: [
      `PostgreSQL: country → ${size.provinces} provinces → ${Math.ceil(size.cellsPerProvince / CELLS_PER_COMMUNE)} communes each → ${count(size.cellsPerProvince)} cells each (${count(seeded.cells)}); ${count(members)} members (24 a cell, 25 in one cell of three), all official and linked to Telegram`,
      `every cell met on ${PREVIOUS_AT.toISOString()} (recorded, a conclusion, 3 tasks as bench/evening.ts): every reminder opens with its review; every cell meets at ${STARTS_AT.toISOString()} (19:30 ${TIME_ZONE}), confirmed at ${CONFIRMED_AT.toISOString()}, nobody answers`,
      `set-based seeding (INSERT … SELECT generate_series), with the plan marks of every earlier item (${seeded.earlierKeys.join(", ")}) as the earlier ticks leave them; their ~${count(members * 3)} outbox rows (notices, T−72h, T−24h) are not seeded (sent days before: not in the claim index's pending part, but the key index is smaller than in service)`,
      `applyBotRoutes: P1…P${size.provinces} → bots ${routeOf(1)}…${routeOf(size.provinces)}; ticks: runTick at 17:00 (hourly jobs) then 17:30 (T−2h), as evening.ts`,
      `drain: ${size.senders ?? size.provinces} Senders in this process (one Prisma client, sender.start(${SENDER_INTERVAL_MS})), limits perSecond ${RATE} (Telegram's; the default is 25), perChatPerSecond 1, batch ${Math.min(500, RATE * 4)}; each against its own BotApiStandin (ratePerSecond ${RATE}) in a child process; REAL time (rows' clock = 17:30 + elapsed), ${size.drainS} s, rates over the last ${size.drainS - size.warmupS} s; after ANALYZE "OutboxMessage" (autovacuum is off on this server)`,
    ],
    figures,
    targets,
    checks,
    ...(m.profile ? { profile: m.profile } : {}),
  };
}

// The stand-ins' child process (startHost forks this file).
if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  await hostStandins(JSON.parse(process.argv[2]!) as HostRequest);
}
