// Probation's calendar and the digest's roster movements: pure rules, tables of cases.
import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isoDay, probationEndDay, probationOverdueDays, probationReminderFrom } from "../../src/domain/probation.js";
import { overdueProbations, rosterMovements, type RosterPeriod } from "../../src/domain/roster-changes.js";

const VN = "Asia/Ho_Chi_Minh";
/** A Viet Nam wall time, "2026-03-10T08:00". */
const vn = (local: string) => new Date(`${local}:00+07:00`);

describe("probationEndDay", () => {
  it.each([
    ["2025-03-10T00:00", "2026-03-10"],
    ["2024-02-29T00:00", "2025-02-28"], // no 29/02 in 2025: the month's last day
    ["2023-02-28T00:00", "2024-02-28"], // a leap year ahead changes nothing
    ["2025-12-31T00:00", "2026-12-31"], // the year's end
    ["2025-01-31T00:00", "2026-01-31"],
    ["2025-08-31T09:30", "2026-08-31"],
    ["2025-10-01T00:00", "2026-10-01"],
  ])("admitted %s (Viet Nam) ends on %s", (admitted, ends) => {
    expect(isoDay(probationEndDay(vn(admitted), VN))).toBe(ends);
  });

  it("reads the admission day in the cell's zone: UTC midnight and local midnight give the same day", () => {
    expect(isoDay(probationEndDay(new Date("2024-02-29T00:00:00Z"), VN))).toBe("2025-02-28");
    // 23:30 UTC on the 28th is already the 29th in Viet Nam.
    expect(isoDay(probationEndDay(new Date("2024-02-28T23:30:00Z"), VN))).toBe("2025-02-28");
    expect(isoDay(probationEndDay(new Date("2024-02-28T23:30:00Z"), "UTC"))).toBe("2025-02-28");
    expect(isoDay(probationEndDay(new Date("2024-03-30T23:30:00Z"), VN))).toBe("2025-03-31");
  });
});

describe("addDays and daysBetween", () => {
  it.each([
    [{ year: 2026, month: 3, day: 10 }, -30, "2026-02-08"],
    [{ year: 2026, month: 3, day: 1 }, -1, "2026-02-28"],
    [{ year: 2024, month: 3, day: 1 }, -1, "2024-02-29"],
    [{ year: 2026, month: 1, day: 15 }, -30, "2025-12-16"],
    [{ year: 2026, month: 12, day: 31 }, 1, "2027-01-01"],
    [{ year: 2026, month: 4, day: 30 }, 0, "2026-04-30"],
  ])("%o moved by %d days is %s", (day, days, expected) => {
    expect(isoDay(addDays(day, days))).toBe(expected);
    expect(daysBetween(day, addDays(day, days))).toBe(days);
  });
});

describe("probationReminderFrom", () => {
  it.each([
    ["2025-03-10T10:00", 30, "2026-02-08T00:00"],
    ["2024-02-29T10:00", 30, "2025-01-29T00:00"], // ends 28/02/2025
    ["2025-03-31T10:00", 30, "2026-03-01T00:00"], // ends 31/03/2026: 30 days before is 01/03
    ["2025-01-15T10:00", 30, "2025-12-16T00:00"], // over the year's end
    ["2025-03-10T10:00", 0, "2026-03-10T00:00"], // on the end day itself
    ["2025-03-10T10:00", 180, "2025-09-11T00:00"],
  ])("admitted %s, %d days ahead: from %s local", (admitted, days, from) => {
    expect(probationReminderFrom(vn(admitted), VN, days).toISOString()).toBe(vn(from).toISOString());
  });
});

describe("probationOverdueDays", () => {
  it.each([
    ["2025-03-10T00:00", "2026-03-09T23:59", null],
    ["2025-03-10T00:00", "2026-03-10T23:59", null], // the end day: the cell may decide that day
    ["2025-03-10T00:00", "2026-03-11T00:00", 1],
    ["2025-03-10T00:00", "2026-04-10T12:00", 31],
    ["2024-02-29T00:00", "2025-02-28T12:00", null],
    ["2024-02-29T00:00", "2025-03-01T00:00", 1],
    ["2025-01-31T00:00", "2026-02-01T08:00", 1], // a month's end
  ])("admitted %s, at %s: %s days overdue", (admitted, now, days) => {
    expect(probationOverdueDays(vn(admitted), VN, vn(now))).toBe(days);
  });
});

// ─── the digest's roster movements ──────────────────────────────────────────────────

const FROM = vn("2026-10-01T00:00");
const NOW = vn("2026-11-23T07:30");

function period(p: Partial<RosterPeriod> & { personId: number }): RosterPeriod {
  return {
    cellId: 10,
    name: `Đảng viên ${p.personId}`,
    startedOn: null,
    endedOn: null,
    endReason: null,
    before: null,
    admittedOn: null,
    probationary: false,
    ...p,
  };
}

describe("rosterMovements", () => {
  const kinds = (periods: RosterPeriod[]) => rosterMovements(periods, FROM, NOW).map((m) => [m.kind, m.cellId, m.personId, m.reason ?? null]);

  it.each<[string, RosterPeriod[], unknown[]]>([
    ["a period carried over from before history (no start) is no movement", [period({ personId: 1 })], []],
    ["added in the window (membership.add)", [period({ personId: 1, startedOn: vn("2026-11-03T00:00") })], [["admitted", 10, 1, null]]],
    ["added before the window", [period({ personId: 1, startedOn: vn("2026-09-30T23:59") })], []],
    [
      "a move inside the subtree: out of one cell, into another",
      [
        period({ personId: 1, cellId: 10, startedOn: null, endedOn: vn("2026-11-05T00:00"), endReason: "moved" }),
        period({ personId: 1, cellId: 11, startedOn: vn("2026-11-05T00:00"), before: "moved" }),
      ],
      [
        ["movedOut", 10, 1, null],
        ["movedIn", 11, 1, null],
      ],
    ],
    [
      "a change of status ends a period and starts the next: no movement",
      [
        period({ personId: 1, endedOn: vn("2026-11-05T00:00"), endReason: "status" }),
        period({ personId: 1, startedOn: vn("2026-11-05T00:00"), before: "status" }),
      ],
      [],
    ],
    ["a role change: no movement", [period({ personId: 1, startedOn: vn("2026-10-15T00:00"), before: "role" })], []],
    ["attached elsewhere: the home period's successor is no movement", [period({ personId: 1, startedOn: vn("2026-10-15T00:00"), before: "attached" })], []],
    ...(["left", "died", "removed", "expelled"] as const).map(
      (reason): [string, RosterPeriod[], unknown[]] => [
        `a departure: ${reason}`,
        [period({ personId: 2, endedOn: vn("2026-10-31T23:00"), endReason: reason })],
        [["departed", 10, 2, reason]],
      ],
    ),
    ["a departure last month counts (the window is last month and this one)", [period({ personId: 2, endedOn: vn("2026-10-01T00:00"), endReason: "died" })], [["departed", 10, 2, "died"]]],
    ["a departure before the window does not", [period({ personId: 2, endedOn: vn("2026-09-30T23:59"), endReason: "died" })], []],
    ["forgotten is bookkeeping", [period({ personId: 2, endedOn: vn("2026-10-10T00:00"), endReason: "forgotten" })], []],
    [
      "rejoined after leaving: an admission",
      [period({ personId: 3, startedOn: vn("2026-11-10T00:00"), before: "left" })],
      [["admitted", 10, 3, null]],
    ],
    [
      "admitted in the window, on the roster from before (the day recorded later): an admission in the current cell",
      [period({ personId: 4, admittedOn: vn("2026-10-20T00:00") })],
      [["admitted", 10, 4, null]],
    ],
    [
      "admitted and added the same day: one admission",
      [period({ personId: 4, startedOn: vn("2026-10-20T00:00"), admittedOn: vn("2026-10-20T00:00") })],
      [["admitted", 10, 4, null]],
    ],
    [
      "admitted, then moved: admitted once (where they joined), then out and in",
      [
        period({ personId: 5, cellId: 11, startedOn: vn("2026-11-12T00:00"), before: "moved", admittedOn: vn("2026-10-02T00:00") }),
        period({ personId: 5, cellId: 10, startedOn: vn("2026-10-02T00:00"), endedOn: vn("2026-11-12T00:00"), endReason: "moved", admittedOn: vn("2026-10-02T00:00") }),
      ],
      [
        ["admitted", 10, 5, null],
        ["movedOut", 10, 5, null],
        ["movedIn", 11, 5, null],
      ],
    ],
    ["admitted before the window: nothing", [period({ personId: 6, admittedOn: vn("2026-09-20T00:00") })], []],
  ])("%s", (_name, periods, expected) => {
    expect(kinds(periods)).toEqual(expected);
  });

  it("gives the same movements whatever the order of the periods", () => {
    const periods = [
      period({ personId: 7, cellId: 12, startedOn: vn("2026-11-01T00:00"), before: "left" }),
      period({ personId: 7, cellId: 11, startedOn: vn("2026-10-05T00:00"), endedOn: vn("2026-10-20T00:00"), endReason: "left" }),
    ];
    expect(rosterMovements(periods, FROM, NOW)).toEqual(rosterMovements([...periods].reverse(), FROM, NOW));
    expect(kinds(periods)).toEqual([
      ["admitted", 11, 7, null],
      ["departed", 11, 7, "left"],
    ]);
  });
});

describe("overdueProbations", () => {
  it.each<[string, Partial<RosterPeriod>, number | null]>([
    ["probationary, twelve months over", { probationary: true, admittedOn: vn("2025-10-01T00:00") }, 53],
    ["probationary, ends today", { probationary: true, admittedOn: vn("2025-11-23T00:00") }, null],
    ["probationary, ended yesterday", { probationary: true, admittedOn: vn("2025-11-22T00:00") }, 1],
    ["29/02 admission: ended 28/02", { probationary: true, admittedOn: vn("2024-02-29T00:00") }, 633],
    ["already official (not probationary)", { probationary: false, admittedOn: vn("2025-01-01T00:00") }, null],
    ["left (period ended)", { probationary: true, admittedOn: vn("2025-01-01T00:00"), endedOn: vn("2026-11-01T00:00") }, null],
    ["no admission day known", { probationary: true }, null],
  ])("%s", (_name, p, days) => {
    const overdue = overdueProbations([period({ personId: 1, ...p })], VN, NOW);
    expect(overdue.map((o) => o.days)).toEqual(days === null ? [] : [days]);
  });

  it("says the admission and end days", () => {
    expect(overdueProbations([period({ personId: 1, probationary: true, admittedOn: vn("2024-02-29T00:00") })], VN, NOW)).toEqual([
      { cellId: 10, personId: 1, name: "Đảng viên 1", admitted: "2024-02-29", ends: "2025-02-28", days: 633 },
    ]);
  });
});
