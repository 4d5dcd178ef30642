import { describe, expect, it } from "vitest";
import { checkMeeting, parseLocalDate, type MeetingKind } from "../../src/domain/meeting-input.js";
import { DEFAULT_SETTINGS, type OrgSettings } from "../../src/domain/settings.js";

const VN = "Asia/Ho_Chi_Minh";
const BERLIN = "Europe/Berlin";
const at = (iso: string) => new Date(iso);

type DateResult = ReturnType<typeof parseLocalDate>;
const ok = (year: number, month: number, day: number): DateResult => ({ ok: true, year, month, day });
const fail = (error: "format" | "no_such_date" | "past"): DateResult => ({ ok: false, error });

describe("parseLocalDate", () => {
  // Monday 15 June 2026, 10:00 in Viet Nam.
  const now = at("2026-06-15T10:00:00+07:00");

  it.each<[string, DateResult]>([
    ["5/12", ok(2026, 12, 5)],
    ["05/12", ok(2026, 12, 5)],
    ["5-12", ok(2026, 12, 5)],
    ["5.12", ok(2026, 12, 5)],
    ["05/12/2026", ok(2026, 12, 5)],
    ["5-12-2026", ok(2026, 12, 5)],
    ["5.12.26", ok(2026, 12, 5)],
    ["5/12/27", ok(2027, 12, 5)],
    [" 5 / 12 / 2026 ", ok(2026, 12, 5)],
    ["15/6", ok(2026, 6, 15)],
    ["16/06", ok(2026, 6, 16)],
    ["14/6", ok(2027, 6, 14)],
    ["1/1", ok(2027, 1, 1)],
    ["31/12", ok(2026, 12, 31)],
    ["15/06/2026", ok(2026, 6, 15)],
    ["29/02/2028", ok(2028, 2, 29)],
    ["31/02", fail("no_such_date")],
    ["30/02", fail("no_such_date")],
    ["29/02", fail("no_such_date")],
    ["31/04/2026", fail("no_such_date")],
    ["31/6", fail("no_such_date")],
    ["29/02/2026", fail("no_such_date")],
    ["29/02/2100", fail("no_such_date")],
    ["0/12", fail("no_such_date")],
    ["32/1", fail("no_such_date")],
    ["5/13", fail("no_such_date")],
    ["5/0", fail("no_such_date")],
    ["14/06/2026", fail("past")],
    ["1/1/26", fail("past")],
    ["31/12/2025", fail("past")],
    ["", fail("format")],
    ["abc", fail("format")],
    ["5", fail("format")],
    ["5/", fail("format")],
    ["5//12", fail("format")],
    ["5/12-2026", fail("format")],
    ["5/12/2026/1", fail("format")],
    ["5/12/202", fail("format")],
    ["5/12/20266", fail("format")],
    ["5 12 2026", fail("format")],
    ["2026-12-05", fail("format")],
    ["105/12", fail("format")],
    ["5/12/2026 19:30", fail("format")],
    ["５/12", fail("format")],
    ["-5/12", fail("format")],
  ])("%j", (text, expected) => {
    expect(parseLocalDate(text, now, VN)).toEqual(expected);
  });

  it.each<[string, string, string, DateResult]>([
    ["29/02 early in a leap year", "29/02", "2028-01-10T10:00:00+07:00", ok(2028, 2, 29)],
    ["29/02 the year before a leap year", "29/02", "2027-03-01T10:00:00+07:00", ok(2028, 2, 29)],
    ["29/02 on the leap day itself", "29/02", "2028-02-29T23:00:00+07:00", ok(2028, 2, 29)],
    ["29/02 just after the leap day", "29/02", "2028-03-01T00:00:00+07:00", fail("no_such_date")],
    ["31/12 late on New Year's Eve is today", "31/12", "2026-12-31T23:30:00+07:00", ok(2026, 12, 31)],
    // 17:30Z on 31 Dec is already 1 January in Viet Nam, still 31 December in St John's.
    ["31/12 after midnight in Viet Nam is next year's", "31/12", "2026-12-31T17:30:00Z", ok(2027, 12, 31)],
    ["31/12/2026 after midnight in Viet Nam is past", "31/12/2026", "2026-12-31T17:30:00Z", fail("past")],
    ["1/1/2027 after midnight in Viet Nam is today", "1/1/2027", "2026-12-31T17:30:00Z", ok(2027, 1, 1)],
    ["1/1 after midnight in Viet Nam is today", "1/1", "2026-12-31T17:30:00Z", ok(2027, 1, 1)],
  ])("%s", (_label, text, now, expected) => {
    expect(parseLocalDate(text, at(now), VN)).toEqual(expected);
  });

  it("reads today in the organisation's zone (Berlin is still on 31 December)", () => {
    expect(parseLocalDate("31/12/2026", at("2026-12-31T17:30:00Z"), BERLIN)).toEqual(ok(2026, 12, 31));
  });
});

describe("checkMeeting", () => {
  // Tuesday 1 December 2026, 10:00 in Viet Nam; the cell already meets on 10 December.
  const now = at("2026-12-01T10:00:00+07:00");
  const others = [{ id: 1, startsAt: at("2026-12-10T19:30:00+07:00"), durationMinutes: 120 }];
  const ctx = (changes: Partial<OrgSettings> = {}, otherMeetingsOfCell = others, timeZone = VN) => ({
    now,
    timeZone,
    settings: { ...DEFAULT_SETTINGS, ...changes },
    otherMeetingsOfCell,
  });

  type Errors = ReturnType<typeof checkMeeting>["errors"];
  type Warnings = ReturnType<typeof checkMeeting>["warnings"];

  it.each<[string, string, number, MeetingKind, Errors, Warnings]>([
    ["an ordinary meeting", "2026-12-05T19:30:00+07:00", 120, "regular", [], []],
    ["exactly now is past", "2026-12-01T10:00:00+07:00", 120, "regular", ["past"], []],
    ["a minute from now", "2026-12-01T10:01:00+07:00", 120, "regular", [], []],
    ["yesterday", "2026-11-30T19:30:00+07:00", 120, "regular", ["past"], []],
    ["21:29 is allowed", "2026-12-05T21:29:00+07:00", 120, "regular", [], []],
    ["21:30 is quiet", "2026-12-05T21:30:00+07:00", 120, "regular", ["quiet_hours"], []],
    ["midnight is quiet", "2026-12-06T00:00:00+07:00", 120, "regular", ["quiet_hours"], []],
    ["06:29 is quiet", "2026-12-05T06:29:00+07:00", 120, "regular", ["quiet_hours"], []],
    ["06:30 is allowed", "2026-12-05T06:30:00+07:00", 120, "regular", [], []],
    ["same day, morning", "2026-12-10T07:00:00+07:00", 120, "regular", ["same_evening"], []],
    ["same day, same time", "2026-12-10T19:30:00+07:00", 120, "regular", ["same_evening"], []],
    ["the day before", "2026-12-09T19:30:00+07:00", 120, "regular", [], []],
    ["the day after", "2026-12-11T07:00:00+07:00", 120, "regular", [], []],
    ["600 minutes is the longest", "2026-12-05T08:00:00+07:00", 600, "regular", [], []],
    ["601 minutes is too long", "2026-12-05T08:00:00+07:00", 601, "regular", ["too_long"], []],
    ["89 minutes is short", "2026-12-05T19:30:00+07:00", 89, "regular", [], ["too_short"]],
    ["90 minutes is enough", "2026-12-05T19:30:00+07:00", 90, "regular", [], []],
    ["thematic, 89 minutes, is short", "2026-12-05T19:30:00+07:00", 89, "thematic", [], ["too_short"]],
    ["thematic, 90 minutes", "2026-12-05T19:30:00+07:00", 90, "thematic", [], []],
    ["combined, 119 minutes, is short", "2026-12-05T19:30:00+07:00", 119, "combined", [], ["too_short_combined"]],
    ["combined, 89 minutes: one warning, the combined one", "2026-12-05T19:30:00+07:00", 89, "combined", [], ["too_short_combined"]],
    ["combined, 120 minutes", "2026-12-05T19:30:00+07:00", 120, "combined", [], []],
  ])("%s", (_label, startsAt, durationMinutes, kind, errors, warnings) => {
    expect(checkMeeting({ startsAt: at(startsAt), durationMinutes, kind }, ctx())).toEqual({ errors, warnings });
  });

  it("reports every error at once, in a fixed order", () => {
    const cellMeetings = [...others, { id: 2, startsAt: at("2026-11-30T08:00:00+07:00"), durationMinutes: 90 }];
    expect(checkMeeting({ startsAt: at("2026-11-30T23:00:00+07:00"), durationMinutes: 601, kind: "combined" }, ctx({}, cellMeetings))).toEqual({
      errors: ["past", "quiet_hours", "same_evening", "too_long"],
      warnings: [],
    });
  });

  it.each<[string, string, number, MeetingKind, Partial<OrgSettings>, Errors, Warnings]>([
    ["a cell's own shorter minimum", "2026-12-05T19:30:00+07:00", 60, "regular", { minMinutes: 60 }, [], []],
    ["a cell's own shorter minimum, one minute under", "2026-12-05T19:30:00+07:00", 59, "regular", { minMinutes: 60 }, [], ["too_short"]],
    ["combined minimum set below the ordinary one: the ordinary one applies", "2026-12-05T19:30:00+07:00", 55, "combined", { minMinutes: 60, combinedMinMinutes: 50 }, [], ["too_short"]],
    ["other quiet hours: 13:30 is quiet at lunch", "2026-12-05T13:30:00+07:00", 120, "regular", { quietHours: { start: "13:00", end: "14:00" } }, ["quiet_hours"], []],
    ["other quiet hours: 22:00 is allowed", "2026-12-05T22:00:00+07:00", 120, "regular", { quietHours: { start: "13:00", end: "14:00" } }, [], []],
  ])("%s", (_label, startsAt, durationMinutes, kind, settings, errors, warnings) => {
    expect(checkMeeting({ startsAt: at(startsAt), durationMinutes, kind }, ctx(settings))).toEqual({ errors, warnings });
  });

  it.each<[string, string, string, boolean]>([
    // 00:30 in Viet Nam on 10 Dec is still 9 Dec in St John's (the machine's zone).
    ["same Vietnamese day although St John's sees two days", "2026-12-10T00:30:00+07:00", "2026-12-10T19:30:00+07:00", true],
    ["different Vietnamese days although St John's sees one", "2026-12-10T00:30:00+07:00", "2026-12-09T19:30:00+07:00", false],
  ])("same day is the organisation's: %s", (_label, other, startsAt, same) => {
    const result = checkMeeting(
      { startsAt: at(startsAt), durationMinutes: 120, kind: "regular" },
      ctx({}, [{ id: 7, startsAt: at(other), durationMinutes: 120 }]),
    );
    expect(result.errors.includes("same_evening")).toBe(same);
  });

  it.each<[string, string, boolean]>([
    ["21:45 CET is quiet in Berlin", "2026-12-05T21:45:00+01:00", true],
    ["16:00 in Berlin is not quiet, though it is 22:00 in Viet Nam", "2026-12-05T16:00:00+01:00", false],
  ])("quiet hours are the organisation's: %s", (_label, startsAt, quiet) => {
    const result = checkMeeting({ startsAt: at(startsAt), durationMinutes: 120, kind: "regular" }, ctx({}, [], BERLIN));
    expect(result.errors.includes("quiet_hours")).toBe(quiet);
  });
});
