import { describe, expect, it } from "vitest";
import { isQuiet, nextAllowed, type QuietHours } from "../../src/domain/quiet.js";

const VN = "Asia/Ho_Chi_Minh";
const BERLIN = "Europe/Berlin";
const NL = "America/St_Johns";
const NIGHT: QuietHours = { start: "21:30", end: "06:30" };
const LUNCH: QuietHours = { start: "13:00", end: "14:00" };
const EARLY: QuietHours = { start: "00:00", end: "06:00" };
const LATE: QuietHours = { start: "22:00", end: "00:00" };
const NONE: QuietHours = { start: "12:00", end: "12:00" };

const at = (iso: string) => new Date(iso);
/** A Vietnamese wall time on 5 December 2026 (+07:00, no DST). */
const vn = (hm: string, day = "2026-12-05") => at(`${day}T${hm}+07:00`);

describe("isQuiet", () => {
  it.each<[string, QuietHours, boolean]>([
    ["12:00:00", NIGHT, false],
    ["21:29:00", NIGHT, false],
    ["21:29:59", NIGHT, false],
    ["21:30:00", NIGHT, true],
    ["23:59:59", NIGHT, true],
    ["00:00:00", NIGHT, true],
    ["03:00:00", NIGHT, true],
    ["06:29:59", NIGHT, true],
    ["06:30:00", NIGHT, false],
    ["06:31:00", NIGHT, false],
    ["12:59:00", LUNCH, false],
    ["13:00:00", LUNCH, true],
    ["13:59:59", LUNCH, true],
    ["14:00:00", LUNCH, false],
    ["00:00:00", LUNCH, false],
    ["23:00:00", LUNCH, false],
    ["00:00:00", EARLY, true],
    ["05:59:00", EARLY, true],
    ["06:00:00", EARLY, false],
    ["23:59:00", EARLY, false],
    ["21:59:00", LATE, false],
    ["22:00:00", LATE, true],
    ["23:59:00", LATE, true],
    ["00:00:00", LATE, false],
    ["12:00:00", NONE, false],
    ["00:00:00", NONE, false],
    ["23:59:00", NONE, false],
  ])("VN %s in %j → %s", (hms, quiet, expected) => {
    expect(isQuiet(vn(hms), VN, quiet)).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    // 15:00Z is 22:00 in Viet Nam, 16:00 in Berlin, 11:30 in St John's.
    [VN, "2026-12-05T15:00:00Z", true],
    [BERLIN, "2026-12-05T15:00:00Z", false],
    [NL, "2026-12-05T15:00:00Z", false],
    // 02:00Z is 09:00 in Viet Nam, 03:00 in Berlin, 22:30 in St John's.
    [VN, "2026-12-05T02:00:00Z", false],
    [BERLIN, "2026-12-05T02:00:00Z", true],
    [NL, "2026-12-05T02:00:00Z", true],
    // Berlin summer time: 19:45Z is 21:45 CEST but 20:45 CET.
    [BERLIN, "2026-07-01T19:45:00Z", true],
    [BERLIN, "2026-12-01T19:45:00Z", false],
  ])("uses the organisation's zone: %s at %s → %s", (zone, iso, expected) => {
    expect(isQuiet(at(iso), zone, NIGHT)).toBe(expected);
  });

  it.each<[QuietHours]>([[{ start: "25:00", end: "06:30" }], [{ start: "21:30", end: "" }], [{ start: "late", end: "early" }]])(
    "throws RangeError for %j",
    (quiet) => {
      expect(() => isQuiet(vn("12:00:00"), VN, quiet)).toThrow(RangeError);
    },
  );
});

describe("nextAllowed", () => {
  it.each<[string, string, string, QuietHours, string]>([
    ["not quiet: unchanged", "2026-12-05T20:00:00+07:00", VN, NIGHT, "2026-12-05T20:00:00+07:00"],
    ["06:30 itself: unchanged", "2026-12-05T06:30:00+07:00", VN, NIGHT, "2026-12-05T06:30:00+07:00"],
    ["21:29:59: unchanged", "2026-12-05T21:29:59+07:00", VN, NIGHT, "2026-12-05T21:29:59+07:00"],
    ["21:30 → 06:30 next morning", "2026-12-05T21:30:00+07:00", VN, NIGHT, "2026-12-06T06:30:00+07:00"],
    ["23:59 → 06:30 next morning", "2026-12-05T23:59:00+07:00", VN, NIGHT, "2026-12-06T06:30:00+07:00"],
    ["00:00 → 06:30 the same morning", "2026-12-06T00:00:00+07:00", VN, NIGHT, "2026-12-06T06:30:00+07:00"],
    ["06:29:59 → 06:30", "2026-12-06T06:29:59+07:00", VN, NIGHT, "2026-12-06T06:30:00+07:00"],
    ["New Year's Eve → 1 January", "2026-12-31T22:00:00+07:00", VN, NIGHT, "2027-01-01T06:30:00+07:00"],
    ["28 Feb → 1 Mar", "2026-02-28T23:00:00+07:00", VN, NIGHT, "2026-03-01T06:30:00+07:00"],
    ["28 Feb → 29 Feb in a leap year", "2024-02-28T23:00:00+07:00", VN, NIGHT, "2024-02-29T06:30:00+07:00"],
    ["30 Apr → 1 May", "2026-04-30T22:00:00+07:00", VN, NIGHT, "2026-05-01T06:30:00+07:00"],
    ["lunch break → 14:00", "2026-12-05T13:15:00+07:00", VN, LUNCH, "2026-12-05T14:00:00+07:00"],
    ["before lunch: unchanged", "2026-12-05T12:59:00+07:00", VN, LUNCH, "2026-12-05T12:59:00+07:00"],
    ["window ending at midnight → next day 00:00", "2026-12-05T23:00:00+07:00", VN, LATE, "2026-12-06T00:00:00+07:00"],
    ["window starting at midnight → 06:00", "2026-12-05T00:00:00+07:00", VN, EARLY, "2026-12-05T06:00:00+07:00"],
    ["no window: unchanged", "2026-12-05T12:00:00+07:00", VN, NONE, "2026-12-05T12:00:00+07:00"],
    // Berlin: spring forward on 29 March 2026 (02:00 CET → 03:00 CEST).
    ["Berlin night before spring forward", "2026-03-28T23:00:00+01:00", BERLIN, NIGHT, "2026-03-29T06:30:00+02:00"],
    ["Berlin in the night of the change", "2026-03-29T01:30:00+01:00", BERLIN, NIGHT, "2026-03-29T06:30:00+02:00"],
    ["Berlin window ending in the skipped hour ends at the change", "2026-03-29T01:30:00+01:00", BERLIN, { start: "01:00", end: "02:30" }, "2026-03-29T03:00:00+02:00"],
    // Berlin: fall back on 25 October 2026 (03:00 CEST → 02:00 CET).
    ["Berlin night before fall back", "2026-10-24T22:00:00+02:00", BERLIN, NIGHT, "2026-10-25T06:30:00+01:00"],
    ["Berlin repeated end time, first pass", "2026-10-25T01:30:00+02:00", BERLIN, { start: "01:00", end: "02:30" }, "2026-10-25T02:30:00+02:00"],
    ["Berlin repeated end time, second pass", "2026-10-25T02:15:00+01:00", BERLIN, { start: "01:00", end: "02:30" }, "2026-10-25T02:30:00+01:00"],
    ["Berlin summer", "2026-07-01T05:00:00+02:00", BERLIN, NIGHT, "2026-07-01T06:30:00+02:00"],
    // St John's: spring forward 8 March 2026, fall back 1 November 2026, both at 02:00.
    ["St John's night of spring forward", "2026-03-07T22:00:00-03:30", NL, NIGHT, "2026-03-08T06:30:00-02:30"],
    ["St John's night of fall back", "2026-10-31T23:00:00-02:30", NL, NIGHT, "2026-11-01T06:30:00-03:30"],
    ["St John's ordinary night", "2026-12-05T23:00:00-03:30", NL, NIGHT, "2026-12-06T06:30:00-03:30"],
  ])("%s", (_label, iso, zone, quiet, expected) => {
    expect(nextAllowed(at(iso), zone, quiet).toISOString()).toBe(at(expected).toISOString());
  });

  // Whatever the instant: the result is allowed, not earlier, and the first allowed moment.
  const MINUTE = 60_000;
  it.each<[string, string, QuietHours]>([
    [VN, "2026-12-04T12:00:00Z", NIGHT],
    [VN, "2026-12-04T12:00:00Z", LUNCH],
    [BERLIN, "2026-03-28T12:00:00Z", NIGHT],
    [BERLIN, "2026-03-28T12:00:00Z", { start: "01:00", end: "02:30" }],
    [BERLIN, "2026-10-24T12:00:00Z", NIGHT],
    [BERLIN, "2026-10-24T12:00:00Z", { start: "01:00", end: "02:30" }],
    [BERLIN, "2026-10-24T12:00:00Z", { start: "02:30", end: "02:45" }],
    [NL, "2026-10-31T12:00:00Z", { start: "23:00", end: "01:30" }],
  ])("%s from %s, %j: first allowed moment", (zone, from, quiet) => {
    const start = Date.parse(from);
    for (let ms = start; ms < start + 2 * 24 * 60 * MINUTE; ms += 7 * MINUTE) {
      const instant = new Date(ms);
      const result = nextAllowed(instant, zone, quiet);
      expect(isQuiet(result, zone, quiet)).toBe(false);
      expect(result.getTime()).toBeGreaterThanOrEqual(ms);
      if (isQuiet(instant, zone, quiet)) {
        // Every minute in between is still quiet.
        for (let t = ms - (ms % MINUTE) + MINUTE; t < result.getTime(); t += MINUTE) {
          expect(isQuiet(new Date(t), zone, quiet)).toBe(true);
        }
      } else {
        expect(result.getTime()).toBe(ms);
      }
    }
  });
});
