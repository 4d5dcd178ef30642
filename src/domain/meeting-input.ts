// Checks for the guided "schedule a meeting" conversation. Results are locale keys;
// the conversation words them. Errors block; warnings ask the secretary to confirm,
// because a cell may have a local rule (a very small cell may meet for less).
import { isQuiet } from "./quiet.js";
import type { OrgSettings } from "./settings.js";
import { daysInMonth, toLocal } from "./zoned.js";

export type MeetingKind = "regular" | "thematic" | "combined";

/** No meeting runs longer than a working day; more is a typo (e.g. hours typed as minutes). */
export const MAX_MEETING_MINUTES = 600;

// Day first, as Vietnamese write it: 5/12, 05/12/2026, 5-12-2026, 5.12.26. One kind of
// separator per date; a two-digit year is 20yy.
const DATE = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\s*\2\s*(\d{4}|\d{2}))?$/;

type DateResult = { ok: true; year: number; month: number; day: number } | { ok: false; error: "format" | "no_such_date" | "past" };

const exists = (year: number, month: number, day: number) =>
  month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);

const dayNumber = (year: number, month: number, day: number) => year * 10_000 + month * 100 + day;

/**
 * A date typed by the secretary. Without a year it is the next such date from today
 * (today included; 29/02 is the next leap day). With a year, a date before today (local)
 * is "past". Today itself is fine here: the time is checked by checkMeeting.
 */
export function parseLocalDate(text: string, now: Date, timeZone: string): DateResult {
  const match = DATE.exec(text.trim());
  if (!match) return { ok: false, error: "format" };
  const day = Number(match[1]);
  const month = Number(match[3]);
  const today = toLocal(now, timeZone);
  const todayNumber = dayNumber(today.year, today.month, today.day);

  if (match[4] === undefined) {
    for (const year of [today.year, today.year + 1]) {
      if (exists(year, month, day) && dayNumber(year, month, day) >= todayNumber) return { ok: true, year, month, day };
    }
    // 29/02 with no leap year this year or next: none within a year is worth guessing.
    return { ok: false, error: "no_such_date" };
  }

  const year = match[4].length === 2 ? 2000 + Number(match[4]) : Number(match[4]);
  if (!exists(year, month, day)) return { ok: false, error: "no_such_date" };
  if (dayNumber(year, month, day) < todayNumber) return { ok: false, error: "past" };
  return { ok: true, year, month, day };
}

export type MeetingError = "past" | "quiet_hours" | "same_evening" | "too_long";
export type MeetingWarning = "too_short" | "too_short_combined";

/**
 * Errors and warnings for a proposed meeting, each at most once, in a fixed order.
 * `otherMeetingsOfCell` must not contain the meeting being edited. `durationMinutes` is
 * expected to be a positive whole number (the conversation parses it).
 */
export function checkMeeting(
  input: { startsAt: Date; durationMinutes: number; kind: MeetingKind },
  ctx: {
    now: Date;
    timeZone: string;
    settings: OrgSettings;
    otherMeetingsOfCell: { id: number; startsAt: Date; durationMinutes: number }[];
  },
): { errors: MeetingError[]; warnings: MeetingWarning[] } {
  const errors: MeetingError[] = [];
  const warnings: MeetingWarning[] = [];
  const { startsAt, durationMinutes, kind } = input;

  if (startsAt.getTime() <= ctx.now.getTime()) errors.push("past");
  if (isQuiet(startsAt, ctx.timeZone, ctx.settings.quietHours)) errors.push("quiet_hours");
  // One meeting per cell per local day; the time of day does not matter.
  const date = toLocal(startsAt, ctx.timeZone);
  const sameDay = ctx.otherMeetingsOfCell.some((other) => {
    const o = toLocal(other.startsAt, ctx.timeZone);
    return o.year === date.year && o.month === date.month && o.day === date.day;
  });
  if (sameDay) errors.push("same_evening");
  if (durationMinutes > MAX_MEETING_MINUTES) errors.push("too_long");

  // A combined meeting is held to the longer minimum; should a cell set it below the
  // ordinary one, the ordinary minimum still applies.
  if (kind === "combined" && durationMinutes < ctx.settings.combinedMinMinutes) warnings.push("too_short_combined");
  else if (durationMinutes < ctx.settings.minMinutes) warnings.push("too_short");

  return { errors, warnings };
}
