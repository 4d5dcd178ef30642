// Probation's calendar (../shared/notes/domain.md, "membership over time"): twelve months
// from the admission ceremony, then the cell must consider each probationary member's
// move to official. The admission day is stored as an instant (Person.admittedOn); its
// calendar day is read in the cell's time zone, so a day entered as local midnight or
// as UTC midnight gives the same date in Viet Nam. Pure: no clock, no I/O.
import { probationEnds } from "./membership.js";
import { localToday, type LocalDay } from "./past-date.js";
import { toUtc } from "./zoned.js";

export type { LocalDay };

/** The calendar day in `timeZone` of an instant (past-date.ts's localToday, for any instant). */
export const localDay: (instant: Date, timeZone: string) => LocalDay = localToday;

/** The local day on which the twelve months from `admittedOn` are complete (29/02 → 28/02). */
export function probationEndDay(admittedOn: Date, timeZone: string): LocalDay {
  return probationEnds(localDay(admittedOn, timeZone));
}

/** `day` moved by `days` whole days (negative goes back), month and year ends included. */
export function addDays(day: LocalDay, days: number): LocalDay {
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: LocalDay, b: LocalDay): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/**
 * From when the cell's leaders are reminded: local midnight `daysBefore` days before
 * the end day (quiet hours then hold the message until morning).
 */
export function probationReminderFrom(admittedOn: Date, timeZone: string, daysBefore: number): Date {
  const remind = addDays(probationEndDay(admittedOn, timeZone), -daysBefore);
  return toUtc({ ...remind, hour: 0, minute: 0 }, timeZone);
}

/**
 * Days since probation ran out, or null while it lasts. On the end day the twelve
 * months are just complete (the cell may decide that day): it is overdue from the day
 * after, by 1 then.
 */
export function probationOverdueDays(admittedOn: Date, timeZone: string, now: Date): number | null {
  const late = daysBetween(probationEndDay(admittedOn, timeZone), localDay(now, timeZone));
  return late > 0 ? late : null;
}

/** "2026-03-10": a local day as an ISO date, for keys and for the digest's lists. */
export function isoDay(day: LocalDay): string {
  return `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;
}
