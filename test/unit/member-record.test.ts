import { describe, expect, it } from "vitest";
import type { Attendance } from "../../src/domain/meeting-record.js";
import { excusedStreak, yearSummary, type YearEntry, type YearSummary } from "../../src/domain/member-record.js";

const VN = "Asia/Ho_Chi_Minh";
const NL = "America/St_Johns";

let nextId = 1;
/** An entry for the regular meeting of `month` ("2026-03") on the 20th at 19:30 Viet Nam time. */
const monthly = (month: string, attendance: Attendance, memberStatus = "official"): YearEntry => ({
  meetingId: nextId++,
  startedAt: new Date(`${month}-20T19:30:00+07:00`),
  forMonth: month,
  attendance,
  memberStatus,
});
const entry = (iso: string, forMonth: string, attendance: Attendance): YearEntry => ({
  meetingId: nextId++,
  startedAt: new Date(iso),
  forMonth,
  attendance,
  memberStatus: "official",
});

const months2026 = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
/** A year of regular meetings, present except as listed. */
const year2026 = (exceptions: Record<string, Attendance> = {}): YearEntry[] =>
  months2026.map((month) => monthly(month, exceptions[month] ?? "present"));

type Expected = Omit<YearSummary, "unexcusedDates">;
const summary = (
  meetings: number,
  present: number,
  late: number,
  excused: number,
  unexcused: number,
  unexcusedMonths: string[],
  flag: YearSummary["flag"],
): Expected => ({ meetings, present, late, excused, unexcused, unexcusedMonths, flag });

describe("yearSummary", () => {
  it.each<[string, YearEntry[], string[], number, string, Expected]>([
    ["a full year present", year2026(), [], 2026, VN, summary(12, 12, 0, 0, 0, [], "none")],
    // Exempt members (miễn sinh hoạt) are not expected: an absence marked against them never counts.
    [
      "exempt all year, marked unexcused in four months: never flagged",
      months2026.map((m, i) => monthly(m, i < 4 ? "unexcused" : "excused", "exempt")),
      [],
      2026,
      VN,
      summary(0, 0, 0, 0, 0, [], "none"),
    ],
    [
      "exempt, came twice: those meetings count as present",
      months2026.map((m, i) => monthly(m, i < 2 ? "present" : "excused", "exempt")),
      [],
      2026,
      VN,
      summary(2, 2, 0, 0, 0, [], "none"),
    ],
    [
      "two unexcused months as official, two more after being exempted: a warning only",
      months2026.map((m, i) => monthly(m, i < 4 ? "unexcused" : "present", i < 2 ? "official" : "exempt")),
      [],
      2026,
      VN,
      summary(10, 8, 0, 0, 2, ["2026-01", "2026-02"], "warning"),
    ],
    [
      "transferred to another cell: absences here never count",
      months2026.slice(0, 3).map((m) => monthly(m, "unexcused", "transferred")),
      [],
      2026,
      VN,
      summary(0, 0, 0, 0, 0, [], "none"),
    ],
    [
      "exempt but three unpaid dues months: the dues rule still applies",
      months2026.map((m) => monthly(m, "unexcused", "exempt")),
      ["2026-02", "2026-03", "2026-04"],
      2026,
      VN,
      summary(0, 0, 0, 0, 0, ["2026-02", "2026-03", "2026-04"], "removal_rule"),
    ],
    ["late and excused do not count toward the rule", year2026({ "2026-02": "late", "2026-05": "excused", "2026-06": "excused", "2026-07": "excused" }), [], 2026, VN, summary(12, 8, 1, 3, 0, [], "none")],
    ["one unexcused month", year2026({ "2026-04": "unexcused" }), [], 2026, VN, summary(12, 11, 0, 0, 1, ["2026-04"], "none")],
    ["two unexcused months: warning", year2026({ "2026-04": "unexcused", "2026-09": "unexcused" }), [], 2026, VN, summary(12, 10, 0, 0, 2, ["2026-04", "2026-09"], "warning")],
    [
      "three months, not consecutive: removal rule",
      year2026({ "2026-02": "unexcused", "2026-06": "unexcused", "2026-11": "unexcused" }),
      [],
      2026,
      VN,
      summary(12, 9, 0, 0, 3, ["2026-02", "2026-06", "2026-11"], "removal_rule"),
    ],
    [
      "three consecutive months",
      year2026({ "2026-03": "unexcused", "2026-04": "unexcused", "2026-05": "unexcused" }),
      [],
      2026,
      VN,
      summary(12, 9, 0, 0, 3, ["2026-03", "2026-04", "2026-05"], "removal_rule"),
    ],
    [
      "four months",
      year2026({ "2026-01": "unexcused", "2026-03": "unexcused", "2026-05": "unexcused", "2026-12": "unexcused" }),
      [],
      2026,
      VN,
      summary(12, 8, 0, 0, 4, ["2026-01", "2026-03", "2026-05", "2026-12"], "removal_rule"),
    ],
    [
      "two absences in one month count once",
      [monthly("2026-03", "unexcused"), entry("2026-03-05T19:30:00+07:00", "2026-03", "unexcused"), monthly("2026-04", "present")],
      [],
      2026,
      VN,
      summary(3, 1, 0, 0, 2, ["2026-03"], "none"),
    ],
    ["unpaid dues alone, three months", year2026(), ["2026-01", "2026-05", "2026-10"], 2026, VN, summary(12, 12, 0, 0, 0, ["2026-01", "2026-05", "2026-10"], "removal_rule")],
    ["unpaid dues alone, two months", year2026(), ["2026-05", "2026-10"], 2026, VN, summary(12, 12, 0, 0, 0, ["2026-05", "2026-10"], "warning")],
    [
      "two absent months and one unpaid month make three",
      year2026({ "2026-02": "unexcused", "2026-08": "unexcused" }),
      ["2026-11"],
      2026,
      VN,
      summary(12, 10, 0, 0, 2, ["2026-02", "2026-08", "2026-11"], "removal_rule"),
    ],
    [
      "a month both absent and unpaid counts once",
      year2026({ "2026-03": "unexcused" }),
      ["2026-03", "2026-06"],
      2026,
      VN,
      summary(12, 11, 0, 0, 1, ["2026-03", "2026-06"], "warning"),
    ],
    [
      "unpaid months of other years and malformed ones are ignored, repeats merged",
      year2026({ "2026-03": "unexcused" }),
      ["2025-12", "2027-01", "2026-13", "2026-3", "26-03", "2026-00", "2026-03", "2026-03"],
      2026,
      VN,
      summary(12, 11, 0, 0, 1, ["2026-03"], "none"),
    ],
    [
      "joined in September: four meetings",
      [monthly("2026-09", "present"), monthly("2026-10", "unexcused"), monthly("2026-11", "late"), monthly("2026-12", "unexcused")],
      [],
      2026,
      VN,
      summary(4, 1, 1, 0, 2, ["2026-10", "2026-12"], "warning"),
    ],
    ["a cancelled meeting is simply not in the input", year2026().filter((e) => e.forMonth !== "2026-07"), [], 2026, VN, summary(11, 11, 0, 0, 0, [], "none")],
    ["no entries at all", [], [], 2026, VN, summary(0, 0, 0, 0, 0, [], "none")],
    ["entries of another year only", year2026({ "2026-01": "unexcused", "2026-02": "unexcused", "2026-03": "unexcused" }), [], 2025, VN, summary(0, 0, 0, 0, 0, [], "none")],
    // Which month an absence belongs to.
    [
      "the October meeting held on 1 November and the November meeting: two months",
      [entry("2026-11-01T19:30:00+07:00", "2026-10", "unexcused"), entry("2026-11-25T19:30:00+07:00", "2026-11", "unexcused")],
      [],
      2026,
      VN,
      summary(2, 0, 0, 0, 2, ["2026-10", "2026-11"], "warning"),
    ],
    // Year edges in the organisation's zone.
    [
      "1 Jan 2027 06:00 in Viet Nam (31 Dec in UTC) is not in 2026",
      [...year2026({ "2026-05": "unexcused", "2026-09": "unexcused" }), entry("2027-01-01T06:00:00+07:00", "2027-01", "unexcused")],
      [],
      2026,
      VN,
      summary(12, 10, 0, 0, 2, ["2026-05", "2026-09"], "warning"),
    ],
    [
      "… it is in 2027",
      [...year2026(), entry("2027-01-01T06:00:00+07:00", "2027-01", "unexcused")],
      [],
      2027,
      VN,
      summary(1, 0, 0, 0, 1, ["2027-01"], "none"),
    ],
    [
      "1 Jan 2026 00:30 in Viet Nam (31 Dec 2025 in UTC) is in 2026",
      [entry("2026-01-01T00:30:00+07:00", "2026-01", "unexcused")],
      [],
      2026,
      VN,
      summary(1, 0, 0, 0, 1, ["2026-01"], "none"),
    ],
    [
      "31 Dec 2026 21:00 in St John's (1 Jan 2027 in UTC) is in 2026",
      [entry("2026-12-31T21:00:00-03:30", "2026-12", "unexcused")],
      [],
      2026,
      NL,
      summary(1, 0, 0, 0, 1, ["2026-12"], "none"),
    ],
    [
      "December's meeting held on 1 Jan 2027 counts in 2027, in January",
      [entry("2027-01-01T19:30:00+07:00", "2026-12", "unexcused")],
      [],
      2027,
      VN,
      summary(1, 0, 0, 0, 1, ["2027-01"], "none"),
    ],
    [
      "… and not in 2026",
      [entry("2027-01-01T19:30:00+07:00", "2026-12", "unexcused")],
      [],
      2026,
      VN,
      summary(0, 0, 0, 0, 0, [], "none"),
    ],
    [
      "a malformed forMonth falls back to the month held",
      [entry("2026-06-20T19:30:00+07:00", "June", "unexcused")],
      [],
      2026,
      VN,
      summary(1, 0, 0, 0, 1, ["2026-06"], "none"),
    ],
  ])("%s", (_label, entries, unpaid, year, zone, expected) => {
    const result = yearSummary(entries, unpaid, year, zone);
    const { unexcusedDates, ...rest } = result;
    expect(rest).toEqual(expected);
    expect(unexcusedDates).toHaveLength(expected.unexcused);
  });

  it("lists the dates of unexcused absences earliest first, from entries in any order", () => {
    const entries = [
      entry("2026-09-20T19:30:00+07:00", "2026-09", "unexcused"),
      entry("2026-02-20T19:30:00+07:00", "2026-02", "unexcused"),
      entry("2026-05-20T19:30:00+07:00", "2026-05", "excused"),
      entry("2026-06-20T19:30:00+07:00", "2026-06", "unexcused"),
    ];
    expect(yearSummary(entries, [], 2026, VN).unexcusedDates).toEqual([
      new Date("2026-02-20T19:30:00+07:00"),
      new Date("2026-06-20T19:30:00+07:00"),
      new Date("2026-09-20T19:30:00+07:00"),
    ]);
  });

  it("does not change its input", () => {
    const entries = [entry("2026-09-20T19:30:00+07:00", "2026-09", "unexcused"), entry("2026-02-20T19:30:00+07:00", "2026-02", "unexcused")];
    const unpaid = ["2026-12", "2026-01"];
    const copy = structuredClone({ entries, unpaid });
    yearSummary(entries, unpaid, 2026, VN);
    expect({ entries, unpaid }).toEqual(copy);
  });
});

describe("excusedStreak", () => {
  /**
   * One entry per letter, a week apart: P present, L late, E excused, U unexcused; in
   * lower case the same while the member was exempt (not expected).
   */
  const run = (letters: string): YearEntry[] => {
    const map: Record<string, Attendance> = { P: "present", L: "late", E: "excused", U: "unexcused" };
    return [...letters].map((letter, i) => ({
      meetingId: i + 1,
      startedAt: new Date(Date.UTC(2026, 0, 5 + 7 * i, 12, 30)),
      forMonth: "2026-01",
      attendance: map[letter.toUpperCase()],
      memberStatus: letter === letter.toUpperCase() ? "official" : "exempt",
    }));
  };

  it.each<[string, number]>([
    ["", 0],
    ["P", 0],
    ["E", 1],
    ["PPPP", 0],
    ["EEE", 3],
    ["EEEE", 4],
    ["PEEEP", 3],
    ["EEPEEE", 3],
    ["EEEPEE", 3],
    ["EELEE", 2],
    ["EEUEE", 2],
    ["UUUU", 0],
    ["EPEPEPEP", 1],
    ["PEEEEEP", 5],
    // Meetings while exempt neither count nor break a run.
    ["eeee", 0],
    ["EEeE", 3],
    ["EEuE", 3],
    ["EEpE", 2],
  ])("%j → %i", (letters, expected) => {
    expect(excusedStreak(run(letters))).toBe(expected);
  });

  it("orders by the meeting date, not by the input order", () => {
    // In date order: E E P E — the longest run is 2; in input order it would be 3.
    const [a, b, c, d] = run("EEPE");
    expect(excusedStreak([a, b, d, c])).toBe(2);
    expect(excusedStreak([d, c, b, a])).toBe(2);
  });

  it("two meetings at the same time are ordered by id", () => {
    const same = new Date("2026-03-20T12:30:00Z");
    const entries: YearEntry[] = [
      { meetingId: 3, startedAt: same, forMonth: "2026-03", attendance: "excused", memberStatus: "official" },
      { meetingId: 1, startedAt: same, forMonth: "2026-03", attendance: "excused", memberStatus: "official" },
      { meetingId: 2, startedAt: same, forMonth: "2026-03", attendance: "present", memberStatus: "official" },
    ];
    expect(excusedStreak(entries)).toBe(1);
  });
});
