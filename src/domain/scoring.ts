// Scoring a meeting on the cell's checklist (a local scheme; the common one is
// preparation 15, attendance 20, conduct 45, closing 20) and grading the total
// (Tốt ≥ 90, Khá 70–<90, Trung bình 50–<70, Kém < 50 by default). The attendance item is
// computed from the record, never typed, so it cannot be talked up.
import { meetsTargetOf, type RecordChecks } from "./meeting-record.js";
import type { GradeThresholds, ScoringItem } from "./settings.js";

export type { GradeThresholds, ScoringItem } from "./settings.js";

export type Grade = "good" | "fair" | "average" | "poor";

export type ScoreResult =
  | { ok: true; total: number; items: { key: string; points: number; max: number }[] }
  | { ok: false; error: "missing_item" | "out_of_range" | "computed_given"; key: string };

/** Round half up, after dropping floating-point noise (17.499999999999996 is 17.5). */
function roundHalfUp(value: number): number {
  return Math.floor(Number(value.toFixed(9)) + 0.5);
}

/**
 * Points for attendance (local rule):
 *
 * - full `maxPoints` when the attendance target is met (strictly above it: meetsTarget)
 *   and nobody is absent without a reason;
 * - otherwise maxPoints × min(1, attendanceRate / attendanceTarget)
 *             − 10% of maxPoints for each unexcused absence,
 *   rounded half up to a whole number, never below 0, and below maxPoints while the
 *   target is not met (exactly 85% of an 85% target gives 19 of 20, not 20).
 *
 * A target of 0 counts as always reached (the ratio is 1). Example with 20 points and the
 * 85% target: 16 of 20 present (80%), one unexcused → 20 × 0.8/0.85 − 2 = 16.82 → 17.
 */
export function attendancePoints(checks: RecordChecks, maxPoints: number): number {
  const met = meetsTargetOf(checks) === true;
  if (met && checks.unexcused === 0) return maxPoints;
  const target = checks.attendanceTarget;
  const ratio = target > 0 ? Math.min(1, checks.attendanceRate / target) : 1;
  const raw = maxPoints * ratio - 0.1 * maxPoints * checks.unexcused;
  const points = Math.max(0, roundHalfUp(raw));
  return met ? points : Math.min(points, Math.max(0, maxPoints - 1));
}

/**
 * The score of a meeting. Every item that is not computed must be given as a whole
 * number from 0 to its points; a computed item must not be given. The first problem in
 * checklist order is returned. Keys in `given` that are not on the checklist are ignored
 * (a form from before a checklist change still scores the items it shares).
 */
export function scoreMeeting(checklist: readonly ScoringItem[], given: Record<string, number>, checks: RecordChecks): ScoreResult {
  const items: { key: string; points: number; max: number }[] = [];
  for (const item of checklist) {
    const isGiven = Object.hasOwn(given, item.key) && given[item.key] !== undefined;
    if (item.computed === "attendance") {
      if (isGiven) return { ok: false, error: "computed_given", key: item.key };
      items.push({ key: item.key, points: attendancePoints(checks, item.points), max: item.points });
      continue;
    }
    if (!isGiven) return { ok: false, error: "missing_item", key: item.key };
    const points = given[item.key];
    if (typeof points !== "number" || !Number.isInteger(points) || points < 0 || points > item.points) {
      return { ok: false, error: "out_of_range", key: item.key };
    }
    items.push({ key: item.key, points, max: item.points });
  }
  return { ok: true, total: items.reduce((sum, item) => sum + item.points, 0), items };
}

/**
 * The grade of `total` out of `max`, on the percentage: good at or above thresholds.good,
 * and so on down. Compared as total × 100 ≥ threshold × max, which is exact for whole
 * numbers (89.9% is Khá, 90% is Tốt). Throws RangeError when max is not positive.
 */
export function gradeOf(total: number, max: number, thresholds: GradeThresholds): Grade {
  if (!(max > 0) || !Number.isFinite(max)) throw new RangeError(`gradeOf: max must be positive, got ${max}`);
  const reaches = (threshold: number) => total * 100 >= threshold * max;
  if (reaches(thresholds.good)) return "good";
  if (reaches(thresholds.fair)) return "fair";
  if (reaches(thresholds.average)) return "average";
  return "poor";
}

/** The most a checklist can give: the sum of its points. */
export function maxScore(checklist: readonly ScoringItem[]): number {
  return checklist.reduce((sum, item) => sum + item.points, 0);
}
