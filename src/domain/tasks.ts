// A meeting's outcome: the vote on its resolution and the tasks it assigned. Pure: the
// caller hands in the record's quorum, the task's assignees and the injected clock.
//
// A task is due on a day of the cell's calendar: done on time when done before that day
// ends there. It is done when every assignee still on it has said so; an assignee who
// left the cell before finishing no longer holds it up (the task then waits on the
// others, or on the secretary to withdraw or reassign it).
import { dayNumber, localToday, parseLocalDay, type LocalDay } from "./past-date.js";
import { toLocal, toUtc } from "./zoned.js";

export type TaskStatus = "done" | "done_late" | "overdue" | "open";

export interface TaskFacts {
  dueOn: Date;
  assignees: { doneAt: Date | null; inCell: boolean }[];
}

/** The instant the due day ends in the zone: done before it is on time. */
export function deadlineOf(dueOn: Date, timeZone: string): Date {
  const day = toLocal(dueOn, timeZone);
  return toUtc({ year: day.year, month: day.month, day: day.day + 1, hour: 0, minute: 0 }, timeZone);
}

/** When the assignees who have not finished are reminded: 08:00 on the day `days` before the due day. */
export function reminderAt(dueOn: Date, timeZone: string, days: number): Date {
  const day = toLocal(dueOn, timeZone);
  return toUtc({ year: day.year, month: day.month, day: day.day - days, hour: 8, minute: 0 }, timeZone);
}

/** The assignees the task waits on: those still in the cell, and those who finished before leaving. */
export function countingAssignees<A extends { doneAt: Date | null; inCell: boolean }>(assignees: A[]): A[] {
  return assignees.filter((a) => a.doneAt !== null || a.inCell);
}

/** When the last counting assignee finished, or null while one has not (or nobody counts). */
export function doneAtOf(task: TaskFacts): Date | null {
  const counting = countingAssignees(task.assignees);
  if (counting.length === 0 || counting.some((a) => a.doneAt === null)) return null;
  return new Date(Math.max(...counting.map((a) => a.doneAt!.getTime())));
}

export function taskStatus(task: TaskFacts, now: Date, timeZone: string): TaskStatus {
  const deadline = deadlineOf(task.dueOn, timeZone).getTime();
  const doneAt = doneAtOf(task);
  if (doneAt) return doneAt.getTime() < deadline ? "done" : "done_late";
  return now.getTime() >= deadline ? "overdue" : "open";
}

/** The three figures committees read: done on time, late (done late or still overdue), open (not yet due). */
export interface TaskTally {
  onTime: number;
  late: number;
  open: number;
}

export function tallyTasks(statuses: TaskStatus[]): TaskTally {
  const tally: TaskTally = { onTime: 0, late: 0, open: 0 };
  for (const status of statuses) {
    if (status === "done") tally.onTime++;
    else if (status === "open") tally.open++;
    else tally.late++;
  }
  return tally;
}

export interface Votes {
  for: number;
  against: number;
  abstain: number;
}

/** "12 0 1", "12/0/1", "12, 0, 1": for, against, abstaining, in that order. */
export function parseVotes(text: string): Votes | undefined {
  const parts = text.trim().split(/[\s,;/]+/).filter(Boolean);
  if (parts.length !== 3 || !parts.every((p) => /^\d{1,4}$/.test(p))) return undefined;
  const [f, a, b] = parts.map(Number);
  return { for: f, against: a, abstain: b };
}

export type VoteVerdict = { ok: true; passed: boolean } | { ok: false; error: "more_votes_than_voters" };

/**
 * A resolution passes with more than half of the counted official members voting for it
 * (Charter art. 9.5): the record's quorum. Only counted official members present vote,
 * so more ballots than them is a typo.
 */
export function voteVerdict(votes: Votes, quorum: { countedOfficial: number; officialPresent: number }): VoteVerdict {
  if (votes.for + votes.against + votes.abstain > quorum.officialPresent) return { ok: false, error: "more_votes_than_voters" };
  return { ok: true, passed: quorum.countedOfficial > 0 && votes.for * 2 > quorum.countedOfficial };
}

export type DueDateResult = ({ ok: true } & LocalDay) | { ok: false; error: "format" | "no_such_date" | "past" | "too_far" };

/** A due day typed as DD/MM/YYYY: today or later, at most two years ahead (a resolution's longest term), in the cell's zone. */
export function parseDueDate(text: string, now: Date, timeZone: string): DueDateResult {
  const typed = parseLocalDay(text);
  if (!typed.ok) return typed;
  const today = localToday(now, timeZone);
  if (dayNumber(typed) < dayNumber(today)) return { ok: false, error: "past" };
  if (dayNumber(typed) > dayNumber({ ...today, year: today.year + 2 })) return { ok: false, error: "too_far" };
  return typed;
}

/**
 * Who a task goes to, typed against a numbered list of `count` members: "1, 3, 5" (each
 * once, in range) or "0" for the whole cell. Undefined when it does not read.
 */
export function parseAssignees(text: string, count: number): number[] | "whole_cell" | undefined {
  const parts = text.trim().split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0 || !parts.every((p) => /^\d{1,4}$/.test(p))) return undefined;
  const numbers = parts.map(Number);
  if (numbers.length === 1 && numbers[0] === 0) return "whole_cell";
  if (numbers.some((n) => n < 1 || n > count)) return undefined;
  return [...new Set(numbers)].map((n) => n - 1);
}
