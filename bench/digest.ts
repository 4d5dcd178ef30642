// "digest": the weekly digests of a province's committees, from a year of meetings.
// "digest-national": the province-level digest of all 34 provinces (PostgreSQL).
//
// A digest is `buildDigest(await digestInput(db, org, now))`, as `chibo digest` builds
// it; the weekly job loads the topmost committee once and cuts the input of each one
// below it (digestInputsOf), and so does this benchmark. Measured, apart from seeding
// (bench/digest-seed.ts):
//   - every committee of the province (the province, its communes and base
//     organisations: every organisation of the subtree that is not a cell), one after
//     another: the total, and the province alone, split into loading and building;
//   - the headline figures of the province by one hand-written SQL statement on the
//     same data (per child organisation: cells, held / scheduled / not scheduled last
//     month and this month; cells that missed last month, cells without a thematic
//     meeting this quarter, flagged members). The run fails its check unless the
//     statement and the digest agree, for the province and for a commune and a base.
//
// The measurement runs in a child process (this file, started with `fork`): its peak
// resident memory (process.resourceUsage().maxRSS) is then the digest's and not the
// seeding's. The first pass of a fresh process is reported apart ("cold": Prisma
// compiles each query shape once); the bot's weekly job runs in a long-lived process,
// so the targets are judged on the median of the warm passes.
import { readFileSync } from "node:fs";
import { openDatabase, type Db, type Provider } from "../src/db/client.js";
import { dialectFor } from "../src/db/dialect.js";
import { buildDigest, type Digest, type MonthCounts } from "../src/domain/digest.js";
import { addMonths, monthKey, quarterKey, toLocal, toUtc } from "../src/domain/zoned.js";
import { digestInput, digestInputsOf } from "../src/features/digest/data.js";
import { resolveSettings } from "../src/domain/settings.js";
import { withDatabase, type BenchStore } from "./databases.js";
import { seedDigestProvince, seedNation, TIME_ZONE, type SeededNation, type SeededProvince } from "./digest-seed.js";
import { count, percentile, seconds, table, type BenchOptions, type BenchResult, type Check, type Target } from "./report.js";
import { answerAsChild, runInChild } from "./child.js";
import { gzipSync } from "node:zlib";
import { dashboardView } from "../src/features/digest/dashboard/data.js";

const STORES: BenchStore[] = ["sqlite", "postgresql"];
const TARGET_MS = 2_000;
const TARGET_RSS_MB = 300;
const TARGET_RATIO = 3;
const NATIONAL_TARGET_MS = 60_000;
/** The dashboard's first view (issue: a province, < 1 s on the server, < 300 KB gzip). */
const DASHBOARD_TARGET_MS = 1_000;
const DASHBOARD_TARGET_BYTES = 300 * 1024;
/** As src/features/digest/data.ts: meetings older than this do not change a digest. */
const WINDOW_DAYS = 400;

// ---------------------------------------------------------------------------------
// The headline figures, from a digest and from one SQL statement.

interface Standing {
  held: number;
  scheduled: number;
  notScheduled: number;
}

interface HeadlineRow {
  /** The child organisation's id; null for the committee's totals. */
  child: number | null;
  cells: number;
  lastMonth: Standing;
  thisMonth: Standing;
}

interface Headline {
  rows: HeadlineRow[];
  missedLastMonth: number;
  noThematicThisQuarter: number;
  flagged: number;
}

const standingOf = (c: MonthCounts): Standing => ({ held: c.held, scheduled: c.scheduled, notScheduled: c.notScheduled });

function headlineOfDigest(digest: Digest): Headline {
  const rows: HeadlineRow[] = digest.children.map((c) => ({ child: c.org.id, cells: c.thisMonth.cells, lastMonth: standingOf(c.lastMonth), thisMonth: standingOf(c.thisMonth) }));
  rows.push({ child: null, cells: digest.totals.thisMonth.cells, lastMonth: standingOf(digest.totals.lastMonth), thisMonth: standingOf(digest.totals.thisMonth) });
  return {
    rows: sortRows(rows),
    missedLastMonth: digest.missedLastMonth.length,
    noThematicThisQuarter: digest.noThematicThisQuarter.length,
    flagged: digest.flagged.length,
  };
}

const sortRows = (rows: HeadlineRow[]) => rows.sort((a, b) => (a.child ?? -1) - (b.child ?? -1));

interface Committee {
  id: number;
  code: string;
  kind: string;
  path: string;
  parentId: number | null;
  name: string;
  timezone: string;
}

/**
 * The periods a digest at `now` looks at, as instants and month keys. The SQL below
 * implements the default rules (no first-of-next-month allowance); the benchmark's
 * organisations set nothing, which the worker asserts.
 */
function periodsAt(now: Date, timeZone: string) {
  const start = (month: string) => {
    const [year, m] = month.split("-").map(Number);
    return toUtc({ year: year!, month: m!, day: 1, hour: 0, minute: 0 }, timeZone);
  };
  const thisMonth = monthKey(now, timeZone);
  const lastMonth = addMonths(thisMonth, -1);
  const quarter = quarterKey(now, timeZone);
  const quarterFirst = `${quarter.slice(0, 4)}-${String((Number(quarter.slice(-1)) - 1) * 3 + 1).padStart(2, "0")}`;
  const year = toLocal(now, timeZone).year;
  return {
    thisMonth,
    lastMonth,
    year,
    lastStart: start(lastMonth),
    thisStart: start(thisMonth),
    nextStart: start(addMonths(thisMonth, 1)),
    quarterStart: start(quarterFirst),
    quarterEnd: start(addMonths(quarterFirst, 3)),
    yearStart: start(`${year}-01`),
    yearEnd: start(`${year + 1}-01`),
    since: new Date(now.getTime() - WINDOW_DAYS * 86_400_000),
    /** A quarter's first month asks for no thematic meeting yet (as buildDigest). */
    quarterUnderway: (toLocal(now, timeZone).month - 1) % 3 !== 0,
  };
}

/**
 * One statement for a committee's headline figures: per child organisation and in total,
 * how each cell stands for last month and this month; the cells without a thematic
 * meeting this quarter; members with three or more months of unexcused absence or
 * unpaid dues this year. The same rules as src/domain/digest.ts and member-record.ts,
 * written as SQL for the given store.
 */
export function headlineSql(provider: Provider, committee: { path: string }, now: Date, timeZone: string): string {
  const p = periodsAt(now, timeZone);
  const at = (d: Date) => (provider === "sqlite" ? `'${dialectFor("sqlite").timestamp(d)}'` : `TIMESTAMP '${d.toISOString().slice(0, 23).replace("T", " ")}'`);
  const no = provider === "sqlite" ? "0" : "false";
  const rest = `substr(c."path", ${committee.path.length + 1})`;
  const child = provider === "sqlite" ? `CAST(substr(${rest}, 1, instr(${rest}, '/') - 1) AS INTEGER)` : `CAST(split_part(${rest}, '/', 1) AS INTEGER)`;
  const heldAt = `COALESCE(r."startedAt", m."startsAt")`;
  // Only for a meeting scheduled for another year (member-record.ts: activityMonth).
  // SQLite has no time zones: the zone's offset at `now` (exact for Asia/Ho_Chi_Minh, which has no DST).
  const offsetMinutes = Math.round((toUtc({ ...toLocal(now, timeZone) }, "UTC").getTime() - now.getTime()) / 60_000);
  const localMonth =
    provider === "sqlite"
      ? `strftime('%Y-%m', ${heldAt}, '${offsetMinutes} minutes')`
      : `to_char((${heldAt} AT TIME ZONE 'UTC') AT TIME ZONE '${timeZone}', 'YYYY-MM')`;
  const held = `r."state" = 'submitted' AND r."notHeld" = ${no}`;
  const flag = (condition: string) => `MAX(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const standing = (heldColumn: string, openColumn: string) =>
    `CASE WHEN COALESCE(${heldColumn}, 0) = 1 THEN 'held' WHEN COALESCE(${openColumn}, 0) = 1 THEN 'scheduled' ELSE 'notScheduled' END`;
  const sum = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const figures = `COUNT(*) AS cells,
      ${sum(`last_month = 'held'`)} AS last_held, ${sum(`last_month = 'scheduled'`)} AS last_scheduled, ${sum(`last_month = 'notScheduled'`)} AS last_not,
      ${sum(`this_month = 'held'`)} AS this_held, ${sum(`this_month = 'scheduled'`)} AS this_scheduled, ${sum(`this_month = 'notScheduled'`)} AS this_not,
      ${sum(`last_month <> 'held'`)} AS missed, ${sum(`thematic = 0`)} AS no_thematic`;
  return `
WITH cells AS (
  SELECT c."id", ${child} AS child FROM "Org" c WHERE c."kind" = 'cell' AND c."path" LIKE '${committee.path}%'
),
per_cell AS (
  SELECT m."orgId" AS cell,
    ${flag(`${held} AND m."kind" IN ('regular', 'combined') AND ${heldAt} >= ${at(p.lastStart)} AND ${heldAt} < ${at(p.thisStart)}`)} AS held_last,
    ${flag(`${held} AND m."kind" IN ('regular', 'combined') AND ${heldAt} >= ${at(p.thisStart)} AND ${heldAt} < ${at(p.nextStart)}`)} AS held_this,
    ${flag(`${held} AND m."kind" IN ('thematic', 'combined') AND ${heldAt} >= ${at(p.quarterStart)} AND ${heldAt} < ${at(p.quarterEnd)}`)} AS thematic,
    ${flag(`(r."meetingId" IS NULL OR r."state" <> 'submitted') AND m."kind" IN ('regular', 'combined') AND m."forMonth" = '${p.lastMonth}'`)} AS open_last,
    ${flag(`(r."meetingId" IS NULL OR r."state" <> 'submitted') AND m."kind" IN ('regular', 'combined') AND m."forMonth" = '${p.thisMonth}'`)} AS open_this
  FROM "Meeting" m LEFT JOIN "MeetingRecord" r ON r."meetingId" = m."id"
  WHERE m."orgId" IN (SELECT "id" FROM cells) AND m."status" <> 'cancelled' AND m."startsAt" >= ${at(p.since)}
  GROUP BY m."orgId"
),
standing AS (
  SELECT cells.child, ${standing("pc.held_last", "pc.open_last")} AS last_month, ${standing("pc.held_this", "pc.open_this")} AS this_month,
    ${p.quarterUnderway ? `COALESCE(pc.thematic, 0)` : "1"} AS thematic
  FROM cells LEFT JOIN per_cell pc ON pc.cell = cells."id"
),
bad_months AS (
  SELECT m."orgId" AS cell, e."personId" AS person,
    CASE WHEN substr(m."forMonth", 1, 5) = '${p.year}-' THEN m."forMonth" ELSE ${localMonth} END AS month
  FROM "AttendanceEntry" e JOIN "Meeting" m ON m."id" = e."meetingId" JOIN "MeetingRecord" r ON r."meetingId" = m."id"
  -- Only while the member was expected (domain/member-record.ts absenceCounts): an exempt member is never flagged.
  WHERE e."attendance" = 'unexcused' AND e."memberStatus" IN ('official', 'probationary') AND ${held} AND m."orgId" IN (SELECT "id" FROM cells) AND m."startsAt" >= ${at(p.since)}
    AND ${heldAt} >= ${at(p.yearStart)} AND ${heldAt} < ${at(p.yearEnd)}
  UNION ALL
  SELECT d."orgId", d."personId", d."month" FROM "DuesMark" d WHERE d."orgId" IN (SELECT "id" FROM cells) AND d."month" LIKE '${p.year}-%'
),
flagged AS (
  -- Months count across the cells a member belonged to (a member who moved counts both).
  SELECT person FROM bad_months GROUP BY person HAVING COUNT(DISTINCT month) >= 3
)
SELECT child, ${figures}, 0 AS flagged FROM standing GROUP BY child
UNION ALL
SELECT NULL, ${figures}, (SELECT COUNT(*) FROM flagged) FROM standing`;
}

async function headlineOfSql(db: Db, provider: Provider, committee: Committee, now: Date): Promise<Headline> {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(headlineSql(provider, committee, now, committee.timezone));
  const n = (v: unknown) => Number(v ?? 0);
  const total = rows.find((r) => r.child === null)!;
  return {
    rows: sortRows(
      rows.map((r) => ({
        child: r.child === null ? null : n(r.child),
        cells: n(r.cells),
        lastMonth: { held: n(r.last_held), scheduled: n(r.last_scheduled), notScheduled: n(r.last_not) },
        thisMonth: { held: n(r.this_held), scheduled: n(r.this_scheduled), notScheduled: n(r.this_not) },
      })),
    ),
    missedLastMonth: n(total.missed),
    noThematicThisQuarter: n(total.no_thematic),
    flagged: n(total.flagged),
  };
}

/** Differences between two headlines, as short phrases; empty when they agree. */
function differences(digest: Headline, sql: Headline): string[] {
  const out: string[] = [];
  for (const key of ["missedLastMonth", "noThematicThisQuarter", "flagged"] as const) {
    if (digest[key] !== sql[key]) out.push(`${key}: digest ${digest[key]}, SQL ${sql[key]}`);
  }
  const byChild = new Map(sql.rows.map((r) => [r.child, r]));
  if (digest.rows.length !== sql.rows.length) out.push(`rows: digest ${digest.rows.length}, SQL ${sql.rows.length}`);
  for (const row of digest.rows) {
    const other = byChild.get(row.child);
    if (JSON.stringify(row) !== JSON.stringify(other)) out.push(`${row.child ?? "total"}: digest ${JSON.stringify(row)}, SQL ${JSON.stringify(other)}`);
  }
  return out.slice(0, 5);
}

// ---------------------------------------------------------------------------------
// The worker: runs in its own process, so that its peak memory is the digests'.

interface WorkerRequest {
  url: string;
  /** Committees to digest, in this order. */
  committeeIds: number[];
  /** Committees whose headline is checked against SQL; the first is also timed. */
  checkIds: number[];
  now: string;
  passes: number;
  sqlRepeats: number;
}

interface WorkerPass {
  totalMs: number;
  cpuMs: number;
  /** CPU of this database's PostgreSQL backends during the pass; null on SQLite or when /proc cannot tell. */
  serverCpuMs: number | null;
  /** Per committee, in request order. */
  ms: number[];
  /** The first committee (the province): loading and building apart. */
  firstLoadMs: number;
  firstBuildMs: number;
}

interface WorkerReply {
  passes: WorkerPass[];
  sqlMs: number[];
  checks: Check[];
  /** Figures of the first committee's digest (from the last pass), for the report. */
  figures: { cells: number; thisMonth: MonthCounts; lastMonth: MonthCounts; lists: Record<string, number>; inputRows: Record<string, number> };
  rssStartMb: number;
  /** Peak RSS of the whole worker, the SQL statement's runs and checks included. */
  maxRssMb: number;
  /** Peak RSS when the digest passes ended, before the SQL statement ran. */
  digestsMaxRssMb: number;
  /** Peak RSS at the end of the first pass: one build of all the committees' digests, as the weekly job does. */
  onePassMaxRssMb: number;
  /** Heap still in use after a full collection at the end: what the digests keep (nothing, if all is well). */
  liveHeapMb: number;
  /** The dashboard's first view of the first committee (the province), each pass: its data as the route builds it, JSON and gzip included. */
  dashboard: { ms: number[]; jsonBytes: number; gzipBytes: number; heatmapRows: number };
}

/** The dashboard's first view, as /app/api/view answers it (features/digest/dashboard/route.ts): the view, as JSON, gzipped. */
async function dashboardPasses(db: Db, committee: Committee, now: Date, passes: number): Promise<WorkerReply["dashboard"]> {
  const ms: number[] = [];
  let json = "";
  let gzipBytes = 0;
  let heatmapRows = 0;
  for (let pass = 0; pass < passes; pass++) {
    const started = performance.now();
    const view = await dashboardView(db, committee, now);
    json = JSON.stringify({ view });
    gzipBytes = gzipSync(json).length;
    ms.push(performance.now() - started);
    heatmapRows = view.heatmap.rows.length;
  }
  return { ms, jsonBytes: Buffer.byteLength(json), gzipBytes, heatmapRows };
}

async function worker(request: WorkerRequest): Promise<WorkerReply> {
  const now = new Date(request.now);
  const { db, provider, close } = await openDatabase(request.url, { migrate: false });
  try {
    const rows = await db.org.findMany({ where: { id: { in: [...new Set([...request.committeeIds, ...request.checkIds])] } } });
    const byId = new Map(rows.map((r) => [r.id, r as Committee]));
    const committees = request.committeeIds.map((id) => byId.get(id)!);
    const settings = await db.org.count({ where: { settings: { not: "{}" } } });
    if (settings > 0) throw new Error("digest bench: organisations with settings; the SQL headline implements the defaults only");
    const rssStartMb = process.memoryUsage().rss / 2 ** 20;

    const passes: WorkerPass[] = [];
    let onePassMaxRssMb = 0;
    let lastDigest: Digest | undefined;
    let lastInputRows: Record<string, number> = {};
    for (let pass = 0; pass < request.passes; pass++) {
      const ms: number[] = [];
      let firstLoadMs = 0;
      let firstBuildMs = 0;
      const serverBefore = await backendCpu(db, provider);
      const cpu = process.cpuUsage();
      const started = performance.now();
      // As the weekly job does it (features/digest/planner.ts): the topmost committee is
      // loaded, the ones below it are cut from its input.
      let i = 0;
      let t0 = performance.now();
      for await (const [, input] of digestInputsOf(db, committees, () => resolveSettings([]), now)) {
        const t1 = performance.now();
        const digest = buildDigest(input);
        const t2 = performance.now();
        ms.push(t2 - t0);
        if (i++ === 0) {
          firstLoadMs = t1 - t0;
          firstBuildMs = t2 - t1;
          lastDigest = digest;
          lastInputRows = { orgs: input.orgs.length, meetings: input.meetings.length, people: input.people.length, flagged: input.flagged.length };
        }
        t0 = t2;
      }
      const totalMs = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const serverCpuMs = cpuSpent(serverBefore, await backendCpu(db, provider));
      passes.push({ totalMs, cpuMs: (used.user + used.system) / 1000, serverCpuMs, ms, firstLoadMs, firstBuildMs });
      if (pass === 0) onePassMaxRssMb = process.resourceUsage().maxRSS / 1024;
    }

    const digestsMaxRssMb = process.resourceUsage().maxRSS / 1024;
    const dashboard = await dashboardPasses(db, committees[0]!, now, request.passes);
    const checks: Check[] = [];
    const sqlMs: number[] = [];
    for (const [i, id] of request.checkIds.entries()) {
      const committee = byId.get(id)!;
      const repeats = i === 0 ? request.sqlRepeats : 1;
      let sql: Headline | undefined;
      for (let r = 0; r < repeats; r++) {
        const started = performance.now();
        sql = await headlineOfSql(db, provider, committee, now);
        if (i === 0) sqlMs.push(performance.now() - started);
      }
      const fromDigest = headlineOfDigest(buildDigest(await digestInput(db, committee, now)));
      const diff = differences(fromDigest, sql!);
      const total = fromDigest.rows.find((r) => r.child === null)!;
      checks.push({
        name: `${provider}: digest = SQL headline for ${committee.kind} ${committee.code}`,
        ok: diff.length === 0,
        detail:
          diff.length === 0
            ? `${fromDigest.rows.length - 1} child rows, ${count(total.cells)} cells, last month held ${count(total.lastMonth.held)}, this month held/scheduled/not ${total.thisMonth.held}/${total.thisMonth.scheduled}/${total.thisMonth.notScheduled}, missed ${fromDigest.missedLastMonth}, no thematic ${fromDigest.noThematicThisQuarter}, flagged ${fromDigest.flagged}`
            : diff.join("; "),
      });
    }
    const d = lastDigest!;
    return {
      passes,
      sqlMs,
      checks,
      figures: {
        cells: d.totals.thisMonth.cells,
        thisMonth: d.totals.thisMonth,
        lastMonth: d.totals.lastMonth,
        lists: {
          children: d.children.length,
          missedLastMonth: d.missedLastMonth.length,
          notScheduledThisMonth: d.notScheduledThisMonth.length,
          noThematicThisQuarter: d.noThematicThisQuarter.length,
          lowAttendance: d.lowAttendance.length,
          shortMeetings: d.shortMeetings.length,
          overdueRecords: d.overdueRecords.length,
          flagged: d.flagged.length,
          noLinkedSecretary: d.noLinkedSecretary.length,
          unreachable: d.unreachable.length,
          nextWeek: d.nextWeek.length,
        },
        inputRows: lastInputRows,
      },
      rssStartMb,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      digestsMaxRssMb,
      onePassMaxRssMb,
      liveHeapMb: liveHeapMb(),
      dashboard,
    };
  } finally {
    await close();
  }
}

/**
 * CPU time (ms) of each PostgreSQL backend serving this database, from /proc: the
 * server runs on this machine, and on 2 shared cores its work competes with the bot's.
 * Undefined on SQLite, or when the server's processes cannot be read.
 */
async function backendCpu(db: Db, provider: Provider): Promise<Map<number, number> | undefined> {
  if (provider !== "postgresql") return undefined;
  const rows = await db.$queryRawUnsafe<{ pid: number }[]>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  const ticks = new Map<number, number>();
  try {
    for (const { pid } of rows) {
      // After the command name: state is the 3rd field, utime the 14th, stime the 15th, in
      // clock ticks (USER_HZ, 100 on Linux).
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    }
  } catch {
    return undefined;
  }
  return ticks;
}

/** CPU spent between two readings; backends that started in between count whole. */
function cpuSpent(before: Map<number, number> | undefined, after: Map<number, number> | undefined): number | null {
  if (!before || !after) return null;
  let spent = 0;
  for (const [pid, ms] of after) spent += ms - (before.get(pid) ?? 0);
  return spent;
}

/** Heap in use after a full garbage collection (the worker runs with --expose-gc). */
function liveHeapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const runWorker = (request: WorkerRequest) => runInChild<WorkerRequest, WorkerReply>(import.meta.url, "digest", request);
await answerAsChild(import.meta.url, worker);

// ---------------------------------------------------------------------------------
// The province benchmark.

const median = (values: number[]) => percentile(values, 50);
const mb = (value: number) => `${value.toFixed(0)} MB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

/** The warm passes: all but the first of a fresh process (or the only one). */
const warm = (passes: WorkerPass[]) => (passes.length > 1 ? passes.slice(1) : passes);

interface ProvinceMeasurement {
  store: BenchStore;
  seedMs: number;
  seeded: SeededProvince;
  committees: { kind: string }[];
  reply: WorkerReply;
}

async function measureProvince(store: BenchStore, size: { cells: number; membersPerCell: number }, options: BenchOptions): Promise<ProvinceMeasurement> {
  return withDatabase(store, async (database) => {
    const log = (line: string) => options.log(`  [digest ${store}] ${line}`);
    const seedStarted = performance.now();
    const seeded = await seedDigestProvince(database.db, size, log);
    const seedMs = performance.now() - seedStarted;
    log(`seeded in ${seconds(seedMs)}: ${JSON.stringify(seeded.rows)}`);
    const province = await database.db.org.findUniqueOrThrow({ where: { id: seeded.provinceId } });
    const committees = await database.db.org.findMany({
      where: { path: { startsWith: province.path }, kind: { not: "cell" } },
      orderBy: { path: "asc" },
      select: { id: true, kind: true, code: true, path: true },
    });
    // Order: the province first, then the tree (a commune, its bases, the next commune).
    committees.sort((a, b) => (a.id === province.id ? -1 : b.id === province.id ? 1 : a.path < b.path ? -1 : 1));
    const commune = committees.find((c) => c.kind === "commune" && committees.some((b) => b.kind === "base" && b.path.startsWith(c.path)))!;
    const base = committees.find((c) => c.kind === "base")!;
    const reply = await runWorker({
      url: database.url,
      committeeIds: committees.map((c) => c.id),
      checkIds: [province.id, commune.id, base.id],
      now: seeded.now.toISOString(),
      passes: options.quick ? 2 : 4,
      sqlRepeats: options.quick ? 3 : 5,
    });
    log(`digests: ${reply.passes.map((p) => seconds(p.totalMs)).join(", ")}; SQL ${reply.sqlMs.map(ms).join(", ")}; peak RSS ${mb(reply.onePassMaxRssMb)} after one build of all digests, ${mb(reply.digestsMaxRssMb)} after all passes, ${mb(reply.maxRssMb)} with the SQL statement`);
    return { store, seedMs, seeded, committees, reply };
  });
}

export async function runDigest(options: BenchOptions): Promise<BenchResult> {
  const size = options.quick ? { cells: 300, membersPerCell: 30 } : { cells: 3_000, membersPerCell: 30 };
  const measured: ProvinceMeasurement[] = [];
  for (const store of STORES) measured.push(await measureProvince(store, size, options));
  const first = measured[0]!.seeded;

  const figures: string[] = [];
  figures.push(
    ...table(
      ["store", "all committees (cold)", "all committees (warm median)", "cpu (warm)", "PostgreSQL cpu (warm)", "province alone", "load + build", "SQL headline", "digest / SQL", "peak RSS, one build (4 passes; with SQL)", "(RSS at start)", "(live heap at end)", "(seeding)"],
      measured.map((m) => {
        const passes = warm(m.reply.passes);
        const province = median(passes.map((p) => p.ms[0]!));
        const sql = median(m.reply.sqlMs);
        return [
          m.store,
          seconds(m.reply.passes[0]!.totalMs),
          seconds(median(passes.map((p) => p.totalMs))),
          seconds(median(passes.map((p) => p.cpuMs))),
          passes[0]!.serverCpuMs === null ? "–" : seconds(median(passes.map((p) => p.serverCpuMs!))),
          ms(province),
          `${ms(median(passes.map((p) => p.firstLoadMs)))} + ${ms(median(passes.map((p) => p.firstBuildMs)))}`,
          ms(sql),
          `${(province / sql).toFixed(1)}×`,
          `${mb(m.reply.onePassMaxRssMb)} (${mb(m.reply.digestsMaxRssMb)}; ${mb(m.reply.maxRssMb)})`,
          mb(m.reply.rssStartMb),
          mb(m.reply.liveHeapMb),
          seconds(m.seedMs),
        ];
      }),
    ),
  );
  figures.push("");
  figures.push(
    ...table(
      ["store", "kind", "committees", "mean digest", "max digest"],
      measured.flatMap((m) => {
        const passes = warm(m.reply.passes);
        return ["province", "commune", "base"].map((kind) => {
          const indexes = m.committees.flatMap((c, i) => (c.kind === kind ? [i] : []));
          const perCommittee = indexes.map((i) => median(passes.map((p) => p.ms[i]!)));
          return [m.store, kind, String(indexes.length), ms(perCommittee.reduce((a, b) => a + b, 0) / perCommittee.length), ms(Math.max(...perCommittee))];
        });
      }),
    ),
  );
  const f = measured[0]!.reply.figures;
  figures.push(
    "",
    `province digest (${measured[0]!.store}): ${count(f.cells)} cells; last month held ${f.lastMonth.held}, scheduled ${f.lastMonth.scheduled}, not scheduled ${f.lastMonth.notScheduled}; this month ${f.thisMonth.held} / ${f.thisMonth.scheduled} / ${f.thisMonth.notScheduled}`,
    `lists: ${Object.entries(f.lists).map(([k, v]) => `${k} ${count(v)}`).join(", ")}`,
    `loaded for it: ${Object.entries(f.inputRows).map(([k, v]) => `${k} ${count(v)}`).join(", ")}`,
    `passes (all committees): ${measured.map((m) => `${m.store} ${m.reply.passes.map((p) => seconds(p.totalMs)).join(", ")}`).join("; ")}`,
    `SQL headline runs: ${measured.map((m) => `${m.store} ${m.reply.sqlMs.map(ms).join(", ")}`).join("; ")}`,
    "",
    ...table(
      ["store", "dashboard first view (cold)", "(warm median)", "JSON", "gzip", "heatmap rows"],
      measured.map((m) => {
        const d = m.reply.dashboard;
        return [m.store, ms(d.ms[0]!), ms(median(d.ms.length > 1 ? d.ms.slice(1) : d.ms)), `${(d.jsonBytes / 1024).toFixed(0)} KB`, `${(d.gzipBytes / 1024).toFixed(0)} KB`, String(d.heatmapRows)];
      }),
    ),
  );

  const targets: Target[] = measured.flatMap((m) => {
    const passes = warm(m.reply.passes);
    const all = median(passes.map((p) => p.totalMs));
    const ratio = median(passes.map((p) => p.ms[0]!)) / median(m.reply.sqlMs);
    const dashboardWarm = median(m.reply.dashboard.ms.length > 1 ? m.reply.dashboard.ms.slice(1) : m.reply.dashboard.ms);
    return [
      { name: `all ${m.committees.length} committees' digests on ${m.store} (warm median)`, goal: "< 2 s", actual: seconds(all), met: all < TARGET_MS },
      { name: `peak RSS on ${m.store}`, goal: `< ${TARGET_RSS_MB} MB`, actual: mb(m.reply.onePassMaxRssMb), met: m.reply.onePassMaxRssMb < TARGET_RSS_MB },
      { name: `province digest / one SQL statement on ${m.store}`, goal: `≤ ${TARGET_RATIO}×`, actual: `${ratio.toFixed(1)}×`, met: ratio <= TARGET_RATIO },
      { name: `dashboard first view's data on ${m.store} (warm median)`, goal: "< 1 s", actual: ms(dashboardWarm), met: dashboardWarm < DASHBOARD_TARGET_MS },
      { name: `dashboard first view over the wire on ${m.store} (gzip)`, goal: "< 300 KB", actual: `${(m.reply.dashboard.gzipBytes / 1024).toFixed(0)} KB`, met: m.reply.dashboard.gzipBytes < DASHBOARD_TARGET_BYTES },
    ];
  });
  const sameData: Check = {
    name: "both stores got the same rows",
    ok: measured.every((m) => JSON.stringify(m.seeded.rows) === JSON.stringify(first.rows)),
    detail: measured.map((m) => `${m.store} ${JSON.stringify(m.seeded.rows)}`).join("; "),
  };

  return {
    name: "digest",
    setup: [
      `1 province → ${first.orgs.communes} communes (30 cells each) → ${first.orgs.bases} base organisations: ${count(first.orgs.cells)} cells, ${count(first.orgs.cellsUnderBases)} of them under a base (depth 3), the rest under a commune (depth 2)`,
      `${count(first.rows.persons)} persons (${size.membersPerCell} members per cell + committee members), ${count(first.rows.meetings)} meetings in 2026 (regular monthly, thematic quarterly), ${count(first.rows.records)} records, ${count(first.rows.attendance)} attendance entries (${count(first.rows.unexcused)} unexcused), ${count(first.rows.dues)} unpaid-dues marks, ${count(first.rows.follows)} follows`,
      `meetings: ${Object.entries(first.outcomes).sort().map(([k, v]) => `${k} ${count(v)}`).join(", ")}`,
      `now = ${first.now.toISOString()} (10 Dec 2026, 10:00 ${TIME_ZONE}); all digests as the weekly job builds them: the province loaded once (digestInput), each committee below cut from it (digestInputsOf/narrowedInput), then buildDigest; committees = every non-cell org of the subtree (${measured[0]!.committees.length}), one after another`,
      `measured in a child process: pass 1 cold, then ${measured[0]!.reply.passes.length - 1} warm passes (targets on their median); SQL headline: ${measured[0]!.reply.sqlMs.length} runs of one statement through db.$queryRawUnsafe (median); peak RSS = the child's maxRSS after one build of all the committees' digests (the cold pass, as the weekly job builds them once); in brackets after all four passes, then at the very end with the SQL statement's runs: repeated passes in one process raise it as V8 collects lazily (see live heap) (Node, Prisma's WebAssembly engine and tsx included: see "RSS at start"); live heap = heap in use after a full GC at the end`,
      `PostgreSQL: ANALYZE after seeding; SQLite: no ANALYZE (as a live database would be)`,
    ],
    figures,
    targets,
    checks: [sameData, ...measured.flatMap((m) => m.reply.checks)],
  };
}

// ---------------------------------------------------------------------------------
// The national benchmark (PostgreSQL only).

export async function runDigestNational(options: BenchOptions): Promise<BenchResult> {
  const size = options.quick ? { provinces: 34, cellsPerProvince: 60 } : { provinces: 34, cellsPerProvince: 6_765 };
  return withDatabase("postgresql", async (database) => {
    const log = (line: string) => options.log(`  [digest-national] ${line}`);
    const seedStarted = performance.now();
    const seeded: SeededNation = await seedNation(database.db, size, log);
    const seedMs = performance.now() - seedStarted;
    log(`seeded in ${seconds(seedMs)}`);
    const reply = await runWorker({
      url: database.url,
      committeeIds: seeded.provinceIds,
      checkIds: [seeded.provinceIds[0]!],
      now: seeded.now.toISOString(),
      passes: 2,
      sqlRepeats: 3,
    });
    const passes = warm(reply.passes);
    const pass = passes[passes.length - 1]!;
    const perProvince = seeded.provinceIds.map((_, i) => median(passes.map((p) => p.ms[i]!)));
    const total = median(passes.map((p) => p.totalMs));
    const f = reply.figures;
    const sql = median(reply.sqlMs);
    return {
      name: "digest-national",
      setup: [
        `${size.provinces} provinces → ${Math.ceil(size.cellsPerProvince / 30)} communes each → ${count(seeded.rows.cells)} cells; ${count(seeded.rows.persons)} members (24 or 25 per cell), ${count(seeded.rows.meetings)} meetings in February 2027, ${count(seeded.rows.records)} records, ${count(seeded.rows.attendance)} attendance entries`,
        `seeded set-based (INSERT … SELECT generate_series) in ${seconds(seedMs)}: ${Object.entries(seeded.stepMs).map(([k, v]) => `${k} ${seconds(v)}`).join(", ")}`,
        `now = ${seeded.now.toISOString()} (20 Feb 2027, 10:00 ${TIME_ZONE}); each province's own digest, one after another, in a child process: pass 1 cold, pass 2 warm (reported)`,
      ],
      figures: [
        ...table(
          ["store", "34 province digests (cold)", "(warm)", "cpu (warm)", "PostgreSQL cpu (warm)", "mean per province", "max per province", "province 1: load + build", "SQL headline (province 1)", "peak RSS", "(RSS at start)", "(live heap at end)"],
          [
            [
              "postgresql",
              seconds(reply.passes[0]!.totalMs),
              seconds(total),
              seconds(pass.cpuMs),
              pass.serverCpuMs === null ? "–" : seconds(pass.serverCpuMs),
              ms(perProvince.reduce((a, b) => a + b, 0) / perProvince.length),
              ms(Math.max(...perProvince)),
              `${ms(pass.firstLoadMs)} + ${ms(pass.firstBuildMs)}`,
              ms(sql),
              mb(reply.maxRssMb),
              mb(reply.rssStartMb),
              mb(reply.liveHeapMb),
            ],
          ],
        ),
        "",
        `province 1 digest: ${count(f.cells)} cells; this month held ${f.thisMonth.held}, scheduled ${f.thisMonth.scheduled}, not scheduled ${f.thisMonth.notScheduled}; last month (no data seeded) not scheduled ${f.lastMonth.notScheduled}`,
        `lists: ${Object.entries(f.lists).map(([k, v]) => `${k} ${count(v)}`).join(", ")}`,
      ],
      targets: [{ name: "34 province digests on postgresql (warm)", goal: "< 60 s", actual: seconds(total), met: total < NATIONAL_TARGET_MS }],
      checks: reply.checks,
    };
  });
}
