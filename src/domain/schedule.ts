// A cell's usual meeting date ("the 5th at 19:30"), and when to ask the secretary to
// confirm the next one. Every cell must meet monthly (Charter art. 24.2); asking a
// fixed number of days ahead leaves time to prepare and to send documents.
import { addMonths, daysInMonth, monthKey, parseHm, toLocal, toUtc } from "./zoned.js";

export interface UsualScheduleRule {
  /** 1-31; clamped to the month's last day. */
  dayOfMonth: number;
  /** Local time, "19:30". */
  time: string;
  durationMinutes: number;
}

/**
 * The usual meeting in `month` ("2026-04"), as an instant. A day past the month's end
 * becomes its last day: the 31st is 30 April, 28 or 29 February.
 * Throws RangeError for a malformed month or time.
 */
export function occurrenceIn(rule: UsualScheduleRule, month: string, timeZone: string): Date {
  const [year, monthNumber] = addMonths(month, 0).split("-").map(Number);
  const time = parseHm(rule.time);
  if (!time) throw new RangeError(`usual schedule: not a time of day: ${JSON.stringify(rule.time)}`);
  const day = Math.min(Math.max(1, Math.trunc(rule.dayOfMonth)), daysInMonth(year, monthNumber));
  return toUtc({ year, month: monthNumber, day, ...time }, timeZone);
}

/**
 * Months (this one and the next, in the organisation's zone) whose usual meeting is
 * still ahead and at most `leadDays` local calendar days away, i.e. now is at or after
 * the same wall time `leadDays` days earlier. The caller skips months that already have
 * a meeting, so calling this every hour is safe.
 */
export function proposalsDue(
  rule: UsualScheduleRule,
  now: Date,
  timeZone: string,
  leadDays: number,
): { month: string; startsAt: Date }[] {
  const current = monthKey(now, timeZone);
  const due: { month: string; startsAt: Date }[] = [];
  for (const month of [current, addMonths(current, 1)]) {
    const startsAt = occurrenceIn(rule, month, timeZone);
    if (startsAt.getTime() <= now.getTime()) continue;
    const local = toLocal(startsAt, timeZone);
    const opensAt = toUtc({ ...local, day: local.day - leadDays }, timeZone);
    if (now.getTime() >= opensAt.getTime()) due.push({ month, startsAt });
  }
  return due;
}
