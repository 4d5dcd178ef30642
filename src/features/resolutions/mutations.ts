// A meeting's outcome, written: the conclusion and its vote, the tasks and who holds
// them, a due day moved, a task withdrawn, an assignee's "done" and progress notes.
// Each write carries its audit entry and its messages in one transaction.
import type { Db } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { enqueue, dropPendingWithKeyPrefix } from "../../delivery/outbox.js";
import { IN_FORCE } from "../../db/memberships.js";
import { startOfLocalDay, type LocalDay } from "../../domain/past-date.js";
import { countingAssignees, voteVerdict, type Votes } from "../../domain/tasks.js";
import { sendableFrom } from "../../org/settings.js";
import { meetingOutcomeSubject } from "./data.js";
import { taskItems, type Reader, type TaskSubject } from "./messages.js";

export interface Actor {
  /** "person:<id>" or "cli". */
  name: string;
  personId: number | null;
}

export type ConclusionOutcome =
  | { kind: "saved"; passed: boolean | null; version: number; countedOfficial: number }
  | { kind: "not_recorded" }
  | { kind: "too_many_votes"; voters: number };

/**
 * The conclusion of a held, recorded meeting; a vote is checked against the record's
 * quorum (domain/tasks.ts). Recording it again replaces it, one version up.
 */
export async function saveConclusion(db: Db, meetingId: number, input: { text: string; votes: Votes | null }, actor: Actor, now: Date): Promise<ConclusionOutcome> {
  const subject = await meetingOutcomeSubject(db, meetingId);
  if (!subject?.quorum) return { kind: "not_recorded" };
  const { quorum } = subject;
  let passed: boolean | null = null;
  if (input.votes) {
    const verdict = voteVerdict(input.votes, quorum);
    if (!verdict.ok) return { kind: "too_many_votes", voters: quorum.officialPresent };
    passed = verdict.passed;
  }
  const data = {
    text: input.text,
    votesFor: input.votes?.for ?? null,
    votesAgainst: input.votes?.against ?? null,
    votesAbstain: input.votes?.abstain ?? null,
    countedOfficial: input.votes ? quorum.countedOfficial : null,
    passed,
    recordedByPersonId: actor.personId,
    recordedAt: now,
  };
  const saved = await db.$transaction(async (tx) => {
    const row = await tx.meetingConclusion.upsert({ where: { meetingId }, create: { meetingId, ...data }, update: { ...data, version: { increment: 1 } } });
    await audit(tx as Db, { actor: actor.name, action: "resolution.conclusion", detail: { meetingId, version: row.version, votes: input.votes, passed } }, now);
    return row;
  });
  return { kind: "saved", passed, version: saved.version, countedOfficial: quorum.countedOfficial };
}

export interface NewTask {
  text: string;
  due: LocalDay;
  /** Person ids, or the whole cell (every expected member in force when it is recorded). */
  assignees: number[] | "whole_cell";
}

export type AddOutcome = { kind: "added"; taskIds: number[] } | { kind: "not_recorded" } | { kind: "not_in_cell"; personIds: number[] };

/** Tasks of a held, recorded meeting; each assignee hears of theirs after quiet hours. */
export async function addTasks(db: Db, meetingId: number, tasks: NewTask[], actor: Actor, now: Date): Promise<AddOutcome> {
  const subject = await meetingOutcomeSubject(db, meetingId);
  if (!subject?.quorum) return { kind: "not_recorded" };
  const members = await db.membership.findMany({ where: { orgId: subject.orgId, ...IN_FORCE }, select: { personId: true, status: true } });
  const inCell = new Set(members.map((m) => m.personId));
  const expected = [...new Set(members.filter((m) => m.status === "official" || m.status === "probationary").map((m) => m.personId))];
  const strangers = tasks.flatMap((task) => (task.assignees === "whole_cell" ? [] : task.assignees.filter((id) => !inCell.has(id))));
  if (strangers.length > 0) return { kind: "not_in_cell", personIds: [...new Set(strangers)] };

  const org = await db.org.findUniqueOrThrow({ where: { id: subject.orgId } });
  const notBefore = await sendableFrom(db, org, now);
  const taskIds = await db.$transaction(async (tx) => {
    const ids: number[] = [];
    for (const task of tasks) {
      const people = task.assignees === "whole_cell" ? expected : [...new Set(task.assignees)];
      const created = await tx.task.create({
        data: {
          meetingId,
          orgId: subject.orgId,
          text: task.text,
          dueOn: startOfLocalDay(task.due, subject.timeZone),
          wholeCell: task.assignees === "whole_cell",
          createdAt: now,
          assignees: { create: people.map((personId) => ({ personId })) },
        },
      });
      ids.push(created.id);
      await audit(tx as Db, { actor: actor.name, action: "task.add", detail: { meetingId, taskId: created.id, assignees: people.length, dueOn: created.dueOn } }, now);
      const told = taskSubject(created, subject);
      await enqueue(tx as Db, taskItems("assigned", told, await readersOf(tx as Db, people), { notBefore }), now);
    }
    return ids;
  });
  return { kind: "added", taskIds };
}

function taskSubject(task: { id: number; orgId: number; text: string; dueOn: Date }, meeting: { orgName: string; timeZone: string; kind: string; forMonth: string }): TaskSubject {
  return { id: task.id, orgId: task.orgId, text: task.text, dueOn: task.dueOn, orgName: meeting.orgName, timeZone: meeting.timeZone, meeting: { kind: meeting.kind, forMonth: meeting.forMonth } };
}

/** The chat each person is reached in (null when unreachable or unlinked), and their language. */
export async function readersOf(db: Db, personIds: number[]): Promise<Reader[]> {
  if (personIds.length === 0) return [];
  const people = await db.person.findMany({ where: { id: { in: personIds } }, select: { id: true, telegramChatId: true, unreachableAt: true, locale: true } });
  return people.map((p) => ({ personId: p.id, chatId: p.unreachableAt ? null : p.telegramChatId, locale: p.locale ?? "vi" }));
}

/** A task that stands, with its meeting, cell and assignees (and whether each is still in the cell). */
export async function loadTask(db: Db, taskId: number) {
  const task = await db.task.findUnique({ where: { id: taskId }, include: { meeting: true, org: true, assignees: true } });
  if (!task) return undefined;
  const inForce = await db.membership.findMany({ where: { orgId: task.orgId, personId: { in: task.assignees.map((a) => a.personId) }, ...IN_FORCE }, select: { personId: true } });
  const present = new Set(inForce.map((m) => m.personId));
  const assignees = task.assignees.map((a) => ({ ...a, inCell: present.has(a.personId) }));
  const subject = taskSubject(task, { orgName: task.org.name, timeZone: task.org.timezone, kind: task.meeting.kind, forMonth: task.meeting.forMonth });
  return { ...task, assignees, subject };
}

type LoadedTask = NonNullable<Awaited<ReturnType<typeof loadTask>>>;

/** Those the task still waits on: in the cell, not done. */
const waitingOn = (task: LoadedTask) => task.assignees.filter((a) => a.inCell && a.doneAt === null).map((a) => a.personId);

export type ChangeOutcome = { kind: "changed" } | { kind: "not_found" } | { kind: "withdrawn" } | { kind: "done" };

/** A new due day: reminders of the old one are dropped, the assignees not done hear of the new one. */
export async function moveDue(db: Db, taskId: number, due: LocalDay, actor: Actor, now: Date): Promise<ChangeOutcome> {
  const task = await loadTask(db, taskId);
  if (!task) return { kind: "not_found" };
  if (task.withdrawnAt) return { kind: "withdrawn" };
  const dueOn = startOfLocalDay(due, task.org.timezone);
  const notBefore = await sendableFrom(db, task.org, now);
  await db.$transaction(async (tx) => {
    await tx.task.update({ where: { id: taskId }, data: { dueOn } });
    await dropPendingWithKeyPrefix(tx as Db, { keyPrefix: `task:${taskId}:remind:` });
    await audit(tx as Db, { actor: actor.name, action: "task.move", detail: { taskId, from: task.dueOn, to: dueOn } }, now);
    await enqueue(tx as Db, taskItems("moved", { ...task.subject, dueOn }, await readersOf(tx as Db, waitingOn(task)), { notBefore }), now);
  });
  return { kind: "changed" };
}

/** A task the secretary takes back: no longer counted or reminded; those still on it are told. */
export async function withdrawTask(db: Db, taskId: number, actor: Actor, now: Date): Promise<ChangeOutcome> {
  const task = await loadTask(db, taskId);
  if (!task) return { kind: "not_found" };
  if (task.withdrawnAt) return { kind: "withdrawn" };
  const notBefore = await sendableFrom(db, task.org, now);
  await db.$transaction(async (tx) => {
    await tx.task.update({ where: { id: taskId }, data: { withdrawnAt: now } });
    await dropPendingWithKeyPrefix(tx as Db, { keyPrefix: `task:${taskId}:` });
    await audit(tx as Db, { actor: actor.name, action: "task.withdraw", detail: { taskId } }, now);
    await enqueue(tx as Db, taskItems("withdrawn", task.subject, await readersOf(tx as Db, waitingOn(task)), { notBefore }), now);
  });
  return { kind: "changed" };
}

export type AnswerOutcome =
  | { kind: "done"; taskDone: boolean; text: string }
  | { kind: "noted"; text: string }
  | { kind: "already_done"; text: string }
  | { kind: "not_assignee" }
  | { kind: "left_cell" }
  | { kind: "withdrawn" };

/** Whether the person may answer the task: an assignee, still in its cell, the task standing. */
async function answerable(db: Db, taskId: number, personId: number) {
  const task = await loadTask(db, taskId);
  const assignee = task?.assignees.find((a) => a.personId === personId);
  if (!task || !assignee) return { refused: { kind: "not_assignee" } as const };
  if (task.withdrawnAt) return { refused: { kind: "withdrawn" } as const };
  if (!assignee.inCell) return { refused: { kind: "left_cell" } as const };
  return { task, assignee };
}

/** Why the person may not answer the task now, or undefined when they may (asked before a note is typed). */
export async function refusalOf(db: Db, taskId: number, personId: number): Promise<AnswerOutcome | undefined> {
  const found = await answerable(db, taskId, personId);
  return "refused" in found ? found.refused : undefined;
}

/** An assignee's "done": their reminders are dropped; the task is done once nobody it waits on is left. */
export async function markDone(db: Db, taskId: number, personId: number, now: Date): Promise<AnswerOutcome> {
  const found = await answerable(db, taskId, personId);
  if ("refused" in found) return found.refused!;
  const { task, assignee } = found;
  if (assignee.doneAt) return { kind: "already_done", text: task.text };
  await db.$transaction(async (tx) => {
    await tx.taskAssignee.update({ where: { id: assignee.id }, data: { doneAt: now } });
    await dropPendingWithKeyPrefix(tx as Db, { keyPrefix: `task:${taskId}:`, personId });
    await audit(tx as Db, { actor: `person:${personId}`, action: "task.done", detail: { taskId } }, now);
  });
  const after = task.assignees.map((a) => (a.personId === personId ? { ...a, doneAt: now } : a));
  return { kind: "done", taskDone: countingAssignees(after).every((a) => a.doneAt !== null), text: task.text };
}

/** A progress note from an assignee, shown in the review and the minutes. */
export async function addNote(db: Db, taskId: number, personId: number, text: string, now: Date): Promise<AnswerOutcome> {
  const found = await answerable(db, taskId, personId);
  if ("refused" in found) return found.refused!;
  await db.$transaction(async (tx) => {
    await tx.taskNote.create({ data: { taskId, personId, text, createdAt: now } });
    await audit(tx as Db, { actor: `person:${personId}`, action: "task.note", detail: { taskId } }, now);
  });
  return { kind: "noted", text: found.task.text };
}
