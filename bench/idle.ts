// "idle": what the scheduler's minute costs when nothing is due, at the size of the
// country's committee tree. Every tick reads the committees to see whose weekly digest,
// nudge or month-end report has come, so that read and the checks behind it grow with
// the tree, while nothing is sent. 34 provinces × 98 communes × 16 base committees
// (56,678 organisations, no cells: their meetings are the plan benchmark's business),
// on a Wednesday, the 9th, at 10:00: no digest day, no nudge, no month end.
import { createLogger } from "../src/logger.js";
import { runTick } from "../src/jobs/tick.js";
import type { Db } from "../src/db/client.js";
import { withDatabase, type BenchStore } from "./databases.js";
import { count, stopwatch, table, type BenchOptions, type BenchResult } from "./report.js";

const STORES: BenchStore[] = ["sqlite", "postgresql"];
const IDLE_AT = new Date("2027-06-09T03:00:00Z");

interface Shape {
  provinces: number;
  communes: number;
  bases: number;
}

async function seedCommittees(db: Db, shape: Shape): Promise<number> {
  const rows: { id: number; code: string; name: string; kind: string; parentId: number | null; path: string }[] = [];
  let id = 0;
  const add = (kind: string, parent: { id: number; path: string } | null) => {
    const org = { id: ++id, code: `${kind[0]!.toUpperCase()}${id}`, name: `${kind} ${id}`, kind, parentId: parent?.id ?? null, path: `${parent?.path ?? "/"}${id}/` };
    rows.push(org);
    return org;
  };
  for (let p = 0; p < shape.provinces; p++) {
    const province = add("province", null);
    for (let c = 0; c < shape.communes; c++) {
      const commune = add("commune", province);
      for (let b = 0; b < shape.bases; b++) add("base", commune);
    }
  }
  for (let i = 0; i < rows.length; i += 2_000) await db.org.createMany({ data: rows.slice(i, i + 2_000) });
  return rows.length;
}

async function measure(store: BenchStore, shape: Shape, ticks: number) {
  return withDatabase(store, async ({ db }) => {
    const committees = await seedCommittees(db, shape);
    const logger = createLogger("silent");
    for (let i = 0; i < 3; i++) await runTick(db, new Date(IDLE_AT.getTime() - (i + 1) * 60_000), logger);
    let queued = 0;
    const marksBefore = await db.planMark.count();
    const watch = stopwatch();
    for (let i = 0; i < ticks; i++) {
      const summary = await runTick(db, new Date(IDLE_AT.getTime() + i * 60_000), logger);
      queued += summary.digestMessages + summary.nudges + summary.monthEndReports + summary.reminders;
    }
    const { wallMs, cpuMs } = watch();
    // A tick that found something due marks it handled (a digest with nobody to read it too).
    const marked = (await db.planMark.count()) - marksBefore;
    return { store, committees, ticks, wallMs: wallMs / ticks, cpuMs: cpuMs / ticks, queued, marked };
  });
}

export async function runIdle(options: BenchOptions): Promise<BenchResult> {
  const shape: Shape = options.quick ? { provinces: 2, communes: 10, bases: 5 } : { provinces: 34, communes: 98, bases: 16 };
  const ticks = options.quick ? 3 : 10;
  const measured = [];
  for (const store of STORES) measured.push(await measure(store, shape, ticks));
  return {
    name: "idle",
    setup: [
      `${shape.provinces} provinces × ${shape.communes} communes × ${shape.bases} base committees, no settings, no cells, nobody linked`,
      `runTick (every job) at ${ticks} consecutive minutes from ${IDLE_AT.toISOString()} (Wednesday the 9th, 10:00 Asia/Ho_Chi_Minh), after 3 to warm up`,
    ],
    figures: table(
      ["store", "committees", "per idle tick (wall)", "(cpu)"],
      measured.map((m) => [m.store, count(m.committees), `${m.wallMs.toFixed(0)} ms`, `${m.cpuMs.toFixed(0)} ms`]),
    ),
    targets: [],
    checks: measured.map((m) => ({
      name: `the minutes measured were idle on ${m.store}`,
      ok: m.queued === 0 && m.marked === 0,
      detail: `${m.queued} rows queued, ${m.marked} items marked handled in ${m.ticks} ticks`,
    })),
  };
}
