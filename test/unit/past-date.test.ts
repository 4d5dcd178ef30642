// Days typed for membership changes (admission, recognition, exemption, transfer,
// departure): DD/MM/YYYY, today or earlier in the cell's time zone.
import { describe, expect, it } from "vitest";
import { formatLocalDay, localToday, parsePastDate, startOfLocalDay, type PastDateResult } from "../../src/domain/past-date.js";

const VN = "Asia/Ho_Chi_Minh";
const ok = (year: number, month: number, day: number): PastDateResult => ({ ok: true, year, month, day });
const fail = (error: "format" | "no_such_date" | "future" | "too_old"): PastDateResult => ({ ok: false, error });

describe("parsePastDate", () => {
  // Monday 15 June 2026, 10:00 in Viet Nam.
  const now = new Date("2026-06-15T10:00:00+07:00");

  it.each<[string, PastDateResult]>([
    ["15/06/2026", ok(2026, 6, 15)],
    ["14/6/2026", ok(2026, 6, 14)],
    ["1-2-2003", ok(2003, 2, 1)],
    ["01.02.03", ok(2003, 2, 1)],
    [" 3 / 2 / 1975 ", ok(1975, 2, 3)],
    ["29/02/2024", ok(2024, 2, 29)],
    ["16/06/2026", fail("future")],
    ["01/01/2027", fail("future")],
    ["29/02/2025", fail("no_such_date")],
    ["31/04/2026", fail("no_such_date")],
    ["00/01/2026", fail("no_such_date")],
    ["01/13/2026", fail("no_such_date")],
    ["01/01/1900", fail("too_old")],
    ["15/6", fail("format")],
    ["15/06-2026", fail("format")],
    ["2026-06-15", fail("format")],
    ["hôm qua", fail("format")],
    ["", fail("format")],
  ])("%j is %j", (text, expected) => {
    expect(parsePastDate(text, now, VN)).toEqual(expected);
  });

  it("takes today in the cell's zone, not the server's: 23:30 UTC is already tomorrow in Viet Nam", () => {
    const lateUtc = new Date("2026-06-15T23:30:00Z"); // 16/06 06:30 in Viet Nam
    expect(parsePastDate("16/06/2026", lateUtc, VN)).toEqual(ok(2026, 6, 16));
    expect(parsePastDate("16/06/2026", lateUtc, "UTC")).toEqual(fail("future"));
  });

  it("dates a change at the start of the local day, never after now", () => {
    const start = startOfLocalDay(localToday(now, VN), VN);
    expect(start.toISOString()).toBe("2026-06-14T17:00:00.000Z");
    expect(start.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(formatLocalDay({ year: 2026, month: 3, day: 5 })).toBe("05/03/2026");
  });
});
