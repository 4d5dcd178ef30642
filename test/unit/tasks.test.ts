// The rules of a meeting's outcome: a vote against the record's quorum, a task's status
// at its due day's edges in the cell's zone, the typed votes, assignees and due days.
import { describe, expect, it } from "vitest";
import { deadlineOf, parseAssignees, parseDueDate, parseVotes, reminderAt, tallyTasks, taskStatus, voteVerdict, type TaskFacts } from "../../src/domain/tasks.js";

const HANOI = "Asia/Ho_Chi_Minh";
/** Midnight in Hanoi starting that day: how a due day is stored. */
const dueDay = (iso: string) => new Date(`${iso}T00:00:00+07:00`);
const at = (iso: string) => new Date(iso);

describe("a vote against the quorum (Charter art. 9.5)", () => {
  it.each([
    ["more than half of the counted pass", { for: 2, against: 1, abstain: 0 }, { countedOfficial: 3, officialPresent: 3 }, { ok: true, passed: true }],
    ["exactly half does not pass", { for: 2, against: 0, abstain: 2 }, { countedOfficial: 4, officialPresent: 4 }, { ok: true, passed: false }],
    ["half of those present is not half of those counted", { for: 3, against: 0, abstain: 0 }, { countedOfficial: 7, officialPresent: 4 }, { ok: true, passed: false }],
    ["one more than half of an odd count", { for: 4, against: 3, abstain: 0 }, { countedOfficial: 7, officialPresent: 7 }, { ok: true, passed: true }],
    ["nobody counted never passes", { for: 0, against: 0, abstain: 0 }, { countedOfficial: 0, officialPresent: 0 }, { ok: true, passed: false }],
    ["more ballots than voters present is a typo", { for: 3, against: 1, abstain: 0 }, { countedOfficial: 5, officialPresent: 3 }, { ok: false, error: "more_votes_than_voters" }],
    ["all present voting is fine", { for: 1, against: 1, abstain: 1 }, { countedOfficial: 3, officialPresent: 3 }, { ok: true, passed: false }],
  ])("%s", (_name, votes, quorum, expected) => {
    expect(voteVerdict(votes, quorum)).toEqual(expected);
  });
});

describe("parseVotes", () => {
  it.each([
    ["12 0 1", { for: 12, against: 0, abstain: 1 }],
    ["12/0/1", { for: 12, against: 0, abstain: 1 }],
    [" 3, 2, 0 ", { for: 3, against: 2, abstain: 0 }],
    ["12 0", undefined],
    ["12 0 1 4", undefined],
    ["a b c", undefined],
    ["-1 0 0", undefined],
    ["1.5 0 0", undefined],
    ["", undefined],
  ])("%j", (text, expected) => {
    expect(parseVotes(text)).toEqual(expected);
  });
});

describe("a task's status at the edges of its due day (Hanoi)", () => {
  const task = (dueOn: Date, assignees: TaskFacts["assignees"]): TaskFacts => ({ dueOn, assignees });
  const due = dueDay("2026-12-01");
  it.each([
    ["nobody done, before the day ends", task(due, [{ doneAt: null, inCell: true }]), at("2026-12-01T16:59:59Z"), "open"],
    ["nobody done, the day has ended (00:00 on the 2nd in Hanoi)", task(due, [{ doneAt: null, inCell: true }]), at("2026-12-01T17:00:00Z"), "overdue"],
    ["done at 23:59 on the due day", task(due, [{ doneAt: at("2026-12-01T16:59:00Z"), inCell: true }]), at("2026-12-05T00:00:00Z"), "done"],
    ["done at 00:00 the day after", task(due, [{ doneAt: at("2026-12-01T17:00:00Z"), inCell: true }]), at("2026-12-05T00:00:00Z"), "done_late"],
    ["one of two done: still open", task(due, [{ doneAt: at("2026-11-20T00:00:00Z"), inCell: true }, { doneAt: null, inCell: true }]), at("2026-11-25T00:00:00Z"), "open"],
    ["both done, the later one late", task(due, [{ doneAt: at("2026-11-20T00:00:00Z"), inCell: true }, { doneAt: at("2026-12-03T00:00:00Z"), inCell: true }]), at("2026-12-05T00:00:00Z"), "done_late"],
    ["an assignee who left does not hold it up", task(due, [{ doneAt: at("2026-11-20T00:00:00Z"), inCell: true }, { doneAt: null, inCell: false }]), at("2026-11-25T00:00:00Z"), "done"],
    ["one who finished, then left, still counts", task(due, [{ doneAt: at("2026-11-28T00:00:00Z"), inCell: false }]), at("2026-12-05T00:00:00Z"), "done"],
    ["everyone left before finishing: waits, then overdue", task(due, [{ doneAt: null, inCell: false }]), at("2026-12-02T00:00:00Z"), "overdue"],
  ])("%s", (_name, facts, now, expected) => {
    expect(taskStatus(facts, now, HANOI)).toBe(expected);
  });

  it("the deadline and the reminder follow the cell's zone, across a month's end", () => {
    expect(deadlineOf(dueDay("2026-12-31"), HANOI)).toEqual(at("2026-12-31T17:00:00Z"));
    expect(reminderAt(dueDay("2027-01-01"), HANOI, 2)).toEqual(at("2026-12-30T01:00:00Z"));
    expect(reminderAt(dueDay("2027-01-01"), HANOI, 0)).toEqual(at("2027-01-01T01:00:00Z"));
  });

  it("counts what committees read", () => {
    expect(tallyTasks(["done", "done_late", "overdue", "open", "open"])).toEqual({ onTime: 1, late: 2, open: 2 });
  });
});

describe("typed due days and assignees", () => {
  const now = at("2026-11-21T03:00:00Z"); // 10:00, Saturday 21/11/2026 in Hanoi
  it.each([
    ["21/11/2026", { ok: true, year: 2026, month: 11, day: 21 }],
    ["01/12/26", { ok: true, year: 2026, month: 12, day: 1 }],
    ["20/11/2026", { ok: false, error: "past" }],
    ["31/11/2026", { ok: false, error: "no_such_date" }],
    ["1/12", { ok: false, error: "format" }],
    ["22/11/2028", { ok: false, error: "too_far" }],
    ["21/11/2028", { ok: true, year: 2028, month: 11, day: 21 }],
  ])("%s", (text, expected) => {
    expect(parseDueDate(text, now, HANOI)).toEqual(expected);
  });

  it.each([
    ["2, 4", 5, [1, 3]],
    ["4 2 2", 5, [3, 1]],
    ["0", 5, "whole_cell"],
    ["0, 1", 5, undefined],
    ["6", 5, undefined],
    ["hai", 5, undefined],
    ["", 5, undefined],
  ])("%j of %i", (text, count, expected) => {
    expect(parseAssignees(text, count)).toEqual(expected);
  });
});
