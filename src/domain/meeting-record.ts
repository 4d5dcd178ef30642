// Checks on a meeting record once the meeting is over: attendance against the quality
// target, length against the minimum, and whether the meeting could pass a resolution
// (Charter art. 9.5). Pure: the caller loads the entries and the effective settings.
import { countsTowardTarget, meetsTarget } from "./attendance.js";
import { MAX_MEETING_MINUTES, type MeetingKind } from "./meeting-input.js";
import type { OrgSettings } from "./settings.js";

export type Attendance = "present" | "late" | "excused" | "unexcused";

export interface RecordEntry {
  personId: number;
  memberStatus: "official" | "probationary" | "exempt" | "transferred";
  attendance: Attendance;
}

export interface RecordChecks {
  /** Official and probationary members: the attendance-rate denominator. */
  expected: number;
  /** Expected members present or late. */
  present: number;
  /** Expected members late (also counted in `present`). */
  late: number;
  /** Expected members absent with a reason. */
  excused: number;
  /** Expected members absent without a reason. */
  unexcused: number;
  /** Exempted members who came anyway (present or late); outside every rate. */
  exemptPresent: number;
  /** present / expected; 1 when nobody is expected. */
  attendanceRate: number;
  /** The target the rate was checked against (settings.attendanceTarget), for attendancePoints. */
  attendanceTarget: number;
  meetsAttendanceTarget: boolean;
  /** Whole minutes from start to end; null when either time is unknown. */
  lengthMinutes: number | null;
  minimumMinutes: number;
  /** null when the length is unknown. */
  lengthOk: boolean | null;
  quorum: {
    /** The denominator of art. 9.5. */
    countedOfficial: number;
    /** Counted official members present or late. */
    officialPresent: number;
    /** officialPresent is more than half of countedOfficial (and countedOfficial > 0). */
    canPass: boolean;
  };
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

const attended = (attendance: Attendance) => attendance === "present" || attendance === "late";

/**
 * The minimum length of a meeting: a combined meeting is held to the longer minimum;
 * should a cell set that below the ordinary one, the ordinary minimum still applies
 * (the same rule as checkMeeting when scheduling).
 */
export function minimumMinutesFor(kind: MeetingKind, settings: OrgSettings): number {
  return kind === "combined" ? Math.max(settings.combinedMinMinutes, settings.minMinutes) : settings.minMinutes;
}

/**
 * Counts and checks for a finished meeting. One entry per member on the cell's list
 * (a member not in `entries` is simply not counted).
 *
 * Rates: only official and probationary members are expected; exempted members who come
 * are reported in `exemptPresent` but change no rate, and an exempt or transferred
 * member marked absent is not an absence of this cell.
 *
 * Quorum (Charter art. 9.5): the denominator is the official members, less those
 * transferred out, less exempted members who are absent, less members absent with an
 * approved reason. Exempted members are official members relieved of attending, so an
 * exempted member who comes is counted, and counts as present. Probationary members do
 * not vote and are never counted. Transferred members attend their host cell and are
 * never counted here, even if marked present.
 *
 * Length is floored to whole minutes: 89 min 59 s has not reached 90. Times in the wrong
 * order give a negative length (lengthOk false); check them first with validateTimes.
 */
export function checkRecord(input: {
  kind: MeetingKind;
  startedAt: Date | null;
  endedAt: Date | null;
  entries: RecordEntry[];
  settings: OrgSettings;
}): RecordChecks {
  const { kind, startedAt, endedAt, entries, settings } = input;
  let expected = 0;
  let present = 0;
  let late = 0;
  let excused = 0;
  let unexcused = 0;
  let exemptPresent = 0;
  let countedOfficial = 0;
  let officialPresent = 0;

  for (const { memberStatus, attendance } of entries) {
    if (countsTowardTarget(memberStatus)) {
      expected++;
      if (attended(attendance)) present++;
      if (attendance === "late") late++;
      else if (attendance === "excused") excused++;
      else if (attendance === "unexcused") unexcused++;
    }
    if (memberStatus === "exempt" && attended(attendance)) exemptPresent++;

    // Quorum: official members unless absent with a reason; exempted members only when present.
    const counted =
      (memberStatus === "official" && attendance !== "excused") || (memberStatus === "exempt" && attended(attendance));
    if (counted) {
      countedOfficial++;
      if (attended(attendance)) officialPresent++;
    }
  }

  const target = settings.attendanceTarget;
  const lengthMinutes =
    startedAt && endedAt ? Math.floor((endedAt.getTime() - startedAt.getTime()) / MINUTE_MS) : null;
  const minimumMinutes = minimumMinutesFor(kind, settings);

  return {
    expected,
    present,
    late,
    excused,
    unexcused,
    exemptPresent,
    attendanceRate: expected === 0 ? 1 : present / expected,
    attendanceTarget: target,
    meetsAttendanceTarget: meetsTarget(present, expected, target),
    lengthMinutes,
    minimumMinutes,
    lengthOk: lengthMinutes === null ? null : lengthMinutes >= minimumMinutes,
    quorum: {
      countedOfficial,
      officialPresent,
      // More than half, in integers: 2 × present > counted.
      canPass: countedOfficial > 0 && officialPresent * 2 > countedOfficial,
    },
  };
}

/**
 * Whether a stored record met the attendance target, by today's rule (meetsTarget) from
 * its counts: a record stored while exactly the target still counted as met reads right.
 * The stored flag only for a record without counts; null without either.
 */
export function meetsTargetOf(checks: Partial<RecordChecks>): boolean | null {
  if (checks.present !== undefined && checks.expected !== undefined && checks.attendanceTarget !== undefined) {
    return meetsTarget(checks.present, checks.expected, checks.attendanceTarget);
  }
  return checks.meetsAttendanceTarget ?? null;
}

/**
 * Sanity of the start and end the secretary records, first failure only, in this order:
 * end at or before start (a meeting of no length is a typo too); longer than 10 hours
 * (MAX_MEETING_MINUTES; exactly 10 hours is accepted); start more than 24 hours either
 * side of the scheduled start (exactly 24 hours is accepted), which usually means a
 * wrong date. Invalid dates fail: the end or start as end_before_start, the schedule as
 * start_far_from_schedule.
 */
export function validateTimes(
  startedAt: Date,
  endedAt: Date,
  scheduledStart: Date,
): "ok" | "end_before_start" | "too_long" | "start_far_from_schedule" {
  const length = endedAt.getTime() - startedAt.getTime();
  if (!(length > 0)) return "end_before_start";
  if (length > MAX_MEETING_MINUTES * MINUTE_MS) return "too_long";
  // Written as "not within" so that an invalid date fails rather than passes.
  if (!(Math.abs(startedAt.getTime() - scheduledStart.getTime()) <= DAY_MS)) return "start_far_from_schedule";
  return "ok";
}
