// "evening": the busiest evening of a province (issue 18). 3,000 cells × 30 linked
// members, and every cell meets on the same evening at 19:30 (Asia/Ho_Chi_Minh). Nobody
// answers, so every reminder goes to all 90,000 members. Every cell met a month before
// and left a conclusion and three tasks (one for a member, done, with a note; one for
// two members, open; one for the whole cell, overdue): every notice and reminder opens
// with that review (org/meetings.ts reviewsOf), the most the review can cost.
//
// Measured, apart from seeding:
//   1. confirm: createMeeting(..., "confirmed", now) for each of the 3,000 meetings, one
//      after another as the secretaries' confirmations would arrive, each one timed
//      (p50/p95/p99/max): what one secretary waits;
//   2. the earlier ticks: runTick at every instant before T−2h at which something of
//      the evening falls due (T−72h, the summary at 18:00 the evening before, T−24h
//      with the documents check), each timed on its own: they are also ticks of 90,000
//      reminders (T−72h, T−24h), and they put the database in the state the T−2h tick
//      finds (plan marks, 360,000 outbox rows);
//   3. the T−2h tick: runTick at 17:30 on the evening, which queues the 90,000 last
//      reminders (the target: < 3 s), then the minute after it (nothing due: idle).
// runTick runs every job of the tick (meetings, records, resolutions, digest, probation),
// all of it measured, as the scheduler would run it.
import type { Db } from "../src/db/client.js";
import { dialectOf } from "../src/db/dialect.js";
import { createLogger } from "../src/logger.js";
import { createMeeting } from "../src/features/meetings/mutations.js";
import { runTick } from "../src/jobs/tick.js";
import { planMeeting, type PlanItem } from "../src/domain/reminders.js";
import { resolveSettings } from "../src/domain/settings.js";
import { toUtc } from "../src/domain/zoned.js";
import { withDatabase, type BenchStore } from "./databases.js";
import { seedProvince, TIME_ZONE, type SeededCell } from "./seed.js";
import { formatProfile, profileQueries, type QueryProfile } from "./query-profile.js";
import { briefError, rowsByKind } from "./plan.js";
import { count, percentile, seconds, stopwatch, table, type BenchOptions, type BenchResult, type Check, type Target } from "./report.js";

const STORES: BenchStore[] = ["sqlite", "postgresql"];
const TICK_TARGET_MS = 3_000;
const CONFIRM_P99_TARGET_MS = 20;
/** The evening: Tuesday 2027-06-15, 19:30 local. */
export const STARTS_AT = toUtc({ year: 2027, month: 6, day: 15, hour: 19, minute: 30 }, TIME_ZONE);
/** Confirmed a week ahead, a weekday morning: no notice waits for quiet hours. */
export const CONFIRMED_AT = toUtc({ year: 2027, month: 6, day: 8, hour: 10, minute: 0 }, TIME_ZONE);
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** How the review opens in Vietnamese (locales/vi.ftl, minutes-review-heading), as stored in a payload's JSON. */
const REVIEW_HEADING = "Kiểm điểm việc thực hiện nghị quyết kỳ trước";

interface TickFigures {
  label: string;
  at: Date;
  wallMs: number;
  cpuMs: number;
  rows: number;
  summary?: Record<string, number>;
  error?: string;
}

interface Measurement {
  store: BenchStore;
  seedMs: number;
  confirmations: number[];
  confirmMs: number;
  confirmCpuMs: number;
  notices: number;
  earlier: TickFigures[];
  peak: TickFigures;
  after: TickFigures;
  /** Rows of the T−2h reminder (keys rem:<meeting>:<revision>:r120:<person>). */
  lastReminders: number;
  /** Of those, the ones that open with the review of last month's resolution. */
  reviewed: number;
  byKind: Record<string, number>;
  profile?: string[];
}

/** The local time of an instant, for the report ("06-15 17:30"). */
function local(at: Date): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}

/** Last month's meeting of every cell, a week before the evening's confirmation. */
export const PREVIOUS_AT = toUtc({ year: 2027, month: 5, day: 18, hour: 19, minute: 30 }, TIME_ZONE);
export const dayStart = (day: number, month = 6) => toUtc({ year: 2027, month, day, hour: 0, minute: 0 }, TIME_ZONE);

/**
 * Each cell's previous meeting, held and recorded, with a conclusion and three tasks, as
 * the records and resolutions features leave them. Written with createMany; the ids the
 * database gives are read back (one statement per table). Rows written, by table.
 */
export async function seedPreviousResolutions(db: Db, cells: SeededCell[]): Promise<Record<string, number>> {
  const inChunks = async <T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 2_000) await write(rows.slice(i, i + 2_000));
  };
  const recordedAt = new Date(PREVIOUS_AT.getTime() + 3 * 3_600_000);
  await inChunks(cells, (part) =>
    db.meeting.createMany({
      data: part.map((cell) => ({
        orgId: cell.id, kind: "regular", forMonth: "2027-05", startsAt: PREVIOUS_AT, durationMinutes: 120, place: "Nhà văn hóa",
        agenda: "Sinh hoạt thường kỳ tháng 5", status: "confirmed", confirmedAt: new Date(PREVIOUS_AT.getTime() - 7 * 86_400_000), createdAt: PREVIOUS_AT,
      })),
    }),
  );
  const meetings = await db.meeting.findMany({ where: { startsAt: PREVIOUS_AT }, select: { id: true, orgId: true } });
  const meetingOf = new Map(meetings.map((m) => [m.orgId, m.id]));
  await inChunks(meetings, (part) =>
    db.meetingRecord.createMany({ data: part.map((m) => ({ meetingId: m.id, state: "submitted", startedAt: PREVIOUS_AT, endedAt: recordedAt, submittedAt: recordedAt })) }),
  );
  await inChunks(meetings, (part) =>
    db.meetingConclusion.createMany({
      data: part.map((m) => ({
        meetingId: m.id,
        text: "Chi bộ thống nhất tập trung lãnh đạo thu đảng phí đúng hạn, rà soát đảng viên miễn sinh hoạt và hưởng ứng phong trào học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        votesFor: 28, votesAgainst: 0, votesAbstain: 0, countedOfficial: 30, passed: true, recordedAt,
      })),
    }),
  );
  const tasks = cells.flatMap((cell) => {
    const base = { meetingId: meetingOf.get(cell.id)!, orgId: cell.id, createdAt: recordedAt };
    return [
      { ...base, text: "Thu đảng phí quý II đầy đủ", dueOn: dayStart(10) },
      { ...base, text: "Rà soát danh sách đảng viên diện miễn sinh hoạt", dueOn: dayStart(30) },
      { ...base, text: "Mỗi đảng viên đăng ký một việc làm theo gương Bác", dueOn: dayStart(12), wholeCell: true },
    ];
  });
  await inChunks(tasks, (part) => db.task.createMany({ data: part }));
  const taskRows = await db.task.findMany({ select: { id: true, orgId: true }, orderBy: { id: "asc" } });
  const tasksOf = new Map<number, number[]>();
  for (const task of taskRows) tasksOf.set(task.orgId, [...(tasksOf.get(task.orgId) ?? []), task.id]);
  const assignees = cells.flatMap((cell) => {
    const [fees, review, pledge] = tasksOf.get(cell.id)!;
    const [, treasurer, first, second] = cell.memberIds;
    return [
      { taskId: fees!, personId: treasurer!, doneAt: dayStart(5) },
      { taskId: review!, personId: first! },
      { taskId: review!, personId: second! },
      ...cell.memberIds.map((personId, i) => ({ taskId: pledge!, personId, ...(i < 10 ? { doneAt: dayStart(8) } : {}) })),
    ];
  });
  await inChunks(assignees, (part) => db.taskAssignee.createMany({ data: part }));
  const notes = cells.map((cell) => ({ taskId: tasksOf.get(cell.id)![0]!, personId: cell.memberIds[1]!, text: "Đã thu đủ 30/30 đồng chí.", createdAt: dayStart(5) }));
  await inChunks(notes, (part) => db.taskNote.createMany({ data: part }));
  // As seedProvince does: PostgreSQL's statistics, as a database in service has them.
  if (dialectOf(db).provider === "postgresql") await db.$executeRawUnsafe("ANALYZE");
  return { meetings: meetings.length, tasks: tasks.length, assignees: assignees.length, notes: notes.length };
}

/** One cell's meeting of the evening, confirmed at CONFIRMED_AT (its notices queued), as a secretary's confirmation does it. */
export function confirmEveningMeeting(db: Db, orgId: number) {
  return createMeeting(
    db,
    { orgId, kind: "regular", startsAt: STARTS_AT, durationMinutes: 120, place: "Nhà văn hóa", agenda: "Sinh hoạt thường kỳ", documents: [] },
    "confirmed",
    CONFIRMED_AT,
  );
}

/**
 * The evening's T−2h reminder (`last`) and, in order, every instant before it at which
 * the scheduler's tick has something of the evening to do (`earlier`, labelled with the
 * plan's keys). The cells have no settings: the defaults' plan, as the tick computes it.
 */
export function eveningTicks(): { last: PlanItem & { kind: "reminder" }; earlier: { label: string; at: Date }[] } {
  const plan = planMeeting({ startsAt: STARTS_AT, timeZone: TIME_ZONE, settings: resolveSettings([]) });
  const last = plan
    .filter((item): item is PlanItem & { kind: "reminder" } => item.kind === "reminder")
    .reduce((a, b) => (a.offsetMinutes < b.offsetMinutes ? a : b));
  // The scheduler ticks every minute; the minutes in between queue nothing of the
  // evening, but the first of each hour runs the hourly jobs (the tasks' scan claims
  // "task-scan:<hour>"): the top of T−2h's hour is ticked too, as in service, so the
  // T−2h tick at 17:30 does what it would do there. (Meetings at 19:00 would put both
  // in one tick: that tick is the sum of the two.)
  const hourOfLast = Math.floor(last.dueAt.getTime() / HOUR_MS) * HOUR_MS;
  const instants = [
    ...new Set([...plan.filter((item) => item.dueAt < last.dueAt).map((item) => item.dueAt.getTime()), ...(hourOfLast < last.dueAt.getTime() ? [hourOfLast] : [])]),
  ].sort((a, b) => a - b);
  const earlier = instants.map((at) => {
    const items = plan.filter((item) => item.dueAt.getTime() === at).map((item) => item.key);
    return { label: items.length > 0 ? items.join("+") : "hourly jobs", at: new Date(at) };
  });
  return { last, earlier };
}

async function measure(store: BenchStore, size: { cells: number; members: number }, options: BenchOptions, profiled: boolean): Promise<Measurement> {
  return withDatabase(store, async (database) => {
    const log = (line: string) => options.log(`  [evening ${store}${profiled ? " profiled" : ""}] ${line}`);
    const seedStarted = performance.now();
    const province = await seedProvince(database.db, { cells: size.cells, membersPerCell: size.members });
    const previous = await seedPreviousResolutions(database.db, province.cells);
    const seedMs = performance.now() - seedStarted;
    log(`seeded ${count(province.cells.length)} cells, ${count(province.persons)} members, last month's ${count(previous.meetings!)} resolutions (${count(previous.tasks!)} tasks) in ${seconds(seedMs)}`);

    const profile: QueryProfile | undefined = profiled ? profileQueries(database.db) : undefined;
    const db = profile?.db ?? database.db;
    const logger = createLogger("silent");
    const profileLines: string[] = [];

    const confirmations: number[] = [];
    const confirmWatch = stopwatch();
    for (const cell of province.cells) {
      const started = performance.now();
      await confirmEveningMeeting(db, cell.id);
      confirmations.push(performance.now() - started);
    }
    const { wallMs: confirmMs, cpuMs: confirmCpuMs } = confirmWatch();
    const notices = await database.db.outboxMessage.count();
    log(`confirmed ${count(confirmations.length)} meetings in ${seconds(confirmMs)} (p99 ${percentile(confirmations, 99).toFixed(1)} ms): ${count(notices)} notices queued`);
    if (profile) {
      profileLines.push(`${store}, confirmations (${seconds(confirmMs)} wall):`, ...formatProfile(profile, { count: confirmations.length, label: "confirmation" }));
      profile.reset();
    }

    const tick = async (label: string, at: Date): Promise<TickFigures> => {
      // The bench's own reads go around the profiler.
      const before = await database.db.outboxMessage.count();
      const watch = stopwatch();
      let summary: Record<string, number> | undefined;
      let error: string | undefined;
      try {
        summary = await runTick(db, at, logger);
      } catch (thrown) {
        error = briefError(thrown);
      }
      const { wallMs, cpuMs } = watch();
      const rows = (await database.db.outboxMessage.count()) - before;
      log(`${label} tick (${local(at)}): ${count(rows)} rows in ${wallMs.toFixed(0)} ms (cpu ${cpuMs.toFixed(0)} ms)${error ? `; threw: ${error}` : ""}`);
      return { label, at, wallMs, cpuMs, rows, ...(summary ? { summary } : {}), ...(error ? { error } : {}) };
    };

    const { last, earlier: earlierTicks } = eveningTicks();
    const earlier: TickFigures[] = [];
    for (const { label, at } of earlierTicks) earlier.push(await tick(label, at));
    if (profile) profile.reset();

    const peak = await tick(`${last.key} (T−${last.offsetMinutes / 60}h)`, last.dueAt);
    if (profile) {
      profileLines.push(`${store}, the ${last.key} tick (${peak.wallMs.toFixed(0)} ms wall):`, ...formatProfile(profile));
      profile.reset();
    }
    const after = await tick("a minute later", new Date(last.dueAt.getTime() + MINUTE_MS));
    const lastReminders = await database.db.outboxMessage.count({ where: { kind: "reminder", key: { contains: `:${last.key}:` } } });
    const reviewed = await database.db.outboxMessage.count({ where: { kind: "reminder", key: { contains: `:${last.key}:` }, payload: { contains: REVIEW_HEADING } } });
    return {
      store,
      seedMs,
      confirmations,
      confirmMs,
      confirmCpuMs,
      notices,
      earlier,
      peak,
      after,
      lastReminders,
      reviewed,
      byKind: await rowsByKind(database.db),
      ...(profile ? { profile: profileLines } : {}),
    };
  });
}

export async function runEvening(options: BenchOptions): Promise<BenchResult> {
  const size = options.quick ? { cells: 100, members: 30 } : { cells: 3_000, members: 30 };
  const members = size.cells * size.members;
  const measured: Measurement[] = [];
  for (const store of STORES) measured.push(await measure(store, size, options, false));
  const profile: string[] = [];
  if (options.profile) for (const store of STORES) profile.push(...(await measure(store, size, options, true)).profile!);

  const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ms`;
  const tickCell = (t: TickFigures) => `${ms(t.wallMs)} (${ms(t.cpuMs)}), ${count(t.rows)} rows`;
  const figures = [
    ...table(
      ["store", "confirmations", "p50", "p95", "p99", "max", "mean", "phase (cpu)", "notices", "(seeding)"],
      measured.map((m) => [
        m.store,
        count(m.confirmations.length),
        ms(percentile(m.confirmations, 50)),
        ms(percentile(m.confirmations, 95)),
        ms(percentile(m.confirmations, 99)),
        ms(percentile(m.confirmations, 100)),
        ms(m.confirmMs / m.confirmations.length),
        `${seconds(m.confirmMs)} (${seconds(m.confirmCpuMs)})`,
        count(m.notices),
        seconds(m.seedMs),
      ]),
    ),
    "",
    ...table(
      ["store", ...measured[0]!.earlier.map((t) => `${t.label} ${local(t.at)}`), `${measured[0]!.peak.label} ${local(measured[0]!.peak.at)}`, "a minute later"],
      measured.map((m) => [m.store, ...m.earlier.map(tickCell), tickCell(m.peak), tickCell(m.after)]),
    ),
    "(tick: wall (bot process CPU), rows queued by the tick)",
  ];

  const checks: Check[] = measured.flatMap((m) => {
    const ticks = [...m.earlier, m.peak, m.after];
    const failed = ticks.filter((t) => t.error);
    return [
      { name: `notices queued on ${m.store}`, ok: m.notices === members, detail: `${count(m.notices)} (expected ${count(members)})` },
      {
        name: `the T−2h tick queued a reminder per member on ${m.store}`,
        ok: m.lastReminders === members && m.peak.summary?.reminders === members,
        detail: `${count(m.lastReminders)} rows (summary says ${count(m.peak.summary?.reminders ?? 0)}; expected ${count(members)})`,
      },
      {
        name: `the T−2h reminders open with last month's review on ${m.store}`,
        ok: m.reviewed === m.lastReminders,
        detail: `${count(m.reviewed)} of ${count(m.lastReminders)}`,
      },
      { name: `the minute after queued nothing on ${m.store}`, ok: m.after.rows === 0, detail: `${count(m.after.rows)} rows` },
      {
        name: `every tick ran without error on ${m.store}`,
        ok: failed.length === 0,
        detail: failed.length === 0 ? `${ticks.length} ticks` : failed.map((t) => `${t.label}: ${t.error}`).join("; "),
      },
      {
        name: `rows by kind on ${m.store}`,
        ok: (m.byKind.reminder ?? 0) === 3 * members,
        detail: Object.entries(m.byKind).map(([kind, n]) => `${kind} ${count(n)}`).join(", "),
      },
    ];
  });
  const targets: Target[] = measured.flatMap((m) => [
    { name: `T−2h tick (${count(m.peak.rows)} rows) on ${m.store}`, goal: "< 3 s", actual: seconds(m.peak.wallMs), met: !m.peak.error && m.peak.wallMs < TICK_TARGET_MS },
    {
      name: `a confirmation's p99 on ${m.store}`,
      goal: "< 20 ms",
      actual: ms(percentile(m.confirmations, 99)),
      met: percentile(m.confirmations, 99) < CONFIRM_P99_TARGET_MS,
    },
  ]);
  return {
    name: "evening",
    setup: [
      `${count(size.cells)} cells × ${size.members} linked official members (${count(members)}), 1 province, ${Math.ceil(size.cells / 30)} communes; no settings (reminders at 72 h, 24 h, 2 h; summary 18:00; quiet 21:30–06:30)`,
      `every cell met on ${PREVIOUS_AT.toISOString()} (recorded, a conclusion, 3 tasks: one done with a note, one open for two members, one for the whole cell overdue): notices and reminders open with its review`,
      `every cell meets at ${STARTS_AT.toISOString()} (19:30 ${TIME_ZONE}, Tuesday); confirmed one after another at ${CONFIRMED_AT.toISOString()}, each createMeeting timed; nobody answers`,
      `ticks: runTick (every job) at each earlier due instant and at the top of T−2h's hour (the hourly jobs, as the minute-by-minute scheduler runs them), each timed apart, then at T−2h (the target) and a minute later`,
    ],
    figures,
    targets,
    checks,
    ...(options.profile ? { profile } : {}),
  };
}
