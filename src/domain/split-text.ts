// Messengers cap a message's length (Telegram 4,096 characters, Zalo 2,000). A long text
// is sent as several messages cut at line breaks, so no line of a list is torn apart;
// only a single line longer than the cap is cut, at a space when there is one.

/** Parts of `text`, each at most `max` characters, cut at line breaks; empty text gives no parts. */
export function splitAtLineBreaks(text: string, max: number): string[] {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`splitAtLineBreaks: bad length ${max}`);
  const parts: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const candidate = current === "" ? line : `${current}\n${line}`;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current !== "") parts.push(current);
    current = line;
    while (current.length > max) {
      const cut = cutPoint(current, max);
      parts.push(current.slice(0, cut).trimEnd());
      current = current.slice(cut).trimStart();
    }
  }
  if (current.trim() !== "") parts.push(current);
  return parts;
}

/** Where to cut an over-long line: after the last space within `max`, else at `max`. */
function cutPoint(line: string, max: number): number {
  const space = line.lastIndexOf(" ", max);
  return space > max / 2 ? space : max;
}
