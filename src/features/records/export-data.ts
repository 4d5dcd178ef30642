// The register export's data: a subtree's year of attendance as sheets, one per cell.
//
// Who is on a cell's sheet: everyone with a membership period in that cell (home or
// attached) lasting at some moment of the year, once per person, with the status of
// their latest period there. A meeting is marked for them only when one of their
// periods in that cell lasted at its start (the attendance list is built from those);
// any other meeting is blank: they were not expected.
//
// A person's yearly record and the three-month flag are their year, not the cell's:
// all their entries of the year in whichever cell (inside the subtree or not), each
// counted only while a period of theirs in that meeting's cell lasted, and their
// unpaid-dues months in which they were a member somewhere. A member who missed one
// month in cell A, moved to B and missed two there is flagged with three months on both
// sheets.
//
// Read a batch of cells at a time (CELLS_PER_BATCH), with raw SQL of the columns the
// register shows, and grouped with Maps: a province of 100,000 members is a few dozen
// statements and never in memory at once (bench/export.ts).
//
// After the cells' sheets comes the sheet of tasks (issue 17): every task (not
// withdrawn) of a meeting held in the year in the subtree's cells, read the same way, a
// batch of cells at a time, when the writer reaches it.
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../db/client.js";
import { collectGarbageAbove } from "../../lib/memory.js";
import { dialectOf } from "../../db/dialect.js";
import { translate as t } from "../../bot/i18n.js";
import { absenceCounts, yearSummary, type YearEntry, type YearSummary } from "../../domain/member-record.js";
import type { Attendance } from "../../domain/meeting-record.js";
import { lastsAt, overlaps, type Period } from "../../domain/membership.js";
import { monthLabel, toLocal, toUtc } from "../../domain/zoned.js";
import { formatPhone } from "../../domain/phone.js";
import { isTasksSheet, type AttendanceSheet, type RegisterSheet, type TaskRow, type TasksSheet } from "./files/export.js";
import { doneAtOf, taskStatus } from "../../domain/tasks.js";
import { inForceSql } from "../../db/memberships.js";
import { formatLocalDay, localToday } from "../../domain/past-date.js";

const KIND_SHORT: Record<string, string> = { regular: "TK", thematic: "CĐ", combined: "TK+CĐ" };

/** Cells read together: about 2,500 members and 30,000 attendance entries at 25 a cell. */
export const CELLS_PER_BATCH = 100;
/** Heap above which the register collects between batches (its live heap is ~70 MB). */
const REGISTER_HEAP_MB = 100;

/** Every zone is within 14 hours of UTC: the instants that can belong to `year` somewhere. */
const HOUR_MS = 3_600_000;

interface Cell {
  id: number;
  code: string;
  name: string;
  timezone: string;
}

interface PeriodRow extends Period {
  orgId: number;
  personId: number;
  status: string;
}

interface EntryRow {
  personId: number;
  meetingId: number;
  attendance: string;
  memberStatus: string;
}

interface MeetingRow {
  id: number;
  orgId: number;
  kind: string;
  forMonth: string;
  startsAt: Date;
  startedAt: Date | null;
}

interface HeldMeeting extends MeetingRow {
  /** When it was held: the record's start, else the planned one. */
  heldAt: Date;
}

/** The sheets of every cell under `orgPath` (by code), all in memory: for small subtrees and tests. */
export async function attendanceSheets(db: Db, orgPath: string, year: number, locale: string): Promise<AttendanceSheet[]> {
  const sheets: AttendanceSheet[] = [];
  for await (const sheet of registerSheets(db, orgPath, year, locale)) if (!isTasksSheet(sheet)) sheets.push(sheet);
  return sheets;
}

/** The sheets of every cell under `orgPath`, ordered by code, a batch of cells read at a time, then the tasks' sheet. */
export async function* registerSheets(db: Db, orgPath: string, year: number, locale: string, cellsPerBatch = CELLS_PER_BATCH): AsyncGenerator<RegisterSheet> {
  const cells: Cell[] = await db.org.findMany({
    where: { path: { startsWith: orgPath }, kind: "cell" },
    orderBy: { code: "asc" },
    select: { id: true, code: true, name: true, timezone: true },
  });
  const window = { from: new Date(Date.UTC(year, 0, 1) - 14 * HOUR_MS), to: new Date(Date.UTC(year + 1, 0, 1) + 14 * HOUR_MS) };
  const zones = new Map<number, string>(cells.map((c) => [c.id, c.timezone]));
  const years = new YearBounds(year);
  const monthsOf = new Map<string, { from: Date; to: Date } | undefined>();
  // A meeting's local date, from the zone's offset at the start of its UTC hour: one
  // conversion per zone and hour instead of one per meeting (50,000 in a province).
  const offsets = new Map<string, number>();
  const localDate = (instant: Date, zone: string) => {
    const hour = Math.floor(instant.getTime() / HOUR_MS) * HOUR_MS;
    const offset = getOrSet(offsets, `${zone}|${hour}`, () => {
      const l = toLocal(new Date(hour), zone);
      return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute) - hour;
    });
    const local = new Date(instant.getTime() + offset);
    return { day: local.getUTCDate(), month: local.getUTCMonth() + 1 };
  };
  const collator = new Intl.Collator("vi");
  const statusLabels = new Map<string, string>();
  const statusLabel = (status: string) => {
    let label = statusLabels.get(status);
    if (label === undefined) statusLabels.set(status, (label = t(locale, `status-${status}`)));
    return label;
  };

  const batchAt = (i: number) => cells.slice(i, i + cellsPerBatch);
  const read = (i: number) => readBatch(db, batchAt(i).map((c) => c.id), window);
  // The next batch is read while this one is built and written: on PostgreSQL the
  // server works meanwhile (SQLite's reads run on this thread either way).
  let next = cells.length > 0 ? read(0) : undefined;
  for (let i = 0; i < cells.length; i += cellsPerBatch) {
    // Each batch leaves its rows behind: collected before the next once the heap passes
    // its budget (lib/memory.ts; bench/export.ts: < 300 MB for 100,000 members).
    if (i > 0) collectGarbageAbove(REGISTER_HEAP_MB);
    const batch = batchAt(i);
    const data = await next!;
    next = i + cellsPerBatch < cells.length ? read(i + cellsPerBatch) : undefined;
    // A failed read of the next batch is thrown when it is awaited, not left unhandled.
    next?.catch(() => undefined);
    await learnZones(db, data, zones);

    // Each person's periods (any cell), entries that count and summary of the year.
    const periodsOf = groupBy(data.periods, (p) => p.personId);
    const entriesOf = new Map<number, Map<number, EntryRow>>();
    const yearEntriesOf = new Map<number, YearEntry[]>();
    const meetingById = new Map<number, HeldMeeting>();
    for (const m of data.meetings) meetingById.set(m.id, m);
    for (const m of data.others) meetingById.set(m.id, m);
    for (const e of data.entries) {
      const m = meetingById.get(e.meetingId);
      if (!m) continue;
      const zone = zones.get(m.orgId)!;
      if (!years.contains(m.heldAt, zone)) continue;
      // Only while a period in that meeting's cell lasted: they were on its list.
      if (!(periodsOf.get(e.personId) ?? []).some((p) => p.orgId === m.orgId && lastsAt(p, m.startsAt))) continue;
      getOrSet(entriesOf, e.personId, () => new Map()).set(e.meetingId, e);
      getOrSet(yearEntriesOf, e.personId, () => []).push({
        meetingId: e.meetingId,
        startedAt: m.heldAt,
        forMonth: m.forMonth,
        attendance: e.attendance as Attendance,
        memberStatus: e.memberStatus,
        timeZone: zone,
      });
    }
    const unpaidOf = new Map<number, string[]>();
    for (const d of data.dues) {
      // Only a month in which they were a member somewhere.
      const zone = zones.get(d.orgId) ?? "UTC";
      const month = getOrSet(monthsOf, `${zone}|${d.month}`, () => monthBounds(d.month, zone));
      if (!month || !(periodsOf.get(d.personId) ?? []).some((p) => overlaps(p, month.from, month.to))) continue;
      getOrSet(unpaidOf, d.personId, () => []).push(d.month);
    }
    const summaries = new Map<number, YearSummary>();
    const summaryOf = (personId: number, zone: string) =>
      getOrSet(summaries, personId, () => yearSummary(yearEntriesOf.get(personId) ?? [], unpaidOf.get(personId) ?? [], year, zone));

    const meetingsOf = groupBy(data.meetings, (m) => m.orgId);
    const periodsIn = groupBy(data.periods, (p) => p.orgId);
    for (const cell of batch) {
      const zone = cell.timezone;
      const [yearFrom, yearTo] = years.of(zone);
      const held = (meetingsOf.get(cell.id) ?? []).filter((m) => years.contains(m.heldAt, zone));
      // Once per person: the latest of their periods in this cell that touch the year.
      const latest = new Map<number, PeriodRow>();
      for (const p of periodsIn.get(cell.id) ?? []) {
        if (!overlaps(p, yearFrom, yearTo)) continue;
        const seen = latest.get(p.personId);
        if (!seen || later(p, seen)) latest.set(p.personId, p);
      }
      const members = [...latest.values()].map((period) => {
        const person = data.persons.get(period.personId)!;
        const mine = entriesOf.get(period.personId);
        const marks = held.map((meeting) => {
          const e = mine?.get(meeting.id);
          // Blank where the member was not expected and did not come (exempt, transferred).
          return e && (e.attendance === "present" || e.attendance === "late" || absenceCounts(e)) ? e.attendance : null;
        });
        const summary = summaryOf(period.personId, zone);
        const flag = summary.flag === "none" ? null : t(locale, `export-flag-${summary.flag}`, { months: summary.unexcusedMonths.map(monthLabel).join(", ") });
        return {
          name: person.fullName,
          phone: formatPhone(person.phone),
          status: statusLabel(period.status),
          cells: marks,
          totals: { present: summary.present, late: summary.late, excused: summary.excused, unexcused: summary.unexcused },
          flag,
        };
      });
      members.sort((a, b) => collator.compare(a.name, b.name));
      yield {
        cellName: cell.name,
        cellCode: cell.code,
        meetings: held.map((m) => {
          const l = localDate(m.heldAt, zone);
          return { id: m.id, label: `${String(l.day).padStart(2, "0")}/${String(l.month).padStart(2, "0")} ${KIND_SHORT[m.kind] ?? m.kind}` };
        }),
        members,
      };
    }
  }
  if (cells.length > 0) yield tasksSheet(db, cells, year, locale, cellsPerBatch);
}

/** Whether period `a` is later than `b`: it started later (a period with no start is the earliest). */
function later(a: PeriodRow, b: PeriodRow): boolean {
  const start = (p: PeriodRow) => p.startedOn?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (start(a) !== start(b)) return start(a) > start(b);
  const end = (p: PeriodRow) => p.endedOn?.getTime() ?? Number.POSITIVE_INFINITY;
  return end(a) > end(b);
}

interface Batch {
  /** Every period, in any cell, of everyone with a period in the batch's cells, touching the window. */
  periods: PeriodRow[];
  persons: Map<number, { fullName: string; phone: string }>;
  /** Their entries at held meetings of the window, in any cell. */
  entries: EntryRow[];
  /** Held meetings of the batch's cells in the window, by start. */
  meetings: HeldMeeting[];
  /** Held meetings of other cells that the entries name. */
  others: HeldMeeting[];
  dues: { personId: number; orgId: number; month: string }[];
}

/**
 * Three statements for a batch of cells, whatever its size. Each person comes back as
 * one row with their periods and entries packed as text (string_agg, on SQLite since
 * 3.44 as on PostgreSQL): Prisma spends a few microseconds on every value it hands
 * back, several times that on a date, and a province has a million entries.
 */
async function readBatch(db: Db, cellIds: number[], { from, to }: { from: Date; to: Date }): Promise<Batch> {
  const cells = dialectOf(db).idList(cellIds);
  const touches = (alias: string) => {
    const a = Prisma.raw(alias);
    return Prisma.sql`(${a}."startedOn" IS NULL OR ${a}."startedOn" < ${to}) AND (${a}."endedOn" IS NULL OR ${a}."endedOn" > ${from})`;
  };
  const people = Prisma.sql`SELECT s."personId" FROM "Membership" s WHERE s."orgId" IN ${cells} AND ${touches("s")}`;
  const held = Prisma.sql`r."meetingId" = m."id" AND r."state" = 'submitted' AND NOT r."notHeld"
    AND COALESCE(r."startedAt", m."startsAt") >= ${from} AND COALESCE(r."startedAt", m."startsAt") < ${to}`;
  const [persons, meetings, dues] = await Promise.all([
    // Grouped once per batch rather than a subquery per person: PostgreSQL aggregates
    // the batch's rows in one pass (SQLite does as well either way).
    db.$queryRaw<{ id: number; fullName: string; phone: string; periods: string | null; entries: string | null }[]>`
      SELECT x."id", x."fullName", x."phone", per."periods", ent."entries"
      FROM "Person" x
      LEFT JOIN (
        SELECT p."personId", string_agg(p."orgId" || '|' || p."status" || '|' || COALESCE(CAST(p."startedOn" AS TEXT), '') || '|' || COALESCE(CAST(p."endedOn" AS TEXT), ''), ',') AS "periods"
        FROM "Membership" p WHERE p."personId" IN (${people}) AND ${touches("p")} GROUP BY p."personId"
      ) per ON per."personId" = x."id"
      LEFT JOIN (
        SELECT e."personId", string_agg(e."meetingId" || '|' || e."attendance" || '|' || e."memberStatus", ',') AS "entries"
        FROM "AttendanceEntry" e CROSS JOIN "Meeting" m CROSS JOIN "MeetingRecord" r
        WHERE e."personId" IN (${people}) AND m."id" = e."meetingId" AND ${held} GROUP BY e."personId"
      ) ent ON ent."personId" = x."id"
      WHERE x."id" IN (${people})`,
    db.$queryRaw<MeetingRow[]>`
      SELECT m."id", m."orgId", m."kind", m."forMonth", m."startsAt", r."startedAt"
      FROM "Meeting" m CROSS JOIN "MeetingRecord" r
      WHERE m."orgId" IN ${cells} AND ${held}
      ORDER BY m."startsAt", m."id"`,
    db.$queryRaw<{ personId: number; orgId: number; month: string }[]>`SELECT d."personId", d."orgId", d."month" FROM "DuesMark" d
      WHERE d."personId" IN (${people}) AND d."month" >= ${monthKeyOf(from)} AND d."month" <= ${monthKeyOf(to)}`,
  ]);
  const periods: PeriodRow[] = [];
  const entries: EntryRow[] = [];
  for (const person of persons) {
    for (const packed of person.periods?.split(",") ?? []) {
      const [orgId, status, startedOn, endedOn] = packed.split("|");
      periods.push({ orgId: Number(orgId), personId: person.id, status: status!, startedOn: instant(startedOn!), endedOn: instant(endedOn!) });
    }
    for (const packed of person.entries?.split(",") ?? []) {
      const [meetingId, attendance, memberStatus] = packed.split("|");
      entries.push({ personId: person.id, meetingId: Number(meetingId), attendance: attendance!, memberStatus: memberStatus! });
    }
  }
  // Meetings of other cells (before a move, or attached elsewhere): by id.
  const known = new Set(meetings.map((m) => m.id));
  const elsewhere = [...new Set(entries.map((e) => e.meetingId).filter((id) => !known.has(id)))];
  const others =
    elsewhere.length === 0
      ? []
      : await db.$queryRaw<MeetingRow[]>`SELECT m."id", m."orgId", m."kind", m."forMonth", m."startsAt", r."startedAt"
          FROM "Meeting" m CROSS JOIN "MeetingRecord" r WHERE m."id" IN ${dialectOf(db).idList(elsewhere)} AND r."meetingId" = m."id"`;
  return {
    periods,
    persons: new Map(persons.map((p) => [p.id, { fullName: p.fullName, phone: p.phone }])),
    entries,
    meetings: meetings.map(withHeldAt),
    others: others.map(withHeldAt),
    dues,
  };
}

// ---- the tasks' sheet -------------------------------------------------------------------

/** The tasks' sheet of these cells (by code): its rows are read when the writer asks, as of its clock. */
function tasksSheet(db: Db, cells: Cell[], year: number, locale: string, cellsPerBatch: number): TasksSheet {
  return { kind: "tasks", rows: (asOf) => taskRows(db, cells, year, locale, asOf, cellsPerBatch) };
}

interface TaskRecord {
  id: number;
  orgId: number;
  text: string;
  dueOn: Date;
  wholeCell: boolean;
  forMonth: string;
  heldAt: Date;
  assignees: { fullName: string; doneAt: Date | null; inCell: boolean }[];
  notes: { fullName: string; text: string; at: Date }[];
}

/** A batch of cells' task rows at a time: by cell code, then the meeting's date, then the order they were recorded. */
async function* taskRows(db: Db, cells: Cell[], year: number, locale: string, asOf: Date, cellsPerBatch: number): AsyncGenerator<TaskRow[]> {
  const years = new YearBounds(year);
  const window = { from: new Date(Date.UTC(year, 0, 1) - 14 * HOUR_MS), to: new Date(Date.UTC(year + 1, 0, 1) + 14 * HOUR_MS) };
  const label = translatedOnce(locale);
  // Only the cells with tasks are read in batches: a subtree that records none costs one statement.
  const withTasks = await cellsWithTasks(db, cells.map((c) => c.id), window);
  const taskCells = cells.filter((c) => withTasks.has(c.id));
  for (let i = 0; i < taskCells.length; i += cellsPerBatch) {
    const batch = taskCells.slice(i, i + cellsPerBatch);
    const tasks = groupBy(await readTasks(db, batch.map((c) => c.id), window), (task) => task.orgId);
    const rows: TaskRow[] = [];
    for (const cell of batch) {
      const held = (tasks.get(cell.id) ?? []).filter((task) => years.contains(task.heldAt, cell.timezone));
      held.sort((a, b) => a.heldAt.getTime() - b.heldAt.getTime() || a.id - b.id);
      for (const task of held) rows.push(taskRow(task, cell, asOf, label));
    }
    if (rows.length > 0) yield rows;
  }
}

/** Fluent texts the task rows repeat, each translated once. */
function translatedOnce(locale: string): (key: string) => string {
  const known = new Map<string, string>();
  return (key) => getOrSet(known, key, () => t(locale, key));
}

function taskRow(task: TaskRecord, cell: Cell, asOf: Date, label: (key: string) => string): TaskRow {
  const facts = { dueOn: task.dueOn, assignees: task.assignees };
  const doneAt = doneAtOf(facts);
  return {
    cellCode: cell.code,
    cellName: cell.name,
    month: monthLabel(task.forMonth),
    task: task.text,
    assignees: task.wholeCell ? label("export-tasks-whole-cell") : task.assignees.map((a) => a.fullName).join(", "),
    due: localDay(task.dueOn, cell.timezone),
    status: label(`task-status-${taskStatus(facts, asOf, cell.timezone)}`),
    doneAt: doneAt && wallClock(doneAt, cell.timezone),
    notes: task.notes.map((n) => `${n.fullName} (${dayText(n.at, cell.timezone)}): ${n.text}`).join("\n"),
  };
}

/** The cells, of these, with a task (not withdrawn) of a meeting held in the window. */
async function cellsWithTasks(db: Db, cellIds: number[], { from, to }: { from: Date; to: Date }): Promise<Set<number>> {
  const rows = await db.$queryRaw<{ orgId: number | bigint }[]>`
    SELECT DISTINCT t."orgId"
    FROM "Task" t CROSS JOIN "Meeting" m LEFT JOIN "MeetingRecord" r ON r."meetingId" = m."id"
    WHERE t."orgId" IN ${dialectOf(db).idList(cellIds)} AND t."withdrawnAt" IS NULL AND m."id" = t."meetingId"
      AND COALESCE(r."startedAt", m."startsAt") >= ${from} AND COALESCE(r."startedAt", m."startsAt") < ${to}`;
  return new Set(rows.map((r) => Number(r.orgId)));
}

/**
 * Three statements for a batch of cells: the tasks of meetings held in the window, then
 * their assignees (each with whether a membership of the task's cell is in force, as
 * org/resolutions.ts reads it) and their notes.
 */
async function readTasks(db: Db, cellIds: number[], { from, to }: { from: Date; to: Date }): Promise<TaskRecord[]> {
  const rows = await db.$queryRaw<{ id: number; orgId: number; text: string; dueOn: Date | string; wholeCell: boolean | number; forMonth: string; startsAt: Date | string; startedAt: Date | string | null }[]>`
    SELECT t."id", t."orgId", t."text", t."dueOn", t."wholeCell", m."forMonth", m."startsAt", r."startedAt"
    FROM "Task" t CROSS JOIN "Meeting" m LEFT JOIN "MeetingRecord" r ON r."meetingId" = m."id"
    WHERE t."orgId" IN ${dialectOf(db).idList(cellIds)} AND t."withdrawnAt" IS NULL AND m."id" = t."meetingId"
      AND COALESCE(r."startedAt", m."startsAt") >= ${from} AND COALESCE(r."startedAt", m."startsAt") < ${to}`;
  if (rows.length === 0) return [];
  const ids = dialectOf(db).idList(rows.map((r) => Number(r.id)));
  const [assignees, notes] = await Promise.all([
    db.$queryRaw<{ taskId: number; fullName: string; doneAt: Date | string | null; inCell: number | boolean }[]>`
      SELECT a."taskId", p."fullName", a."doneAt",
        CASE WHEN EXISTS (SELECT 1 FROM "Membership" ms WHERE ms."orgId" = t."orgId" AND ms."personId" = a."personId" AND ${inForceSql("ms")}) THEN 1 ELSE 0 END AS "inCell"
      FROM "Task" t CROSS JOIN "TaskAssignee" a CROSS JOIN "Person" p
      WHERE t."id" IN ${ids} AND a."taskId" = t."id" AND p."id" = a."personId"
      ORDER BY a."taskId", a."personId"`,
    db.$queryRaw<{ taskId: number; fullName: string; text: string; createdAt: Date | string }[]>`
      SELECT n."taskId", p."fullName", n."text", n."createdAt"
      FROM "TaskNote" n CROSS JOIN "Person" p
      WHERE n."taskId" IN ${ids} AND p."id" = n."personId"
      ORDER BY n."taskId", n."id"`,
  ]);
  const assigneesOf = groupBy(assignees, (a) => Number(a.taskId));
  const notesOf = groupBy(notes, (n) => Number(n.taskId));
  return rows.map((r) => ({
    id: Number(r.id),
    orgId: Number(r.orgId),
    text: r.text,
    dueOn: asDate(r.dueOn),
    wholeCell: Number(r.wholeCell) === 1 || r.wholeCell === true,
    forMonth: r.forMonth,
    heldAt: asDate(r.startedAt ?? r.startsAt),
    assignees: (assigneesOf.get(Number(r.id)) ?? []).map((a) => ({ fullName: a.fullName, doneAt: a.doneAt === null ? null : asDate(a.doneAt), inCell: Number(a.inCell) === 1 || a.inCell === true })),
    notes: (notesOf.get(Number(r.id)) ?? []).map((n) => ({ fullName: n.fullName, text: n.text, at: asDate(n.createdAt) })),
  }));
}

/** A DateTime from raw SQL: a Date, or text where SQLite lost the column's type (an expression). */
const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

/** The local day of an instant in a Date's UTC fields: Excel dates have no zone. */
function localDay(instant: Date, zone: string): Date {
  const l = toLocal(instant, zone);
  return new Date(Date.UTC(l.year, l.month - 1, l.day));
}

/** The local wall-clock time of an instant in a Date's UTC fields. */
function wallClock(instant: Date, zone: string): Date {
  const l = toLocal(instant, zone);
  return new Date(Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute));
}

/** DD/MM/YYYY of an instant in the zone: a note's day (a note may come in the next year). */
const dayText = (instant: Date, zone: string) => formatLocalDay(localToday(instant, zone));

const withHeldAt = (m: MeetingRow): HeldMeeting => ({ ...m, heldAt: m.startedAt ?? m.startsAt });

/**
 * A DateTime as CAST(… AS TEXT) gives it: ISO with an offset from SQLite
 * ("2026-06-14T17:00:00.000+00:00"), "2026-06-14 17:00:00" (UTC) from PostgreSQL.
 */
function instant(text: string): Date | null {
  if (text === "") return null;
  return new Date(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}

/** Zones of the organisations outside the subtree whose meetings or dues the batch read. */
async function learnZones(db: Db, data: Batch, zones: Map<number, string>): Promise<void> {
  const unknown = new Set<number>();
  for (const row of [...data.others, ...data.dues, ...data.periods]) if (!zones.has(row.orgId)) unknown.add(row.orgId);
  if (unknown.size === 0) return;
  const rows = await db.$queryRaw<{ id: number; timezone: string }[]>`SELECT o."id", o."timezone" FROM "Org" o WHERE o."id" IN ${dialectOf(db).idList([...unknown])}`;
  for (const row of rows) zones.set(Number(row.id), row.timezone);
}

const monthKeyOf = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;

/** The instants of a month "YYYY-MM" in `zone`; undefined for a malformed key. */
function monthBounds(month: string, zone: string): { from: Date; to: Date } | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) return undefined;
  const y = Number(match[1]);
  const m = Number(match[2]);
  return {
    from: toUtc({ year: y, month: m, day: 1, hour: 0, minute: 0 }, zone),
    to: toUtc({ year: m === 12 ? y + 1 : y, month: m === 12 ? 1 : m + 1, day: 1, hour: 0, minute: 0 }, zone),
  };
}

/** A local calendar year's instants in each zone, computed once per zone. */
class YearBounds {
  private readonly byZone = new Map<string, [Date, Date]>();
  constructor(private readonly year: number) {}

  of(zone: string): [Date, Date] {
    let bounds = this.byZone.get(zone);
    if (!bounds) {
      bounds = [toUtc({ year: this.year, month: 1, day: 1, hour: 0, minute: 0 }, zone), toUtc({ year: this.year + 1, month: 1, day: 1, hour: 0, minute: 0 }, zone)];
      this.byZone.set(zone, bounds);
    }
    return bounds;
  }

  contains(instant: Date, zone: string): boolean {
    const [from, to] = this.of(zone);
    return instant.getTime() >= from.getTime() && instant.getTime() < to.getTime();
  }
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) getOrSet(groups, key(row), () => []).push(row);
  return groups;
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}
