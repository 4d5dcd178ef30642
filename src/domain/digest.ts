// The compliance roll-up an upper committee's weekly digest is built from: for every cell
// below the committee, did it hold last month's regular meeting, is this month's held or
// at least scheduled, did it hold a thematic meeting this quarter (Charter art. 24.2,
// Hướng dẫn 12-HD/BTCTW), plus the lists a committee acts on. Pure: the caller loads
// the subtree, its meetings and people once (src/features/digest/data.ts).
//
// The tree has any depth and free-text kinds, so nothing here knows levels: a cell is an
// organisation of kind "cell", and a direct child of the committee is found from the
// cell's materialised path. A province has about 3,000 cells and 36,000 meetings in a
// year, so the work is a few linear passes: meetings are grouped by cell once, and each
// meeting is then looked at a fixed number of times.
import { regularDoneFor, thematicDoneFor, type HeldMeeting } from "./compliance.js";
import { overdueProbations, rosterMovements, type MovementKind, type RosterPeriod } from "./roster-changes.js";
import type { DepartureReason } from "./membership.js";
import type { OrgSettings } from "./settings.js";
import { resolutionFigures, type ResolutionFigures, type SubtreeResolutions } from "./resolution-figures.js";
import { idsOnPath, isWithin } from "./tree.js";
import { addMonths, monthKey, monthStart, quarterKey, toLocal } from "./zoned.js";

export interface TreeOrg {
  id: number;
  parentId: number | null;
  /** Materialised path of ids, "/1/4/9/". */
  path: string;
  /** Free text; "cell" marks a cell. */
  kind: string;
  name: string;
  code: string;
}

export interface CellMeeting {
  id: number;
  cellId: number;
  kind: "regular" | "thematic" | "combined";
  forMonth: string;
  startsAt: Date;
  durationMinutes: number;
  status: "proposed" | "confirmed" | "cancelled";
  record: null | {
    state: "draft" | "submitted";
    notHeld: boolean;
    startedAt: Date | null;
    endedAt: Date | null;
    attendanceRate: number | null;
    meetsAttendanceTarget: boolean | null;
    lengthOk: boolean | null;
  };
}

export interface CellPeople {
  cellId: number;
  secretaryName: string | null;
  secretaryLinked: boolean;
  /** Names of members the bot cannot reach. */
  unreachable: string[];
  /** Names of the upper-committee members who follow the cell. */
  followers: string[];
}

export interface FlaggedMember {
  cellId: number;
  name: string;
  months: string[];
}

export interface DigestInput {
  committee: TreeOrg;
  /** The committee's whole subtree, itself included. */
  orgs: TreeOrg[];
  /**
   * The cells' meetings. Cancelled ones, and those with a submitted record that were
   * scheduled and held before recentMeetingsFrom(now), except each cell's latest held
   * one, change nothing and may be left out.
   */
  meetings: CellMeeting[];
  people: CellPeople[];
  flagged: FlaggedMember[];
  /**
   * The cells' home periods the roster section reads (src/domain/roster-changes.ts):
   * those that began or ended from the first of last month, and current probationary
   * ones (a member admitted since then is one). Absent: no roster section.
   */
  roster?: RosterPeriod[];
  /**
   * The cells' tasks and their held meetings without a conclusion over the digest's
   * window (org/resolutions.ts, subtreeResolutions). Absent: no resolutions section.
   */
  resolutions?: SubtreeResolutions;
  now: Date;
  timeZone: string;
  settings: OrgSettings;
}

export interface RosterCounts {
  admitted: number;
  movedIn: number;
  movedOut: number;
  /** Left the list, died, removed (xoá tên) or expelled (khai trừ). */
  departed: number;
  /** Probation ran out without a decision. */
  overdueProbation: number;
}

type RosterLine = { cellId: number; code: string; name: string; member: string; date: string };

/** Roster movements and overdue probations of the subtree (present when the input had the roster). */
export interface DigestRoster {
  /** The movements' window starts here (the first of last month, local), ISO; it ends at `at`. */
  from: string;
  totals: RosterCounts;
  /** One per direct child with cells, in the order of Digest.children. */
  children: { org: { id: number; code: string; name: string }; counts: RosterCounts }[];
  /** Oldest end first (most days overdue). `admitted` and `ends` are local days, ISO. */
  overdueProbation: { cellId: number; code: string; name: string; member: string; admitted: string; ends: string; days: number }[];
  admitted: RosterLine[];
  movedIn: RosterLine[];
  movedOut: RosterLine[];
  departed: (RosterLine & { reason: DepartureReason })[];
}

export interface MonthCounts {
  cells: number;
  held: number;
  scheduled: number;
  notScheduled: number;
  /** round(100 × held / cells); 0 when there are no cells. */
  heldPercent: number;
}

export interface ChildRollup {
  org: { id: number; code: string; name: string };
  thisMonth: MonthCounts;
  lastMonth: MonthCounts;
  /** Cells that held last month's regular meeting. */
  compliantLastMonthPercent: number;
  /** Cells that held this month's regular meeting or have it scheduled. */
  compliantThisMonthPercent: number;
}

export interface Digest {
  committee: { id: number; code: string; name: string };
  /** `now`, ISO. */
  at: string;
  thisMonth: string;
  lastMonth: string;
  quarter: string;
  totals: { thisMonth: MonthCounts; lastMonth: MonthCounts };
  /** One per direct child that is a cell or has cells below it; worst first by compliantLastMonthPercent, then name. */
  children: ChildRollup[];
  missedLastMonth: { cellId: number; code: string; name: string; secretary: string | null; lastMeeting: string | null }[];
  /** Cells with this month's regular meeting neither held nor scheduled (escalation nudges their secretaries). */
  notScheduledThisMonth: { cellId: number; code: string; name: string; secretary: string | null }[];
  /** Empty in the quarter's first month: there is still time. */
  noThematicThisQuarter: { cellId: number; code: string; name: string }[];
  lowAttendance: { meetingId: number; cellId: number; code: string; name: string; date: string; percent: number }[];
  shortMeetings: { meetingId: number; cellId: number; code: string; name: string; date: string; minutes: number }[];
  overdueRecords: { meetingId: number; cellId: number; code: string; name: string; date: string; days: number }[];
  flagged: { cellId: number; code: string; name: string; member: string; months: string[] }[];
  noLinkedSecretary: { cellId: number; code: string; name: string }[];
  unreachable: { cellId: number; code: string; name: string; member: string }[];
  nextWeek: { meetingId: number; cellId: number; code: string; name: string; startsAt: string; followers: string[] }[];
  roster?: DigestRoster;
  /** Tasks done on time, late and open, and cells without a conclusion, per child (present when the input had them). */
  resolutions?: ResolutionFigures;
}

/** A confirmed meeting whose record is still missing this long after its scheduled end is overdue. */
export const OVERDUE_AFTER_DAYS = 5;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const NEXT_WEEK_MS = 7 * DAY_MS;

type Standing = "held" | "scheduled" | "notScheduled";

interface Counter {
  cells: number;
  held: number;
  scheduled: number;
  notScheduled: number;
}

interface CellState {
  org: TreeOrg;
  /** Meetings that took place (a submitted record, not marked not held, not cancelled) near now. */
  recentHeld: HeldMeeting[];
  /** When the latest meeting held before now started, in ms; null if none. */
  lastHeldMs: number | null;
  /** Regular or combined meetings still open: proposed or confirmed, no submitted record. */
  openRegularMonths: Set<string>;
}

/**
 * Builds the digest of `input.committee` at `input.now`.
 *
 * Decisions beyond the rules in the brief:
 * - Cancelled meetings never count, even should one carry a record (regularDoneFor
 *   expects them left out).
 * - A meeting with a submitted record is no longer "scheduled", whatever it says: held,
 *   it is counted where regularDoneFor puts it; recorded as not held, or held late into
 *   the next month, the month it was for is simply not scheduled any more.
 * - A cell without a CellPeople entry has no linked secretary.
 * - A cell whose direct child of the committee is missing from `orgs` is in the totals
 *   but in no child's row (the paths say where it lies; a row needs the org's name).
 * - lowAttendance's percent is the recorded rate rounded; an unknown rate reads as 0.
 * - Meetings, people and flags of anything that is not a cell of this subtree are ignored.
 * - lowAttendance and shortMeetings take a meeting by the local date it was held
 *   (record.startedAt, else the scheduled start), from the first of last month to the end
 *   of this month; overdue days are counted from the scheduled end, whole days.
 * - Cell lists are ordered by code, meeting lists by date, then code.
 */
export function buildDigest(input: DigestInput): Digest {
  const { committee, now, timeZone, settings } = input;
  const thisMonth = monthKey(now, timeZone);
  const lastMonth = addMonths(thisMonth, -1);
  const quarter = quarterKey(now, timeZone);
  const local = toLocal(now, timeZone);
  // Thematic meetings are due by the quarter's end; in its first month none is late yet.
  const quarterUnderway = (local.month - 1) % 3 !== 0;
  const windowStart = monthStart(lastMonth, timeZone).getTime();
  const windowEnd = monthStart(addMonths(thisMonth, 1), timeZone).getTime();
  // Reading a local month costs a formatter call, and a cell's history may be a year or
  // more. A meeting counts for the month it was held in or the one before, and the
  // quarter began at most two months ago, so only meetings held from two months back to
  // two months ahead can answer regularDoneFor and thematicDoneFor here. The margin is
  // generous on purpose: a wider allowance in compliance.ts would still be seen.
  const nearStart = recentMeetingsFrom(now, timeZone).getTime();
  const nearEnd = monthStart(addMonths(thisMonth, 2), timeZone).getTime();
  const nowMs = now.getTime();

  // The cells of the subtree, each with the direct child of the committee it lies under.
  const committeeDepth = idsOnPath(committee.path).length;
  const orgById = new Map<number, TreeOrg>();
  for (const org of [committee, ...input.orgs]) {
    if (isWithin(org.path, committee.path)) orgById.set(org.id, org);
  }
  const cells = new Map<number, CellState>();
  const childOf = new Map<number, number>();
  for (const org of orgById.values()) {
    if (org.kind !== "cell") continue;
    cells.set(org.id, { org, recentHeld: [], lastHeldMs: null, openRegularMonths: new Set() });
    const childId = idsOnPath(org.path)[committeeDepth];
    // Undefined when the committee is itself the cell: the digest then has no children.
    if (childId !== undefined && orgById.has(childId)) childOf.set(org.id, childId);
  }

  const lowAttendance: Digest["lowAttendance"] = [];
  const shortMeetings: Digest["shortMeetings"] = [];
  const overdueRecords: Digest["overdueRecords"] = [];
  const nextWeek: Digest["nextWeek"] = [];
  const people = new Map(input.people.map((p) => [p.cellId, p]));

  // One pass over the meetings: group what the per-cell checks need, and fill the
  // meeting lists on the way.
  for (const meeting of input.meetings) {
    const cell = cells.get(meeting.cellId);
    if (!cell || meeting.status === "cancelled") continue;
    const { record } = meeting;
    const who = { cellId: cell.org.id, code: cell.org.code, name: cell.org.name };
    const submitted = record?.state === "submitted";

    if (submitted && !record.notHeld) {
      const startedAt = record.startedAt ?? meeting.startsAt;
      const at = startedAt.getTime();
      if (at >= nearStart && at < nearEnd) {
        cell.recentHeld.push({ kind: meeting.kind, forMonth: meeting.forMonth, startedAt, notHeld: false });
      }
      if (at < nowMs && (cell.lastHeldMs === null || at > cell.lastHeldMs)) cell.lastHeldMs = at;
      if (at >= windowStart && at < windowEnd) {
        const date = startedAt.toISOString();
        if (record.meetsAttendanceTarget === false) {
          lowAttendance.push({ meetingId: meeting.id, ...who, date, percent: Math.round(100 * (record.attendanceRate ?? 0)) });
        }
        if (record.lengthOk === false) {
          shortMeetings.push({ meetingId: meeting.id, ...who, date, minutes: lengthMinutes(meeting, startedAt) });
        }
      }
    }

    if (!submitted && (meeting.kind === "regular" || meeting.kind === "combined")) {
      cell.openRegularMonths.add(meeting.forMonth);
    }

    if (meeting.status === "confirmed" && !submitted) {
      const endedAgo = nowMs - (meeting.startsAt.getTime() + meeting.durationMinutes * MINUTE_MS);
      if (endedAgo > OVERDUE_AFTER_DAYS * DAY_MS) {
        overdueRecords.push({ meetingId: meeting.id, ...who, date: meeting.startsAt.toISOString(), days: Math.floor(endedAgo / DAY_MS) });
      }
    }

    if (meeting.status === "confirmed") {
      const ahead = meeting.startsAt.getTime() - nowMs;
      if (ahead >= 0 && ahead < NEXT_WEEK_MS) {
        nextWeek.push({
          meetingId: meeting.id,
          ...who,
          startsAt: meeting.startsAt.toISOString(),
          followers: [...(people.get(cell.org.id)?.followers ?? [])],
        });
      }
    }
  }

  // One pass over the cells.
  const totals = { thisMonth: counter(), lastMonth: counter() };
  const perChild = new Map<number, { thisMonth: Counter; lastMonth: Counter }>();
  const missedLastMonth: Digest["missedLastMonth"] = [];
  const notScheduledThisMonth: Digest["notScheduledThisMonth"] = [];
  const noThematicThisQuarter: Digest["noThematicThisQuarter"] = [];
  const noLinkedSecretary: Digest["noLinkedSecretary"] = [];
  const unreachable: Digest["unreachable"] = [];

  for (const cell of cells.values()) {
    const { org } = cell;
    const who = { cellId: org.id, code: org.code, name: org.name };
    const heldMeetings = cell.recentHeld;
    const standing = (month: string): Standing =>
      regularDoneFor(month, heldMeetings, timeZone, settings) ? "held" : cell.openRegularMonths.has(month) ? "scheduled" : "notScheduled";
    const last = standing(lastMonth);
    const current = standing(thisMonth);

    count(totals.lastMonth, last);
    count(totals.thisMonth, current);
    const childId = childOf.get(org.id);
    if (childId !== undefined) {
      let child = perChild.get(childId);
      if (!child) perChild.set(childId, (child = { thisMonth: counter(), lastMonth: counter() }));
      count(child.lastMonth, last);
      count(child.thisMonth, current);
    }

    if (last !== "held") {
      const lastMeeting = cell.lastHeldMs === null ? null : new Date(cell.lastHeldMs).toISOString();
      missedLastMonth.push({ ...who, secretary: people.get(org.id)?.secretaryName ?? null, lastMeeting });
    }
    if (current === "notScheduled") notScheduledThisMonth.push({ ...who, secretary: people.get(org.id)?.secretaryName ?? null });
    if (quarterUnderway && !thematicDoneFor(quarter, heldMeetings, timeZone)) noThematicThisQuarter.push(who);

    const cellPeople = people.get(org.id);
    if (!cellPeople?.secretaryLinked) noLinkedSecretary.push(who);
    for (const member of cellPeople?.unreachable ?? []) unreachable.push({ ...who, member });
  }

  const flagged: Digest["flagged"] = [];
  for (const f of input.flagged) {
    const cell = cells.get(f.cellId);
    if (cell) flagged.push({ cellId: cell.org.id, code: cell.org.code, name: cell.org.name, member: f.name, months: [...f.months] });
  }

  const children: ChildRollup[] = [];
  for (const [childId, child] of perChild) {
    const org = orgById.get(childId)!;
    const lastCounts = finish(child.lastMonth);
    const thisCounts = finish(child.thisMonth);
    children.push({
      org: { id: org.id, code: org.code, name: org.name },
      thisMonth: thisCounts,
      lastMonth: lastCounts,
      compliantLastMonthPercent: lastCounts.heldPercent,
      compliantThisMonthPercent: percent(thisCounts.held + thisCounts.scheduled, thisCounts.cells),
    });
  }
  children.sort(
    (a, b) =>
      a.compliantLastMonthPercent - b.compliantLastMonthPercent || a.org.name.localeCompare(b.org.name, "vi") || a.org.id - b.org.id,
  );

  const roster = input.roster && rosterSection(input.roster, cells, childOf, children, new Date(windowStart), now, timeZone);
  const resolutions = input.resolutions && resolutionFigures(committee, [...orgById.values()], input.resolutions);

  return {
    committee: { id: committee.id, code: committee.code, name: committee.name },
    at: now.toISOString(),
    thisMonth,
    lastMonth,
    quarter,
    totals: { thisMonth: finish(totals.thisMonth), lastMonth: finish(totals.lastMonth) },
    children,
    missedLastMonth: missedLastMonth.sort(byCell),
    notScheduledThisMonth: notScheduledThisMonth.sort(byCell),
    noThematicThisQuarter: noThematicThisQuarter.sort(byCell),
    lowAttendance: lowAttendance.sort(byDate),
    shortMeetings: shortMeetings.sort(byDate),
    overdueRecords: overdueRecords.sort(byDate),
    flagged: flagged.sort((a, b) => byCell(a, b) || a.member.localeCompare(b.member, "vi")),
    noLinkedSecretary: noLinkedSecretary.sort(byCell),
    unreachable: unreachable.sort((a, b) => byCell(a, b) || a.member.localeCompare(b.member, "vi")),
    nextWeek: nextWeek.sort((a, b) => compare(a.startsAt, b.startsAt) || byCell(a, b) || a.meetingId - b.meetingId),
    ...(roster ? { roster } : {}),
    ...(resolutions ? { resolutions } : {}),
  };
}

const rosterCounts = (): RosterCounts => ({ admitted: 0, movedIn: 0, movedOut: 0, departed: 0, overdueProbation: 0 });

/** The roster section: movements from `from` until `now`, overdue probations, counted per child. */
function rosterSection(
  periods: RosterPeriod[],
  cells: Map<number, CellState>,
  childOf: Map<number, number>,
  children: ChildRollup[],
  from: Date,
  now: Date,
  timeZone: string,
): DigestRoster {
  const ours = periods.filter((p) => cells.has(p.cellId));
  const totals = rosterCounts();
  const perChild = new Map(children.map((c) => [c.org.id, rosterCounts()]));
  const tally = (cellId: number, key: keyof RosterCounts) => {
    totals[key]++;
    const child = perChild.get(childOf.get(cellId) ?? -1);
    if (child) child[key]++;
  };
  const who = (cellId: number, member: string) => {
    const org = cells.get(cellId)!.org;
    return { cellId, code: org.code, name: org.name, member };
  };
  const lists: Record<MovementKind, DigestRoster["departed"]> = { admitted: [], movedIn: [], movedOut: [], departed: [] };
  for (const m of rosterMovements(ours, from, now)) {
    tally(m.cellId, m.kind);
    const line = { ...who(m.cellId, m.name), date: m.on.toISOString() };
    lists[m.kind].push(m.reason ? { ...line, reason: m.reason } : (line as DigestRoster["departed"][number]));
  }
  const overdueProbation = overdueProbations(ours, timeZone, now).map((o) => {
    tally(o.cellId, "overdueProbation");
    return { ...who(o.cellId, o.name), admitted: o.admitted, ends: o.ends, days: o.days };
  });
  const byDateLine = (a: RosterLine, b: RosterLine) => compare(a.date, b.date) || byCell(a, b) || a.member.localeCompare(b.member, "vi");
  const plain = (lines: DigestRoster["departed"]): RosterLine[] => lines.map(({ reason: _reason, ...line }) => line).sort(byDateLine);
  return {
    from: from.toISOString(),
    totals,
    children: children.map((c) => ({ org: c.org, counts: perChild.get(c.org.id)! })),
    overdueProbation: overdueProbation.sort((a, b) => b.days - a.days || byCell(a, b) || a.member.localeCompare(b.member, "vi")),
    admitted: plain(lists.admitted),
    movedIn: plain(lists.movedIn),
    movedOut: plain(lists.movedOut),
    departed: lists.departed.sort(byDateLine),
  };
}

/**
 * From when a held meeting can count in a digest at `now`: two months back, as
 * buildDigest reads them. Of the earlier held meetings a digest reads only each cell's
 * latest ("last meeting"), so a loader may leave the others out (src/features/digest/data.ts).
 */
export function recentMeetingsFrom(now: Date, timeZone: string): Date {
  return monthStart(addMonths(monthKey(now, timeZone), -2), timeZone);
}


/** Whole minutes the meeting lasted; the planned duration when the end was not recorded. */
function lengthMinutes(meeting: CellMeeting, startedAt: Date): number {
  const endedAt = meeting.record?.endedAt;
  return endedAt ? Math.floor((endedAt.getTime() - startedAt.getTime()) / MINUTE_MS) : meeting.durationMinutes;
}

const counter = (): Counter => ({ cells: 0, held: 0, scheduled: 0, notScheduled: 0 });

function count(c: Counter, standing: Standing): void {
  c.cells++;
  c[standing]++;
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((100 * part) / whole));

const finish = (c: Counter): MonthCounts => ({ ...c, heldPercent: percent(c.held, c.cells) });

// Codes are identifiers, so a plain comparison keeps the order stable across locales.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const byCell = (a: { code: string; cellId: number }, b: { code: string; cellId: number }) =>
  compare(a.code, b.code) || a.cellId - b.cellId;

const byDate = (a: { date: string; code: string; cellId: number; meetingId: number }, b: typeof a) =>
  compare(a.date, b.date) || byCell(a, b) || a.meetingId - b.meetingId;
