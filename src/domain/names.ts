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

/** Removes control and invisible characters and extra blanks, keeping every letter as typed. */
export function cleanText(raw: string): string {
  return raw.normalize("NFC").replace(INVISIBLE, "").replace(CONTROL, " ").replace(/\s+/g, " ").trim();
}
