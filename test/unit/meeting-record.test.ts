import { describe, expect, it } from "vitest";
import { checkRecord, validateTimes, type Attendance, type RecordChecks, type RecordEntry } from "../../src/domain/meeting-record.js";
import { DEFAULT_SETTINGS, type OrgSettings } from "../../src/domain/settings.js";

type Status = RecordEntry["memberStatus"];
type Kind = "regular" | "thematic" | "combined";

const at = (iso: string) => new Date(iso);

/** Entries from [status, attendance, how many] groups; person ids 1, 2, 3… */
function list(...groups: [Status, Attendance, number][]): RecordEntry[] {
  const entries: RecordEntry[] = [];
  for (const [memberStatus, attendance, count] of groups) {
    for (let i = 0; i < count; i++) entries.push({ personId: entries.length + 1, memberStatus, attendance });
  }
  return entries;
}

function check(entries: RecordEntry[], settings: Partial<OrgSettings> = {}, kind: Kind = "regular"): RecordChecks {
  return checkRecord({
    kind,
    startedAt: at("2026-11-20T19:30:00+07:00"),
    endedAt: at("2026-11-20T21:30:00+07:00"),
    entries,
    settings: { ...DEFAULT_SETTINGS, ...settings },
  });
}

type Counts = Pick<RecordChecks, "expected" | "present" | "late" | "excused" | "unexcused" | "exemptPresent" | "attendanceRate" | "meetsAttendanceTarget">;
const counts = (
  expected: number,
  present: number,
  late: number,
  excused: number,
  unexcused: number,
  exemptPresent: number,
  attendanceRate: number,
  meetsAttendanceTarget: boolean,
): Counts => ({ expected, present, late, excused, unexcused, exemptPresent, attendanceRate, meetsAttendanceTarget });

describe("checkRecord: attendance", () => {
  it.each<[string, RecordEntry[], Partial<OrgSettings>, Counts]>([
    ["everyone present", list(["official", "present", 20]), {}, counts(20, 20, 0, 0, 0, 0, 1, true)],
    // "Trên 85%" (Hướng dẫn 12-HD/BTCTW): strictly above, so exactly 85% is not enough.
    ["exactly 85% does not meet it", list(["official", "present", 17], ["official", "unexcused", 3]), {}, counts(20, 17, 0, 0, 3, 0, 0.85, false)],
    ["29 of 34 (85.3%) meets it", list(["official", "present", 29], ["official", "excused", 5]), {}, counts(34, 29, 0, 5, 0, 0, 29 / 34, true)],
    ["80% with reasons is under target", list(["official", "present", 16], ["official", "excused", 4]), {}, counts(20, 16, 0, 4, 0, 0, 0.8, false)],
    ["late members count as present", list(["official", "present", 16], ["official", "late", 1], ["official", "excused", 3]), {}, counts(20, 17, 1, 3, 0, 0, 0.85, false)],
    ["late members count as present, above the target", list(["official", "present", 17], ["official", "late", 1], ["official", "excused", 2]), {}, counts(20, 18, 1, 2, 0, 0, 0.9, true)],
    ["all late", list(["official", "late", 4]), {}, counts(4, 4, 4, 0, 0, 0, 1, true)],
    [
      "exempt members who come are outside the rate",
      list(["official", "present", 8], ["official", "excused", 2], ["exempt", "present", 2], ["exempt", "late", 1]),
      {},
      counts(10, 8, 0, 2, 0, 3, 0.8, false),
    ],
    [
      "absent exempt members are no absence of the cell",
      list(["official", "present", 18], ["official", "excused", 2], ["exempt", "unexcused", 2], ["exempt", "excused", 1]),
      {},
      counts(20, 18, 0, 2, 0, 0, 0.9, true),
    ],
    [
      "transferred members are left out, present or not",
      list(["official", "present", 6], ["transferred", "present", 1], ["transferred", "unexcused", 2], ["transferred", "late", 1]),
      {},
      counts(6, 6, 0, 0, 0, 0, 1, true),
    ],
    [
      "probationary members are expected like official ones",
      list(["official", "present", 5], ["probationary", "present", 2], ["probationary", "unexcused", 1]),
      {},
      counts(8, 7, 0, 0, 1, 0, 0.875, true),
    ],
    [
      "a probationary no-show drops the cell under target",
      list(["official", "present", 5], ["probationary", "unexcused", 1]),
      {},
      counts(6, 5, 0, 0, 1, 0, 5 / 6, false),
    ],
    ["only exempt members: nobody expected, target met", list(["exempt", "present", 2]), {}, counts(0, 0, 0, 0, 0, 2, 1, true)],
    ["nobody on the list", [], {}, counts(0, 0, 0, 0, 0, 0, 1, true)],
    ["a cell's own target of 90%", list(["official", "present", 17], ["official", "unexcused", 3]), { attendanceTarget: 0.9 }, counts(20, 17, 0, 0, 3, 0, 0.85, false)],
    ["target 0: even nobody present meets it", list(["official", "unexcused", 3]), { attendanceTarget: 0 }, counts(3, 0, 0, 0, 3, 0, 0, true)],
  ])("%s", (_label, entries, settings, expected) => {
    const result = check(entries, settings);
    expect(result).toMatchObject(expected);
    expect(result.attendanceTarget).toBe(settings.attendanceTarget ?? 0.85);
  });
});

describe("checkRecord: quorum (Charter art. 9.5)", () => {
  it.each<[string, RecordEntry[], number, number, boolean]>([
    ["6 of 10", list(["official", "present", 6], ["official", "unexcused", 4]), 10, 6, true],
    ["exactly half is not more than half", list(["official", "present", 5], ["official", "unexcused", 5]), 10, 5, false],
    ["4 of 7", list(["official", "present", 4], ["official", "unexcused", 3]), 7, 4, true],
    ["3 of 7", list(["official", "present", 3], ["official", "unexcused", 4]), 7, 3, false],
    ["officials excused leave the denominator: 5 of 8", list(["official", "present", 5], ["official", "excused", 2], ["official", "unexcused", 3]), 8, 5, true],
    ["4 of 8 after two excused", list(["official", "present", 4], ["official", "excused", 2], ["official", "unexcused", 4]), 8, 4, false],
    ["3 present, 7 excused: 3 of 3", list(["official", "present", 3], ["official", "excused", 7]), 3, 3, true],
    ["unexcused officials stay in the denominator", list(["official", "present", 3], ["official", "unexcused", 7]), 10, 3, false],
    ["late counts as present", list(["official", "present", 3], ["official", "late", 3], ["official", "unexcused", 5]), 11, 6, true],
    [
      "probationary members are not counted",
      list(["official", "present", 4], ["official", "unexcused", 5], ["probationary", "present", 3]),
      9,
      4,
      false,
    ],
    [
      "absent exempt members leave the denominator",
      list(["official", "present", 5], ["official", "unexcused", 4], ["exempt", "unexcused", 3], ["exempt", "excused", 2]),
      9,
      5,
      true,
    ],
    [
      "exempt members who come are counted and present",
      list(["official", "present", 4], ["official", "unexcused", 5], ["exempt", "present", 1], ["exempt", "late", 1]),
      11,
      6,
      true,
    ],
    [
      "transferred members are never counted, even present",
      list(["official", "present", 4], ["official", "unexcused", 4], ["transferred", "present", 3]),
      8,
      4,
      false,
    ],
    ["all officials excused: nobody counted, nothing passes", list(["official", "excused", 5], ["probationary", "present", 2]), 0, 0, false],
    ["only probationary members", list(["probationary", "present", 3]), 0, 0, false],
    ["empty list", [], 0, 0, false],
    ["one official present of one", list(["official", "present", 1]), 1, 1, true],
  ])("%s", (_label, entries, countedOfficial, officialPresent, canPass) => {
    expect(check(entries).quorum).toEqual({ countedOfficial, officialPresent, canPass });
  });
});

describe("checkRecord: length", () => {
  const start = "2026-11-20T19:30:00+07:00";
  it.each<[string, Kind, string | null, string | null, Partial<OrgSettings>, number | null, number, boolean | null]>([
    ["90 minutes regular", "regular", start, "2026-11-20T21:00:00+07:00", {}, 90, 90, true],
    ["89 minutes regular", "regular", start, "2026-11-20T20:59:00+07:00", {}, 89, 90, false],
    ["89 min 59 s is floored to 89", "regular", start, "2026-11-20T20:59:59+07:00", {}, 89, 90, false],
    ["90 minutes thematic", "thematic", start, "2026-11-20T21:00:00+07:00", {}, 90, 90, true],
    ["90 minutes is short for a combined meeting", "combined", start, "2026-11-20T21:00:00+07:00", {}, 90, 120, false],
    ["119 minutes combined", "combined", start, "2026-11-20T21:29:00+07:00", {}, 119, 120, false],
    ["120 minutes combined", "combined", start, "2026-11-20T21:30:00+07:00", {}, 120, 120, true],
    ["a small cell's 60-minute rule", "regular", start, "2026-11-20T20:30:00+07:00", { minMinutes: 60 }, 60, 60, true],
    ["combined minimum set to 150", "combined", start, "2026-11-20T21:30:00+07:00", { combinedMinMinutes: 150 }, 120, 150, false],
    ["combined minimum below the ordinary one: the ordinary applies", "combined", start, "2026-11-20T20:45:00+07:00", { combinedMinMinutes: 60 }, 75, 90, false],
    ["past midnight", "regular", "2026-11-20T23:00:00+07:00", "2026-11-21T00:45:00+07:00", {}, 105, 90, true],
    ["end before start gives a negative length", "regular", start, "2026-11-20T19:00:00+07:00", {}, -30, 90, false],
    ["start unknown", "regular", null, "2026-11-20T21:00:00+07:00", {}, null, 90, null],
    ["end unknown", "combined", start, null, {}, null, 120, null],
    ["both unknown", "regular", null, null, {}, null, 90, null],
  ])("%s", (_label, kind, started, ended, settings, lengthMinutes, minimumMinutes, lengthOk) => {
    const result = checkRecord({
      kind,
      startedAt: started === null ? null : at(started),
      endedAt: ended === null ? null : at(ended),
      entries: list(["official", "present", 3]),
      settings: { ...DEFAULT_SETTINGS, ...settings },
    });
    expect({ lengthMinutes: result.lengthMinutes, minimumMinutes: result.minimumMinutes, lengthOk: result.lengthOk }).toEqual({
      lengthMinutes,
      minimumMinutes,
      lengthOk,
    });
  });
});

describe("validateTimes", () => {
  const scheduled = "2026-11-20T19:30:00+07:00";
  it.each<[string, string, string, string, ReturnType<typeof validateTimes>]>([
    ["as scheduled", scheduled, "2026-11-20T21:30:00+07:00", scheduled, "ok"],
    ["a minute long", scheduled, "2026-11-20T19:31:00+07:00", scheduled, "ok"],
    ["end equal to start", scheduled, scheduled, scheduled, "end_before_start"],
    ["end before start", scheduled, "2026-11-20T19:00:00+07:00", scheduled, "end_before_start"],
    ["exactly 10 hours", scheduled, "2026-11-21T05:30:00+07:00", scheduled, "ok"],
    ["10 hours and a minute", scheduled, "2026-11-21T05:31:00+07:00", scheduled, "too_long"],
    ["hours typed as minutes: 90 hours", scheduled, "2026-11-24T13:30:00+07:00", scheduled, "too_long"],
    ["started 24 hours after the schedule", "2026-11-21T19:30:00+07:00", "2026-11-21T21:30:00+07:00", scheduled, "ok"],
    ["started 24 h 1 min after", "2026-11-21T19:31:00+07:00", "2026-11-21T21:30:00+07:00", scheduled, "start_far_from_schedule"],
    ["started 24 hours before", "2026-11-19T19:30:00+07:00", "2026-11-19T21:30:00+07:00", scheduled, "ok"],
    ["started 24 h 1 min before", "2026-11-19T19:29:00+07:00", "2026-11-19T21:30:00+07:00", scheduled, "start_far_from_schedule"],
    ["a month off (wrong month typed)", "2026-12-20T19:30:00+07:00", "2026-12-20T21:30:00+07:00", scheduled, "start_far_from_schedule"],
    ["end before start is reported first", "2026-12-20T19:30:00+07:00", "2026-12-20T19:00:00+07:00", scheduled, "end_before_start"],
    ["too long is reported before far from schedule", "2026-12-20T19:30:00+07:00", "2026-12-21T19:30:00+07:00", scheduled, "too_long"],
    ["an invalid end", scheduled, "not a date", scheduled, "end_before_start"],
    ["an invalid schedule", scheduled, "2026-11-20T21:30:00+07:00", "not a date", "start_far_from_schedule"],
  ])("%s", (_label, started, ended, sched, expected) => {
    expect(validateTimes(at(started), at(ended), at(sched))).toBe(expected);
  });
});
