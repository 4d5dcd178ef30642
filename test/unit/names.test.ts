import { describe, expect, it } from "vitest";
import { cleanText, normalizeName } from "../../src/domain/names.js";

const NFD = (s: string) => s.normalize("NFD");

describe("normalizeName", () => {
  describe("treats these as the same name", () => {
    it.each([
      ["case", "Lê Văn Anh", "lê văn anh"],
      ["upper case with diacritics", "NGUYỄN THỊ HỒNG", "Nguyễn Thị Hồng"],
      ["Đ / đ", "ĐỖ MINH", "đỗ minh"],
      ["surrounding blanks", "  Lê Văn Anh  ", "Lê Văn Anh"],
      ["repeated inner spaces", "Lê    Văn   Anh", "Lê Văn Anh"],
      ["tabs and newlines", "Lê\tVăn\nAnh", "Lê Văn Anh"],
      ["no-break space", "Lê\u00a0Văn Anh", "Lê Văn Anh"],
      ["NFD vs NFC", NFD("Nguyễn Thị Hồng"), "Nguyễn Thị Hồng"],
      ["NFD upper vs NFC lower", NFD("LỆ"), "lệ"],
      ["combining marks in either order", "Le\u0323\u0302", "Le\u0302\u0323"],
      ["precomposed vs combining marks", "Lệ", "Le\u0302\u0323"],
    ])("%s: %j ≡ %j", (_label, a, b) => {
      expect(normalizeName(a)).toBe(normalizeName(b));
    });
  });

  describe("keeps diacritics distinct", () => {
    it.each([
      ["Lê", "Lệ"],
      ["Lê", "Le"],
      ["Lệ", "Le"],
      ["Đỗ", "Do"],
      ["Đỗ", "Dỗ"],
      ["Nguyễn", "Nguyên"],
      ["Hồng", "Hông"],
      ["Thị", "Thi"],
      ["Ưu", "Uu"],
      ["Văn Anh", "VănAnh"],
    ])("%j ≠ %j", (a, b) => {
      expect(normalizeName(a)).not.toBe(normalizeName(b));
      expect(normalizeName(NFD(a))).not.toBe(normalizeName(b));
    });
  });

  it.each([
    ["  NGUYỄN   Văn  ", "nguyễn văn"],
    [NFD("Lê Văn Anh"), "lê văn anh"],
    ["ĐẶNG", "đặng"],
  ])("%j → %j (NFC, lower case, single spaces)", (raw, expected) => {
    const result = normalizeName(raw);
    expect(result).toBe(expected);
    expect(result).toBe(result.normalize("NFC"));
  });
});

describe("cleanText", () => {
  it.each([
    ["NUL", "Lê\u0000Văn", "Lê Văn"],
    ["bell", "Lê\u0007Văn", "Lê Văn"],
    ["escape", "Lê\u001bVăn", "Lê Văn"],
    ["DEL", "Lê\u007fVăn", "Lê Văn"],
    ["C1 NEL", "Lê\u0085Văn", "Lê Văn"],
    ["C1 CSI", "Lê\u009bVăn", "Lê Văn"],
    ["CR LF and tab", "\tLê Văn\r\n", "Lê Văn"],
    ["zero-width space at the ends", "\u200bLê Văn\u200b", "Lê Văn"],
    ["zero-width space next to a space", "Lê\u200b Văn", "Lê Văn"],
    ["zero-width joiner / non-joiner at the ends", "\u200cLê Văn\u200d", "Lê Văn"],
    ["byte-order mark", "\ufeffLê Văn", "Lê Văn"],
    ["LRM / RLM", "\u200fLê Văn\u200e", "Lê Văn"],
    ["right-to-left override", "\u202eLê Văn\u202c", "Lê Văn"],
    ["LRE / RLE / PDF", "\u202aLê\u202b Văn\u202c", "Lê Văn"],
    ["bidi isolates", "\u2066Lê\u2069 \u2067Văn\u2068", "Lê Văn"],
    ["repeated spaces", "Lê    Văn   Anh", "Lê Văn Anh"],
    ["surrounding blanks", "   Lê Văn Anh   ", "Lê Văn Anh"],
    ["NFD becomes NFC", NFD("Nguyễn Thị Hồng"), "Nguyễn Thị Hồng"],
    ["Vietnamese letters kept as typed", "Nguyễn Thị Hồng Đào", "Nguyễn Thị Hồng Đào"],
    ["case kept", "ĐẶNG Ưu Ơn", "ĐẶNG Ưu Ơn"],
    ["punctuation and digits kept", "Chi bộ 3 (Khu A) - 2024", "Chi bộ 3 (Khu A) - 2024"],
    ["empty", "", ""],
    ["only invisible characters", "\u200b\u0000 \u202e\t", ""],
    // What XML cannot carry: it would make the register's XLSX and the minutes' DOCX invalid.
    ["U+FFFE and U+FFFF", "Lê\ufffe Văn\uffff", "Lê Văn"],
    ["a lone high surrogate", "Lê \ud800Văn", "Lê Văn"],
    ["a lone low surrogate", "Lê Văn\udc00", "Lê Văn"],
    ["reversed surrogates", "Lê \udc00\ud800Văn", "Lê Văn"],
    ["emoji (a whole surrogate pair) kept", "Phạm Thị Hai 🌸", "Phạm Thị Hai 🌸"],
    ["U+FFFD kept (it is a character)", "Lê \ufffd", "Lê \ufffd"],
  ])("%s: %j → %j", (_label, raw, expected) => {
    expect(cleanText(raw)).toBe(expected);
  });

  it.each(
    [
      0x00, 0x01, 0x1f, 0x7f, 0x80, 0x9f,
      0x200b, 0x200c, 0x200d, 0x200e, 0x200f,
      0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
      0x2066, 0x2067, 0x2068, 0x2069,
    ].map((cp) => [cp.toString(16).toUpperCase().padStart(4, "0"), String.fromCodePoint(cp)]),
  )("removes U+%s next to words and spaces", (_hex, ch) => {
    const result = cleanText(`${ch}Lê${ch} ${ch}Văn${ch}`);
    expect(result).not.toContain(ch);
    expect(result).toBe("Lê Văn");
  });

  // Known bug (see report): a zero-width character inside a word becomes a space,
  // so a pasted "Ng<ZWSP>uyễn" no longer matches the roster's "Nguyễn".
  it("removes a zero-width space inside a word without splitting it", () => {
    expect(cleanText("Ng\u200buyễn")).toBe("Nguyễn");
    expect(cleanText("Ng\u2060uy\u061cễn\ufeff")).toBe("Nguyễn");
  });
});
