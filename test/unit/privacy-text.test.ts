import { describe, expect, it } from "vitest";
import { digitsTrace, inJson, likeOfName, mentions, nameTrace, phoneForms, replaceTraces, wordTrace } from "../../src/features/privacy/traces.js";

const X = "[x]";

describe("a forgotten person's traces in other text", () => {
  it.each([
    ["Phạm Thị Hai báo vắng", "Phạm Thị Hai", "[x] báo vắng"],
    ["Chủ trì: Phạm Thị Hai.", "Phạm Thị Hai", "Chủ trì: [x]."],
    ['["Lê Văn Một","Phạm Thị Hai"]', "Phạm Thị Hai", '["Lê Văn Một","[x]"]'],
    ["Nguyễn Văn An có mặt", "Nguyễn Văn A", "Nguyễn Văn An có mặt"],
    ["Nguyễn Văn Ấn có mặt", "Nguyễn Văn Ấ", "Nguyễn Văn Ấn có mặt"],
    ["Nguyễn Văn A, Nguyễn Văn A", "Nguyễn Văn A", "[x], [x]"],
    ["ông Trần Hai-Ba", "Trần Hai", "ông [x]-Ba"],
  ])("in «%s», the name «%s» as a whole word → «%s»", (text, name, expected) => {
    expect(replaceTraces(text, [wordTrace(name, X)])).toBe(expected);
  });

  // As people type a name: any case, with or without diacritics, composed or not, spaced anyhow.
  it.each([
    ["Phạm Thị Dung xin vào chi bộ", "Phạm Thị Dung", "[x] xin vào chi bộ"],
    ["«phạm thị dung» xin vào", "Phạm Thị Dung", "«[x]» xin vào"],
    ["PHẠM THỊ DUNG", "Phạm Thị Dung", "[x]"],
    ["pham thi dung", "Phạm Thị Dung", "[x]"],
    ["Pha\u0323m Thi\u0323 Dung", "Phạm Thị Dung", "[x]"],
    ["Phạm   Thị\tDung", "Phạm Thị Dung", "[x]"],
    ["ĐINH VĂN ĐÔNG và dinh van dong", "Đinh Văn Đông", "[x] và [x]"],
    ['{"text":"Phạm Thị Dung đi họp"}', "Phạm Thị Dung", '{"text":"[x] đi họp"}'],
    // Whole words still: another name that starts the same is someone else.
    ["Phạm Thị Dungg", "Phạm Thị Dung", "Phạm Thị Dungg"],
    ["Phạm Thị Dũng Anh", "Phạm Thị Dũng", "[x] Anh"],
    ["Phạm Thị", "Phạm Thị Dung", "Phạm Thị"],
  ])("in «%s», the name «%s» in any form → «%s»", (text, name, expected) => {
    expect(replaceTraces(text, [nameTrace(name, X)])).toBe(expected);
  });

  it.each([
    ["Phạm Thị Dung", "%ph%m%th%ng%"],
    ["Đinh Văn Đông", "%nh%v%n%ng%"],
    ["Lê Văn Ba", "%l%v%n%b%"],
  ])("pre-filters «%s» in SQL with the LIKE pattern %s, which every form of it matches", (name, pattern) => {
    expect(likeOfName(name)).toBe(pattern);
    const like = new RegExp(`^${pattern.replace(/%/g, ".*")}$`, "s");
    const forms = [name, name.toLowerCase(), name.toUpperCase().toLowerCase(), name.normalize("NFD").replace(/\p{M}/gu, "").replace(/Đ/g, "D").toLowerCase()];
    // The column is lower-cased first: SQLite's LOWER touches ASCII letters only, PostgreSQL's all.
    const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
    for (const form of forms) for (const lowered of [asciiLower(form), form.toLowerCase()]) expect(like.test(lowered), lowered).toBe(true);
  });

  it.each([
    ["gọi 0912 000 104 nhé", "0912 000 104", "gọi [x] nhé"],
    ["+84912000104", "+84912000104", "[x]"],
    ["09120001045", "0912000104", "09120001045"],
    ["109120001045", "912000104", "109120001045"],
  ])("in «%s», the number «%s» as a whole number → «%s»", (text, number, expected) => {
    expect(replaceTraces(text, [digitsTrace(number, X)])).toBe(expected);
  });

  it.each([
    ["+84912000104", ["+84912000104", "0912 000 104", "84912000104", "0912000104"]],
    ["+14155550100", ["+14155550100", "14155550100"]],
  ])("writes %s every way people do", (e164, forms) => {
    expect(phoneForms(e164)).toEqual(forms);
  });

  it.each([
    ['nói "không"', 'nói \\"không\\"'],
    ["dòng 1\ndòng 2", "dòng 1\\ndòng 2"],
    ["Phạm Thị Hai", "Phạm Thị Hai"],
  ])("finds «%s» inside JSON as %s", (text, expected) => {
    expect(inJson(text)).toBe(expected);
    expect(JSON.stringify({ text })).toContain(expected);
  });

  it("keeps a replacement literal, even with $ in it", () => {
    expect(replaceTraces("A B", [wordTrace("A", "$& $1")])).toBe("$& $1 B");
  });

  it.each([
    ["Phạm Thị Hai vắng", true],
    ["Phạm Thị Hair", false],
    ["nobody", false],
  ])("tells whether «%s» mentions the name: %s", (text, expected) => {
    const trace = wordTrace("Phạm Thị Hai", X);
    // Twice: a global pattern must not carry its position from one test to the next.
    expect(mentions(text, [trace])).toBe(expected);
    expect(mentions(text, [trace])).toBe(expected);
  });
});
