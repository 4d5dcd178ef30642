import { describe, expect, it } from "vitest";
import { occurrenceIn, proposalsDue, type UsualScheduleRule } from "../../src/domain/schedule.js";

const VN = "Asia/Ho_Chi_Minh";
const BERLIN = "Europe/Berlin";
const NL = "America/St_Johns";
const at = (iso: string) => new Date(iso);
const rule = (dayOfMonth: number, time = "19:30"): UsualScheduleRule => ({ dayOfMonth, time, durationMinutes: 120 });

describe("occurrenceIn", () => {
  it.each<[string, UsualScheduleRule, string, string, string]>([
    ["the 5th", rule(5), "2026-12", VN, "2026-12-05T19:30:00+07:00"],
    ["the 1st", rule(1), "2027-01", VN, "2027-01-01T19:30:00+07:00"],
    ["the 31st in January", rule(31), "2026-01", VN, "2026-01-31T19:30:00+07:00"],
    ["the 31st in a 30-day month is the 30th", rule(31), "2026-04", VN, "2026-04-30T19:30:00+07:00"],
    ["the 31st in November is the 30th", rule(31), "2026-11", VN, "2026-11-30T19:30:00+07:00"],
    ["the 31st in February is the 28th", rule(31), "2026-02", VN, "2026-02-28T19:30:00+07:00"],
    ["the 31st in a leap February is the 29th", rule(31), "2024-02", VN, "2024-02-29T19:30:00+07:00"],
    ["the 29th in February 2100 (not leap) is the 28th", rule(29), "2100-02", VN, "2100-02-28T19:30:00+07:00"],
    ["the 29th in February 2000 (leap)", rule(29), "2000-02", VN, "2000-02-29T19:30:00+07:00"],
    ["the 30th in February is the 28th", rule(30), "2025-02", VN, "2025-02-28T19:30:00+07:00"],
    ["time written 19h", rule(5, "19h"), "2026-12", VN, "2026-12-05T19:00:00+07:00"],
    ["morning time", rule(5, "7:30"), "2026-12", VN, "2026-12-05T07:30:00+07:00"],
    ["Berlin winter", rule(15), "2026-01", BERLIN, "2026-01-15T19:30:00+01:00"],
    ["Berlin summer", rule(15), "2026-07", BERLIN, "2026-07-15T19:30:00+02:00"],
    ["Berlin skipped time moves to the change", rule(29, "02:30"), "2026-03", BERLIN, "2026-03-29T03:00:00+02:00"],
    ["Berlin repeated time takes the earlier", rule(25, "02:30"), "2026-10", BERLIN, "2026-10-25T02:30:00+02:00"],
    ["St John's", rule(5), "2026-12", NL, "2026-12-05T19:30:00-03:30"],
    ["St John's repeated time takes the earlier", rule(1, "01:30"), "2026-11", NL, "2026-11-01T01:30:00-02:30"],
  ])("%s", (_label, r, month, zone, expected) => {
    expect(occurrenceIn(r, month, zone).toISOString()).toBe(at(expected).toISOString());
  });

  it.each<[string, UsualScheduleRule, string]>([
    ["bad time", rule(5, "25:00"), "2026-12"],
    ["no time", rule(5, ""), "2026-12"],
    ["bad month", rule(5), "2026-13"],
    ["malformed month", rule(5), "12/2026"],
  ])("throws RangeError: %s", (_label, r, month) => {
    expect(() => occurrenceIn(r, month, VN)).toThrow(RangeError);
  });
});

describe("proposalsDue", () => {
  type Expected = [string, string][];
  it.each<[string, UsualScheduleRule, string, string, number, Expected]>([
    ["this month's has passed, next is too far", rule(5), "2026-11-20T12:00:00+07:00", VN, 10, []],
    ["a minute before the window opens", rule(5), "2026-11-25T19:29:00+07:00", VN, 10, []],
    ["the window opens ten days before", rule(5), "2026-11-25T19:30:00+07:00", VN, 10, [["2026-12", "2026-12-05T19:30:00+07:00"]]],
    ["inside the window, early in the month", rule(5), "2026-12-01T08:00:00+07:00", VN, 10, [["2026-12", "2026-12-05T19:30:00+07:00"]]],
    ["a minute before the meeting", rule(5), "2026-12-05T19:29:00+07:00", VN, 10, [["2026-12", "2026-12-05T19:30:00+07:00"]]],
    ["at the meeting time it is no longer ahead", rule(5), "2026-12-05T19:30:00+07:00", VN, 10, []],
    ["next month across the year end", rule(5), "2026-12-26T19:30:00+07:00", VN, 10, [["2027-01", "2027-01-05T19:30:00+07:00"]]],
    ["the 1st at midnight from late in the previous month", rule(1, "00:00"), "2026-11-25T00:00:00+07:00", VN, 10, [["2026-12", "2026-12-01T00:00:00+07:00"]]],
    ["the 31st in April: window from 20 April", rule(31), "2026-04-20T19:30:00+07:00", VN, 10, [["2026-04", "2026-04-30T19:30:00+07:00"]]],
    ["the 31st in April: not yet on 20 April 19:29", rule(31), "2026-04-20T19:29:00+07:00", VN, 10, []],
    ["the 31st: February's is on the 28th", rule(31), "2026-02-18T19:30:00+07:00", VN, 10, [["2026-02", "2026-02-28T19:30:00+07:00"]]],
    ["the 31st: leap February's is on the 29th", rule(31), "2024-02-19T19:30:00+07:00", VN, 10, [["2024-02", "2024-02-29T19:30:00+07:00"]]],
    ["the 31st: leap February, a minute early", rule(31), "2024-02-19T19:29:00+07:00", VN, 10, []],
    ["a long lead covers both months", rule(5), "2026-11-01T08:00:00+07:00", VN, 40, [["2026-11", "2026-11-05T19:30:00+07:00"], ["2026-12", "2026-12-05T19:30:00+07:00"]]],
    ["a one-day lead", rule(5), "2026-12-04T19:30:00+07:00", VN, 1, [["2026-12", "2026-12-05T19:30:00+07:00"]]],
    ["a one-day lead, a minute early", rule(5), "2026-12-04T19:29:00+07:00", VN, 1, []],
    // 18:00Z on 30 Nov is 01:00 on 1 Dec in Viet Nam but still 30 Nov in St John's (the
    // machine's zone): the months are December and January, not November and December.
    ["months are the organisation's", rule(5), "2026-11-30T18:00:00Z", VN, 40, [["2026-12", "2026-12-05T19:30:00+07:00"], ["2027-01", "2027-01-05T19:30:00+07:00"]]],
    // The window opens ten calendar days before at the same wall time: 19:00 CET on 19 March.
    ["Berlin, across spring forward: a second early", rule(29, "19:00"), "2026-03-19T17:59:59Z", BERLIN, 10, []],
    ["Berlin, across spring forward: on time", rule(29, "19:00"), "2026-03-19T18:00:00Z", BERLIN, 10, [["2026-03", "2026-03-29T19:00:00+02:00"]]],
    ["Berlin, across fall back: a second early", rule(30, "19:00"), "2026-10-20T16:59:59Z", BERLIN, 10, []],
    ["Berlin, across fall back: on time", rule(30, "19:00"), "2026-10-20T17:00:00Z", BERLIN, 10, [["2026-10", "2026-10-30T19:00:00+01:00"]]],
    ["St John's", rule(5), "2026-11-25T19:30:00-03:30", NL, 10, [["2026-12", "2026-12-05T19:30:00-03:30"]]],
  ])("%s", (_label, r, now, zone, leadDays, expected) => {
    const result = proposalsDue(r, at(now), zone, leadDays);
    expect(result.map((p) => [p.month, p.startsAt.toISOString()])).toEqual(expected.map(([m, iso]) => [m, at(iso).toISOString()]));
  });
});
