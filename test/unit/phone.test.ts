import { describe, expect, it } from "vitest";
import { formatPhone, maskPhone, normalizePhone } from "../../src/domain/phone.js";

describe("normalizePhone", () => {
  describe("accepts the ways Vietnamese mobile numbers are written", () => {
    it.each([
      ["0912345678", "+84912345678"],
      ["0912 345 678", "+84912345678"],
      ["  0912 345 678  ", "+84912345678"],
      ["0912.345.678", "+84912345678"],
      ["0912-345-678", "+84912345678"],
      ["(091) 234-5678", "+84912345678"],
      ["+84912345678", "+84912345678"],
      ["+84 912 345 678", "+84912345678"],
      ["84912345678", "+84912345678"],
      ["84 912 345 678", "+84912345678"],
      ["(+84) 912-345-678", "+84912345678"],
      ["0084912345678", "+84912345678"],
      ["0084 912 345 678", "+84912345678"],
      ["0987654321", "+84987654321"],
      ["0355 555 000", "+84355555000"],
    ])("%j → %s", (raw, expected) => {
      expect(normalizePhone(raw)).toBe(expected);
    });
  });

  describe("accepts landlines with ten digits after the leading 0", () => {
    it.each([
      ["024 3825 1234", "+842438251234"],
      ["02438251234", "+842438251234"],
      ["(024) 3825-1234", "+842438251234"],
      ["028.3822.1234", "+842838221234"],
      ["+84 24 3825 1234", "+842438251234"],
      ["842438251234", "+842438251234"],
      ["0084 24 3825 1234", "+842438251234"],
    ])("%j → %s", (raw, expected) => {
      expect(normalizePhone(raw)).toBe(expected);
    });
  });

  describe("keeps foreign numbers given in international form", () => {
    it.each([
      ["+33123456789", "+33123456789"],
      ["+33 1 23 45 67 89", "+33123456789"],
      ["0033 1 23 45 67 89", "+33123456789"],
      ["+1 (415) 555-2671", "+14155552671"],
      ["+44 20 7946 0958", "+442079460958"],
      ["+4915123456789", "+4915123456789"],
    ])("%j → %s", (raw, expected) => {
      expect(normalizePhone(raw)).toBe(expected);
    });
  });

  describe("rejects text that is not a phone number", () => {
    it.each([
      ["empty", ""],
      ["only blanks", "   "],
      ["letters", "abc"],
      ["a name", "Lê Văn Anh"],
      ["letters among digits", "0912abc678"],
      ["letter O instead of zero", "0912 345 67O"],
      ["a URI scheme", "tel:+84912345678"],
      ["a hash", "0912#345678"],
      ["slashes", "0912/345/678"],
      ["too short national (0 + 8 digits)", "091234567"],
      ["far too short", "0912"],
      ["too long national (0 + 11 digits)", "091234567890"],
      ["no prefix at all", "912345678"],
      ["84 prefix with too few digits", "8491234567"],
      ["84 prefix with too many digits", "84912345678901"],
      ["+84 12", "+84 12"],
      ["+84 with too few digits", "+8491234567"],
      ["+84 with too many digits", "+84912345678901"],
      ["0084 with too few digits", "0084 1234"],
      ["a lone plus", "+"],
      ["E.164 too short (7 digits)", "+1234567"],
      ["E.164 too long (16 digits)", "+1234567890123456"],
      ["country code starting with 0", "+0123456789"],
      ["foreign number without + or 00", "33123456789"],
      ["two plus signs", "++84912345678"],
      ["a plus at the end", "+84912345678+"],
      ["a plus in the middle", "84+912345678"],
    ])("%s: %j → undefined", (_label, raw) => {
      expect(normalizePhone(raw)).toBeUndefined();
    });
  });

  it.each([
    "0912 345 678",
    "(+84) 912-345-678",
    "024 3825 1234",
    "+33 1 23 45 67 89",
    "0033 1 23 45 67 89",
  ])("is idempotent for %j", (raw) => {
    const once = normalizePhone(raw);
    expect(once).toBeDefined();
    expect(normalizePhone(once!)).toBe(once);
  });

  describe("ways people really write numbers", () => {
    it("drops the trunk 0 written after the country code: +84 0912 345 678", () => {
      expect(normalizePhone("+84 0912 345 678")).toBe("+84912345678");
      expect(normalizePhone("840912345678")).toBe("+84912345678");
    });
    it("honours a + inside parentheses for foreign numbers: (+33) 1 23 45 67 89", () => {
      expect(normalizePhone("(+33) 1 23 45 67 89")).toBe("+33123456789");
    });
  });
});

describe("formatPhone", () => {
  it.each([
    ["+84912345678", "0912 345 678"],
    ["+84987654321", "0987 654 321"],
    // Ten digits after +84: the extra digit goes to the last group.
    ["+842438251234", "0243 825 1234"],
    ["+33123456789", "+33123456789"],
    ["+14155552671", "+14155552671"],
    ["+8491234567", "+8491234567"],
  ])("%s → %j", (e164, expected) => {
    expect(formatPhone(e164)).toBe(expected);
  });

  it.each(["+84912345678", "+842438251234"])("normalizePhone(formatPhone(%s)) gives it back", (e164) => {
    expect(normalizePhone(formatPhone(e164))).toBe(e164);
  });
});

describe("maskPhone", () => {
  it.each([
    ["+84912345678", "•••678"],
    ["+842438251234", "•••234"],
    ["+33123456789", "•••789"],
  ])("%s → %s", (e164, expected) => {
    expect(maskPhone(e164)).toBe(expected);
  });

  it.each(["+84912345678", "+33123456789"])("does not reveal the rest of %s", (e164) => {
    const masked = maskPhone(e164);
    expect(masked).not.toContain(e164.slice(0, -3));
    expect(masked.replace(/\D/g, "")).toHaveLength(3);
  });
});
