// What the dashboard shows of one organisation: the digest of its subtree now (the same
// figures and lists as /report and `chibo digest --json`, every list in full), its
// year as a heatmap by child and month, and for a cell its meetings and members' year.
import type { Db } from "../../../db/client.js";
import { buildDigest, OVERDUE_AFTER_DAYS, type Digest } from "../../../domain/digest.js";
import { buildHeatmap, type Heatmap } from "../../../domain/heatmap.js";
import { addMonths, monthKey, monthStart } from "../../../domain/zoned.js";
import { digestInput, digestWindowStart, reportOrg, subtreeMeetingsSince, type ReportOrg } from "../data.js";
import { CURRENT } from "../../../db/memberships.js";

export interface DashboardOrg {
  id: number;
  code: string;
  name: string;
  kind: string;
  isCell: boolean;
  /** Its IANA time zone: the page shows dates and times as they were there. */
  timeZone: string;
}

/** A member's year in a cell: one mark per meeting held (CellYear.held), oldest first. */
export interface MemberYear {
  name: string;
  status: string;
  role: string;
  /** present | late | excused | unexcused, or null when the member was not on that meeting's list. */
  marks: (string | null)[];
}

export interface CellYear {
  /** The year's meetings, newest first. */
  meetings: { id: number; startsAt: string; kind: string; status: string; held: boolean | null; attendance: number | null; overdue: boolean }[];
  /** The meetings held (a submitted record, not marked not held), oldest first: the members' columns. */
  held: { id: number; startsAt: string }[];
  members: MemberYear[];
}

export interface DashboardView {
  org: DashboardOrg;
  /** Its parent, when there is one (whether the viewer may go there is the route's business). */
  parent: DashboardOrg | null;
  digest: Digest;
  heatmap: Heatmap;
  cell?: CellYear;
}

function orgOf(org: ReportOrg): DashboardOrg {
  return { id: org.id, code: org.code, name: org.name, kind: org.kind, isCell: org.kind === "cell", timeZone: org.timezone };
}

export async function dashboardView(db: Db, org: ReportOrg, now: Date): Promise<DashboardView> {
  const from = monthStart(addMonths(monthKey(now, org.timezone), -11), org.timezone);
  // One read of the meetings for the digest (from its window's start, 400 days) and the
  // year, alongside the digest's other reads.
  const meetings = subtreeMeetingsSince(db, org.path, digestWindowStart(now));
  const [input, parent] = await Promise.all([
    digestInput(db, org, now, { meetings }),
    org.parentId === null ? null : reportOrg(db, { id: org.parentId }),
  ]);
  const year = (await meetings).filter((meeting) => meeting.startsAt >= from);
  const digest = buildDigest(input);
  const heatmap = buildHeatmap({ committee: org, orgs: input.orgs, meetings: year, now, timeZone: org.timezone, settings: input.settings });
  const view: DashboardView = { org: orgOf(org), parent: parent && orgOf(parent), digest, heatmap };
  if (org.kind === "cell") view.cell = await cellYear(db, org.id, year, now);
  return view;
}

/** As the digest's overdue records (OVERDUE_AFTER_DAYS after the scheduled end). */
const OVERDUE_MS = OVERDUE_AFTER_DAYS * 86_400_000;

async function cellYear(db: Db, cellId: number, year: Awaited<ReturnType<typeof subtreeMeetingsSince>>, now: Date): Promise<CellYear> {
  const meetings = year
    .filter((m) => m.cellId === cellId)
    .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())
    .map((m) => {
      const submitted = m.record?.state === "submitted";
      const ended = m.startsAt.getTime() + m.durationMinutes * 60_000;
      return {
        id: m.id,
        startsAt: (m.record?.startedAt ?? m.startsAt).toISOString(),
        kind: m.kind,
        status: m.status,
        held: submitted ? !m.record!.notHeld : null,
        attendance: submitted && m.record!.attendanceRate !== null ? Math.round(100 * m.record!.attendanceRate) : null,
        overdue: m.status === "confirmed" && !submitted && now.getTime() - ended > OVERDUE_MS,
      };
    });
  const held = meetings.filter((m) => m.held === true).reverse();
  const [members, entries] = await Promise.all([
    db.membership.findMany({
      where: { orgId: cellId, ...CURRENT },
      select: { personId: true, status: true, role: true, person: { select: { fullName: true } } },
      orderBy: { person: { fullName: "asc" } },
    }),
    db.attendanceEntry.findMany({ where: { meetingId: { in: held.map((m) => m.id) } }, select: { meetingId: true, personId: true, attendance: true } }),
  ]);
  const mark = new Map(entries.map((e) => [`${e.meetingId}:${e.personId}`, e.attendance]));
  return {
    meetings,
    held: held.map(({ id, startsAt }) => ({ id, startsAt })),
    members: members.map((m) => ({
      name: m.person.fullName,
      status: m.status,
      role: m.role,
      marks: held.map((meeting) => mark.get(`${meeting.id}:${m.personId}`) ?? null),
    })),
  };
}
