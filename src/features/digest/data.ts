// Everything a committee's digest needs, loaded for its whole subtree in a fixed
// number of set-based queries (never one query per cell).
import { inChunks } from "../../db/chunks.js";
import type { Db } from "../../db/client.js";
import type { CellMeeting, CellPeople, DigestInput, FlaggedMember, TreeOrg } from "../../domain/digest.js";
import type { RecordChecks } from "../../domain/meeting-record.js";
import { yearSummary } from "../../domain/member-record.js";
import { toLocal } from "../../domain/zoned.js";
import { settingsFor } from "../meetings/data.js";

/** Meetings older than this do not change a digest (last month, the quarter, the last held). */
const WINDOW_DAYS = 400;

export async function digestInput(db: Db, committee: TreeOrg & { timezone: string }, now: Date): Promise<DigestInput> {
  const orgs = await db.org.findMany({
    where: { path: { startsWith: committee.path } },
    select: { id: true, parentId: true, path: true, kind: true, name: true, code: true },
  });
  const cellIds = orgs.filter((o) => o.kind === "cell").map((o) => o.id);
  const since = new Date(now.getTime() - WINDOW_DAYS * 86_400_000);
  const [meetings, leaders, unreachable, follows, unexcused, dues] = await Promise.all([
    inChunks(cellIds, (part) => db.meeting.findMany({ where: { orgId: { in: part }, startsAt: { gte: since } }, include: { record: true } })),
    inChunks(cellIds, (part) =>
      db.membership.findMany({ where: { orgId: { in: part }, role: "secretary" }, include: { person: { select: { fullName: true, telegramChatId: true } } } }),
    ),
    inChunks(cellIds, (part) =>
      db.membership.findMany({ where: { orgId: { in: part }, person: { unreachableAt: { not: null } } }, include: { person: { select: { fullName: true } } } }),
    ),
    inChunks(cellIds, (part) => db.follow.findMany({ where: { orgId: { in: part } }, include: { person: { select: { fullName: true } } } })),
    inChunks(cellIds, (part) =>
      db.attendanceEntry.findMany({
        where: { attendance: "unexcused", meeting: { orgId: { in: part }, startsAt: { gte: since }, record: { state: "submitted", notHeld: false } } },
        include: { meeting: { include: { record: true } }, person: { select: { fullName: true } } },
      }),
    ),
    inChunks(cellIds, (part) => db.duesMark.findMany({ where: { orgId: { in: part } }, include: { person: { select: { fullName: true } } } })),
  ]);
  return {
    committee,
    orgs,
    meetings: meetings.map(toCellMeeting),
    people: peopleOf(cellIds, leaders, unreachable, follows),
    flagged: flaggedOf(unexcused, dues, now, committee.timezone),
    now,
    timeZone: committee.timezone,
    settings: await settingsFor(db, committee.path),
  };
}

function toCellMeeting(m: {
  id: number;
  orgId: number;
  kind: string;
  forMonth: string;
  startsAt: Date;
  durationMinutes: number;
  status: string;
  record: { state: string; notHeld: boolean; startedAt: Date | null; endedAt: Date | null; checks: string } | null;
}): CellMeeting {
  const checks = m.record ? (JSON.parse(m.record.checks) as Partial<RecordChecks>) : {};
  return {
    id: m.id,
    cellId: m.orgId,
    kind: m.kind as CellMeeting["kind"],
    forMonth: m.forMonth,
    startsAt: m.startsAt,
    durationMinutes: m.durationMinutes,
    status: m.status as CellMeeting["status"],
    record: m.record
      ? {
          state: m.record.state as "draft" | "submitted",
          notHeld: m.record.notHeld,
          startedAt: m.record.startedAt,
          endedAt: m.record.endedAt,
          attendanceRate: checks.attendanceRate ?? null,
          meetsAttendanceTarget: checks.meetsAttendanceTarget ?? null,
          lengthOk: checks.lengthOk ?? null,
        }
      : null,
  };
}

function peopleOf(
  cellIds: number[],
  leaders: { orgId: number; person: { fullName: string; telegramChatId: string | null } }[],
  unreachable: { orgId: number; person: { fullName: string } }[],
  follows: { orgId: number; person: { fullName: string } }[],
): CellPeople[] {
  // Grouped by cell in one pass each: a province has thousands of cells.
  const people = new Map(cellIds.map((cellId) => [cellId, { cellId, secretaryName: null as string | null, secretaryLinked: false, unreachable: [] as string[], followers: [] as string[] }]));
  for (const l of leaders) {
    const p = people.get(l.orgId);
    if (p && p.secretaryName === null) Object.assign(p, { secretaryName: l.person.fullName, secretaryLinked: Boolean(l.person.telegramChatId) });
  }
  for (const u of unreachable) people.get(u.orgId)?.unreachable.push(u.person.fullName);
  for (const f of follows) people.get(f.orgId)?.followers.push(f.person.fullName);
  return [...people.values()];
}

/** Members with three months in the current year: unexcused absences and unpaid dues. */
function flaggedOf(
  unexcused: { personId: number; person: { fullName: string }; meeting: { id: number; orgId: number; forMonth: string; startsAt: Date; record: { startedAt: Date | null } | null } }[],
  dues: { personId: number; orgId: number; month: string; person: { fullName: string } }[],
  now: Date,
  timeZone: string,
): FlaggedMember[] {
  const year = toLocal(now, timeZone).year;
  const people = new Map<string, { cellId: number; name: string; entries: Parameters<typeof yearSummary>[0]; unpaid: string[] }>();
  const person = (cellId: number, personId: number, name: string) => {
    const key = `${cellId} ${personId}`;
    let p = people.get(key);
    if (!p) people.set(key, (p = { cellId, name, entries: [], unpaid: [] }));
    return p;
  };
  for (const e of unexcused) {
    person(e.meeting.orgId, e.personId, e.person.fullName).entries.push({
      meetingId: e.meeting.id,
      startedAt: e.meeting.record?.startedAt ?? e.meeting.startsAt,
      forMonth: e.meeting.forMonth,
      attendance: "unexcused",
    });
  }
  for (const d of dues) person(d.orgId, d.personId, d.person.fullName).unpaid.push(d.month);
  const flagged: FlaggedMember[] = [];
  for (const p of people.values()) {
    const summary = yearSummary(p.entries, p.unpaid, year, timeZone);
    if (summary.flag === "removal_rule") flagged.push({ cellId: p.cellId, name: p.name, months: summary.unexcusedMonths });
  }
  return flagged;
}
