// When an upper committee hears from the bot without asking: the weekly digest (default
// Monday 07:30, organisation time), the day-20 nudge to cells with nothing scheduled,
// and the report at the turn of the month of cells that did not meet. Pure; the
// scheduler (src/features/digest/planner.ts) asks these on every tick.
import type { CellMeeting, Digest, DigestInput } from "./digest.js";
import { idsOnPath } from "./tree.js";
import { addMonths, monthKey, monthStart, parseHm, toLocal, toUtc } from "./zoned.js";

const DAY_MS = 86_400_000;

/**
 * A digest missed while the bot was down goes out late within this window; older ones
 * are skipped (a fresh install on a Thursday waits for Monday rather than sending
 * "last Monday's" digest).
 */
export const DIGEST_GRACE_MS = 2 * DAY_MS;

/** The month-end report is still sent this long into the new month, for the same reason. */
export const MONTH_END_GRACE_DAYS = 3;

export interface DigestDue {
  dueAt: Date;
  /** The local date of dueAt, "2026-11-23": one digest per committee and week. */
  week: string;
}

/**
 * The latest digest time at or before `now`: the last `weekday` (ISO: 1 = Monday …
 * 7 = Sunday) at `time` ("07:30") in `timeZone`.
 */
export function latestDigestDue(now: Date, timeZone: string, weekday: number, time: string): DigestDue {
  const hm = parseHm(time);
  if (!hm || !Number.isInteger(weekday) || weekday < 1 || weekday > 7) throw new RangeError(`digest time: bad weekday ${weekday} or time ${time}`);
  const local = toLocal(now, timeZone);
  const isoToday = local.weekday === 0 ? 7 : local.weekday;
  let back = (isoToday - weekday + 7) % 7;
  let dueAt = toUtc({ year: local.year, month: local.month, day: local.day - back, hour: hm.hour, minute: hm.minute }, timeZone);
  if (dueAt.getTime() > now.getTime()) {
    back += 7;
    dueAt = toUtc({ year: local.year, month: local.month, day: local.day - back, hour: hm.hour, minute: hm.minute }, timeZone);
  }
  const day = toLocal(dueAt, timeZone);
  return { dueAt, week: `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}` };
}

/** The digest due now, or undefined when the latest one is older than the grace window. */
export function digestDueNow(now: Date, timeZone: string, weekday: number, time: string): DigestDue | undefined {
  const due = latestDigestDue(now, timeZone, weekday, time);
  return now.getTime() - due.dueAt.getTime() < DIGEST_GRACE_MS ? due : undefined;
}

/** The month whose unscheduled cells are nudged now ("2026-11"), or undefined before `escalationDay`. */
export function nudgeMonth(now: Date, timeZone: string, escalationDay: number): string | undefined {
  return toLocal(now, timeZone).day >= escalationDay ? monthKey(now, timeZone) : undefined;
}

/** The month just ended, during the first days of the next one; undefined later in the month. */
export function monthJustEnded(now: Date, timeZone: string): string | undefined {
  return toLocal(now, timeZone).day <= MONTH_END_GRACE_DAYS ? addMonths(monthKey(now, timeZone), -1) : undefined;
}

export interface MissedCell {
  cellId: number;
  code: string;
  name: string;
  secretary: string | null;
  /** A confirmed regular meeting of the month took place but its record is not submitted yet. */
  recordPending: boolean;
}

/**
 * The cells of a digest taken on the first days of a month that did not hold last
 * month's regular meeting, grouped by the organisation directly above each cell: the
 * committee that hears of it at once.
 */
export function missedByParent(input: DigestInput, digest: Digest): Map<number, MissedCell[]> {
  const pathOf = new Map(input.orgs.map((o) => [o.id, o.path]));
  const monthEnd = monthStart(digest.thisMonth, input.timeZone).getTime();
  const pending = new Set(
    input.meetings.filter((m) => tookPlaceUnrecorded(m, digest.lastMonth, monthEnd)).map((m) => m.cellId),
  );
  const byParent = new Map<number, MissedCell[]>();
  for (const cell of digest.missedLastMonth) {
    const path = pathOf.get(cell.cellId);
    const parentId = path ? idsOnPath(path).at(-2) : undefined;
    if (parentId === undefined) continue;
    const list = byParent.get(parentId) ?? [];
    list.push({ cellId: cell.cellId, code: cell.code, name: cell.name, secretary: cell.secretary, recordPending: pending.has(cell.cellId) });
    byParent.set(parentId, list);
  }
  return byParent;
}

function tookPlaceUnrecorded(m: CellMeeting, month: string, monthEndMs: number): boolean {
  return (
    m.status === "confirmed" &&
    (m.kind === "regular" || m.kind === "combined") &&
    m.forMonth === month &&
    m.startsAt.getTime() < monthEndMs &&
    m.record?.state !== "submitted"
  );
}
