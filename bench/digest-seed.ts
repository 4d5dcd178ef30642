// Seeding for the digest benchmarks (bench/digest.ts): a province with a year of
// meetings and attendance, and the whole country with one month of them.
//
// Every outcome (a missing meeting, a draft record, an unexcused absence...) comes from
// a small arithmetic hash of ids, so a run is reproducible and SQLite and PostgreSQL get
// the same rows. Rows are written as multi-row INSERTs of literals (the values are ours:
// digits, fixed words and generated names, quoted), and the million attendance rows as
// one INSERT … SELECT that applies the same hash in SQL. Seeding is timed but not part
// of any measured figure.
import type { Db, Provider } from "../src/db/client.js";
import { dialectOf, dialectFor } from "../src/db/dialect.js";
import { childPath } from "../src/domain/tree.js";
import { toUtc } from "../src/domain/zoned.js";

export const TIME_ZONE = "Asia/Ho_Chi_Minh";
const ROWS_PER_INSERT = 500;
const MINUTE_MS = 60_000;

// ---------------------------------------------------------------------------------
// The hash and the attendance rule, in TypeScript and in SQL: the records' checks are
// computed in TypeScript from the very rule the INSERT … SELECT applies, and the seed
// verifies afterwards that both produced the same counts.

/** A deterministic 0..10006 from two non-negative integers; small factors keep PostgreSQL's int4 safe. */
export function mix(a: number, b: number): number {
  return ((a % 9973) * 7919 + (b % 9967) * 6053) % 10007;
}

const mixSql = (a: string, b: string) => `(((${a} % 9973) * 7919 + (${b} % 9967) * 6053) % 10007)`;

/** About one member in 40 skips meetings habitually: these get flagged under the three-months rule. */
const isAbsentee = (personId: number) => personId % 40 === 7;
/** One meeting in 20 has many members excused, and falls below the 85% target. */
const isLowAttendance = (meetingId: number) => meetingId % 20 === 3;

export type Attendance = "present" | "late" | "excused" | "unexcused";

export function attendanceOf(meetingId: number, personId: number): Attendance {
  const h = mix(meetingId, personId) % 100;
  if (isAbsentee(personId) && h < 30) return "unexcused";
  if (isLowAttendance(meetingId) && h < 25) return "excused";
  if (h < 2) return "unexcused";
  if (h < 8) return "excused";
  if (h < 11) return "late";
  return "present";
}

function attendanceSql(meetingId: string, personId: string): string {
  const h = `(${mixSql(meetingId, personId)} % 100)`;
  return `CASE
    WHEN ${personId} % 40 = 7 AND ${h} < 30 THEN 'unexcused'
    WHEN ${meetingId} % 20 = 3 AND ${h} < 25 THEN 'excused'
    WHEN ${h} < 2 THEN 'unexcused'
    WHEN ${h} < 8 THEN 'excused'
    WHEN ${h} < 11 THEN 'late'
    ELSE 'present' END`;
}

/**
 * One attendance entry per membership of the cell for every meeting whose record says
 * it took place (submitted or still a draft): one set-based statement.
 */
async function insertAttendance(db: Db): Promise<number> {
  return db.$executeRawUnsafe(`
    INSERT INTO "AttendanceEntry" ("meetingId", "personId", "memberStatus", "attendance")
    SELECT m."id", ms."personId", ms."status", ${attendanceSql(`m."id"`, `ms."personId"`)}
    FROM "Meeting" m
    JOIN "MeetingRecord" r ON r."meetingId" = m."id"
    JOIN "Membership" ms ON ms."orgId" = m."orgId" AND ms."role" <> 'committee'
    WHERE r."notHeld" = ${bool(dialectOf(db).provider, false)}`);
}

// ---------------------------------------------------------------------------------
// Literals and multi-row inserts.

type Value = string | number | boolean | Date | null;

function bool(provider: Provider, value: boolean): string {
  return provider === "sqlite" ? (value ? "1" : "0") : value ? "true" : "false";
}

function literal(provider: Provider, value: Value): string {
  if (value === null) return "NULL";
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return bool(provider, value);
  if (value instanceof Date) return `'${dialectFor(provider).timestamp(value)}'`;
  return `'${value.replaceAll("'", "''")}'`;
}

async function insertRows(db: Db, table: string, columns: string[], rows: Value[][]): Promise<void> {
  const provider = dialectOf(db).provider;
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows.slice(i, i + ROWS_PER_INSERT).map((row) => `(${row.map((v) => literal(provider, v)).join(", ")})`);
    await db.$executeRawUnsafe(head + values.join(", "));
  }
}

/** See bench/seed.ts: PostgreSQL sequences do not move when ids are given explicitly. */
async function advanceSequences(db: Db, tables: string[]): Promise<void> {
  if (dialectOf(db).provider !== "postgresql") return;
  for (const table of tables) {
    await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), GREATEST(1, (SELECT MAX("id") FROM "${table}")))`);
  }
}

async function scalar(db: Db, sql: string): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ n: unknown }[]>(sql);
  return Number(rows[0]!.n);
}

// ---------------------------------------------------------------------------------
// The province: a year of meetings.

export interface ProvinceSize {
  cells: number;
  membersPerCell: number;
}

export interface SeededProvince {
  provinceId: number;
  /** `now` of every digest: 10 December 2026, 10:00 in Hanoi (the quarter's last month). */
  now: Date;
  orgs: { communes: number; bases: number; cells: number; cellsUnderBases: number };
  rows: { persons: number; memberships: number; meetings: number; records: number; attendance: number; unexcused: number; dues: number; follows: number };
  /** Outcomes of the meetings as generated, for the report. */
  outcomes: Record<string, number>;
}

const PROVINCE_NOW = toUtc({ year: 2026, month: 12, day: 10, hour: 10, minute: 0 }, TIME_ZONE);
const YEAR = 2026;
const CELLS_PER_COMMUNE = 30;

interface OrgRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  path: string;
}

/**
 * Province → communes of 30 cells. Every other commune has two base organisations of 12
 * cells each and 6 cells of its own, so cells sit at two depths.
 */
function provinceTree(cellCount: number): { orgs: OrgRow[]; cells: OrgRow[]; committees: OrgRow[]; communeOfCell: number[] } {
  const orgs: OrgRow[] = [];
  const cells: OrgRow[] = [];
  const communeOfCell: number[] = [];
  let nextId = 1;
  const add = (row: Omit<OrgRow, "id" | "path">, parent?: OrgRow) => {
    const id = nextId++;
    const org = { ...row, id, path: childPath(parent?.path, id) };
    orgs.push(org);
    return org;
  };
  const province = add({ code: "P1", name: "Tỉnh ủy Bench", kind: "province", parentId: null });
  const communeCount = Math.ceil(cellCount / CELLS_PER_COMMUNE);
  for (let c = 0; c < communeCount; c++) {
    const commune = add({ code: `X${c + 1}`, name: `Đảng ủy xã ${c + 1}`, kind: "commune", parentId: province.id }, province);
    const inCommune = Math.min(CELLS_PER_COMMUNE, cellCount - c * CELLS_PER_COMMUNE);
    const bases =
      c % 2 === 1
        ? [1, 2].map((b) => add({ code: `X${c + 1}B${b}`, name: `Đảng ủy cơ sở ${c + 1}.${b}`, kind: "base", parentId: commune.id }, commune))
        : [];
    for (let k = 0; k < inCommune; k++) {
      // With bases: 12 cells under each, the rest directly under the commune.
      const parent = bases.length > 0 && k < 24 ? bases[Math.floor(k / 12)]! : commune;
      const n = cells.length + 1;
      cells.push(add({ code: `C${n}`, name: `Chi bộ ${n}`, kind: "cell", parentId: parent.id }, parent));
      communeOfCell.push(commune.id);
    }
  }
  return { orgs, cells, committees: orgs.filter((o) => o.kind !== "cell"), communeOfCell };
}

const AGENDA =
  "1. Đánh giá kết quả thực hiện nhiệm vụ tháng; 2. Triển khai nhiệm vụ tháng tới; 3. Thông tin thời sự, quán triệt nghị quyết; 4. Ý kiến đảng viên";
const TOPIC = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh";
const SCORE_ITEMS = JSON.stringify([
  { key: "preparation", points: 13, max: 15 },
  { key: "attendance", points: 18, max: 20 },
  { key: "conduct", points: 40, max: 45 },
  { key: "closing", points: 17, max: 20 },
]);

interface MemberRow {
  personId: number;
  status: string;
}

/** The record checks as the bot computes them on submission, from the seeded attendance rule. */
function checksOf(meetingId: number, kind: string, members: MemberRow[], lengthMinutes: number): string {
  let expected = 0;
  let present = 0;
  let late = 0;
  let excused = 0;
  let unexcused = 0;
  let exemptPresent = 0;
  let officialPresent = 0;
  let countedOfficial = 0;
  for (const m of members) {
    const a = attendanceOf(meetingId, m.personId);
    const attended = a === "present" || a === "late";
    if (m.status === "exempt") {
      if (attended) exemptPresent++;
      continue;
    }
    expected++;
    if (attended) present++;
    if (a === "late") late++;
    if (a === "excused") excused++;
    if (a === "unexcused") unexcused++;
    if (m.status === "official" && a !== "excused") {
      countedOfficial++;
      if (attended) officialPresent++;
    }
  }
  const attendanceRate = expected === 0 ? 1 : present / expected;
  const minimumMinutes = kind === "combined" ? 120 : 90;
  return JSON.stringify({
    expected,
    present,
    late,
    excused,
    unexcused,
    exemptPresent,
    attendanceRate,
    attendanceTarget: 0.85,
    meetsAttendanceTarget: attendanceRate >= 0.85,
    lengthMinutes,
    minimumMinutes,
    lengthOk: lengthMinutes >= minimumMinutes,
    quorum: { countedOfficial, officialPresent, canPass: countedOfficial > 0 && officialPresent * 2 > countedOfficial },
  });
}

/** 0..99 for a cell, a month and a purpose. */
const pct = (cell: number, month: number, salt: number) => mix(cell * 131 + month * 7 + salt, cell + salt * 977) % 100;

export async function seedDigestProvince(db: Db, size: ProvinceSize, log: (line: string) => void): Promise<SeededProvince> {
  const { orgs, cells, committees, communeOfCell } = provinceTree(size.cells);
  const created = new Date("2025-12-01T00:00:00Z");
  await insertRows(
    db,
    "Org",
    ["id", "code", "name", "kind", "parentId", "path", "timezone", "updatedAt"],
    orgs.map((o) => [o.id, o.code, o.name, o.kind, o.parentId, o.path, TIME_ZONE, created]),
  );

  // Members: the first of a cell is its secretary (except one cell in 50, which has
  // none), the second its deputy. Some are not linked to Telegram, some unreachable.
  const persons: Value[][] = [];
  const memberships: Value[][] = [];
  const membersOf: MemberRow[][] = [];
  const namesOf: string[][] = [];
  let personId = 0;
  for (const [i, cell] of cells.entries()) {
    const members: MemberRow[] = [];
    const names: string[] = [];
    for (let m = 0; m < size.membersPerCell; m++) {
      const id = ++personId;
      const name = `Đảng viên ${id}`;
      const secretary = m === 0 && i % 50 !== 17;
      const linked = secretary ? i % 13 !== 5 : id % 9 !== 4;
      const status = id % 50 === 3 ? "exempt" : id % 20 === 1 ? "probationary" : "official";
      persons.push([
        id,
        name,
        `+849${String(id).padStart(8, "0")}`,
        linked ? String(800_000_000 + id) : null,
        linked ? String(800_000_000 + id) : null,
        linked ? created : null,
        linked && id % 101 === 11 ? new Date("2026-10-01T00:00:00Z") : null,
        created,
      ]);
      memberships.push([cell.id, id, status, secretary ? "secretary" : m === 1 ? "deputy" : "member", created]);
      members.push({ personId: id, status });
      names.push(name);
    }
    membersOf.push(members);
    namesOf.push(names);
  }
  // Committee members: 5 for the province, 3 per commune, 2 per base. One commune
  // committee member follows every third cell of the commune; the province's first
  // committee member follows one cell in a hundred.
  const committeeMembers = new Map<number, number[]>();
  for (const committee of committees) {
    const ids = Array.from({ length: committee.kind === "province" ? 5 : committee.kind === "commune" ? 3 : 2 }, () => ++personId);
    committeeMembers.set(committee.id, ids);
    for (const id of ids) {
      persons.push([id, `Ủy viên ${id}`, `+849${String(id).padStart(8, "0")}`, String(800_000_000 + id), String(800_000_000 + id), created, null, created]);
      memberships.push([committee.id, id, "official", "committee", created]);
    }
  }
  const follows: Value[][] = [];
  for (const [i, cell] of cells.entries()) {
    if (i % 3 === 0) follows.push([cell.id, committeeMembers.get(communeOfCell[i]!)![0]!, created]);
    if (i % 100 === 0) follows.push([cell.id, committeeMembers.get(1)![0]!, created]);
  }
  await insertRows(db, "Person", ["id", "fullName", "phone", "telegramUserId", "telegramChatId", "linkedAt", "unreachableAt", "updatedAt"], persons);
  await insertRows(db, "Membership", ["orgId", "personId", "status", "role", "updatedAt"], memberships);
  await insertRows(db, "Follow", ["orgId", "personId", "createdAt"], follows);

  // Unpaid dues: one member in a hundred owes two months, which with absences can make three.
  const dues: Value[][] = [];
  for (const [i, cell] of cells.entries()) {
    for (const m of membersOf[i]!) if (m.personId % 97 === 5) for (const month of ["2026-03", "2026-07"]) dues.push([m.personId, cell.id, month, created]);
  }
  await insertRows(db, "DuesMark", ["personId", "orgId", "month", "createdAt"], dues);
  log(`orgs, ${persons.length} persons, memberships, ${follows.length} follows, ${dues.length} dues marks written`);

  const { meetings, records, outcomes, cellIndexOf } = provinceMeetings(cells, membersOf, namesOf);
  await insertRows(
    db,
    "Meeting",
    ["id", "orgId", "kind", "forMonth", "startsAt", "durationMinutes", "place", "agenda", "thematicTopic", "status", "confirmedAt", "updatedAt"],
    meetings,
  );
  await insertRows(
    db,
    "MeetingRecord",
    ["meetingId", "state", "notHeld", "notHeldReason", "startedAt", "endedAt", "chair", "noteTaker", "checks", "scoreItems", "scoreTotal", "scoreGrade", "recordedByPersonId", "submittedAt", "updatedAt"],
    records,
  );
  log(`${meetings.length} meetings, ${records.length} records written`);
  const attendance = await insertAttendance(db);
  await advanceSequences(db, ["Org", "Person", "Meeting"]);
  if (dialectOf(db).provider === "postgresql") await db.$executeRawUnsafe("ANALYZE");

  // The checks in the records were computed from attendanceOf, the rows by its SQL twin:
  // both must give the same number of unexcused absences.
  let expectedUnexcused = 0;
  for (const r of records) {
    if (r[2] !== false) continue;
    const meetingId = r[0] as number;
    for (const m of membersOf[cellIndexOf.get(meetingId)!]!) if (attendanceOf(meetingId, m.personId) === "unexcused") expectedUnexcused++;
  }
  const unexcused = await scalar(db, `SELECT COUNT(*) AS n FROM "AttendanceEntry" WHERE "attendance" = 'unexcused'`);
  if (unexcused !== expectedUnexcused) throw new Error(`seed: the SQL attendance rule gave ${unexcused} unexcused entries, the TypeScript one ${expectedUnexcused}`);
  return {
    provinceId: 1,
    now: PROVINCE_NOW,
    orgs: {
      communes: committees.filter((c) => c.kind === "commune").length,
      bases: committees.filter((c) => c.kind === "base").length,
      cells: cells.length,
      cellsUnderBases: cells.filter((c) => orgs.find((o) => o.id === c.parentId)!.kind === "base").length,
    },
    rows: { persons: persons.length, memberships: memberships.length, meetings: meetings.length, records: records.length, attendance, unexcused, dues: dues.length, follows: follows.length },
    outcomes,
  };
}

/**
 * A year of meetings per cell: a regular meeting each month (1.5% missing, 2% cancelled,
 * 2% without a record, 2% with a draft, 1% recorded as not held); in each quarter's
 * middle month 70% of cells make it a combined meeting, 18% hold a separate thematic one
 * and 12% none. 5% of held meetings are short; attendance decides the low ones. In
 * December, meetings after `now` are confirmed (85%), proposed (7%) or missing (8%).
 */
function provinceMeetings(cells: OrgRow[], membersOf: MemberRow[][], namesOf: string[][]): { meetings: Value[][]; records: Value[][]; outcomes: Record<string, number>; cellIndexOf: Map<number, number> } {
  const meetings: Value[][] = [];
  const records: Value[][] = [];
  const outcomes: Record<string, number> = {};
  const tally = (key: string) => (outcomes[key] = (outcomes[key] ?? 0) + 1);
  const confirmedAt = new Date("2025-12-20T00:00:00Z");
  let meetingId = 0;
  const cellIndexOf = new Map<number, number>();

  const addMeeting = (i: number, month: number, day: number, kind: string, roll: number) => {
    const cell = cells[i]!;
    const startsAt = toUtc({ year: YEAR, month, day, hour: 19, minute: 30 }, TIME_ZONE);
    const forMonth = `${YEAR}-${String(month).padStart(2, "0")}`;
    const duration = kind === "regular" ? 90 : 120;
    const past = startsAt.getTime() + duration * MINUTE_MS < PROVINCE_NOW.getTime();
    let status: string;
    let record: "none" | "draft" | "notHeld" | "held" = "none";
    if (past) {
      if (roll < 1.5) return tally("missing");
      status = roll < 3.5 ? "cancelled" : "confirmed";
      if (roll >= 5.5) record = roll < 7.5 ? "draft" : roll < 8.5 ? "notHeld" : "held";
    } else {
      if (roll < 8) return tally("missing (future)");
      status = roll < 15 ? "proposed" : "confirmed";
    }
    const id = ++meetingId;
    cellIndexOf.set(id, i);
    tally(`${kind} ${status}${past ? `, record ${record}` : ", upcoming"}`);
    meetings.push([
      id,
      cell.id,
      kind,
      forMonth,
      startsAt,
      duration,
      `Hội trường ${cell.name}`,
      AGENDA,
      kind === "regular" ? null : TOPIC,
      status,
      status === "confirmed" ? confirmedAt : null,
      confirmedAt,
    ]);
    if (record === "none") return;
    const startedAt = new Date(startsAt.getTime() + (mix(id, 5) % 11) * MINUTE_MS);
    const lengthMinutes = pct(i, month, 3) < 5 ? 75 : duration + (mix(id, 7) % 20);
    const endedAt = new Date(startedAt.getTime() + lengthMinutes * MINUTE_MS);
    const [secretaryName, deputyName] = namesOf[i]!;
    const secretaryId = membersOf[i]![0]!.personId;
    if (record === "notHeld") {
      records.push([id, "submitted", true, "Thiên tai, không tổ chức được", null, null, null, null, "{}", null, null, null, secretaryId, endedAt, endedAt]);
      return;
    }
    const checks = checksOf(id, kind, membersOf[i]!, lengthMinutes);
    const submitted = record === "held";
    records.push([
      id,
      submitted ? "submitted" : "draft",
      false,
      null,
      startedAt,
      endedAt,
      secretaryName!,
      deputyName ?? secretaryName!,
      submitted ? checks : "{}",
      submitted ? SCORE_ITEMS : null,
      submitted ? 88 : null,
      submitted ? "good" : null,
      secretaryId,
      submitted ? endedAt : null,
      endedAt,
    ]);
  };

  for (let month = 1; month <= 12; month++) {
    const midQuarter = month % 3 === 2;
    for (let i = 0; i < cells.length; i++) {
      const day = 1 + ((i * 7 + month) % 28);
      const thematic = midQuarter ? pct(i, month, 2) : 100;
      addMeeting(i, month, day, thematic < 70 ? "combined" : "regular", mix(i * 12 + month, 1) % 1000 / 10);
      if (thematic >= 70 && thematic < 88) addMeeting(i, month, Math.min(28, day + 7), "thematic", mix(i * 12 + month, 2) % 1000 / 10 + 1.5);
    }
  }
  return { meetings, records, outcomes, cellIndexOf };
}

// ---------------------------------------------------------------------------------
// The country: 34 provinces, one month, all set-based on PostgreSQL.

export interface NationalSize {
  provinces: number;
  cellsPerProvince: number;
}

export interface SeededNation {
  provinceIds: number[];
  /** 20 February 2027, 10:00 in Hanoi: the month's meetings before it are held. */
  now: Date;
  rows: { orgs: number; cells: number; persons: number; memberships: number; meetings: number; records: number; attendance: number };
  stepMs: Record<string, number>;
}

const NATIONAL_NOW = toUtc({ year: 2027, month: 2, day: 20, hour: 10, minute: 0 }, TIME_ZONE);
/** Member slots per cell: 24, and a 25th in one cell of three (about 5.6 million for 230,000 cells). */
const SLOTS = 25;
const CELL_ID_BASE = 1_000_000;

/**
 * Province p (1..34) → communes of 30 cells → cells; cell k (0-based over the country)
 * has id 1,000,000 + k and members k·25 + s + 1. One meeting per cell in February 2027
 * on day 1 + (7k mod 28) at 19:30 local; those before `now` mostly held, with one
 * attendance entry per member. Everything is INSERT … SELECT over generate_series.
 */
export async function seedNation(db: Db, size: NationalSize, log: (line: string) => void): Promise<SeededNation> {
  if (dialectOf(db).provider !== "postgresql") throw new Error("digest-national seeds with generate_series: PostgreSQL only");
  const { provinces, cellsPerProvince } = size;
  const communesPerProvince = Math.ceil(cellsPerProvince / CELLS_PER_COMMUNE);
  const cellCount = provinces * cellsPerProvince;
  const stepMs: Record<string, number> = {};
  const step = async (name: string, sql: string) => {
    const started = performance.now();
    const rows = await db.$executeRawUnsafe(sql);
    stepMs[name] = performance.now() - started;
    log(`${name}: ${rows} rows in ${(stepMs[name]! / 1000).toFixed(1)} s`);
    return rows;
  };
  const communeId = (p: string, c: string) => `(1000 + (${p} - 1) * ${communesPerProvince} + ${c})`;
  // k → province (1-based) and commune index within it.
  const provinceOf = (k: string) => `(${k} / ${cellsPerProvince} + 1)`;
  const communeIndexOf = (k: string) => `((${k} % ${cellsPerProvince}) / ${CELLS_PER_COMMUNE})`;
  const stamp = `TIMESTAMP '2026-12-01 00:00:00'`;

  // A session setting, not the server's: the seed is not measured, the digest reads after it.
  await db.$executeRawUnsafe("SET synchronous_commit = off");
  let orgs = await step(
    "orgs: provinces",
    `INSERT INTO "Org" ("id", "code", "name", "kind", "parentId", "path", "timezone", "updatedAt")
     SELECT p, 'P' || p, 'Tỉnh ủy ' || p, 'province', NULL, '/' || p || '/', '${TIME_ZONE}', ${stamp} FROM generate_series(1, ${provinces}) p`,
  );
  orgs += await step(
    "orgs: communes",
    `INSERT INTO "Org" ("id", "code", "name", "kind", "parentId", "path", "timezone", "updatedAt")
     SELECT ${communeId("p", "c")}, 'X' || p || '-' || c, 'Đảng ủy xã ' || p || '-' || c, 'commune', p,
            '/' || p || '/' || ${communeId("p", "c")} || '/', '${TIME_ZONE}', ${stamp}
     FROM generate_series(1, ${provinces}) p CROSS JOIN generate_series(0, ${communesPerProvince - 1}) c`,
  );
  orgs += await step(
    "orgs: cells",
    `INSERT INTO "Org" ("id", "code", "name", "kind", "parentId", "path", "timezone", "updatedAt")
     SELECT ${CELL_ID_BASE} + k, 'C' || k, 'Chi bộ ' || k, 'cell', ${communeId(provinceOf("k"), communeIndexOf("k"))},
            '/' || ${provinceOf("k")} || '/' || ${communeId(provinceOf("k"), communeIndexOf("k"))} || '/' || (${CELL_ID_BASE} + k) || '/', '${TIME_ZONE}', ${stamp}
     FROM generate_series(0, ${cellCount - 1}) k`,
  );
  const slots = `FROM generate_series(0, ${cellCount - 1}) k CROSS JOIN generate_series(0, ${SLOTS - 1}) s WHERE (s < ${SLOTS - 1} OR k % 3 = 0)`;
  const person = `(k * ${SLOTS} + s + 1)`;
  const persons = await step(
    "persons",
    `INSERT INTO "Person" ("id", "fullName", "phone", "telegramUserId", "telegramChatId", "linkedAt", "unreachableAt", "updatedAt")
     SELECT ${person}, 'Đảng viên ' || ${person}, '+849' || lpad(${person}::text, 8, '0'),
            CASE WHEN ${person} % 9 = 4 THEN NULL ELSE (800000000 + ${person})::text END,
            CASE WHEN ${person} % 9 = 4 THEN NULL ELSE (800000000 + ${person})::text END,
            CASE WHEN ${person} % 9 = 4 THEN NULL ELSE ${stamp} END,
            CASE WHEN ${person} % 101 = 11 AND ${person} % 9 <> 4 THEN ${stamp} END,
            ${stamp}
     ${slots}`,
  );
  const memberships = await step(
    "memberships",
    `INSERT INTO "Membership" ("orgId", "personId", "status", "role", "updatedAt")
     SELECT ${CELL_ID_BASE} + k, ${person},
            CASE WHEN ${person} % 50 = 3 THEN 'exempt' WHEN ${person} % 20 = 1 THEN 'probationary' ELSE 'official' END,
            CASE WHEN s = 0 AND k % 50 <> 17 THEN 'secretary' WHEN s = 1 THEN 'deputy' ELSE 'member' END, ${stamp}
     ${slots}`,
  );
  await step(
    "dues marks",
    `INSERT INTO "DuesMark" ("personId", "orgId", "month", "createdAt")
     SELECT ${person}, ${CELL_ID_BASE} + k, '2027-01', ${stamp} ${slots} AND ${person} % 97 = 5`,
  );

  // Meetings: 2% of cells have none, 1% cancelled; before now 2% without a record, 1%
  // draft, 1% not held, the rest held; after now 8% proposed, the rest confirmed.
  const roll = `((k * 7919) % 10007 % 100)`;
  const day = `((k * 7) % 28)`;
  const startsAt = `(TIMESTAMP '2027-02-01 12:30:00' + ${day} * INTERVAL '1 day')`;
  const nowSql = `TIMESTAMP '${NATIONAL_NOW.toISOString().replace("T", " ").replace("Z", "")}'`;
  const meetings = await step(
    "meetings",
    `INSERT INTO "Meeting" ("id", "orgId", "kind", "forMonth", "startsAt", "durationMinutes", "place", "agenda", "thematicTopic", "status", "confirmedAt", "updatedAt")
     SELECT k + 1, ${CELL_ID_BASE} + k, CASE WHEN k % 10 < 6 THEN 'combined' ELSE 'regular' END, '2027-02', ${startsAt},
            CASE WHEN k % 10 < 6 THEN 120 ELSE 90 END, 'Hội trường chi bộ ' || k, '${AGENDA}',
            CASE WHEN k % 10 < 6 THEN '${TOPIC}' END,
            CASE WHEN ${roll} < 3 THEN 'cancelled' WHEN ${startsAt} > ${nowSql} AND ${roll} < 11 THEN 'proposed' ELSE 'confirmed' END,
            ${stamp}, ${stamp}
     FROM generate_series(0, ${cellCount - 1}) k WHERE ${roll} >= 2`,
  );
  const heldChecks = (rate: number, meets: boolean, minutes: number) =>
    JSON.stringify({ expected: 24, present: Math.round(24 * rate), late: 1, excused: 1, unexcused: 0, exemptPresent: 0, attendanceRate: rate, attendanceTarget: 0.85, meetsAttendanceTarget: meets, lengthMinutes: minutes, minimumMinutes: 90, lengthOk: minutes >= 90, quorum: { countedOfficial: 22, officialPresent: 20, canPass: true } });
  const records = await step(
    "records",
    `INSERT INTO "MeetingRecord" ("meetingId", "state", "notHeld", "startedAt", "endedAt", "chair", "noteTaker", "checks", "scoreItems", "scoreTotal", "scoreGrade", "submittedAt", "updatedAt")
     SELECT m."id", CASE WHEN r.roll < 6 THEN 'draft' ELSE 'submitted' END, r.roll >= 6 AND r.roll < 7,
            m."startsAt", m."startsAt" + (CASE WHEN m."id" % 20 = 9 THEN 75 ELSE 120 END) * INTERVAL '1 minute',
            'Bí thư', 'Phó bí thư',
            CASE WHEN r.roll < 7 THEN '{}' WHEN m."id" % 20 = 9 THEN '${heldChecks(0.92, true, 75)}'
                 WHEN m."id" % 20 = 3 THEN '${heldChecks(0.7, false, 120)}' ELSE '${heldChecks(0.92, true, 120)}' END,
            '${SCORE_ITEMS}', 88, 'good', m."startsAt" + INTERVAL '3 hours', ${stamp}
     FROM "Meeting" m CROSS JOIN LATERAL (SELECT ((m."id" - 1) * 7919) % 10007 % 100 AS roll) r
     WHERE m."status" = 'confirmed' AND m."startsAt" + INTERVAL '3 hours' < ${nowSql} AND r.roll >= 5`,
  );
  const attendanceStarted = performance.now();
  const attendance = await insertAttendance(db);
  stepMs.attendance = performance.now() - attendanceStarted;
  log(`attendance: ${attendance} rows in ${(stepMs.attendance / 1000).toFixed(1)} s`);
  await step(
    "follows",
    `INSERT INTO "Follow" ("orgId", "personId", "createdAt")
     SELECT ${CELL_ID_BASE} + k, (k - k % 3) * ${SLOTS} + 2, ${stamp} FROM generate_series(0, ${cellCount - 1}) k WHERE k % 3 = 1`,
  );
  await advanceSequences(db, ["Org", "Person", "Meeting", "Membership", "AttendanceEntry"]);
  const analyzeStarted = performance.now();
  await db.$executeRawUnsafe("ANALYZE");
  stepMs.analyze = performance.now() - analyzeStarted;
  return {
    provinceIds: Array.from({ length: provinces }, (_, p) => p + 1),
    now: NATIONAL_NOW,
    rows: { orgs, cells: cellCount, persons, memberships, meetings, records, attendance },
    stepMs,
  };
}
