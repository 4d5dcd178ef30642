// Names for the sheets of an Excel workbook (digest lists, the attendance register).

/**
 * Excel sheet names: at most 31 characters, none of \ / ? * [ ] :, no leading or
 * trailing quote, unique in the book without regard to case (Excel refuses the file
 * otherwise). A forbidden character becomes `replacement`; a repeat gets " (2)", " (3)"...
 */
export function uniqueSheetName(wanted: string, used: Set<string>, replacement: string): string {
  const base = wanted.replace(/[\\/?*[\]:]/g, replacement).replace(/^'+|'+$/g, "").trim().slice(0, 31) || "Sheet";
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}
