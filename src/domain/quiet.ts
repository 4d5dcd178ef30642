// Quiet hours: nobody gets a reminder at night. Many members are elderly and keep their
// phone by the bed; a 23:00 ping about a meeting next week costs goodwill, not time.
import { minutesOfDay, parseHm, toLocal, toUtc, toUtcAll } from "./zoned.js";

export interface QuietHours {
  start: string;
  end: string;
}

function minutesOf(text: string): number {
  const hm = parseHm(text);
  if (!hm) throw new RangeError(`quiet hours: not a time of day: ${JSON.stringify(text)}`);
  return hm.hour * 60 + hm.minute;
}

/**
 * True when the local time at `instant` lies in the window: start inclusive, end
 * exclusive, crossing midnight when start > end (21:30–06:30). start = end is no window.
 * Throws RangeError when start or end is not a time of day (resolveSettings guarantees it is).
 */
export function isQuiet(instant: Date, timeZone: string, quiet: QuietHours): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const now = minutesOfDay(instant, timeZone);
  if (start < end) return start <= now && now < end;
  if (start > end) return now >= start || now < end;
  return false;
}

/** `instant` itself when it is not quiet, else the end of the window it lies in. */
export function nextAllowed(instant: Date, timeZone: string, quiet: QuietHours): Date {
  if (!isQuiet(instant, timeZone, quiet)) return instant;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const local = toLocal(instant, timeZone);
  const now = local.hour * 60 + local.minute;
  // Past the start of a window that crosses midnight, the window ends tomorrow.
  const day = start > end && now >= start ? local.day + 1 : local.day;
  const endLocal = { year: local.year, month: local.month, day, hour: Math.floor(end / 60), minute: end % 60 };
  // When the end time occurs twice (a fall-back night) and we are in the repeated hour,
  // the window ends at its second occurrence. A skipped end time gives the change itself.
  const later = toUtcAll(endLocal, timeZone).find((candidate) => candidate.getTime() > instant.getTime());
  return later ?? toUtc(endLocal, timeZone);
}
