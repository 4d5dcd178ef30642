// Did a cell meet as the rules require: a regular meeting every month (Charter art. 24.2)
// and a thematic meeting every quarter (Hướng dẫn 12-HD/BTCTW)? Per cell and period;
// the upper committee's digests call these for each cell below them.
import type { MeetingKind } from "./meeting-input.js";
import type { OrgSettings } from "./settings.js";
import { addMonths, monthKey, quarterKey, toLocal } from "./zoned.js";

export interface HeldMeeting {
  kind: MeetingKind;
  /** YYYY-MM the meeting was scheduled for. */
  forMonth: string;
  startedAt: Date;
  /** Recorded as not held (the secretary closed it without a meeting). */
  notHeld: boolean;
}

/**
 * The month a regular meeting counts for: the local month it was held in, except that
 * with `allowFirstOfNextMonth` a meeting held on the 1st and scheduled for the month
 * before counts for that month instead (and then not for the month it was held in: one
 * meeting fills one month). A meeting held late on any other day counts where it was
 * held; its forMonth does not move it.
 */
export function regularMonthOf(meeting: HeldMeeting, timeZone: string, settings: OrgSettings): string {
  const held = monthKey(meeting.startedAt, timeZone);
  if (settings.allowFirstOfNextMonth && toLocal(meeting.startedAt, timeZone).day === 1) {
    const previous = addMonths(held, -1);
    if (meeting.forMonth === previous) return previous;
  }
  return held;
}

/** Whether a regular or combined meeting was held for `month` ("2026-11"); cancelled meetings are simply not passed. */
export function regularDoneFor(month: string, meetings: HeldMeeting[], timeZone: string, settings: OrgSettings): boolean {
  return meetings.some(
    (m) => !m.notHeld && (m.kind === "regular" || m.kind === "combined") && regularMonthOf(m, timeZone, settings) === month,
  );
}

/**
 * Whether a thematic or combined meeting was held in `quarter` ("2026-Q4"), by the local
 * date it was held. No first-of-the-month allowance here: a quarter is long enough.
 */
export function thematicDoneFor(quarter: string, meetings: HeldMeeting[], timeZone: string): boolean {
  return meetings.some(
    (m) => !m.notHeld && (m.kind === "thematic" || m.kind === "combined") && quarterKey(m.startedAt, timeZone) === quarter,
  );
}
