// Everything a committee's digest needs, loaded for its whole subtree in a fixed
// number of set-based queries (never one query per cell).
//
// A province is ~3,000 cells with a year of ~37,000 meetings and a million attendance
// entries, and the weekly job builds a digest for each of its committees. So each query
// is one raw statement, the same on SQLite and PostgreSQL but for the subtree test, that
// returns only the rows and columns a digest can use. Whole records through Prisma's
// `include`, every meeting of the year and every unexcused absence made a province's
// digest several times slower and larger in memory (bench/RESULTS.md, "digest").
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../db/client.js";
import { dialectOf } from "../../db/dialect.js";
import { recentMeetingsFrom, type CellMeeting, type CellPeople, type DigestInput, type FlaggedMember, type TreeOrg } from "../../domain/digest.js";
import type { RosterPeriod } from "../../domain/roster-changes.js";
import { meetsTargetOf, type RecordChecks } from "../../domain/meeting-record.js";
import { REMOVAL_RULE_MONTHS, yearSummary } from "../../domain/member-record.js";
import { resolveSettings, type OrgSettings } from "../../domain/settings.js";
import { idsOnPath, isWithin } from "../../domain/tree.js";
import { addMonths, monthKey, monthStart, toLocal, toUtc } from "../../domain/zoned.js";
import { inForceSql } from "../../db/memberships.js";
import { subtreeResolutions } from "../../org/resolutions.js";
import { resolutionWindow, type SubtreeResolutions } from "../../domain/resolution-figures.js";

/** Meetings older than this do not change a digest (last month, the quarter, the last held). */
const WINDOW_DAYS = 400;
const DAY_MS = 86_400_000;

/** What every statement needs to know: the subtree and the instants that bound it. */
interface Scope {
  /** `o` lies in the subtree. */
  subtree: Prisma.Sql;
  /** `o` is a cell of the subtree. */
  cells: Prisma.Sql;
  now: Date;
  since: Date;
  /** recentMeetingsFrom(now). */
  recent: Date;
  year: number;
  /** The roster movements' window begins here: the first of last month (domain/roster-changes.ts). */
  rosterFrom: Date;
}

/** Where the meetings a digest reads begin (WINDOW_DAYS before now). */
export function digestWindowStart(now: Date): Date {
  return new Date(now.getTime() - WINDOW_DAYS * DAY_MS);
}

/**
 * `loaded`: the subtree's meetings from digestWindowStart already read (the dashboard
 * reads them for its year too: subtreeMeetingsSince); read here otherwise.
 */
export async function digestInput(db: Db, committee: TreeOrg & { timezone: string }, now: Date, loaded?: { meetings: Promise<CellMeeting[]> }): Promise<DigestInput> {
  const timeZone = committee.timezone;
  const subtree = subtreeOf(db, committee.path);
  const scope: Scope = {
    subtree,
    cells: Prisma.sql`o."kind" = 'cell' AND ${subtree}`,
    now,
    since: new Date(now.getTime() - WINDOW_DAYS * DAY_MS),
    recent: recentMeetingsFrom(now, timeZone),
    year: toLocal(now, timeZone).year,
    rosterFrom: monthStart(addMonths(monthKey(now, timeZone), -1), timeZone),
  };
  // Seven statements, run together: on PostgreSQL each is a round trip and a plan, and
  // a province's weekly run builds some two hundred digests (its committees' digests
  // are cut from the province's, see digestInputsOf).
  const [tree, meetings, people, marks, roster, resolutions] = await Promise.all([
    loadTree(db, scope, committee.path),
    loaded ? loaded.meetings : loadMeetings(db, scope).then((rows) => rows.map(toCellMeeting)),
    loadPeople(db, scope),
    loadMarks(db, scope, timeZone),
    loadRoster(db, scope),
    subtreeResolutions(db, committee.path, resolutionWindow(now, timeZone), now),
  ]);
  const orgs = tree.filter((o) => isWithin(o.path, committee.path));
  const cellIds = orgs.filter((o) => o.kind === "cell").map((o) => o.id);
  return {
    committee,
    orgs: orgs.map(({ settings: _settings, ...org }) => org),
    meetings,
    people: peopleOf(cellIds, people),
    flagged: flaggedOf(marks, scope.year, timeZone),
    roster: roster.map(toRosterPeriod),
    resolutions,
    now,
    timeZone,
    settings: settingsOf(tree, committee.path),
  };
}

/**
 * `o` lies in the subtree at `path`. A path holds ids and slashes only, so it needs no
 * escaping. SQLite searches its index on path for a GLOB prefix, where a LIKE (not case
 * sensitive there) would read every organisation in every statement of every digest;
 * PostgreSQL's LIKE does as well as anything under the database's collation.
 * In the statements below, CROSS JOIN keeps SQLite's join order, from the cells to
 * their rows by index (it has no statistics to choose by); to PostgreSQL's planner it
 * is a plain inner join.
 */
function subtreeOf(db: Db, path: string): Prisma.Sql {
  return dialectOf(db).provider === "sqlite" ? Prisma.sql`o."path" GLOB ${`${path}*`}` : Prisma.sql`o."path" LIKE ${`${path}%`}`;
}

interface TreeRow extends TreeOrg {
  /** JSON of local settings. */
  settings: string;
}

/** The subtree, and the committee's ancestors for the settings they pass down. */
function loadTree(db: Db, { subtree }: Scope, path: string): Promise<TreeRow[]> {
  return db.$queryRaw<TreeRow[]>`
    SELECT o."id", o."parentId", o."path", o."kind", o."name", o."code", o."settings"
    FROM "Org" o WHERE ${subtree} OR o."id" IN (${Prisma.join(idsOnPath(path))})`;
}

/** As settingsFor in features/meetings: each organisation on the path overrides those above it. */
function settingsOf(tree: TreeRow[], path: string) {
  const byId = new Map(tree.map((o) => [o.id, o.settings]));
  return resolveSettings(idsOnPath(path).map((id) => byId.get(id) ?? "{}"));
}

interface MeetingRow {
  id: number;
  orgId: number;
  kind: string;
  forMonth: string;
  startsAt: Date;
  durationMinutes: number;
  status: string;
  /** The record's columns; all null when the meeting has no record. */
  state: string | null;
  notHeld: boolean | null;
  startedAt: Date | null;
  endedAt: Date | null;
  checks: string | null;
}

/**
 * The meetings a digest reads (see DigestInput.meetings): those not cancelled, except
 * the ones recorded before `recent`; and of those, each cell's latest held meeting when
 * the cell held none from `recent` until now, for "last meeting". A province's year is
 * ~37,000 meetings; this is ~10,000.
 */
function loadMeetings(db: Db, { cells, now, since, recent }: Scope): Promise<MeetingRow[]> {
  const columns = Prisma.sql`m."id", m."orgId", m."kind", m."forMonth", m."startsAt", m."durationMinutes", m."status",
    r."state", r."notHeld", r."startedAt", r."endedAt", r."checks"`;
  const held = (m: string, r: string) => Prisma.raw(`${r}."meetingId" = ${m}."id" AND ${r}."state" = 'submitted' AND NOT ${r}."notHeld" AND ${m}."status" <> 'cancelled'`);
  return db.$queryRaw<MeetingRow[]>`
    SELECT ${columns}
    FROM "Org" o CROSS JOIN "Meeting" m LEFT JOIN "MeetingRecord" r ON r."meetingId" = m."id"
    WHERE ${cells} AND m."orgId" = o."id" AND m."startsAt" >= ${since} AND m."status" <> 'cancelled'
      AND (r."state" IS NULL OR r."state" <> 'submitted' OR m."startsAt" >= ${recent} OR r."startedAt" >= ${recent})
    UNION ALL
    SELECT "id", "orgId", "kind", "forMonth", "startsAt", "durationMinutes", "status", "state", "notHeld", "startedAt", "endedAt", "checks"
    FROM (
      SELECT ${columns},
        ROW_NUMBER() OVER (PARTITION BY m."orgId" ORDER BY COALESCE(r."startedAt", m."startsAt") DESC, m."id" DESC) AS "latest"
      FROM "Org" o CROSS JOIN "Meeting" m CROSS JOIN "MeetingRecord" r
      WHERE ${cells}
        AND NOT EXISTS (
          SELECT 1 FROM "Meeting" m2 CROSS JOIN "MeetingRecord" r2
          WHERE m2."orgId" = o."id" AND m2."startsAt" >= ${recent} AND m2."startsAt" < ${now} AND ${held("m2", "r2")}
            AND COALESCE(r2."startedAt", m2."startsAt") < ${now})
        AND m."orgId" = o."id" AND m."startsAt" >= ${since} AND m."startsAt" < ${recent} AND ${held("m", "r")}
        AND (r."startedAt" IS NULL OR r."startedAt" < ${recent})
    ) older
    WHERE "latest" = 1`;
}

interface PersonRow {
  /** A member who is the secretary or cannot be reached, or a follower of the cell. */
  source: "follower" | "member";
  orgId: number;
  /** Members only. */
  role: string | null;
  fullName: string;
  telegramChatId: string | null;
  unreachableAt: Date | null;
}

/** Secretaries, unreachable members and followers, in one pass. */
function loadPeople(db: Db, { cells }: Scope): Promise<PersonRow[]> {
  return db.$queryRaw<PersonRow[]>`
    SELECT 'member' AS "source", ms."orgId", ms."role", p."fullName", p."telegramChatId", p."unreachableAt", ms."id" AS "rowId"
    FROM "Org" o CROSS JOIN "Membership" ms CROSS JOIN "Person" p
    WHERE ${cells} AND ms."orgId" = o."id" AND p."id" = ms."personId"
      AND ((ms."role" = 'secretary' AND ${inForceSql("ms")}) OR p."unreachableAt" IS NOT NULL)
    UNION ALL
    SELECT 'follower', f."orgId", NULL, p."fullName", NULL, NULL, f."id"
    FROM "Org" o CROSS JOIN "Follow" f CROSS JOIN "Person" p
    WHERE ${cells} AND f."orgId" = o."id" AND p."id" = f."personId"
    ORDER BY "source", "rowId"`;
}

interface RosterRow {
  orgId: number | bigint;
  personId: number | bigint;
  fullName: string;
  startedOn: Date | string | null;
  endedOn: Date | string | null;
  endReason: string | null;
  /** The endReason of the same person's home period that ended the instant this one began. */
  before: string | null;
  admittedOn: Date | string | null;
  /** Current and probationary: at home, or attending elsewhere as a probationary member. */
  probationary: number | bigint | boolean;
}

/** Probation is twelve months: members admitted after this many days back cannot be overdue (a day's margin for zones). */
const PROBATION_MIN_DAYS = 364;

/**
 * The cells' home periods the roster section reads (DigestInput.roster): those begun or
 * ended since the first of last month, and the current ones of probationary members
 * (or "transferred": they may attend elsewhere as probationary members) who were
 * admitted a year or more ago (their probation may be overdue) or since the first of
 * last month (admitted then, though on the roster from before). Each comes with the
 * end reason of the period it followed. A province's ~90,000 periods are read by cell
 * through the index on orgId, as loadPeople reads them; only those that match are
 * joined to their person, and a few hundred come back.
 */
function loadRoster(db: Db, { cells, rosterFrom, now }: Scope): Promise<RosterRow[]> {
  const overdueFrom = new Date(now.getTime() - PROBATION_MIN_DAYS * DAY_MS);
  return db.$queryRaw<RosterRow[]>`
    SELECT ms."orgId", ms."personId", p."fullName", ms."startedOn", ms."endedOn", ms."endReason", p."admittedOn",
      CASE WHEN ms."startedOn" >= ${rosterFrom} THEN (
        SELECT prev."endReason" FROM "Membership" prev
        WHERE prev."personId" = ms."personId" AND prev."kind" = 'home' AND prev."endedOn" = ms."startedOn" AND prev."id" <> ms."id"
        ORDER BY prev."id" DESC LIMIT 1) END AS "before",
      CASE WHEN ms."endedOn" IS NULL AND (ms."status" = 'probationary' OR (ms."status" = 'transferred' AND EXISTS (
        SELECT 1 FROM "Membership" a
        WHERE a."personId" = ms."personId" AND a."kind" = 'attached' AND a."endedOn" IS NULL AND a."status" = 'probationary'))) THEN 1 ELSE 0 END AS "probationary"
    FROM "Org" o CROSS JOIN "Membership" ms CROSS JOIN "Person" p
    WHERE ${cells} AND ms."orgId" = o."id" AND ms."kind" = 'home' AND p."id" = ms."personId"
      AND (ms."startedOn" >= ${rosterFrom} OR ms."endedOn" >= ${rosterFrom}
        OR (ms."endedOn" IS NULL AND ms."status" IN ('probationary', 'transferred') AND (p."admittedOn" <= ${overdueFrom} OR p."admittedOn" >= ${rosterFrom})))
    ORDER BY ms."id"`;
}

interface MarkRow {
  /** An unexcused absence, or a month of unpaid dues. */
  source: "absence" | "dues";
  personId: number;
  fullName: string;
  orgId: number;
  /** Absences only. */
  meetingId: number | null;
  /** The meeting's forMonth, or the unpaid month. */
  month: string;
  startsAt: Date | null;
  startedAt: Date | null;
  /** Absences only: the member's status on the meeting day (yearSummary decides whether it counts). */
  memberStatus: string | null;
}

/**
 * What the three-months rule counts this year, for the members who could reach it:
 * unexcused absences at meetings held this year (a day's margin each side; yearSummary
 * decides) and unpaid-dues months of the year, of each member with at least
 * REMOVAL_RULE_MONTHS of them together, in whichever cells of the subtree (a member who
 * moved counts the months of both). By December a province has ~26,000 unexcused
 * absences; a few thousand belong to such members. DuesMark has no index on orgId: it
 * is read first, then its cell by key.
 */
function loadMarks(db: Db, { cells, since, year }: Scope, timeZone: string): Promise<MarkRow[]> {
  const from = new Date(toUtc({ year, month: 1, day: 1, hour: 0, minute: 0 }, timeZone).getTime() - DAY_MS);
  const until = new Date(toUtc({ year: year + 1, month: 1, day: 1, hour: 0, minute: 0 }, timeZone).getTime() + DAY_MS);
  return db.$queryRaw<MarkRow[]>`
    WITH absences AS MATERIALIZED (
      SELECT e."id", e."personId", e."memberStatus", m."orgId", m."id" AS "meetingId", m."forMonth", m."startsAt", r."startedAt"
      FROM "Org" o CROSS JOIN "Meeting" m CROSS JOIN "MeetingRecord" r CROSS JOIN "AttendanceEntry" e
      WHERE ${cells} AND m."orgId" = o."id" AND m."startsAt" >= ${since}
        AND r."meetingId" = m."id" AND r."state" = 'submitted' AND NOT r."notHeld"
        AND COALESCE(r."startedAt", m."startsAt") >= ${from} AND COALESCE(r."startedAt", m."startsAt") < ${until}
        AND e."meetingId" = m."id" AND e."attendance" = 'unexcused'
    ),
    dues AS MATERIALIZED (
      SELECT d."id", d."personId", d."orgId", d."month"
      FROM "DuesMark" d CROSS JOIN "Org" o
      WHERE d."month" LIKE ${`${year}-%`} AND o."id" = d."orgId" AND ${cells}
    ),
    candidates AS (
      SELECT "personId"
      FROM (SELECT "personId" FROM absences UNION ALL SELECT "personId" FROM dues) marks
      GROUP BY "personId" HAVING COUNT(*) >= ${REMOVAL_RULE_MONTHS}
    )
    SELECT 'absence' AS "source", a."personId", p."fullName", a."orgId", a."meetingId", a."forMonth" AS "month", a."startsAt", a."startedAt", a."memberStatus", a."id" AS "rowId"
    FROM candidates c CROSS JOIN absences a CROSS JOIN "Person" p
    WHERE a."personId" = c."personId" AND p."id" = a."personId"
    UNION ALL
    SELECT 'dues', d."personId", p."fullName", d."orgId", NULL, d."month", NULL, NULL, NULL, d."id"
    FROM candidates c CROSS JOIN dues d CROSS JOIN "Person" p
    WHERE d."personId" = c."personId" AND p."id" = d."personId"
    ORDER BY "source", "rowId"`;
}

const dateOrNull = (value: Date | string | null): Date | null => (value === null ? null : value instanceof Date ? value : new Date(value));

function toRosterPeriod(r: RosterRow): RosterPeriod {
  return {
    cellId: Number(r.orgId),
    personId: Number(r.personId),
    name: r.fullName,
    startedOn: dateOrNull(r.startedOn),
    endedOn: dateOrNull(r.endedOn),
    endReason: r.endReason,
    before: r.before,
    admittedOn: dateOrNull(r.admittedOn),
    probationary: Number(r.probationary) === 1 || r.probationary === true,
  };
}

function toCellMeeting(m: MeetingRow): CellMeeting {
  const checks = m.checks === null ? {} : (JSON.parse(m.checks) as Partial<RecordChecks>);
  return {
    id: m.id,
    cellId: m.orgId,
    kind: m.kind as CellMeeting["kind"],
    forMonth: m.forMonth,
    startsAt: m.startsAt,
    durationMinutes: m.durationMinutes,
    status: m.status as CellMeeting["status"],
    record:
      m.state === null
        ? null
        : {
            state: m.state as "draft" | "submitted",
            notHeld: Boolean(m.notHeld),
            startedAt: m.startedAt,
            endedAt: m.endedAt,
            attendanceRate: checks.attendanceRate ?? null,
            meetsAttendanceTarget: meetsTargetOf(checks),
            lengthOk: checks.lengthOk ?? null,
          },
  };
}

function peopleOf(cellIds: number[], rows: PersonRow[]): CellPeople[] {
  // Grouped by cell in one pass: a province has thousands of cells.
  const people = new Map(cellIds.map((cellId) => [cellId, { cellId, secretaryName: null as string | null, secretaryLinked: false, unreachable: [] as string[], followers: [] as string[] }]));
  for (const row of rows) {
    const p = people.get(row.orgId);
    if (!p) continue;
    if (row.source === "follower") {
      p.followers.push(row.fullName);
      continue;
    }
    if (row.role === "secretary" && p.secretaryName === null) Object.assign(p, { secretaryName: row.fullName, secretaryLinked: Boolean(row.telegramChatId) });
    if (row.unreachableAt !== null) p.unreachable.push(row.fullName);
  }
  return [...people.values()];
}

/** A dues month's place among absences, for "latest": its middle (the zone does not matter here). */
const monthStartMs = (month: string) => Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 15);

/**
 * Members with three months in the current year: unexcused absences and unpaid dues,
 * across the cells they belonged to. Listed under the cell of their latest mark.
 */
function flaggedOf(marks: MarkRow[], year: number, timeZone: string): FlaggedMember[] {
  const people = new Map<number, { cellId: number; latest: number; name: string; entries: Parameters<typeof yearSummary>[0]; unpaid: string[] }>();
  for (const mark of marks) {
    const key = Number(mark.personId);
    let p = people.get(key);
    if (!p) people.set(key, (p = { cellId: mark.orgId, latest: -Infinity, name: mark.fullName, entries: [], unpaid: [] }));
    const when = mark.source === "dues" ? monthStartMs(mark.month) : (mark.startedAt ?? mark.startsAt!).getTime();
    if (when >= p.latest) Object.assign(p, { cellId: mark.orgId, latest: when });
    if (mark.source === "dues") p.unpaid.push(mark.month);
    else p.entries.push({ meetingId: mark.meetingId!, startedAt: mark.startedAt ?? mark.startsAt!, forMonth: mark.month, attendance: "unexcused", memberStatus: mark.memberStatus! });
  }
  const flagged: FlaggedMember[] = [];
  for (const p of people.values()) {
    const summary = yearSummary(p.entries, p.unpaid, year, timeZone);
    if (summary.flag === "removal_rule") flagged.push({ cellId: p.cellId, name: p.name, months: summary.unexcusedMonths });
  }
  return flagged;
}

/** A loaded input with its rows grouped by cell, so cutting a small committee from a province reads only its own rows. */
interface LoadedTree {
  input: DigestInput;
  byCell: Map<number, { meetings: CellMeeting[]; people: CellPeople[]; flagged: FlaggedMember[]; roster: RosterPeriod[]; resolutions: CellResolutions }>;
}

function indexed(input: DigestInput): LoadedTree {
  const byCell: LoadedTree["byCell"] = new Map();
  const of = (cellId: number) => {
    let rows = byCell.get(cellId);
    if (!rows) byCell.set(cellId, (rows = { meetings: [], people: [], flagged: [], roster: [], resolutions: { tasks: [], unconcluded: [] } }));
    return rows;
  };
  for (const m of input.meetings) of(m.cellId).meetings.push(m);
  for (const p of input.people) of(p.cellId).people.push(p);
  for (const f of input.flagged) of(f.cellId).flagged.push(f);
  for (const r of input.roster ?? []) of(r.cellId).roster.push(r);
  for (const task of input.resolutions?.tasks ?? []) of(task.cellId).resolutions.tasks.push(task);
  for (const m of input.resolutions?.unconcluded ?? []) of(m.cellId).resolutions.unconcluded.push(m);
  return { input, byCell };
}

/**
 * A committee's input cut from an already loaded ancestor's, with no database work: the
 * weekly job loads a province once and builds each of its two hundred committees'
 * digests from it (bench/RESULTS.md, "digest"). Undefined when it cannot be cut: not in
 * that subtree, or another time zone (the three-months flags count the loaded zone's year).
 */
function narrowedInput(loaded: LoadedTree, committee: TreeOrg & { timezone: string }, settings: OrgSettings): DigestInput | undefined {
  const { input } = loaded;
  if (committee.timezone !== input.timeZone || !isWithin(committee.path, input.committee.path)) return undefined;
  const orgs = input.orgs.filter((o) => isWithin(o.path, committee.path));
  const rows = orgs.filter((o) => o.kind === "cell").map((o) => loaded.byCell.get(o.id));
  return {
    committee,
    orgs,
    meetings: rows.flatMap((r) => r?.meetings ?? []),
    people: rows.flatMap((r) => r?.people ?? []),
    flagged: rows.flatMap((r) => r?.flagged ?? []),
    ...(input.roster ? { roster: rows.flatMap((r) => r?.roster ?? []) } : {}),
    ...(input.resolutions ? { resolutions: cutResolutions(input.resolutions, rows) } : {}),
    now: input.now,
    timeZone: input.timeZone,
    settings,
  };
}

type CellResolutions = Pick<SubtreeResolutions, "tasks" | "unconcluded">;

/** The resolutions' facts of the cut's cells; the window is the loaded one (same zone, same `now`). */
function cutResolutions(loaded: SubtreeResolutions, rows: ({ resolutions: CellResolutions } | undefined)[]): SubtreeResolutions {
  return {
    from: loaded.from,
    until: loaded.until,
    tasks: rows.flatMap((r) => r?.resolutions.tasks ?? []),
    unconcluded: rows.flatMap((r) => r?.resolutions.unconcluded ?? []),
  };
}

/**
 * The inputs of several committees at `now`, each loaded once per topmost committee and
 * cut for the ones below it. Committees are taken in path order, so an ancestor comes
 * before its descendants; only the loaded ancestors of the current one are kept.
 */
export async function* digestInputsOf<C extends TreeOrg & { timezone: string }>(
  db: Db,
  committees: C[],
  settingsOf: (committee: C) => OrgSettings,
  now: Date,
): AsyncGenerator<[C, DigestInput]> {
  const loaded: LoadedTree[] = [];
  for (const committee of [...committees].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    while (loaded.length > 0 && !isWithin(committee.path, loaded.at(-1)!.input.committee.path)) loaded.pop();
    const ancestor = loaded.at(-1);
    const cut = ancestor && narrowedInput(ancestor, committee, settingsOf(committee));
    if (cut) {
      yield [committee, cut];
      continue;
    }
    const input = await digestInput(db, committee, now);
    loaded.push(indexed(input));
    yield [committee, input];
  }
}

/**
 * Every meeting of the subtree's cells scheduled from `since` (cancelled ones left out),
 * with its record's figures, as the digest reads them: the dashboard's year
 * (src/domain/heatmap.ts) and, from digestWindowStart, its digest's meetings. A
 * province's year is ~37,000 rows: they come back as one JSON text (Prisma decodes a
 * row at ~8 µs; JSON.parse takes an array of them far faster).
 */
export async function subtreeMeetingsSince(db: Db, committeePath: string, since: Date): Promise<CellMeeting[]> {
  const sqlite = dialectOf(db).provider === "sqlite";
  // Instants as text with their offset; PostgreSQL keeps UTC timestamps without one.
  const instant = (column: string) => Prisma.raw(sqlite ? column : `(${column} AT TIME ZONE 'UTC')`);
  const checks = sqlite ? Prisma.sql`json(r."checks")` : Prisma.sql`CAST(r."checks" AS json)`;
  const row = Prisma.sql`${Prisma.raw(sqlite ? "json_array" : "json_build_array")}(m."id", m."orgId", m."kind", m."forMonth", ${instant('m."startsAt"')},
    m."durationMinutes", m."status", r."state", r."notHeld", ${instant('r."startedAt"')}, ${instant('r."endedAt"')}, ${checks})`;
  const [{ rows }] = await db.$queryRaw<{ rows: string | null }[]>`
    SELECT CAST(${Prisma.raw(sqlite ? "json_group_array" : "json_agg")}(${row}) AS TEXT) AS "rows"
    FROM "Org" o CROSS JOIN "Meeting" m LEFT JOIN "MeetingRecord" r ON r."meetingId" = m."id"
    WHERE o."kind" = 'cell' AND ${subtreeOf(db, committeePath)} AND m."orgId" = o."id"
      AND m."startsAt" >= ${since} AND m."status" <> 'cancelled'`;
  type Row = [number, number, string, string, string, number, string, string | null, boolean | number | null, string | null, string | null, Partial<RecordChecks> | null];
  return (JSON.parse(rows ?? "[]") as Row[]).map(([id, orgId, kind, forMonth, startsAt, durationMinutes, status, state, notHeld, startedAt, endedAt, checks]) => ({
    id,
    cellId: orgId,
    kind: kind as CellMeeting["kind"],
    forMonth,
    startsAt: new Date(startsAt),
    durationMinutes,
    status: status as CellMeeting["status"],
    record:
      state === null
        ? null
        : {
            state: state as "draft" | "submitted",
            notHeld: Boolean(notHeld),
            startedAt: startedAt === null ? null : new Date(startedAt),
            endedAt: endedAt === null ? null : new Date(endedAt),
            attendanceRate: checks?.attendanceRate ?? null,
            meetsAttendanceTarget: meetsTargetOf(checks ?? {}),
            lengthOk: checks?.lengthOk ?? null,
          },
  }));
}

/** An organisation as /report shows it, with what it needs to go up the tree. */
export type ReportOrg = { id: number; parentId: number | null; path: string; kind: string; name: string; code: string; timezone: string };

/** The organisation with this id or code, or null. */
export async function reportOrg(db: Db, where: { id: number } | { code: string }): Promise<ReportOrg | null> {
  return db.org.findFirst({ where, select: { id: true, parentId: true, path: true, kind: true, name: true, code: true, timezone: true } });
}

/** The organisations a person with several reports chooses from, by code. */
export async function reportChoices(db: Db, ids: number[]): Promise<{ id: number; name: string }[]> {
  return db.org.findMany({ where: { id: { in: ids } }, orderBy: { code: "asc" }, select: { id: true, name: true } });
}
