import { describe, expect, it } from "vitest";
import {
  addMonths,
  daysInMonth,
  minutesOfDay,
  monthKey,
  monthLabel,
  monthStart,
  parseMonth,
  parseHm,
  quarterKey,
  quarterParts,
  toLocal,
  toUtc,
  toUtcAll,
  type LocalDateTime,
} from "../../src/domain/zoned.js";

const VN = "Asia/Ho_Chi_Minh";
const BERLIN = "Europe/Berlin";
const NL = "America/St_Johns";

// Expected instants are written with explicit offsets, independent of the code under test.
const at = (iso: string) => new Date(iso);
const local = (year: number, month: number, day: number, hour: number, minute: number): LocalDateTime => ({
  year,
  month,
  day,
  hour,
  minute,
});

describe("test environment", () => {
  it("runs in a zone unlike any organisation's (St John's, UTC-3:30 in winter)", () => {
    expect(new Date("2026-01-15T12:00:00Z").getTimezoneOffset()).toBe(210);
  });
});

describe("toUtc", () => {
  it.each<[string, LocalDateTime, string, string]>([
    ["VN evening", local(2026, 12, 5, 19, 30), VN, "2026-12-05T19:30:00+07:00"],
    ["VN midnight, new year", local(2027, 1, 1, 0, 0), VN, "2026-12-31T17:00:00Z"],
    ["VN leap day", local(2024, 2, 29, 6, 0), VN, "2024-02-28T23:00:00Z"],
    ["VN last minute of the year", local(2026, 12, 31, 23, 59), VN, "2026-12-31T16:59:00Z"],
    ["UTC", local(2026, 6, 1, 12, 0), "UTC", "2026-06-01T12:00:00Z"],
    ["Kolkata +05:30", local(2026, 6, 1, 12, 0), "Asia/Kolkata", "2026-06-01T06:30:00Z"],
    ["Kathmandu +05:45", local(2026, 6, 1, 12, 0), "Asia/Kathmandu", "2026-06-01T06:15:00Z"],
    ["Berlin winter", local(2026, 1, 15, 12, 0), BERLIN, "2026-01-15T12:00:00+01:00"],
    ["Berlin summer", local(2026, 7, 15, 12, 0), BERLIN, "2026-07-15T12:00:00+02:00"],
    ["Berlin just before spring gap", local(2026, 3, 29, 1, 59), BERLIN, "2026-03-29T01:59:00+01:00"],
    ["Berlin gap start 02:00 → 03:00 CEST", local(2026, 3, 29, 2, 0), BERLIN, "2026-03-29T03:00:00+02:00"],
    ["Berlin gap 02:30 → 03:00 CEST", local(2026, 3, 29, 2, 30), BERLIN, "2026-03-29T03:00:00+02:00"],
    ["Berlin gap 02:59 → 03:00 CEST", local(2026, 3, 29, 2, 59), BERLIN, "2026-03-29T03:00:00+02:00"],
    ["Berlin 03:00 after gap", local(2026, 3, 29, 3, 0), BERLIN, "2026-03-29T03:00:00+02:00"],
    ["Berlin 03:01 after gap", local(2026, 3, 29, 3, 1), BERLIN, "2026-03-29T03:01:00+02:00"],
    ["Berlin before fall-back", local(2026, 10, 25, 1, 59), BERLIN, "2026-10-25T01:59:00+02:00"],
    ["Berlin ambiguous 02:00 → earlier", local(2026, 10, 25, 2, 0), BERLIN, "2026-10-25T02:00:00+02:00"],
    ["Berlin ambiguous 02:30 → earlier", local(2026, 10, 25, 2, 30), BERLIN, "2026-10-25T02:30:00+02:00"],
    ["Berlin ambiguous 02:59 → earlier", local(2026, 10, 25, 2, 59), BERLIN, "2026-10-25T02:59:00+02:00"],
    ["Berlin 03:00 after fall-back", local(2026, 10, 25, 3, 0), BERLIN, "2026-10-25T03:00:00+01:00"],
    ["St John's winter", local(2026, 1, 15, 12, 0), NL, "2026-01-15T12:00:00-03:30"],
    ["St John's summer", local(2026, 7, 15, 12, 0), NL, "2026-07-15T12:00:00-02:30"],
    ["St John's spring gap", local(2026, 3, 8, 2, 30), NL, "2026-03-08T03:00:00-02:30"],
    ["St John's ambiguous → earlier", local(2026, 11, 1, 1, 30), NL, "2026-11-01T01:30:00-02:30"],
    ["St John's New Year", local(2027, 1, 1, 0, 0), NL, "2027-01-01T00:00:00-03:30"],
    ["roll-over: day 0 is the last of the previous month", local(2026, 3, 0, 19, 30), VN, "2026-02-28T19:30:00+07:00"],
    ["roll-over: day 0 in a leap year", local(2024, 3, 0, 19, 30), VN, "2024-02-29T19:30:00+07:00"],
    ["roll-over: 1 January minus a day", local(2027, 1, 0, 18, 0), VN, "2026-12-31T18:00:00+07:00"],
    ["roll-over: day 32 of December", local(2026, 12, 32, 8, 0), VN, "2027-01-01T08:00:00+07:00"],
    ["roll-over: month 13", local(2026, 13, 5, 8, 0), VN, "2027-01-05T08:00:00+07:00"],
    ["roll-over: hour 24", local(2026, 2, 28, 24, 0), VN, "2026-03-01T00:00:00+07:00"],
    ["roll-over across Berlin spring gap", local(2026, 3, 30, -24, 30), BERLIN, "2026-03-29T00:30:00+01:00"],
  ])("%s", (_label, wall, zone, expected) => {
    expect(toUtc(wall, zone).toISOString()).toBe(at(expected).toISOString());
  });

  it("throws RangeError for an unknown zone", () => {
    expect(() => toUtc(local(2026, 1, 1, 0, 0), "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("toUtcAll", () => {
  it.each<[string, LocalDateTime, string, string[]]>([
    ["ordinary time: one", local(2026, 6, 1, 12, 0), BERLIN, ["2026-06-01T10:00:00.000Z"]],
    ["VN never repeats", local(2026, 10, 25, 2, 30), VN, ["2026-10-24T19:30:00.000Z"]],
    ["Berlin gap: none", local(2026, 3, 29, 2, 30), BERLIN, []],
    ["Berlin fall-back: two, earlier first", local(2026, 10, 25, 2, 30), BERLIN, ["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"]],
    ["St John's gap: none", local(2026, 3, 8, 2, 0), NL, []],
    ["St John's fall-back: two", local(2026, 11, 1, 1, 0), NL, ["2026-11-01T03:30:00.000Z", "2026-11-01T04:30:00.000Z"]],
  ])("%s", (_label, wall, zone, expected) => {
    expect(toUtcAll(wall, zone).map((d) => d.toISOString())).toEqual(expected);
  });
});

describe("toLocal", () => {
  it.each<[string, string, string, LocalDateTime & { weekday: number }]>([
    ["VN first minute of 2027 (Friday)", "2026-12-31T17:00:00Z", VN, { ...local(2027, 1, 1, 0, 0), weekday: 5 }],
    ["VN last minute of 2026 (Thursday)", "2026-12-31T16:59:00Z", VN, { ...local(2026, 12, 31, 23, 59), weekday: 4 }],
    ["VN seconds are dropped", "2026-05-01T12:29:59.999Z", VN, { ...local(2026, 5, 1, 19, 29), weekday: 5 }],
    ["VN leap day (Thursday)", "2024-02-29T12:00:00Z", VN, { ...local(2024, 2, 29, 19, 0), weekday: 4 }],
    ["VN 1 March after leap day", "2024-02-29T17:00:00Z", VN, { ...local(2024, 3, 1, 0, 0), weekday: 5 }],
    ["Berlin last CET minute", "2026-03-29T00:59:00Z", BERLIN, { ...local(2026, 3, 29, 1, 59), weekday: 0 }],
    ["Berlin first CEST minute", "2026-03-29T01:00:00Z", BERLIN, { ...local(2026, 3, 29, 3, 0), weekday: 0 }],
    ["Berlin 02:30, first pass", "2026-10-25T00:30:00Z", BERLIN, { ...local(2026, 10, 25, 2, 30), weekday: 0 }],
    ["Berlin 02:30, second pass", "2026-10-25T01:30:00Z", BERLIN, { ...local(2026, 10, 25, 2, 30), weekday: 0 }],
    ["St John's New Year's Eve (Wednesday)", "2026-01-01T03:29:00Z", NL, { ...local(2025, 12, 31, 23, 59), weekday: 3 }],
    ["St John's New Year (Thursday)", "2026-01-01T03:30:00Z", NL, { ...local(2026, 1, 1, 0, 0), weekday: 4 }],
    ["UTC Saturday", "2026-12-05T00:00:00Z", "UTC", { ...local(2026, 12, 5, 0, 0), weekday: 6 }],
    ["VN Monday", "2026-12-07T01:00:00Z", VN, { ...local(2026, 12, 7, 8, 0), weekday: 1 }],
  ])("%s", (_label, iso, zone, expected) => {
    expect(toLocal(at(iso), zone)).toEqual(expected);
  });

  it("throws RangeError for an unknown zone", () => {
    expect(() => toLocal(at("2026-01-01T00:00:00Z"), "Not/AZone")).toThrow(RangeError);
  });
});

describe("toUtc and toLocal agree", () => {
  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;
  // Every minute for three hours either side of each 2026 change, and every 101 minutes
  // through the year.
  const changes: Record<string, string[]> = {
    [VN]: [],
    [BERLIN]: ["2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z"],
    [NL]: ["2026-03-08T05:30:00Z", "2026-11-01T04:30:00Z"],
    // Half-hour DST: 02:00 → 02:30 in October, 02:00 → 01:30 in April.
    "Australia/Lord_Howe": ["2026-04-04T15:00:00Z", "2026-10-03T15:30:00Z"],
  };
  function* instants(zone: string): Generator<Date> {
    for (const change of changes[zone]) {
      const t = Date.parse(change);
      for (let ms = t - 3 * HOUR; ms <= t + 3 * HOUR; ms += MINUTE) yield new Date(ms);
    }
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 101 * MINUTE) yield new Date(ms);
  }

  it.each(Object.keys(changes))("%s: the wall time of an instant maps back to it", (zone) => {
    let checked = 0;
    let repeated = 0;
    for (const instant of instants(zone)) {
      const wall = toLocal(instant, zone);
      const all = toUtcAll(wall, zone).map((d) => d.getTime());
      expect(all).toContain(instant.getTime());
      expect(toUtc(wall, zone).getTime()).toBe(all[0]);
      if (all.length > 1) repeated++;
      checked++;
    }
    expect(checked).toBeGreaterThan(5_000);
    // The fall-back hour (half hour at Lord Howe) is seen twice, once per pass.
    const expectedRepeats: Record<string, number> = { [VN]: 0, [BERLIN]: 120, [NL]: 120, "Australia/Lord_Howe": 60 };
    expect(repeated).toBeGreaterThanOrEqual(expectedRepeats[zone]);
    if (expectedRepeats[zone] === 0) expect(repeated).toBe(0);
  });
});

describe("monthKey and quarterKey", () => {
  it.each<[string, string, string, string, string]>([
    ["VN 30 Sep 23:59", "2026-09-30T16:59:00Z", VN, "2026-09", "2026-Q3"],
    ["VN 1 Oct 00:00", "2026-09-30T17:00:00Z", VN, "2026-10", "2026-Q4"],
    ["VN 31 Dec 23:59", "2026-12-31T16:59:00Z", VN, "2026-12", "2026-Q4"],
    ["VN 1 Jan 00:00", "2026-12-31T17:00:00Z", VN, "2027-01", "2027-Q1"],
    ["VN 31 Mar → Q1", "2026-03-31T16:59:00Z", VN, "2026-03", "2026-Q1"],
    ["VN 1 Apr → Q2", "2026-03-31T17:00:00Z", VN, "2026-04", "2026-Q2"],
    ["VN 30 Jun → Q2", "2026-06-30T16:59:00Z", VN, "2026-06", "2026-Q2"],
    ["VN 1 Jul → Q3", "2026-06-30T17:00:00Z", VN, "2026-07", "2026-Q3"],
    ["VN leap day", "2024-02-29T12:00:00Z", VN, "2024-02", "2024-Q1"],
    ["same instant in St John's is still 31 Dec", "2026-12-31T17:00:00Z", NL, "2026-12", "2026-Q4"],
    ["St John's 31 Dec 23:59", "2027-01-01T03:29:00Z", NL, "2026-12", "2026-Q4"],
    ["St John's 1 Jan 00:00", "2027-01-01T03:30:00Z", NL, "2027-01", "2027-Q1"],
    ["Berlin 31 Mar 23:59 CEST", "2026-03-31T21:59:00Z", BERLIN, "2026-03", "2026-Q1"],
    ["Berlin 1 Apr 00:00 CEST", "2026-03-31T22:00:00Z", BERLIN, "2026-04", "2026-Q2"],
    ["Berlin 1 Jul", "2026-06-30T22:00:00Z", BERLIN, "2026-07", "2026-Q3"],
    ["Berlin 31 Oct 23:59 CET", "2026-10-31T22:59:00Z", BERLIN, "2026-10", "2026-Q4"],
    ["year below 1000 is padded", "0999-06-15T12:00:00Z", "UTC", "0999-06", "0999-Q2"],
  ])("%s", (_label, iso, zone, month, quarter) => {
    expect(monthKey(at(iso), zone)).toBe(month);
    expect(quarterKey(at(iso), zone)).toBe(quarter);
  });
});

describe("monthLabel and quarterParts: keys as people write them", () => {
  it.each([
    ["2026-11", "11/2026"],
    ["2027-01", "1/2027"],
    ["0999-06", "6/0999"],
    ["not a month", "not a month"],
  ])("monthLabel(%s) = %s", (key, label) => {
    expect(monthLabel(key)).toBe(label);
  });
  it.each<[string, string | undefined]>([
    ["11/2026", "2026-11"],
    ["1/2027", "2027-01"],
    [" 01/2027 ", "2027-01"],
    ["2026-11", "2026-11"],
    ["13/2026", undefined],
    ["0/2026", undefined],
    ["2026-13", undefined],
    ["2026-1", undefined],
    ["11/26", undefined],
    ["tháng 11", undefined],
  ])("parseMonth(%j) = %j", (text, key) => {
    expect(parseMonth(text)).toBe(key);
  });
  it.each<[string, { q: number; year: string }]>([
    ["2026-Q4", { q: 4, year: "2026" }],
    ["2027-Q1", { q: 1, year: "2027" }],
    ["2026-Q5", { q: 0, year: "2026-Q5" }],
  ])("quarterParts(%s)", (key, parts) => {
    expect(quarterParts(key)).toEqual(parts);
  });
});

describe("monthStart", () => {
  it.each([
    ["2026-11", "Asia/Ho_Chi_Minh", "2026-10-31T17:00:00.000Z"],
    ["2027-01", "Asia/Ho_Chi_Minh", "2026-12-31T17:00:00.000Z"],
    ["2026-11", "Europe/Berlin", "2026-10-31T23:00:00.000Z"], // winter time from 25 October
    ["2026-04", "Europe/Berlin", "2026-03-31T22:00:00.000Z"], // summer time
  ])("%s in %s starts at %s", (month, zone, iso) => {
    expect(monthStart(month, zone).toISOString()).toBe(iso);
  });
});

describe("daysInMonth", () => {
  it.each<[number, number, number]>([
    [2026, 1, 31],
    [2026, 2, 28],
    [2026, 3, 31],
    [2026, 4, 30],
    [2026, 5, 31],
    [2026, 6, 30],
    [2026, 7, 31],
    [2026, 8, 31],
    [2026, 9, 30],
    [2026, 10, 31],
    [2026, 11, 30],
    [2026, 12, 31],
    [2024, 2, 29],
    [2028, 2, 29],
    [2000, 2, 29],
    [1900, 2, 28],
    [2100, 2, 28],
    [2023, 2, 28],
    [4, 2, 29],
    [99, 2, 28],
  ])("%i-%i has %i days", (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe("addMonths", () => {
  it.each<[string, number, string]>([
    ["2026-11", 1, "2026-12"],
    ["2026-12", 1, "2027-01"],
    ["2026-01", -1, "2025-12"],
    ["2026-05", 0, "2026-05"],
    ["2026-05", 12, "2027-05"],
    ["2026-05", -12, "2025-05"],
    ["2026-05", -17, "2024-12"],
    ["2026-11", 26, "2029-01"],
    ["2026-12", -12, "2025-12"],
    ["1999-12", 1, "2000-01"],
  ])("%s + %i → %s", (month, n, expected) => {
    expect(addMonths(month, n)).toBe(expected);
  });

  it.each<[string, number]>([
    ["2026-13", 1],
    ["2026-00", 1],
    ["2026-1", 1],
    ["26-01", 1],
    ["", 1],
    ["2026-01-01", 1],
    ["2026/01", 1],
    ["2026-01", 1.5],
    ["2026-01", Number.NaN],
  ])("%j + %s throws RangeError", (month, n) => {
    expect(() => addMonths(month, n)).toThrow(RangeError);
  });
});

describe("parseHm", () => {
  it.each<[string, number, number]>([
    ["19:30", 19, 30],
    ["19h30", 19, 30],
    ["19H30", 19, 30],
    ["19h", 19, 0],
    ["19H", 19, 0],
    ["7h", 7, 0],
    ["7:30", 7, 30],
    ["07:30", 7, 30],
    ["19.30", 19, 30],
    ["7.05", 7, 5],
    ["0:00", 0, 0],
    ["00:00", 0, 0],
    ["23:59", 23, 59],
    ["12h05", 12, 5],
    [" 19:30 ", 19, 30],
  ])("%j → %i:%i", (text, hour, minute) => {
    expect(parseHm(text)).toEqual({ hour, minute });
  });

  it.each([
    "24:00",
    "24h",
    "25:00",
    "99h",
    "19:60",
    "19h60",
    "19.99",
    "",
    "   ",
    "19",
    "7",
    "abc",
    "19:3",
    "19:300",
    "1930",
    "123:00",
    "-1:00",
    "19:30:00",
    "19h30m",
    "7 30",
    "19,30",
    "19:30pm",
    "h30",
    ":30",
    "１９:３０",
  ])("rejects %j", (text) => {
    expect(parseHm(text)).toBeUndefined();
  });
});

describe("minutesOfDay", () => {
  it.each<[string, string, string, number]>([
    ["VN 19:30", "2026-12-05T12:30:00Z", VN, 1170],
    ["VN midnight", "2026-12-04T17:00:00Z", VN, 0],
    ["VN 23:59:59", "2026-12-05T16:59:59Z", VN, 1439],
    ["Berlin first CEST minute", "2026-03-29T01:00:00Z", BERLIN, 180],
    ["Berlin second 02:30", "2026-10-25T01:30:00Z", BERLIN, 150],
    ["St John's noon in summer", "2026-07-15T14:30:00Z", NL, 720],
    ["same instant in VN", "2026-07-15T14:30:00Z", VN, 21 * 60 + 30],
  ])("%s → %i", (_label, iso, zone, expected) => {
    expect(minutesOfDay(at(iso), zone)).toBe(expected);
  });
});
