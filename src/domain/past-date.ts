// A day that has already happened, typed as Vietnamese write dates (DD/MM/YYYY): the
// day someone was admitted, recognised as official, exempted, moved or left. Pure: the
// caller hands in the injected clock's instant and the cell's time zone.
import { daysInMonth, toLocal, toUtc } from "./zoned.js";

// Day first with a year: 05/12/2026, 5-12-2026, 5.12.26. One kind of separator per date; a two-digit year is 20yy.
const DATE = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})$/;

export interface LocalDay {
  year: number;
  month: number;
  day: number;
}

export type PastDateResult = ({ ok: true } & LocalDay) | { ok: false; error: "format" | "no_such_date" | "future" | "too_old" };

export const dayNumber = (d: LocalDay) => d.year * 10_000 + d.month * 100 + d.day;

/** The earliest year a membership date may carry (the Party was founded in 1930). */
export const EARLIEST_YEAR = 1930;

/** A typed day (DD/MM/YYYY and its variants), checked to exist; nothing about when it is. */
export function parseLocalDay(text: string): ({ ok: true } & LocalDay) | { ok: false; error: "format" | "no_such_date" } {
  const match = DATE.exec(text.trim());
  if (!match) return { ok: false, error: "format" };
  const day = Number(match[1]);
  const month = Number(match[3]);
  const year = match[4].length === 2 ? 2000 + Number(match[4]) : Number(match[4]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, error: "no_such_date" };
  return { ok: true, year, month, day };
}

/** A typed day, today or earlier (in `timeZone`); a day after today is "future". */
export function parsePastDate(text: string, now: Date, timeZone: string): PastDateResult {
  const typed = parseLocalDay(text);
  if (!typed.ok) return typed;
  if (typed.year < EARLIEST_YEAR) return { ok: false, error: "too_old" };
  if (dayNumber(typed) > dayNumber(toLocal(now, timeZone))) return { ok: false, error: "future" };
  return typed;
}

/** The start of that day in the time zone: the instant a change dated that day carries. */
export function startOfLocalDay(day: LocalDay, timeZone: string): Date {
  return toUtc({ ...day, hour: 0, minute: 0 }, timeZone);
}

/** Today in the time zone. */
export function localToday(now: Date, timeZone: string): LocalDay {
  const { year, month, day } = toLocal(now, timeZone);
  return { year, month, day };
}

/** DD/MM/YYYY, as the date is typed. */
export function formatLocalDay(day: LocalDay): string {
  return `${String(day.day).padStart(2, "0")}/${String(day.month).padStart(2, "0")}/${day.year}`;
}
