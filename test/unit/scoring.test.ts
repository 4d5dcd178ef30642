import { describe, expect, it } from "vitest";
import { checkRecord, type Attendance, type RecordChecks, type RecordEntry } from "../../src/domain/meeting-record.js";
import { attendancePoints, gradeOf, maxScore, scoreMeeting, type Grade, type ScoreResult, type ScoringItem } from "../../src/domain/scoring.js";
import { DEFAULT_SETTINGS } from "../../src/domain/settings.js";

/** RecordChecks with only the fields attendancePoints reads set meaningfully. */
function checks(attendanceRate: number, attendanceTarget: number, meetsAttendanceTarget: boolean, unexcused: number): RecordChecks {
  return {
    expected: 20,
    present: Math.round(attendanceRate * 20),
    late: 0,
    excused: 0,
    unexcused,
    exemptPresent: 0,
    attendanceRate,
    attendanceTarget,
    meetsAttendanceTarget,
    lengthMinutes: 120,
    minimumMinutes: 90,
    lengthOk: true,
    quorum: { countedOfficial: 20, officialPresent: 20, canPass: true },
  };
}

function recordOf(...groups: [Attendance, number][]): RecordChecks {
  const entries: RecordEntry[] = [];
  for (const [attendance, count] of groups) {
    for (let i = 0; i < count; i++) entries.push({ personId: entries.length + 1, memberStatus: "official", attendance });
  }
  return checkRecord({ kind: "regular", startedAt: null, endedAt: null, entries, settings: DEFAULT_SETTINGS });
}

describe("attendancePoints", () => {
  it.each<[string, RecordChecks, number, number]>([
    ["target met, nobody unexcused: full", checks(0.95, 0.85, true, 0), 20, 20],
    // The target is "above 85%": exactly 85% misses it, and full points with it.
    ["exactly the target (17 of 20): not met, one point short", checks(0.85, 0.85, true, 0), 20, 19],
    ["just above the target (18 of 20): full", checks(0.9, 0.85, true, 0), 20, 20],
    ["nobody expected: full", checks(1, 0.85, true, 0), 20, 20],
    ["target met, one unexcused: minus 10%", checks(0.95, 0.85, true, 1), 20, 18],
    ["target met, three unexcused", checks(0.85, 0.85, true, 3), 20, 14],
    ["80% of an 85% target: 18.82 → 19", checks(0.8, 0.85, false, 0), 20, 19],
    ["80% and one unexcused: 16.82 → 17", checks(0.8, 0.85, false, 1), 20, 17],
    ["50%: 11.76 → 12", checks(0.5, 0.85, false, 0), 20, 12],
    ["nobody came", checks(0, 0.85, false, 0), 20, 0],
    ["never below zero", checks(0.5, 0.85, false, 10), 20, 0],
    ["exactly zero after the penalty", checks(0.85, 0.85, true, 10), 20, 0],
    ["half rounds up: 15 − 1.5 = 13.5 → 14", checks(1, 0.85, true, 1), 15, 14],
    ["half rounds up through float noise: 20 × 0.7/0.8 = 17.5 → 18", checks(0.7, 0.8, false, 0), 20, 18],
    ["below half rounds down: 10 × 0.5/0.8 − 1 = 5.25 → 5", checks(0.5, 0.8, false, 1), 10, 5],
    ["a target of 100% missed by one of twenty: 19", checks(0.95, 1, false, 0), 20, 19],
    ["target 0: the ratio is 1, only the penalty applies", checks(0.5, 0, true, 1), 20, 18],
    ["another maximum: 30 points at 80%: 28.24 → 28", checks(0.8, 0.85, false, 0), 30, 28],
    ["from a record: 16 present, 3 excused, 1 unexcused of 20", recordOf(["present", 16], ["excused", 3], ["unexcused", 1]), 20, 17],
    ["from a record: 17 present, 3 excused (exactly 85%)", recordOf(["present", 17], ["excused", 3]), 20, 19],
    ["from a record: 18 present, 2 excused", recordOf(["present", 18], ["excused", 2]), 20, 20],
    ["from a record: 17 present, 3 unexcused", recordOf(["present", 17], ["unexcused", 3]), 20, 14],
  ])("%s", (_label, record, max, expected) => {
    const points = attendancePoints(record, max);
    expect(points).toBe(expected);
    expect(Number.isInteger(points)).toBe(true);
  });
});

describe("scoreMeeting", () => {
  const defaults = DEFAULT_SETTINGS.scoringChecklist;
  const full = checks(1, 0.85, true, 0);
  const partial = checks(0.8, 0.85, false, 1); // 17 attendance points of 20

  const ok = (preparation: number, attendance: number, conduct: number, closing: number): ScoreResult => ({
    ok: true,
    total: preparation + attendance + conduct + closing,
    items: [
      { key: "preparation", points: preparation, max: 15 },
      { key: "attendance", points: attendance, max: 20 },
      { key: "conduct", points: conduct, max: 45 },
      { key: "closing", points: closing, max: 20 },
    ],
  });
  const fail = (error: "missing_item" | "out_of_range" | "computed_given", key: string): ScoreResult => ({ ok: false, error, key });

  it.each<[string, Record<string, number>, RecordChecks, ScoreResult]>([
    ["everything full", { preparation: 15, conduct: 45, closing: 20 }, full, ok(15, 20, 45, 20)],
    ["partial marks and computed attendance", { preparation: 10, conduct: 30, closing: 15 }, partial, ok(10, 17, 30, 15)],
    ["zeros are marks", { preparation: 0, conduct: 0, closing: 0 }, full, ok(0, 20, 0, 0)],
    ["keys in another order", { closing: 20, conduct: 45, preparation: 15 }, full, ok(15, 20, 45, 20)],
    ["an unknown key is ignored", { preparation: 15, conduct: 45, closing: 20, spirit: 99 }, full, ok(15, 20, 45, 20)],
    ["conduct missing", { preparation: 15, closing: 20 }, full, fail("missing_item", "conduct")],
    ["nothing given: the first item is named", {}, full, fail("missing_item", "preparation")],
    ["closing missing", { preparation: 15, conduct: 45 }, full, fail("missing_item", "closing")],
    ["an item given as undefined is missing", { preparation: 15, conduct: undefined as unknown as number, closing: 20 }, full, fail("missing_item", "conduct")],
    ["over the item's points", { preparation: 16, conduct: 45, closing: 20 }, full, fail("out_of_range", "preparation")],
    ["negative", { preparation: 15, conduct: -1, closing: 20 }, full, fail("out_of_range", "conduct")],
    ["a fraction", { preparation: 7.5, conduct: 45, closing: 20 }, full, fail("out_of_range", "preparation")],
    ["NaN", { preparation: 15, conduct: Number.NaN, closing: 20 }, full, fail("out_of_range", "conduct")],
    ["Infinity", { preparation: 15, conduct: 45, closing: Number.POSITIVE_INFINITY }, full, fail("out_of_range", "closing")],
    ["a number as text", { preparation: "15" as unknown as number, conduct: 45, closing: 20 }, full, fail("out_of_range", "preparation")],
    ["attendance typed in", { preparation: 15, attendance: 20, conduct: 45, closing: 20 }, full, fail("computed_given", "attendance")],
    ["attendance typed as 0 is still typed", { preparation: 15, attendance: 0, conduct: 45, closing: 20 }, full, fail("computed_given", "attendance")],
    ["first problem in checklist order: preparation before attendance", { attendance: 20, conduct: 45, closing: 20 }, full, fail("missing_item", "preparation")],
    ["first problem in checklist order: attendance before conduct", { preparation: 15, attendance: 20, conduct: 99 }, full, fail("computed_given", "attendance")],
  ])("%s", (_label, given, record, expected) => {
    expect(scoreMeeting(defaults, given, record)).toEqual(expected);
  });

  it.each<[string, ScoringItem[], Record<string, number>, ScoreResult]>([
    [
      "a checklist without a computed item",
      [
        { key: "a", label: "A", points: 50 },
        { key: "b", label: "B", points: 50 },
      ],
      { a: 40, b: 50 },
      { ok: true, total: 90, items: [{ key: "a", points: 40, max: 50 }, { key: "b", points: 50, max: 50 }] },
    ],
    [
      "a key named like an Object property is not given by the prototype",
      [{ key: "constructor", label: "C", points: 10 }],
      {},
      { ok: false, error: "missing_item", key: "constructor" },
    ],
    [
      "the computed item placed last",
      [
        { key: "x", label: "X", points: 5 },
        { key: "att", label: "Att", points: 10, computed: "attendance" },
      ],
      { x: 5 },
      { ok: true, total: 14, items: [{ key: "x", points: 5, max: 5 }, { key: "att", points: 9, max: 10 }] },
    ],
  ])("%s", (_label, checklist, given, expected) => {
    // Target met but one unexcused: attendance gives its maximum less 10% (10 → 9).
    expect(scoreMeeting(checklist, given, checks(0.9, 0.85, true, 1))).toEqual(expected);
  });

  it("the default sheet is out of 100", () => {
    expect(maxScore(DEFAULT_SETTINGS.scoringChecklist)).toBe(100);
  });
});

describe("gradeOf", () => {
  const thresholds = DEFAULT_SETTINGS.gradeThresholds;
  it.each<[number, number, Grade]>([
    [100, 100, "good"],
    [90, 100, "good"],
    [89.9, 100, "fair"],
    [89, 100, "fair"],
    [900, 1000, "good"],
    [899, 1000, "fair"],
    [63, 70, "good"], // exactly 90%
    [62, 70, "fair"],
    [27, 30, "good"],
    [70, 100, "fair"],
    [69.99, 100, "average"],
    [6999, 10000, "average"],
    [7, 10, "fair"],
    [50, 100, "average"],
    [49.99, 100, "poor"],
    [49, 100, "poor"],
    [5, 10, "average"],
    [0, 100, "poor"],
  ])("%s of %s → %s", (total, max, expected) => {
    expect(gradeOf(total, max, thresholds)).toBe(expected);
  });

  it.each<[number, { good: number; fair: number; average: number }, Grade]>([
    [80, { good: 80, fair: 80, average: 40 }, "good"],
    [79, { good: 80, fair: 80, average: 40 }, "average"],
    [39, { good: 80, fair: 80, average: 40 }, "poor"],
    [85, { good: 95, fair: 85, average: 60 }, "fair"],
    [0, { good: 90, fair: 70, average: 0 }, "average"],
  ])("%s of 100 with %j → %s", (total, custom, expected) => {
    expect(gradeOf(total, 100, custom)).toBe(expected);
  });

  it.each([0, -10, Number.NaN, Number.POSITIVE_INFINITY])("a maximum of %s is a programming error", (max) => {
    expect(() => gradeOf(0, max, thresholds)).toThrow(RangeError);
  });
});
