import { describe, expect, it } from "vitest";
import { splitAtLineBreaks } from "../../src/domain/split-text.js";

describe("splitAtLineBreaks", () => {
  it.each<[string, string, number, string[]]>([
    ["short text: one part", "a\nb", 10, ["a\nb"]],
    ["exactly the cap", "abcde", 5, ["abcde"]],
    ["cut at the line break before the cap", "aaa\nbbb\nccc", 7, ["aaa\nbbb", "ccc"]],
    ["each line alone", "aaaa\nbbbb\ncccc", 5, ["aaaa", "bbbb", "cccc"]],
    ["an over-long line is cut at a space", "one two three four", 9, ["one two", "three", "four"]],
    ["an over-long word is cut at the cap", "abcdefghij", 4, ["abcd", "efgh", "ij"]],
    ["empty text: nothing to send", "", 10, []],
    ["blank lines inside are kept", "a\n\nb", 10, ["a\n\nb"]],
    ["Vietnamese text keeps its letters", "Chi bộ Ấp Bình\nĐảng ủy xã", 14, ["Chi bộ Ấp Bình", "Đảng ủy xã"]],
  ])("%s", (_label, text, max, parts) => {
    expect(splitAtLineBreaks(text, max)).toEqual(parts);
  });

  it("never loses or reorders a line of a long list", () => {
    const lines = Array.from({ length: 400 }, (_, i) => `• Chi bộ số ${i + 1}: chưa họp tháng 10`);
    const parts = splitAtLineBreaks(lines.join("\n"), 4096);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.join("\n").split("\n")).toEqual(lines);
  });

  it("refuses a cap below one", () => {
    expect(() => splitAtLineBreaks("a", 0)).toThrow(RangeError);
  });
});
