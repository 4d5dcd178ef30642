// Finding a forgotten person's traces inside text that other records keep (a chair's
// name, a message to the secretary, an audit detail) and replacing them. Pure: no I/O.

/** One thing to find, as it is stored, and what it becomes. */
export interface Trace {
  /** The literal text to look for (a database LIKE pre-filters on it), or, when `caseless`, a LIKE pattern for the lower-cased text. */
  search: string;
  caseless?: boolean;
  pattern: RegExp;
  replacement: string;
}

const WORD_CHAR = "\\p{L}\\p{M}\\p{N}";
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The text as it appears inside a JSON string: quotes, backslashes, newlines escaped. */
export function inJson(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * Whole words only: "Nguyễn Văn An" is not a trace of "Nguyễn Văn A". Letters with
 * diacritics (and combining marks) count as word characters.
 */
export function wordTrace(text: string, replacement: string): Trace {
  return { search: text, pattern: new RegExp(`(?<![${WORD_CHAR}])${escapeRegExp(text)}(?![${WORD_CHAR}])`, "gu"), replacement };
}

/** A letter without its diacritics, lower case: "Ạ" → "a", "Đ" → "d". */
function foldLetter(char: string): string {
  return char.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace("đ", "d");
}

/** Every precomposed letter that folds to each base letter: the Vietnamese alphabet and then some. */
const VARIANTS = (() => {
  const byBase = new Map<string, Set<string>>();
  // Latin-1 Supplement, Latin Extended-A and -B, Latin Extended Additional (ạ ả ấ … ỹ).
  const ranges: [number, number][] = [[0x41, 0x5a], [0x61, 0x7a], [0xc0, 0x24f], [0x1e00, 0x1eff]];
  for (const [from, to] of ranges) {
    for (let code = from; code <= to; code++) {
      const char = String.fromCodePoint(code);
      const base = foldLetter(char);
      if (!/^[a-z]$/.test(base)) continue;
      if (!byBase.has(base)) byBase.set(base, new Set());
      byBase.get(base)!.add(char);
    }
  }
  return byBase;
})();

/**
 * A name as people write it: any case, with or without diacritics (precomposed or
 * combining), words apart by any spaces. «Phạm Thị Dung» finds «phạm thị dung» and
 * «PHAM THI DUNG». Whole words only, as wordTrace. `search` is a LIKE pattern for a
 * lower-cased column (likeOfName), not a literal.
 */
export function nameTrace(name: string, replacement: string): Trace {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letter = (char: string) => {
    const variants = VARIANTS.get(foldLetter(char));
    const set = variants ? [...variants].join("") : escapeRegExp(char);
    return `${variants ? `[${set}]` : set}\\p{M}*`;
  };
  const body = words.map((word) => [...word].map(letter).join("")).join("\\s+");
  return { search: likeOfName(name), caseless: true, pattern: new RegExp(`(?<![${WORD_CHAR}])${body}(?![${WORD_CHAR}])`, "giu"), replacement };
}

/**
 * A LIKE pattern that a lower-cased text holding the name in any of nameTrace's forms
 * matches: its consonants other than d (letters that no diacritic changes), "%" for the
 * rest. Loose on purpose: the regular expression decides.
 */
export function likeOfName(name: string): string {
  const kept = [...name.toLowerCase()].map((char) => (/^[bcfghjklmnpqrstvwxz]$/.test(char) ? char : "%")).join("");
  return `%${kept.replace(/%+/g, "%")}%`.replace(/^%%/, "%").replace(/%%$/, "%");
}

/** Whole numbers only: 0912000104 is not a trace inside 09120001045. */
export function digitsTrace(text: string, replacement: string): Trace {
  return { search: text, pattern: new RegExp(`(?<!\\d)${escapeRegExp(text)}(?!\\d)`, "g"), replacement };
}

/**
 * Every way a phone number is written in messages and files: +84912345678,
 * 84912345678, 0912345678 and 0912 345 678. Longest first, so a longer form is
 * replaced before a shorter one inside it is looked for.
 */
export function phoneForms(e164: string): string[] {
  const forms = [e164, e164.slice(1)];
  const vn = /^\+84(\d{3})(\d{3})(\d{3,4})$/.exec(e164);
  if (vn) forms.push(`0${vn[1]}${vn[2]}${vn[3]}`, `0${vn[1]} ${vn[2]} ${vn[3]}`);
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

export function mentions(text: string, traces: Trace[]): boolean {
  return traces.some((trace) => {
    trace.pattern.lastIndex = 0;
    return trace.pattern.test(text);
  });
}

/** Replaces every trace, in order; a function replacer so "$" in a replacement stays literal. */
export function replaceTraces(text: string, traces: Trace[]): string {
  return traces.reduce((current, trace) => current.replace(trace.pattern, () => trace.replacement), text);
}
