// Membership over time (../shared/notes/domain.md, "membership over time"). A row of
// Membership is one period with the same status, role and kind; history is the rows.
//
// When a membership counts. Its holder's rights (a secretary's, a committee member's)
// and what they receive as such (absence notes, join requests with phone numbers,
// nudges, digests) come only from memberships in force: current (not ended) and not
// "transferred" (a member temporarily attending another cell holds no office here
// meanwhile). Every query for leaders, approvers, readers and positions applies this
// rule (src/db/memberships.ts gives it as a Prisma filter and as SQL).
//
// Who is expected at a meeting is decided on the meeting's date: the periods lasting
// then (lastsAt), so a member who joined on the 10th is not expected on the 5th, and one
// who moved on the 3rd is expected at the new cell only.

export const NOT_IN_FORCE_STATUS = "transferred";

/** "home": the cell the member belongs to (one at a time); "attached": sinh hoạt tạm thời. */
export const MEMBERSHIP_KINDS = ["home", "attached"] as const;
export type MembershipKind = (typeof MEMBERSHIP_KINDS)[number];

/**
 * Why a period ended. The first group are departures from a cell; the second are
 * bookkeeping (the person stays, the next period carries on).
 * - moved: transferred to another home cell;
 * - left: left the organisation's list (moved out of the tree, a roster that no longer lists them);
 * - died;
 * - removed (xoá tên) and expelled (khai trừ): by decision of the competent committee,
 *   recorded by a committee above the cell, never by the bot on its own;
 * - status: the status changed (probationary → official, exempted, exemption over);
 * - role: the role changed (a new secretary);
 * - attached / attachment_over: the home period's status while attending elsewhere;
 * - forgotten: the person asked to be forgotten.
 */
export const DEPARTURE_REASONS = ["moved", "left", "died", "removed", "expelled"] as const;
export const BOOKKEEPING_REASONS = ["status", "role", "attached", "attachment_over", "forgotten"] as const;
export const MEMBERSHIP_END_REASONS = [...DEPARTURE_REASONS, ...BOOKKEEPING_REASONS] as const;
export type DepartureReason = (typeof DEPARTURE_REASONS)[number];
export type EndReason = (typeof MEMBERSHIP_END_REASONS)[number];

/** Departures only a committee above the cell may record (by the competent committee's decision). */
export const BY_DECISION: readonly DepartureReason[] = ["removed", "expelled"];

export interface Period {
  startedOn: Date | null;
  endedOn: Date | null;
}

/** Whether the period lasts at this instant: started at or before it (or always), not yet ended. */
export function lastsAt(period: Period, at: Date): boolean {
  const t = at.getTime();
  return (period.startedOn === null || period.startedOn.getTime() <= t) && (period.endedOn === null || period.endedOn.getTime() > t);
}

/** Whether the period lasts at some moment of [from, to). */
export function overlaps(period: Period, from: Date, to: Date): boolean {
  return (period.startedOn === null || period.startedOn.getTime() < to.getTime()) && (period.endedOn === null || period.endedOn.getTime() > from.getTime());
}

/** In force today: current and not transferred away. */
export function inForce(membership: { status: string; endedOn: Date | null }): boolean {
  return membership.endedOn === null && membership.status !== NOT_IN_FORCE_STATUS;
}

/** Probation lasts twelve months from the admission ceremony (Điều lệ Đảng, Điều 5). */
export const PROBATION_MONTHS = 12;

/**
 * The day probation ends: the same calendar day twelve months after admission (the
 * last day of the month when that day does not exist, as 29/02 → 28/02). Calendar
 * fields only: callers pass and get back a local date.
 */
export function probationEnds(admitted: { year: number; month: number; day: number }): { year: number; month: number; day: number } {
  const year = admitted.year + Math.floor((admitted.month - 1 + PROBATION_MONTHS) / 12);
  const month = ((admitted.month - 1 + PROBATION_MONTHS) % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(admitted.day, last) };
}
