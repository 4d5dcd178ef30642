import { describe, expect, it } from "vitest";
import { formatLocalDateTime } from "../../src/domain/time.js";
import { checkInvite, INVITE_CODE_PATTERN, parseDuration, type InviteCheck } from "../../src/domain/invite.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("checkInvite", () => {
  const now = new Date("2025-03-10T08:00:00.000Z");
  const later = (ms: number) => new Date(now.getTime() + ms);

  it.each<[string, number, number, number, InviteCheck]>([
    // label, expiresAt offset from now (ms), maxUses, uses, expected
    ["fresh, unused", 14 * DAY, 1, 0, "ok"],
    ["one millisecond left", 1, 1, 0, "ok"],
    ["expires exactly now", 0, 1, 0, "expired"],
    ["expired a millisecond ago", -1, 1, 0, "expired"],
    ["expired long ago", -30 * DAY, 5, 0, "expired"],
    ["one use left", DAY, 5, 4, "ok"],
    ["uses == maxUses", DAY, 5, 5, "used_up"],
    ["uses == maxUses == 1", DAY, 1, 1, "used_up"],
    ["uses > maxUses", DAY, 1, 3, "used_up"],
    ["maxUses 0", DAY, 0, 0, "used_up"],
    ["expired and used up: expiry wins", 0, 1, 1, "expired"],
  ])("%s → %s", (_label, offset, maxUses, uses, expected) => {
    expect(checkInvite({ expiresAt: later(offset), maxUses, uses }, now)).toBe(expected);
  });
});

describe("parseDuration", () => {
  describe("valid durations", () => {
    it.each<[string, number]>([
      ["14d", 14 * DAY],
      ["36h", 36 * HOUR],
      ["90m", 90 * MINUTE],
      ["7", 7 * DAY],
      ["1d", DAY],
      ["1h", HOUR],
      ["1m", MINUTE],
      ["1", DAY],
      ["365d", 365 * DAY],
      ["3650d", 3650 * DAY],
      [" 14d ", 14 * DAY],
      ["14 d", 14 * DAY],
      ["007", 7 * DAY],
    ])("%j → %i ms", (text, expected) => {
      expect(parseDuration(text)).toBe(expected);
    });
  });

  describe("invalid durations → undefined", () => {
    it.each([
      "0d", "0", "0h", "0m", "00d",
      "-1d", "-1", "+1d",
      "abc", "d", "", "   ",
      "1w", "1y", "1s", "2 weeks",
      "14D", "36H",
      "1.5d", "1,5d", "1e3", "0x10",
      "14dd", "d14", "14d 2h",
      "3651d", "200000000d", "87625h",
    ])("%j", (text) => {
      expect(parseDuration(text)).toBeUndefined();
    });
  });
});

describe("INVITE_CODE_PATTERN", () => {
  it.each<[string, string, boolean]>([
    ["4 letters (minimum)", "abcd", true],
    ["mixed case and digits", "aB3dE9", true],
    ["underscore and hyphen", "ab_cd-EF", true],
    ["base64url-looking", "Zk3_q-9XyA", true],
    ["64 characters (maximum)", "x".repeat(64), true],
    ["3 characters", "abc", false],
    ["65 characters", "x".repeat(65), false],
    ["empty", "", false],
    ["contains a space", "abc d", false],
    ["contains a dot", "abc.def", false],
    ["contains !", "abcd!", false],
    ["base64 + and /", "ab+c/d", false],
    ["base64 padding", "abcd==", false],
    ["Vietnamese letter", "mãmời", false],
    ["trailing newline", "abcd\n", false],
    ["leading space", " abcd", false],
  ])("%s (%j) → %s", (_label, code, expected) => {
    expect(INVITE_CODE_PATTERN.test(code)).toBe(expected);
  });
});

describe("formatLocalDateTime", () => {
  it.each([
    ["2026-12-07T16:29:00Z", "Asia/Ho_Chi_Minh", "07/12/2026 23:29"],
    ["2026-12-31T17:05:00Z", "Asia/Ho_Chi_Minh", "01/01/2027 00:05"],
    ["2026-12-31T17:05:00Z", "UTC", "31/12/2026 17:05"],
  ])("%s in %s reads %s", (iso, zone, expected) => {
    expect(formatLocalDateTime(new Date(iso), zone)).toBe(expected);
  });
});
