// A member's year: attendance counts and the removal-rule flag. A member who skips party
// activities or does not pay dues for three months in a year without a valid reason is
// proposed by the cell for removal (Quy định 29-QĐ/TW point 8.1). The months need not be
// consecutive. The product only flags; the cell proposes and the committee decides.
import { countsTowardTarget } from "./attendance.js";
import type { Attendance } from "./meeting-record.js";
import { monthKey, toUtc } from "./zoned.js";

export interface YearEntry {
  meetingId: number;
  startedAt: Date;
  /** YYYY-MM the meeting was scheduled for. */
  forMonth: string;
  attendance: Attendance;
  /** The member's status on the meeting day: only an expected member's absence counts. */
  memberStatus: string;
  /**
   * The time zone of the meeting's organisation, when it may differ from the one the
   * summary is asked for (a member's year across cells): its year and months are read there.
   */
  timeZone?: string;
}

export type YearFlag = "none" | "warning" | "removal_rule";

export interface YearSummary {
  /** Entries of the year, one per meeting, but absences while the member was not expected. */
  meetings: number;
  /** On time only; `late` is separate (meetings = present + late + excused + unexcused). */
  present: number;
  late: number;
  excused: number;
  unexcused: number;
  /** YYYY-MM with an unexcused absence or unpaid dues, sorted, unique. */
  unexcusedMonths: string[];
  /** When the unexcused absences happened, earliest first. */
  unexcusedDates: Date[];
  flag: YearFlag;
}

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Months at which the summary warns and at which the removal rule applies. */
export const WARNING_MONTHS = 2;
export const REMOVAL_RULE_MONTHS = 3;

/**
 * The month whose party activity an absence missed: the month the meeting was scheduled
 * for when that lies in the same year (a meeting held on 1 November for October is
 * October's activity, so a member who misses it and the November meeting has missed two
 * months), otherwise the local month it was held in.
 */
function activityMonth(entry: YearEntry, year: number, timeZone: string): string {
  const match = MONTH_KEY.exec(entry.forMonth);
  if (match && Number(match[1]) === year) return entry.forMonth;
  return monthKey(entry.startedAt, entry.timeZone ?? timeZone);
}

/**
 * The instants [start, end) of a local calendar year: an instant lies in it exactly when
 * its local year is `year`. Two conversions per zone instead of one per entry (a
 * register of 100,000 members reads a million entries).
 */
function yearBounds(year: number, timeZone: string): [number, number] {
  const key = `${year}|${timeZone}`;
  let bounds = YEAR_BOUNDS.get(key);
  if (!bounds) {
    bounds = [toUtc({ year, month: 1, day: 1, hour: 0, minute: 0 }, timeZone).getTime(), toUtc({ year: year + 1, month: 1, day: 1, hour: 0, minute: 0 }, timeZone).getTime()];
    // A pure function of its key: kept (a few zones and years at most).
    if (YEAR_BOUNDS.size > 1_000) YEAR_BOUNDS.clear();
    YEAR_BOUNDS.set(key, bounds);
  }
  return bounds;
}
const YEAR_BOUNDS = new Map<string, [number, number]>();

/** Whether the entry's meeting was held in `year`, in its own zone (or `timeZone`). */
function inYear(entry: YearEntry, year: number, timeZone: string): boolean {
  const [start, end] = yearBounds(year, entry.timeZone ?? timeZone);
  const t = entry.startedAt.getTime();
  return t >= start && t < end;
}

/**
 * Whether an absence at this entry's meeting counts against the member: only when they
 * were expected to attend (official or probationary on the day). An exempted member
 * (miễn sinh hoạt) need not come; a transferred one attends elsewhere.
 */
export const absenceCounts = (entry: Pick<YearEntry, "memberStatus">): boolean => countsTowardTarget(entry.memberStatus);

/** Whether an entry is part of a member's record: a meeting they came to, or one they were expected at. */
const onRecord = (entry: YearEntry): boolean => entry.attendance === "present" || entry.attendance === "late" || absenceCounts(entry);

/**
 * A member's `year`: entries whose meeting was held in that calendar year in the
 * organisation's zone (the entry's own `timeZone` when it has one), and unpaid-dues months ("YYYY-MM") of that year; others are
 * ignored. A month with an unexcused absence, unpaid dues or both counts once; two such
 * months give a warning, three or more the removal-rule flag. Absences with a reason
 * never count, nor any absence while the member was not expected (absenceCounts): an
 * exempt member is never flagged for missing meetings, whatever the list says.
 */
export function yearSummary(entries: YearEntry[], unpaidMonths: string[], year: number, timeZone: string): YearSummary {
  const ofYear = entries.filter((e) => inYear(e, year, timeZone) && onRecord(e));
  const count = (attendance: Attendance) => ofYear.filter((e) => e.attendance === attendance).length;
  const unexcusedEntries = ofYear
    .filter((e) => e.attendance === "unexcused")
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());

  const months = new Set<string>();
  for (const entry of unexcusedEntries) months.add(activityMonth(entry, year, timeZone));
  for (const month of unpaidMonths) {
    const match = MONTH_KEY.exec(month);
    if (match && Number(match[1]) === year) months.add(month);
  }
  const unexcusedMonths = [...months].sort();

  const flag: YearFlag =
    unexcusedMonths.length >= REMOVAL_RULE_MONTHS ? "removal_rule" : unexcusedMonths.length >= WARNING_MONTHS ? "warning" : "none";

  return {
    meetings: ofYear.length,
    present: count("present"),
    late: count("late"),
    excused: count("excused"),
    unexcused: unexcusedEntries.length,
    unexcusedMonths,
    unexcusedDates: unexcusedEntries.map((e) => new Date(e.startedAt.getTime())),
    flag,
  };
}

/**
 * The longest run of consecutive meetings (by start, then meeting id) at which the member
 * was absent with a reason. Any other attendance ends a run; absences from meetings at
 * which the member was not expected (exempt, transferred) are skipped. The caller passes the entries of
 * the period it means (a year, for the rule "not more than 3 times in a row").
 */
export function excusedStreak(entries: YearEntry[]): number {
  const ordered = entries.filter(onRecord).sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.meetingId - b.meetingId);
  let longest = 0;
  let current = 0;
  for (const entry of ordered) {
    current = entry.attendance === "excused" ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}
