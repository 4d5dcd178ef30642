// Matching a typed full name against a roster: case, spacing and Unicode
// normalisation forms must not matter, but Vietnamese diacritics do (Lê ≠ Lệ).

export function normalizeName(raw: string): string {
  return raw.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
}

/** Removes control characters and surrounding blanks, keeping every letter as typed. */
export function cleanText(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.normalize("NFC").replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, " ").replace(/\s+/g, " ").trim();
}
