// Finding a forgotten person's traces inside text that other records keep (a chair's
// name, a message to the secretary, an audit detail) and replacing them. Pure: no I/O.

/** One thing to find, as it is stored, and what it becomes. */
export interface Trace {
  /** The literal text to look for (a database LIKE pre-filters on it). */
  search: string;
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
