// The roster part of a committee's digest: probation periods that ran out without a
// decision, and the movements of the roster (admissions, transfers in and out,
// departures) from the first of last month until now, the window the digest's meeting
// lists use. Pure: the loader gives the periods (src/features/digest/data.ts), one row
// per home period of a cell that matters, and this classifies them.
//
// A Membership row is one period (domain/membership.ts). Of a cell's home periods:
// - one that began in the window is an admission (membership.add: nothing of the same
//   person ended then, or a departure did) or a transfer in (the home period ending
//   then ended "moved"); one that follows a change of status or role is no movement;
// - one that ended in the window ended "moved" (a transfer out) or by a departure
//   (left, died, removed, expelled); bookkeeping ends are no movement;
// - a person admitted in the window (Person.admittedOn) whose joining is not in it (the
//   admission day recorded later, a roster import) is an admission in their current cell.
// A person is an admission once in a digest, however often they moved since.
import { DEPARTURE_REASONS, type DepartureReason } from "./membership.js";
import { isoDay, localDay, probationEndDay, probationOverdueDays } from "./probation.js";

export interface RosterPeriod {
  cellId: number;
  personId: number;
  name: string;
  startedOn: Date | null;
  endedOn: Date | null;
  endReason: string | null;
  /** The endReason of the same person's home period that ended the instant this one began, if any. */
  before: string | null;
  admittedOn: Date | null;
  /** Current and probationary: at home, or attending another cell as a probationary member. */
  probationary: boolean;
}

export type MovementKind = "admitted" | "movedIn" | "movedOut" | "departed";

export interface Movement {
  kind: MovementKind;
  cellId: number;
  personId: number;
  name: string;
  /** When it took effect. */
  on: Date;
  /** Departures only. */
  reason?: DepartureReason;
}

export interface OverdueProbation {
  cellId: number;
  personId: number;
  name: string;
  /** Local days, ISO: "2025-03-10". */
  admitted: string;
  ends: string;
  /** Days since the end day. */
  days: number;
}

const DEPARTURES: readonly string[] = DEPARTURE_REASONS.filter((r) => r !== "moved");

const within = (at: Date | null, from: Date, to: Date): at is Date => at !== null && at.getTime() >= from.getTime() && at.getTime() < to.getTime();

/**
 * The movements among `periods` that took effect in [from, to), ordered by date, cell and
 * person whatever the order of `periods` (a person joining twice counts once, the first time).
 */
export function rosterMovements(periods: RosterPeriod[], from: Date, to: Date): Movement[] {
  const movements: Movement[] = [];
  const admitted = new Set<number>();
  const who = (p: RosterPeriod) => ({ cellId: p.cellId, personId: p.personId, name: p.name });
  const ordered = [...periods].sort((a, b) => (a.startedOn?.getTime() ?? 0) - (b.startedOn?.getTime() ?? 0) || a.cellId - b.cellId || a.personId - b.personId);
  for (const p of ordered) {
    if (within(p.startedOn, from, to)) {
      if (p.before === "moved") movements.push({ kind: "movedIn", ...who(p), on: p.startedOn });
      else if (p.before === null || DEPARTURES.includes(p.before)) {
        if (!admitted.has(p.personId)) movements.push({ kind: "admitted", ...who(p), on: p.startedOn });
        admitted.add(p.personId);
      }
    }
    if (within(p.endedOn, from, to)) {
      if (p.endReason === "moved") movements.push({ kind: "movedOut", ...who(p), on: p.endedOn });
      else if (p.endReason !== null && DEPARTURES.includes(p.endReason)) {
        movements.push({ kind: "departed", ...who(p), on: p.endedOn, reason: p.endReason as DepartureReason });
      }
    }
  }
  // Admitted in the window but joined before it (or the day recorded afterwards): in the current cell.
  for (const p of ordered) {
    if (p.endedOn === null && within(p.admittedOn, from, to) && !admitted.has(p.personId)) {
      movements.push({ kind: "admitted", ...who(p), on: p.admittedOn });
      admitted.add(p.personId);
    }
  }
  return movements.sort((a, b) => a.on.getTime() - b.on.getTime() || a.cellId - b.cellId || a.personId - b.personId);
}

/** Current probationary members whose twelve months ran out before today (in `timeZone`). */
export function overdueProbations(periods: RosterPeriod[], timeZone: string, now: Date): OverdueProbation[] {
  const overdue: OverdueProbation[] = [];
  const seen = new Set<number>();
  for (const p of [...periods].sort((a, b) => a.cellId - b.cellId || a.personId - b.personId)) {
    if (!p.probationary || p.endedOn !== null || p.admittedOn === null || seen.has(p.personId)) continue;
    const days = probationOverdueDays(p.admittedOn, timeZone, now);
    if (days === null) continue;
    seen.add(p.personId);
    overdue.push({
      cellId: p.cellId,
      personId: p.personId,
      name: p.name,
      admitted: isoDay(localDay(p.admittedOn, timeZone)),
      ends: isoDay(probationEndDay(p.admittedOn, timeZone)),
      days,
    });
  }
  return overdue;
}
