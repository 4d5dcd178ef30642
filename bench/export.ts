// "export": a province's register of the year (`chibo export attendance <ORG> --year`,
// /export), 100,000 members, on SQLite and PostgreSQL.
//
// Seeded with bench/digest-seed.ts's province (a year of meetings, records, attendance
// and dues: 4,000 cells of 25 members), then one member in 100 moves to the next cell on
// 15 June 2026 (their period in the first cell ends, "moved"; a new one starts in the
// next), so the sheets carry history. The export runs as the CLI runs it: the sheets a
// batch of cells at a time (registerSheets), written as XLSX to a file with exceljs's
// streaming writer. It runs in a child process (this file, forked), so its peak RSS
// (process.resourceUsage().maxRSS) is the export's and not the seeding's.
//
// BENCH_EXPORT_LEGACY=<module> measures another implementation with the same seed: a
// module exporting `exportTo(db, orgPath, file)` → { cells, members }. RESULTS.md's
// "before" figures were taken that way from a copy of the code before this change.
import { mkdtempSync, rmSync, statSync, createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { openDatabase, type Db } from "../src/db/client.js";
import { dialectOf } from "../src/db/dialect.js";
import { translate } from "../src/bot/i18n.js";
import { registerSheets } from "../src/features/records/export-data.js";
import { writeAttendanceXlsx } from "../src/features/records/files/export.js";
import { withDatabase, type BenchStore } from "./databases.js";
import { seedDigestProvince } from "./digest-seed.js";
import { count, seconds, table, type BenchOptions, type BenchResult, type Check, type Target } from "./report.js";
import { answerAsChild, runInChild } from "./child.js";

const STORES: BenchStore[] = ["sqlite", "postgresql"];
const YEAR = 2026;
const TARGET_MS = 15_000;
const TARGET_RSS_MB = 300;
const MOVED_ON = new Date("2026-06-14T17:00:00Z"); // 15 June 2026, 00:00 in Hanoi

interface WorkerRequest {
  url: string;
  orgPath: string;
  file: string;
  legacy?: string;
}

interface WorkerReply {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  rssStartMb: number;
  cells: number;
  members: number;
}

async function exportNow(db: Db, orgPath: string, file: string): Promise<{ cells: number; members: number }> {
  const title = translate("vi", "export-title", { org: "Tỉnh ủy Bench", year: String(YEAR) });
  return writeAttendanceXlsx(registerSheets(db, orgPath, YEAR, "vi"), "vi", translate, title, new Date(Date.UTC(YEAR, 11, 31)), createWriteStream(file));
}

async function worker(request: WorkerRequest): Promise<WorkerReply> {
  const { db, close } = await openDatabase(request.url, { migrate: false });
  try {
    const run = request.legacy
      ? ((await import(pathToFileURL(path.resolve(request.legacy)).href)) as { exportTo: typeof exportNow }).exportTo
      : exportNow;
    const rssStartMb = process.memoryUsage().rss / 2 ** 20;
    const cpu = process.cpuUsage();
    const started = performance.now();
    const counted = await run(db, request.orgPath, request.file);
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { wallMs, cpuMs: (used.user + used.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, rssStartMb, ...counted };
  } finally {
    await close();
  }
}

const runWorker = (request: WorkerRequest) => runInChild<WorkerRequest, WorkerReply>(import.meta.url, "export", request);
await answerAsChild(import.meta.url, worker);

/** One member in 100 (not a secretary) moves to the next cell on MOVED_ON: history for the sheets. */
async function seedMoves(db: Db): Promise<number> {
  const movers = await db.$queryRawUnsafe<{ id: number; orgId: number; personId: number; status: string }[]>(
    `SELECT ms."id", ms."orgId", ms."personId", ms."status" FROM "Membership" ms JOIN "Org" o ON o."id" = ms."orgId"
     WHERE o."kind" = 'cell' AND ms."role" = 'member' AND ms."personId" % 100 = 42 ORDER BY ms."id"`,
  );
  const cells = (await db.org.findMany({ where: { kind: "cell" }, select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id);
  const next = new Map(cells.map((id, i) => [id, cells[(i + 1) % cells.length]!]));
  await db.$executeRaw`UPDATE "Membership" SET "endedOn" = ${MOVED_ON}, "endReason" = 'moved' WHERE "id" IN ${dialectOf(db).idList(movers.map((m) => m.id))}`;
  await db.membership.createMany({
    data: movers.map((m) => ({ orgId: next.get(m.orgId)!, personId: m.personId, status: m.status, role: "member", kind: "home", startedOn: MOVED_ON })),
  });
  return movers.length;
}

/** Rows the register must have: one per cell and person with a period touching the year (all seeded periods do). */
async function expectedRows(db: Db): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ n: unknown }[]>(
    `SELECT COUNT(*) AS n FROM (SELECT DISTINCT ms."orgId", ms."personId" FROM "Membership" ms JOIN "Org" o ON o."id" = ms."orgId" WHERE o."kind" = 'cell') x`,
  );
  return Number(rows[0]!.n);
}

interface Measurement {
  store: BenchStore;
  seedMs: number;
  rows: Record<string, number>;
  movers: number;
  expected: number;
  reply: WorkerReply;
  fileMb: number;
}

async function measure(store: BenchStore, size: { cells: number; membersPerCell: number }, options: BenchOptions, legacy?: string): Promise<Measurement> {
  return withDatabase(store, async (database) => {
    const log = (line: string) => options.log(`  [export ${store}] ${line}`);
    const started = performance.now();
    const seeded = await seedDigestProvince(database.db, size, log);
    const movers = await seedMoves(database.db);
    const seedMs = performance.now() - started;
    log(`seeded in ${seconds(seedMs)}: ${JSON.stringify(seeded.rows)}, ${movers} moves`);
    const province = await database.db.org.findUniqueOrThrow({ where: { id: seeded.provinceId } });
    const expected = await expectedRows(database.db);
    const dir = mkdtempSync(path.join(tmpdir(), "chibo-bench-export-"));
    try {
      const file = path.join(dir, "register.xlsx");
      const reply = await runWorker({ url: database.url, orgPath: province.path, file, legacy });
      const fileMb = statSync(file).size / 2 ** 20;
      log(`exported ${reply.cells} sheets, ${reply.members} rows in ${seconds(reply.wallMs)}, peak RSS ${reply.maxRssMb.toFixed(0)} MB, ${fileMb.toFixed(1)} MB file`);
      return { store, seedMs, rows: seeded.rows, movers, expected, reply, fileMb };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

export async function runExport(options: BenchOptions): Promise<BenchResult> {
  const size = options.quick ? { cells: 300, membersPerCell: 25 } : { cells: 4_000, membersPerCell: 25 };
  const legacy = process.env.BENCH_EXPORT_LEGACY;
  const measured: Measurement[] = [];
  for (const store of STORES) measured.push(await measure(store, size, options, legacy));
  const mb = (v: number) => `${v.toFixed(0)} MB`;
  const first = measured[0]!;
  const targets: Target[] = measured.flatMap((m) => [
    { name: `register of ${count(size.cells * size.membersPerCell)} members on ${m.store}`, goal: "< 15 s", actual: seconds(m.reply.wallMs), met: m.reply.wallMs < TARGET_MS },
    { name: `peak RSS on ${m.store}`, goal: `< ${TARGET_RSS_MB} MB`, actual: mb(m.reply.maxRssMb), met: m.reply.maxRssMb < TARGET_RSS_MB },
  ]);
  const checks: Check[] = measured.map((m) => ({
    name: `${m.store}: one sheet per cell, one row per cell and member of the year (movers on both sheets)`,
    ok: m.reply.cells === size.cells && (legacy !== undefined || m.reply.members === m.expected),
    detail: `${count(m.reply.cells)} sheets, ${count(m.reply.members)} rows (expected ${count(m.expected)})`,
  }));
  return {
    name: legacy ? `export (legacy: ${legacy})` : "export",
    setup: [
      `bench/digest-seed.ts's province: ${count(size.cells)} cells × ${size.membersPerCell} members = ${count(size.cells * size.membersPerCell)} members; ${count(first.rows.meetings!)} meetings in ${YEAR}, ${count(first.rows.attendance!)} attendance entries, ${count(first.rows.dues!)} unpaid-dues marks`,
      `${count(first.movers)} members (1 in 100) moved to the next cell on 15 June ${YEAR}: their first period ends, a second starts`,
      `measured in a child process: the whole register as the CLI writes it (the province's sheets → XLSX file); wall, CPU and peak RSS (maxRSS) of that process`,
    ],
    figures: table(
      ["store", "wall", "cpu", "peak RSS", "(RSS at start)", "sheets", "rows", "file", "(seeding)"],
      measured.map((m) => [m.store, seconds(m.reply.wallMs), seconds(m.reply.cpuMs), mb(m.reply.maxRssMb), mb(m.reply.rssStartMb), count(m.reply.cells), count(m.reply.members), `${m.fileMb.toFixed(1)} MB`, seconds(m.seedMs)]),
    ),
    targets,
    checks,
  };
}
