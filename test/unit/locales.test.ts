// Every message exists in both languages, and plurals follow each language's rules.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { localesDirectory } from "../../src/bot/i18n.js";
import { cliTranslator } from "../../src/cli/io.js";

const keysOf = (locale: string) =>
  readFileSync(path.join(localesDirectory, `${locale}.ftl`), "utf8")
    .split("\n")
    .map((line) => /^([a-z][a-z0-9_-]*)\s*=/.exec(line)?.[1])
    .filter((key): key is string => key !== undefined);

describe("locales", () => {
  it("vi.ftl and en.ftl have the same keys, none twice", () => {
    const vi = keysOf("vi");
    const en = keysOf("en");
    expect(new Set(vi).size).toBe(vi.length);
    expect(new Set(en).size).toBe(en.length);
    expect([...vi].sort()).toEqual([...en].sort());
    expect(vi.length).toBeGreaterThan(50);
  });

  it.each([
    ["vi", 1, "Có 1 yêu cầu tham gia đang chờ duyệt:"],
    ["vi", 5, "Có 5 yêu cầu tham gia đang chờ duyệt:"],
    ["en", 1, "One join request is waiting:"],
    ["en", 5, "5 join requests are waiting:"],
  ])("in %s, %d request(s) reads «%s»", (locale, count, expected) => {
    expect(cliTranslator(locale)("requests-header", { count })).toBe(expected);
  });

  it("addresses members in Vietnamese as «đồng chí», never «bạn»", () => {
    const vi = readFileSync(path.join(localesDirectory, "vi.ftl"), "utf8").split("\n");
    const casual = vi.filter((line) => /(^|[^\p{L}])bạn([^\p{L}]|$)/iu.test(line));
    expect(casual).toEqual([]);
  });

  it("puts no Unicode isolation marks around variables", () => {
    expect(cliTranslator("vi")("join-linked", { name: "An", org: "Chi bộ" })).not.toMatch(/[\u2068\u2069]/);
  });
});
