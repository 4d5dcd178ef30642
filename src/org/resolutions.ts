// A meeting's outcome as several features read it: its conclusion and vote, its tasks
// with their status (domain/tasks.ts), the review of the previous resolution that the
// next regular meeting opens with, a member's open tasks. Also the one write others
// need: a corrected record checks its vote again.
import type { Db } from "../db/client.js";
import { inForceSql } from "../db/memberships.js";
import { doneAtOf, taskStatus, type TaskFacts, type TaskStatus } from "../domain/tasks.js";
import { Prisma } from "../generated/prisma/client.js";
import { audit } from "../db/audit.js";
import { idList, inSubtreeSql } from "../db/sql.js";
import { inChunks } from "../db/chunks.js";
import { dialectOf } from "../db/dialect.js";
import { resolutionFigures, resolutionWindow, taskCounts, type CellTask, type ResolutionFigures, type SubtreeResolutions, type UnconcludedMeeting } from "../domain/resolution-figures.js";

export interface TaskView {
  id: number;
  meetingId: number;
  orgId: number;
  text: string;
  /** The start of the due day in the cell's zone. */
  dueOn: Date;
  wholeCell: boolean;
  status: TaskStatus;
  /** When the last counting assignee finished; null while open. */
  doneAt: Date | null;
  assignees: { personId: number; fullName: string; doneAt: Date | null; inCell: boolean }[];
  notes: { personId: number; fullName: string; text: string; at: Date }[];
}

export interface ConclusionView {
  meetingId: number;
  text: string;
  votes: { for: number; against: number; abstain: number } | null;
  countedOfficial: number | null;
  passed: boolean | null;
  version: number;
}

export async function conclusionOf(db: Db, meetingId: number): Promise<ConclusionView | undefined> {
  const row = await db.meetingConclusion.findUnique({ where: { meetingId } });
  return row ? conclusionView(row) : undefined;
}

function conclusionView(row: NonNullable<Awaited<ReturnType<Db["meetingConclusion"]["findUnique"]>>>): ConclusionView {
  const voted = row.votesFor !== null && row.votesAgainst !== null && row.votesAbstain !== null;
  return {
    meetingId: row.meetingId,
    text: row.text,
    votes: voted ? { for: row.votesFor!, against: row.votesAgainst!, abstain: row.votesAbstain! } : null,
    countedOfficial: row.countedOfficial,
    passed: row.passed,
    version: row.version,
  };
}

/**
 * Tasks (not withdrawn) matching `where`, oldest due first, each with its assignees, its
 * notes and its status at `now`. An assignee is in the cell while a membership of the
 * task's cell is in force (home or attached).
 */
export async function tasksWhere(db: Db, where: Prisma.TaskWhereInput, now: Date): Promise<TaskView[]> {
  const tasks = await db.task.findMany({
    where: { ...where, withdrawnAt: null },
    include: {
      org: { select: { timezone: true } },
      assignees: { include: { person: { select: { fullName: true } } }, orderBy: { personId: "asc" } },
      notes: { include: { person: { select: { fullName: true } } }, orderBy: { id: "asc" } },
    },
    orderBy: [{ dueOn: "asc" }, { id: "asc" }],
  });
  if (tasks.length === 0) return [];
  // The ids travel as JSON (idList): a whole-cell task of every cell meeting this evening
  // names tens of thousands of people, past what Prisma binds on SQLite.
  const orgIds = [...new Set(tasks.map((t) => t.orgId))];
  const personIds = [...new Set(tasks.flatMap((t) => t.assignees.map((a) => a.personId)))];
  const inForce =
    personIds.length === 0
      ? []
      : await db.$queryRaw<{ orgId: number | bigint; personId: number | bigint }[]>(Prisma.sql`
          SELECT m."orgId", m."personId" FROM "Membership" m
          WHERE ${inForceSql("m")} AND m."orgId" IN ${idList(db, orgIds)} AND m."personId" IN ${idList(db, personIds)}`);
  const present = new Set(inForce.map((m) => `${Number(m.orgId)}:${Number(m.personId)}`));
  return tasks.map((task) => {
    const assignees = task.assignees.map((a) => ({ personId: a.personId, fullName: a.person.fullName, doneAt: a.doneAt, inCell: present.has(`${task.orgId}:${a.personId}`) }));
    const facts = { dueOn: task.dueOn, assignees };
    return {
      id: task.id,
      meetingId: task.meetingId,
      orgId: task.orgId,
      text: task.text,
      dueOn: task.dueOn,
      wholeCell: task.wholeCell,
      status: taskStatus(facts, now, task.org.timezone),
      doneAt: doneAtOf(facts),
      assignees,
      notes: task.notes.map((n) => ({ personId: n.personId, fullName: n.person.fullName, text: n.text, at: n.createdAt })),
    };
  });
}

export function tasksOfMeeting(db: Db, meetingId: number, now: Date): Promise<TaskView[]> {
  return tasksWhere(db, { meetingId }, now);
}

export interface ResolutionView {
  meeting: { id: number; kind: string; forMonth: string; startsAt: Date };
  conclusion: ConclusionView | undefined;
  tasks: TaskView[];
}

/**
 * What the meeting at `before` reviews: the latest earlier meeting of the cell that was
 * held, recorded, and closed with a conclusion or tasks. Undefined when there is none.
 */
export async function previousResolution(db: Db, orgId: number, before: Date, now: Date): Promise<ResolutionView | undefined> {
  return (await previousResolutions(db, [{ orgId, startsAt: before }], now))[0];
}

/** How far back a review looks: a cell that left no resolution for a year has nothing to review. */
const REVIEW_LOOKBACK_MS = 400 * 86_400_000;

/**
 * previousResolution for many meetings in a few statements whatever their number (the
 * evening every cell of a province meets reads them all in one tick): the meeting each
 * one reviews, chosen in the database (one row per meeting asked about, its cell's
 * history stays there), then the conclusions and tasks of those chosen, a few hundred
 * meetings a statement. In the order given.
 */
export async function previousResolutions(db: Db, meetings: { orgId: number; startsAt: Date }[], now: Date): Promise<(ResolutionView | undefined)[]> {
  const { chosen, ids } = await reviewedMeetingsOf(db, meetings);
  if (ids.length === 0) return chosen.map(() => undefined);
  const conclusions = await inChunks(ids, (part) => db.meetingConclusion.findMany({ where: { meetingId: { in: part } } }));
  // By meeting: a meeting's tasks all come from one part, in tasksWhere's order.
  const tasks = await inChunks(ids, (part) => tasksWhere(db, { meetingId: { in: part } }, now));
  const tasksOfMeeting = new Map<number, TaskView[]>();
  for (const task of tasks) {
    const list = tasksOfMeeting.get(task.meetingId);
    if (list) list.push(task);
    else tasksOfMeeting.set(task.meetingId, [task]);
  }
  const conclusionOfMeeting = new Map(conclusions.map((row) => [row.meetingId, conclusionView(row)]));
  return chosen.map((c) =>
    c ? { meeting: { id: c.id, kind: c.kind, forMonth: c.forMonth, startsAt: c.startsAt }, conclusion: conclusionOfMeeting.get(c.id), tasks: tasksOfMeeting.get(c.id) ?? [] } : undefined,
  );
}

/**
 * The meeting each of these reviews (undefined where none), in the order given, and the
 * ids of those chosen: pairs asked twice are asked once.
 */
async function reviewedMeetingsOf(db: Db, meetings: { orgId: number; startsAt: Date }[]) {
  const askedKey = (orgId: number, startsAt: Date) => `${orgId} ${startsAt.getTime()}`;
  const asked = [...new Map(meetings.map((m) => [askedKey(m.orgId, m.startsAt), m])).values()];
  const found = asked.length === 0 ? [] : await reviewedMeetings(db, asked);
  const chosenOf = new Map(found.map((c) => [askedKey(c.askedOrgId, c.askedStartsAt), c]));
  const chosen = meetings.map((m) => chosenOf.get(askedKey(m.orgId, m.startsAt)));
  const ids = [...new Set(chosen.flatMap((c) => (c ? [c.id] : [])))];
  return { chosen, ids };
}

/**
 * For each (cell, start) asked: the latest confirmed meeting of the cell before that
 * start (within the lookback) that was held, recorded and closed with a conclusion or
 * a task not withdrawn. One statement; the pairs travel as one JSON parameter.
 */
async function reviewedMeetings(db: Db, asked: { orgId: number; startsAt: Date }[]) {
  const { provider, timestamp } = dialectOf(db);
  const json = JSON.stringify(asked.map((m) => [m.orgId, timestamp(m.startsAt), timestamp(new Date(m.startsAt.getTime() - REVIEW_LOOKBACK_MS))]));
  const input =
    provider === "sqlite"
      ? Prisma.sql`SELECT value ->> 0 AS "orgId", value ->> 1 AS "before", value ->> 2 AS "since" FROM json_each(${json})`
      : Prisma.sql`SELECT (e ->> 0)::integer AS "orgId", (e ->> 1)::timestamp(3) AS "before", (e ->> 2)::timestamp(3) AS "since" FROM json_array_elements(${json}::json) AS e`;
  const rows = await db.$queryRaw<
    { askedOrgId: number | bigint; askedBefore: Date | string; id: number | bigint; kind: string; forMonth: string; startsAt: Date | string; conclusion: string | null }[]
  >(Prisma.sql`
    WITH "asked" AS (${input})
    SELECT a."orgId" AS "askedOrgId", a."before" AS "askedBefore", m."id", m."kind", m."forMonth", m."startsAt", k."text" AS "conclusion"
    FROM "asked" a JOIN "Meeting" m ON m."id" = (
      SELECT c."id" FROM "Meeting" c JOIN "MeetingRecord" r ON r."meetingId" = c."id"
      WHERE c."orgId" = a."orgId" AND c."status" = 'confirmed' AND c."startsAt" < a."before" AND c."startsAt" >= a."since"
        AND r."state" = 'submitted' AND r."notHeld" = false
        AND (EXISTS (SELECT 1 FROM "MeetingConclusion" k WHERE k."meetingId" = c."id")
             OR EXISTS (SELECT 1 FROM "Task" t WHERE t."meetingId" = c."id" AND t."withdrawnAt" IS NULL))
      ORDER BY c."startsAt" DESC, c."id" DESC
      LIMIT 1)
    LEFT JOIN "MeetingConclusion" k ON k."meetingId" = m."id"`);
  return rows.map((row) => ({
    askedOrgId: Number(row.askedOrgId),
    askedStartsAt: new Date(row.askedBefore),
    id: Number(row.id),
    kind: row.kind,
    forMonth: row.forMonth,
    startsAt: new Date(row.startsAt),
    conclusion: row.conclusion,
  }));
}

/** A task as the next meeting's review reads it: its status, not its assignees. */
export interface ReviewedTaskFacts {
  text: string;
  dueOn: Date;
  status: TaskStatus;
  notes: { fullName: string; text: string }[];
}

/** The previous resolution as a review reads it: the conclusion's text and the tasks. */
export interface ReviewFacts {
  conclusion: string | undefined;
  tasks: ReviewedTaskFacts[];
}

interface ReviewTaskRow extends AssigneeAggregate {
  id: number | bigint;
  meetingId: number | bigint;
  text: string;
  dueOn: Date | string;
  timezone: string;
}

/**
 * What previousResolutions says of each meeting, reduced to what its review reads, in
 * three statements whatever the number of meetings (the evening a province's cells all
 * meet): the meetings reviewed with their conclusions, their tasks with each status's
 * facts aggregated over the assignees in SQL (a whole-cell task has every member as an
 * assignee: 3,000 cells' tasks would come back as ~100,000 assignee rows), their notes.
 * Tasks in tasksWhere's order, notes in theirs; the statuses are taskStatus's at `now`.
 */
export async function previousReviews(db: Db, meetings: { orgId: number; startsAt: Date }[], now: Date): Promise<(ReviewFacts | undefined)[]> {
  const { chosen, ids } = await reviewedMeetingsOf(db, meetings);
  if (ids.length === 0) return chosen.map(() => undefined);
  // The AssigneeAggregate columns, as subtreeTasks reads them, but whether an assignee
  // is in the cell is looked up (the index on orgId and personId) rather than written
  // EXISTS: PostgreSQL, guessing a hundred meetings from the JSON list, would otherwise
  // hash every membership in force for one meeting's review (37 ms against 1 ms).
  const inCell = Prisma.sql`(SELECT 1 FROM "Membership" ms WHERE ms."orgId" = t."orgId" AND ms."personId" = a."personId" AND ${inForceSql("ms")} LIMIT 1) IS NOT NULL`;
  const [tasks, notes] = await Promise.all([
    db.$queryRaw<ReviewTaskRow[]>`
      SELECT t."id", t."meetingId", t."text", t."dueOn", o."timezone",
        SUM(CASE WHEN a."doneAt" IS NOT NULL THEN 1 ELSE 0 END) AS "finished",
        SUM(CASE WHEN a."id" IS NOT NULL AND a."doneAt" IS NULL AND ${inCell} THEN 1 ELSE 0 END) AS "pending",
        MAX(a."doneAt") AS "lastDone"
      FROM "Task" t JOIN "Org" o ON o."id" = t."orgId" LEFT JOIN "TaskAssignee" a ON a."taskId" = t."id"
      WHERE t."meetingId" IN ${idList(db, ids)} AND t."withdrawnAt" IS NULL
      GROUP BY t."id", t."meetingId", t."text", t."dueOn", o."timezone"
      ORDER BY t."dueOn", t."id"`,
    db.$queryRaw<{ taskId: number | bigint; fullName: string; text: string }[]>`
      SELECT n."taskId", p."fullName", n."text"
      FROM "TaskNote" n JOIN "Task" t ON t."id" = n."taskId" JOIN "Person" p ON p."id" = n."personId"
      WHERE t."meetingId" IN ${idList(db, ids)} AND t."withdrawnAt" IS NULL
      ORDER BY n."id"`,
  ]);
  const notesOf = new Map<number, { fullName: string; text: string }[]>();
  for (const note of notes) {
    const list = notesOf.get(Number(note.taskId));
    const entry = { fullName: note.fullName, text: note.text };
    if (list) list.push(entry);
    else notesOf.set(Number(note.taskId), [entry]);
  }
  const tasksOf = new Map<number, ReviewedTaskFacts[]>();
  for (const row of tasks) {
    const dueOn = asDate(row.dueOn)!;
    const task = { text: row.text, dueOn, status: taskStatus({ dueOn, assignees: assigneesOfAggregate(row) }, now, row.timezone), notes: notesOf.get(Number(row.id)) ?? [] };
    const list = tasksOf.get(Number(row.meetingId));
    if (list) list.push(task);
    else tasksOf.set(Number(row.meetingId), [task]);
  }
  return chosen.map((c) => (c ? { conclusion: c.conclusion ?? undefined, tasks: tasksOf.get(c.id) ?? [] } : undefined));
}

/** A member's tasks not yet done (open or overdue), in every cell, soonest due first. */
export async function openTasksOf(db: Db, personId: number, now: Date): Promise<TaskView[]> {
  const tasks = await tasksWhere(db, { assignees: { some: { personId, doneAt: null } } }, now);
  return tasks.filter((t) => t.status === "open" || t.status === "overdue").filter((t) => t.assignees.some((a) => a.personId === personId && a.inCell));
}

/**
 * After a record was corrected: the vote, if any, is checked again against the record's
 * new quorum. Returns the new verdict when it changed.
 */
export async function recheckVote(db: Db, meetingId: number, quorum: { countedOfficial: number }, actor: string, now: Date): Promise<{ passed: boolean } | undefined> {
  const row = await db.meetingConclusion.findUnique({ where: { meetingId } });
  if (!row || row.votesFor === null) return undefined;
  const passed = quorum.countedOfficial > 0 && row.votesFor * 2 > quorum.countedOfficial;
  if (passed === row.passed && row.countedOfficial === quorum.countedOfficial) return undefined;
  await db.meetingConclusion.update({ where: { meetingId }, data: { countedOfficial: quorum.countedOfficial, passed } });
  await audit(db, { actor, action: "resolution.recheck", detail: { meetingId, countedOfficial: quorum.countedOfficial, passed } }, now);
  return passed === row.passed ? undefined : { passed };
}

// ---- committees: a subtree's figures (the digest, /report, `chibo resolutions`) ------

/** A task due this long ago or more drops out of the committees' figures even when not done. */
const STALE_AFTER_DAYS = 400;
/** A record's start may be typed days away from the planned one: the index range allows for it. */
const RECORD_MARGIN_DAYS = 31;
const DAY_MS = 86_400_000;

/**
 * The subtree's tasks that count in `window` (domain/resolution-figures.ts, taskCounts)
 * and its meetings held in it without a conclusion: two set-based statements for the
 * whole subtree, whatever its size, never one per cell.
 */
export async function subtreeResolutions(db: Db, path: string, window: { from: Date; until: Date }, now: Date): Promise<SubtreeResolutions> {
  const [tasks, unconcluded] = await Promise.all([subtreeTasks(db, path, window, now), unconcludedMeetings(db, path, window)]);
  return { from: window.from, until: window.until, tasks, unconcluded };
}

/** The figures of an organisation at `now`, over the digest's window in its zone. */
export async function resolutionsOf(db: Db, org: { id: number; path: string; kind: string; code: string; name: string; timezone: string }, now: Date): Promise<ResolutionFigures> {
  const window = resolutionWindow(now, org.timezone);
  const [orgs, facts] = await Promise.all([
    db.$queryRaw<{ id: number; path: string; kind: string; code: string; name: string }[]>`
      SELECT o."id", o."path", o."kind", o."code", o."name" FROM "Org" o WHERE ${inSubtreeSql(db, "o", org.path)}`,
    subtreeResolutions(db, org.path, window, now),
  ]);
  return resolutionFigures(org, orgs.map((o) => ({ ...o, id: Number(o.id) })), facts);
}

/** A task's assignees reduced in SQL to what taskStatus reads (subtreeTasks, previousReviews). */
interface AssigneeAggregate {
  /** Assignees who said it is done. */
  finished: number | bigint | null;
  /** Assignees still in the cell who have not. */
  pending: number | bigint | null;
  lastDone: Date | string | null;
}

/**
 * The assignees as taskStatus reads them, from their aggregate: the last one who
 * finished, and one still in the cell who has not. doneAtOf and taskStatus give the
 * same on these as on the full list (countingAssignees: the finished, and those not
 * finished still in the cell).
 */
function assigneesOfAggregate(row: AssigneeAggregate): TaskFacts["assignees"] {
  return [
    ...(Number(row.finished ?? 0) > 0 ? [{ doneAt: asDate(row.lastDone), inCell: true }] : []),
    ...(Number(row.pending ?? 0) > 0 ? [{ doneAt: null, inCell: true }] : []),
  ];
}

interface SubtreeTaskRow extends AssigneeAggregate {
  id: number | bigint;
  orgId: number | bigint;
  dueOn: Date | string;
  startsAt: Date | string;
  startedAt: Date | string | null;
  timezone: string;
}

/**
 * Tasks of the subtree's cells, each with what its status needs, aggregated over its
 * assignees in SQL: a whole-cell task has every member as an assignee, and a province's
 * tasks would otherwise come back as hundreds of thousands of rows. Read by cell through
 * the index on (orgId, dueOn): tasks due before STALE_AFTER_DAYS are not read (a task
 * overdue for over a year is the cell's to withdraw, not a weekly figure), and of the
 * others only those held in the window or with an assignee not done.
 */
async function subtreeTasks(db: Db, path: string, { from, until }: { from: Date; until: Date }, now: Date): Promise<CellTask[]> {
  const staleBefore = new Date(now.getTime() - STALE_AFTER_DAYS * DAY_MS);
  const rows = await db.$queryRaw<SubtreeTaskRow[]>`
    SELECT t."id", t."orgId", t."dueOn", m."startsAt", r."startedAt", o."timezone",
      SUM(CASE WHEN a."doneAt" IS NOT NULL THEN 1 ELSE 0 END) AS "finished",
      SUM(CASE WHEN a."id" IS NOT NULL AND a."doneAt" IS NULL AND EXISTS (
        SELECT 1 FROM "Membership" ms WHERE ms."orgId" = t."orgId" AND ms."personId" = a."personId" AND ${inForceSql("ms")}) THEN 1 ELSE 0 END) AS "pending",
      MAX(a."doneAt") AS "lastDone"
    FROM "Org" o CROSS JOIN "Task" t CROSS JOIN "Meeting" m
      LEFT JOIN "MeetingRecord" r ON r."meetingId" = m."id"
      LEFT JOIN "TaskAssignee" a ON a."taskId" = t."id"
    WHERE o."kind" = 'cell' AND ${inSubtreeSql(db, "o", path)} AND t."orgId" = o."id" AND t."dueOn" >= ${staleBefore}
      AND t."withdrawnAt" IS NULL AND m."id" = t."meetingId"
      AND ((COALESCE(r."startedAt", m."startsAt") >= ${from} AND COALESCE(r."startedAt", m."startsAt") < ${until})
        OR EXISTS (SELECT 1 FROM "TaskAssignee" u WHERE u."taskId" = t."id" AND u."doneAt" IS NULL)
        OR NOT EXISTS (SELECT 1 FROM "TaskAssignee" u WHERE u."taskId" = t."id"))
    GROUP BY t."id", t."orgId", t."dueOn", m."startsAt", r."startedAt", o."timezone"`;
  return rows.map(cellTask(now)).filter((task) => taskCounts(task, { from, until }));
}

/**
 * A row's task with its status from domain/tasks.ts: the assignees reduced to what
 * taskStatus reads, the last one who finished and whether one still in the cell has not.
 */
const cellTask = (now: Date) => (row: SubtreeTaskRow): CellTask => {
  const assignees = assigneesOfAggregate(row);
  const dueOn = asDate(row.dueOn)!;
  return {
    taskId: Number(row.id),
    cellId: Number(row.orgId),
    heldAt: asDate(row.startedAt ?? row.startsAt)!,
    status: taskStatus({ dueOn, assignees }, now, row.timezone),
  };
};

/** Meetings of the subtree's cells held in the window (record submitted, not "not held", not cancelled) with no conclusion. */
async function unconcludedMeetings(db: Db, path: string, { from, until }: { from: Date; until: Date }): Promise<UnconcludedMeeting[]> {
  const margin = RECORD_MARGIN_DAYS * DAY_MS;
  const rows = await db.$queryRaw<{ id: number | bigint; orgId: number | bigint; startsAt: Date | string; startedAt: Date | string | null }[]>`
    SELECT m."id", m."orgId", m."startsAt", r."startedAt"
    FROM "Org" o CROSS JOIN "Meeting" m CROSS JOIN "MeetingRecord" r
    WHERE o."kind" = 'cell' AND ${inSubtreeSql(db, "o", path)} AND m."orgId" = o."id"
      AND m."startsAt" >= ${new Date(from.getTime() - margin)} AND m."startsAt" < ${new Date(until.getTime() + margin)}
      AND m."status" <> 'cancelled' AND r."meetingId" = m."id" AND r."state" = 'submitted' AND NOT r."notHeld"
      AND COALESCE(r."startedAt", m."startsAt") >= ${from} AND COALESCE(r."startedAt", m."startsAt") < ${until}
      AND NOT EXISTS (SELECT 1 FROM "MeetingConclusion" c WHERE c."meetingId" = m."id")`;
  return rows.map((m) => ({ meetingId: Number(m.id), cellId: Number(m.orgId), heldAt: asDate(m.startedAt ?? m.startsAt)! }));
}

/** A DateTime from raw SQL: a Date, or text where SQLite lost the column's type (an aggregate). */
function asDate(value: Date | string | null): Date | null {
  return value === null ? null : value instanceof Date ? value : new Date(value);
}
