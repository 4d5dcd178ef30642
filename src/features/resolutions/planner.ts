// What the scheduler does for tasks, once an hour (day precision is enough; a
// "task-scan:<hour>" plan mark claims each hour across instances): assignees not done are reminded before
// the due day (taskReminderDays, a setting; 2 by default), and once a task passes its due
// day unfinished the cell's secretary and deputies hear of it, once, not every day.
//
// Both are plan-marked per task and due day ("task-plan:<id>:<day>:remind|overdue"), so
// a tick reads only the tasks near their due day that are not marked yet; the outbox
// keys carry the due day too, so a rerun, a second instance or a crash between the
// enqueue and the mark sends nothing twice, and a moved due day plans afresh.
import type { Db } from "../../db/client.js";
import { enqueue, type OutboxItem } from "../../delivery/outbox.js";
import { claimOnce, handledKeys, markHandled } from "../../db/plan-marks.js";
import { IN_CHUNK } from "../../db/chunks.js";
import { nextAllowed } from "../../domain/quiet.js";
import { deadlineOf, reminderAt } from "../../domain/tasks.js";
import { leadersOfCells } from "../../org/people.js";
import { tasksWhere, type TaskView } from "../../org/resolutions.js";
import { settingsOfPaths } from "../../org/settings.js";
import { dueKey, overdueItems, taskItems, type TaskSubject } from "./messages.js";
import { readersOf } from "./mutations.js";

const DAY_MS = 86_400_000;
/** The setting allows 30 days ahead; a day more for time zones. */
const REMIND_AHEAD_DAYS = 31;
/** An overdue task is reported within this long of its due day; older ones were reported, or predate chibo's tasks. */
const OVERDUE_LOOKBACK_DAYS = 60;

const markKey = (task: { id: number; dueOn: Date }, what: "remind" | "overdue") => `task-plan:${task.id}:${dueKey(task.dueOn)}:${what}`;

type Counts = { taskReminders: number; tasksOverdue: number };

export async function runTasksTick(db: Db, now: Date): Promise<Counts> {
  if (!(await claimOnce(db, `task-scan:${now.toISOString().slice(0, 13)}`))) return { taskReminders: 0, tasksOverdue: 0 };
  return planTasks(db, now);
}

/** The reminders and overdue notices due at `now`, queued; the scan itself, without the hourly claim (for tests). */
export async function planTasks(db: Db, now: Date): Promise<Counts> {
  // The window's tasks by id first, then in parts: a country holds hundreds of thousands
  // of open tasks, and one read of them all with their assignees and notes sent more
  // bound values than PostgreSQL takes (65,535) and overflowed Prisma's stack.
  const ids = await db.task.findMany({
    where: {
      dueOn: { gte: new Date(now.getTime() - OVERDUE_LOOKBACK_DAYS * DAY_MS), lte: new Date(now.getTime() + REMIND_AHEAD_DAYS * DAY_MS) },
      withdrawnAt: null,
      assignees: { some: { doneAt: null } },
    },
    select: { id: true },
    orderBy: [{ dueOn: "asc" }, { id: "asc" }],
  });
  const counts: Counts = { taskReminders: 0, tasksOverdue: 0 };
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const part = await planTaskPart(db, await tasksWhere(db, { id: { in: ids.slice(i, i + IN_CHUNK).map((task) => task.id) } }, now), now);
    counts.taskReminders += part.taskReminders;
    counts.tasksOverdue += part.tasksOverdue;
  }
  return counts;
}

/** One part of the scan: its tasks' reminders and overdue notices, queued and marked. */
async function planTaskPart(db: Db, tasks: TaskView[], now: Date): Promise<Counts> {
  const unfinished = tasks.filter((task) => task.status === "open" || task.status === "overdue");
  const marked = await handledKeys(db, unfinished.flatMap((task) => [markKey(task, "remind"), markKey(task, "overdue")]));
  const toRemind = unfinished.filter((task) => task.status === "open" && !marked.has(markKey(task, "remind")));
  const overdue = unfinished.filter((task) => task.status === "overdue" && !marked.has(markKey(task, "overdue")));
  if (toRemind.length === 0 && overdue.length === 0) return { taskReminders: 0, tasksOverdue: 0 };

  const orgs = await db.org.findMany({ where: { id: { in: [...new Set([...toRemind, ...overdue].map((t) => t.orgId))] } } });
  const orgOf = new Map(orgs.map((o) => [o.id, o]));
  const settings = await settingsOfPaths(db, orgs.map((o) => o.path));
  const meetings = await db.meeting.findMany({ where: { id: { in: [...new Set([...toRemind, ...overdue].map((t) => t.meetingId))] } }, select: { id: true, kind: true, forMonth: true } });
  const meetingOf = new Map(meetings.map((m) => [m.id, m]));
  const subjectOf = (task: TaskView): TaskSubject => {
    const org = orgOf.get(task.orgId)!;
    return { id: task.id, orgId: task.orgId, text: task.text, dueOn: task.dueOn, orgName: org.name, timeZone: org.timezone, meeting: meetingOf.get(task.meetingId)! };
  };
  const allowedFrom = (task: TaskView, at: Date) => {
    const org = orgOf.get(task.orgId)!;
    return nextAllowed(at, org.timezone, settings.get(org.path)!.quietHours);
  };

  const items: OutboxItem[] = [];
  const marks: { key: string; outcome: string }[] = [];
  let reminders = 0;
  for (const task of toRemind) {
    const org = orgOf.get(task.orgId)!;
    if (reminderAt(task.dueOn, org.timezone, settings.get(org.path)!.taskReminderDays).getTime() > now.getTime()) continue;
    const waiting = task.assignees.filter((a) => a.inCell && a.doneAt === null).map((a) => a.personId);
    const queued = taskItems("reminder", subjectOf(task), await readersOf(db, waiting), { notBefore: allowedFrom(task, now), expiresAt: deadlineOf(task.dueOn, org.timezone) });
    items.push(...queued);
    reminders += queued.length;
    marks.push({ key: markKey(task, "remind"), outcome: "queued" });
  }
  const leaders = await leadersOfCells(db, [...new Set(overdue.map((t) => t.orgId))]);
  for (const task of overdue) {
    const waiting = task.assignees.filter((a) => a.inCell && a.doneAt === null).map((a) => a.fullName);
    items.push(...overdueItems(subjectOf(task), waiting, leaders.get(task.orgId) ?? [], allowedFrom(task, now)));
    marks.push({ key: markKey(task, "overdue"), outcome: "queued" });
  }
  await enqueue(db, items, now);
  await markHandled(db, marks);
  return { taskReminders: reminders, tasksOverdue: overdue.length };
}
