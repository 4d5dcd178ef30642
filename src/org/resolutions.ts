// A meeting's outcome as several features read it: its conclusion and vote, its tasks
// with their status (domain/tasks.ts), the review of the previous resolution that the
// next regular meeting opens with, a member's open tasks. Also the one write others
// need: a corrected record checks its vote again.
import type { Db } from "../db/client.js";
import { IN_FORCE, inForceSql } from "../db/memberships.js";
import { doneAtOf, taskStatus, type TaskStatus } from "../domain/tasks.js";
import type { Prisma } from "../generated/prisma/client.js";
import { audit } from "../db/audit.js";
import { inSubtreeSql } from "../db/sql.js";
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
  const inForce = await db.membership.findMany({
    where: { ...IN_FORCE, orgId: { in: [...new Set(tasks.map((t) => t.orgId))] }, personId: { in: [...new Set(tasks.flatMap((t) => t.assignees.map((a) => a.personId)))] } },
    select: { orgId: true, personId: true },
  });
  const present = new Set(inForce.map((m) => `${m.orgId}:${m.personId}`));
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
 * previousResolution for many meetings in three statements whatever their number (the
 * evening every cell of a province meets reads them all in one tick): the candidates of
 * all their cells, then the conclusions and tasks of the ones chosen. In the order given.
 */
export async function previousResolutions(db: Db, meetings: { orgId: number; startsAt: Date }[], now: Date): Promise<(ResolutionView | undefined)[]> {
  if (meetings.length === 0) return [];
  const times = meetings.map((m) => m.startsAt.getTime());
  const candidates = await db.meeting.findMany({
    where: {
      orgId: { in: [...new Set(meetings.map((m) => m.orgId))] },
      status: "confirmed",
      startsAt: { lt: new Date(Math.max(...times)), gte: new Date(Math.min(...times) - REVIEW_LOOKBACK_MS) },
      record: { state: "submitted", notHeld: false },
      OR: [{ conclusion: { isNot: null } }, { tasks: { some: { withdrawnAt: null } } }],
    },
    orderBy: { startsAt: "desc" },
    select: { id: true, orgId: true, kind: true, forMonth: true, startsAt: true },
  });
  const ofCell = new Map<number, typeof candidates>();
  for (const c of candidates) ofCell.set(c.orgId, [...(ofCell.get(c.orgId) ?? []), c]);
  // Newest first: the first one before the meeting is the one it reviews.
  const chosen = meetings.map((m) => ofCell.get(m.orgId)?.find((c) => c.startsAt.getTime() < m.startsAt.getTime()));
  const ids = [...new Set(chosen.flatMap((c) => (c ? [c.id] : [])))];
  if (ids.length === 0) return chosen.map(() => undefined);
  const [conclusions, tasks] = await Promise.all([db.meetingConclusion.findMany({ where: { meetingId: { in: ids } } }), tasksWhere(db, { meetingId: { in: ids } }, now)]);
  const conclusionOfMeeting = new Map(conclusions.map((row) => [row.meetingId, conclusionView(row)]));
  return chosen.map((c) =>
    c ? { meeting: { id: c.id, kind: c.kind, forMonth: c.forMonth, startsAt: c.startsAt }, conclusion: conclusionOfMeeting.get(c.id), tasks: tasks.filter((t) => t.meetingId === c.id) } : undefined,
  );
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

interface SubtreeTaskRow {
  id: number | bigint;
  orgId: number | bigint;
  dueOn: Date | string;
  startsAt: Date | string;
  startedAt: Date | string | null;
  timezone: string;
  /** Assignees who said it is done. */
  finished: number | bigint | null;
  /** Assignees still in the cell who have not. */
  pending: number | bigint | null;
  lastDone: Date | string | null;
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
  const assignees = [
    ...(Number(row.finished ?? 0) > 0 ? [{ doneAt: asDate(row.lastDone), inCell: true }] : []),
    ...(Number(row.pending ?? 0) > 0 ? [{ doneAt: null, inCell: true }] : []),
  ];
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
