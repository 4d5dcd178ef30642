import { describe, expect, it } from "vitest";
import { attemptKey, attemptVerdict, inviteGuessCounters, windowOf, type AttemptLimit, INVITE_GUESS_LIMITS } from "../../src/domain/attempts.js";

const HOUR: AttemptLimit = { max: 10, windowMs: 3_600_000 };
const DAY: AttemptLimit = { max: 50, windowMs: 86_400_000 };
const at = (iso: string) => new Date(iso);

describe("windowOf", () => {
  it.each([
    ["the start of a window", "2026-11-20T03:00:00.000Z", "2026-11-20T03:00:00.000Z", "2026-11-20T04:00:00.000Z"],
    ["inside a window", "2026-11-20T03:59:59.999Z", "2026-11-20T03:00:00.000Z", "2026-11-20T04:00:00.000Z"],
    ["the next window", "2026-11-20T04:00:00.000Z", "2026-11-20T04:00:00.000Z", "2026-11-20T05:00:00.000Z"],
    ["across midnight and a year", "2026-12-31T23:30:00.000Z", "2026-12-31T23:00:00.000Z", "2027-01-01T00:00:00.000Z"],
  ])("puts %s in its epoch-aligned hour", (_case, now, start, end) => {
    const window = windowOf(at(now), HOUR.windowMs);
    expect([window.start.toISOString(), window.end.toISOString()]).toEqual([start, end]);
  });
});

describe("attemptKey", () => {
  it.each([
    ["the same window", "2026-11-20T03:00:00Z", "2026-11-20T03:59:00Z", true],
    ["two windows", "2026-11-20T03:59:00Z", "2026-11-20T04:00:00Z", false],
  ])("names one counter for times in %s", (_case, a, b, same) => {
    expect(attemptKey("invite:all", at(a), HOUR) === attemptKey("invite:all", at(b), HOUR)).toBe(same);
  });
});

describe("attemptVerdict", () => {
  const now = at("2026-11-20T03:15:00Z");
  it.each([
    ["no failures", [{ count: 0, limit: HOUR }], { allowed: true }],
    ["one short of the limit", [{ count: 9, limit: HOUR }], { allowed: true }],
    ["at the limit: the rest of the hour", [{ count: 10, limit: HOUR }], { allowed: false, retryAfterMs: 45 * 60_000 }],
    ["past the limit", [{ count: 30, limit: HOUR }], { allowed: false, retryAfterMs: 45 * 60_000 }],
    ["one key full, the other not", [{ count: 3, limit: HOUR }, { count: 50, limit: DAY }], { allowed: false, retryAfterMs: 20 * 3_600_000 + 45 * 60_000 }],
    ["both full: until the later end", [{ count: 10, limit: HOUR }, { count: 50, limit: DAY }], { allowed: false, retryAfterMs: 20 * 3_600_000 + 45 * 60_000 }],
    ["nothing counted", [], { allowed: true }],
  ])("%s", (_case, counts, expected) => {
    expect(attemptVerdict(counts, now)).toEqual(expected);
  });
});

describe("inviteGuessCounters", () => {
  it("counts per account only, in the current window: others' guesses never hold back a valid code", () => {
    const counters = inviteGuessCounters("5001", at("2026-11-20T03:15:00Z"));
    expect(counters.map((c) => c.key)).toEqual([`invite:user:5001:${Date.parse("2026-11-20T03:00:00Z")}`]);
    expect(counters.map((c) => c.windowEndsAt.toISOString())).toEqual(["2026-11-20T04:00:00.000Z"]);
    expect(counters.map((c) => c.limit.max)).toEqual([10]);
  });

  it("keeps guessing hopeless: a thousand accounts at the limit for a century hit a code with odds under one in a million", () => {
    const codes = 57 ** 12;
    const guessesPerHour = 1000 * INVITE_GUESS_LIMITS.perAccount.max * (3_600_000 / INVITE_GUESS_LIMITS.perAccount.windowMs);
    const liveCodes = 10_000;
    expect((guessesPerHour * 24 * 365 * 100 * liveCodes) / codes).toBeLessThan(1e-6);
  });
});
