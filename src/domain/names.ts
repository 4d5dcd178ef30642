// Matching a typed full name against a roster: case, spacing and Unicode
// normalisation forms must not matter, but Vietnamese diacritics do (Lê ≠ Lệ).

export function normalizeName(raw: string): string {
  return raw.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
}

// Invisible formatting characters (zero-width, bidi controls, BOM) are dropped: pasted
// inside a word they must not split it. Control characters become blanks.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/**
 * What XML 1.0 cannot carry besides controls: U+FFFE, U+FFFF and halves of surrogate
 * pairs. One of them in a name or a note made the register's XLSX and the minutes'
 * DOCX invalid files.
 */
const NOT_IN_XML = /[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Removes control and invisible characters, characters XML cannot carry and extra
 * blanks, keeping every letter as typed. Every text a person gives (chat, CSV, CLI)
 * passes here before it is stored.
 */
export function cleanText(raw: string): string {
  return raw.replace(NOT_IN_XML, "").normalize("NFC").replace(INVISIBLE, "").replace(CONTROL, " ").replace(/\s+/g, " ").trim();
}

/** Like cleanText, line by line: an agenda or a notice keeps its lines. */
export function cleanLines(raw: string): string {
  return raw.split(/\r\n|\r|\n/).map(cleanText).filter(Boolean).join("\n");
}

/**
 * How long each free text may be, in characters after cleaning, wherever it is typed
 * (chat, CLI): a person is told the limit when over it.
 */
export const TEXT_LIMITS = {
  place: 200,
  topic: 300,
  agenda: 2000,
  reason: 300,
  note: 500,
  proposal: 500,
  documentTitle: 200,
} as const;
