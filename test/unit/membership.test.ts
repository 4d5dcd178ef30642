// A membership period's edges, the rule for rights, and probation's twelve months.
import { describe, expect, it } from "vitest";
import { inForce, lastsAt, overlaps, probationEnds } from "../../src/domain/membership.js";

const d = (iso: string) => new Date(iso);

describe("lastsAt", () => {
  const period = { startedOn: d("2027-02-03T00:00:00Z"), endedOn: d("2027-05-01T00:00:00Z") };
  it.each([
    ["the instant before it starts", "2027-02-02T23:59:59.999Z", false],
    ["the instant it starts", "2027-02-03T00:00:00Z", true],
    ["inside", "2027-03-15T12:00:00Z", true],
    ["the instant before it ends", "2027-04-30T23:59:59.999Z", true],
    ["the instant it ends (exclusive)", "2027-05-01T00:00:00Z", false],
  ])("%s", (_, at, expected) => {
    expect(lastsAt(period, d(at))).toBe(expected);
  });
  it("takes a period carried over from before history (no start) as lasting since always", () => {
    expect(lastsAt({ startedOn: null, endedOn: null }, d("1990-01-01T00:00:00Z"))).toBe(true);
    expect(lastsAt({ startedOn: null, endedOn: d("2027-01-01T00:00:00Z") }, d("2027-01-01T00:00:00Z"))).toBe(false);
  });
});

describe("overlaps", () => {
  const year = [d("2027-01-01T00:00:00Z"), d("2028-01-01T00:00:00Z")] as const;
  it.each([
    ["ended before the year", null, "2026-12-31T00:00:00Z", false],
    ["ended the instant the year began", null, "2027-01-01T00:00:00Z", false],
    ["ended in March", null, "2027-03-01T00:00:00Z", true],
    ["started in December", "2027-12-01T00:00:00Z", null, true],
    ["started the instant the year ended", "2028-01-01T00:00:00Z", null, false],
  ])("%s", (_, start, end, expected) => {
    expect(overlaps({ startedOn: start ? d(start) : null, endedOn: end ? d(end) : null }, ...year)).toBe(expected);
  });
});

describe("inForce", () => {
  it.each([
    ["current official", "official", null, true],
    ["current exempt", "exempt", null, true],
    ["transferred away", "transferred", null, false],
    ["ended", "official", d("2027-01-01T00:00:00Z"), false],
  ] as const)("%s", (_, status, endedOn, expected) => {
    expect(inForce({ status, endedOn })).toBe(expected);
  });
});

describe("probationEnds", () => {
  it.each([
    [{ year: 2026, month: 3, day: 15 }, { year: 2027, month: 3, day: 15 }],
    [{ year: 2026, month: 12, day: 31 }, { year: 2027, month: 12, day: 31 }],
    [{ year: 2024, month: 2, day: 29 }, { year: 2025, month: 2, day: 28 }],
    [{ year: 2027, month: 1, day: 1 }, { year: 2028, month: 1, day: 1 }],
  ])("admitted %o ends %o", (admitted, ends) => {
    expect(probationEnds(admitted)).toEqual(ends);
  });
});
