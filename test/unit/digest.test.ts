import { describe, expect, it } from "vitest";
import {
  buildDigest,
  OVERDUE_AFTER_DAYS,
  type CellMeeting,
  type CellPeople,
  type Digest,
  type DigestInput,
  type FlaggedMember,
  type MonthCounts,
  type TreeOrg,
} from "../../src/domain/digest.js";
import { DEFAULT_SETTINGS, type OrgSettings } from "../../src/domain/settings.js";

const VN = "Asia/Ho_Chi_Minh";
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const settings = (allowFirstOfNextMonth = false): OrgSettings => ({ ...DEFAULT_SETTINGS, allowFirstOfNextMonth });

function orgs(rows: [id: number, parentId: number | null, kind: string, code: string, name: string][]): TreeOrg[] {
  const byId = new Map<number, TreeOrg>();
  for (const [id, parentId, kind, code, name] of rows) {
    const parentPath = parentId === null ? "/" : byId.get(parentId)!.path;
    byId.set(id, { id, parentId, path: `${parentPath}${id}/`, kind, code, name });
  }
  return [...byId.values()];
}

type Rec = NonNullable<CellMeeting["record"]>;

/** A meeting at a Viet Nam wall time ("2026-11-20T19:30"), 120 minutes, confirmed, no record. */
function meeting(
  id: number,
  cellId: number,
  kind: CellMeeting["kind"],
  forMonth: string,
  local: string,
  extra: Partial<Omit<CellMeeting, "record">> & { record?: Partial<Rec> | null } = {},
): CellMeeting {
  const startsAt = new Date(`${local}:00+07:00`);
  const { record, ...rest } = extra;
  return {
    id,
    cellId,
    kind,
    forMonth,
    startsAt,
    durationMinutes: 120,
    status: "confirmed",
    record: record
      ? {
          state: "submitted",
          notHeld: false,
          startedAt: startsAt,
          endedAt: new Date(startsAt.getTime() + 120 * MINUTE),
          attendanceRate: 0.9,
          meetsAttendanceTarget: true,
          lengthOk: true,
          ...record,
        }
      : null,
    ...rest,
  };
}

const at = (local: string) => new Date(`${local}:00+07:00`);

// ─── A small hand-made tree of depth 4 ───────────────────────────────────────────────
//
// Tỉnh ủy (1)
// ├─ xã An Khánh (2) ─ Trường Chu Văn An (5) ─ cells Tổ 1 (10), Tổ 2 (11)
// ├─ phường Bắc Sơn (3) ─┬─ Bệnh viện (6) ─ cells Khoa Nội (12), Khoa Ngoại (13)
// │                      └─ Điện lực (7): a base organisation that is itself a cell
// ├─ xã Cao Ngạn (4): no cells
// └─ Văn phòng (14): a cell right under the province
const TREE = orgs([
  [1, null, "province", "TN", "Tỉnh ủy Thái Nguyên"],
  [2, 1, "commune", "TN.01", "Đảng ủy xã An Khánh"],
  [3, 1, "ward", "TN.02", "Đảng ủy phường Bắc Sơn"],
  [4, 1, "commune", "TN.03", "Đảng ủy xã Cao Ngạn"],
  [5, 2, "base", "TN.01.01", "Đảng ủy Trường Chu Văn An"],
  [6, 3, "base", "TN.02.01", "Đảng ủy Bệnh viện Đa khoa"],
  [7, 3, "cell", "TN.02.02", "Chi bộ Công ty Điện lực"],
  [10, 5, "cell", "TN.01.01.01", "Chi bộ Tổ 1"],
  [11, 5, "cell", "TN.01.01.02", "Chi bộ Tổ 2"],
  [12, 6, "cell", "TN.02.01.01", "Chi bộ Khoa Nội"],
  [13, 6, "cell", "TN.02.01.02", "Chi bộ Khoa Ngoại"],
  [14, 1, "cell", "TN.04", "Chi bộ Văn phòng Tỉnh ủy"],
]);
const org = (id: number) => TREE.find((o) => o.id === id)!;
const subtree = (id: number) => TREE.filter((o) => o.path.startsWith(org(id).path));

const MEETINGS: CellMeeting[] = [
  // Tổ 1: October held; November's regular meeting is in the coming week; a thematic
  // meeting in November with attendance below the target.
  meeting(101, 10, "regular", "2026-10", "2026-10-20T19:30", { record: {} }),
  meeting(102, 10, "thematic", "2026-11", "2026-11-05T19:30", { record: { attendanceRate: 0.7, meetsAttendanceTarget: false } }),
  meeting(103, 10, "regular", "2026-11", "2026-11-20T19:30"),
  // Tổ 2: October's meeting held on 1 November, and short (75 minutes).
  meeting(111, 11, "regular", "2026-10", "2026-11-01T19:30", {
    record: { startedAt: at("2026-11-01T19:35"), endedAt: at("2026-11-01T20:50"), attendanceRate: 1, lengthOk: false },
  }),
  // Khoa Nội: a combined meeting last quarter (low attendance, out of the window);
  // October's meeting cancelled; November's only proposed (in the past: not overdue).
  meeting(121, 12, "combined", "2026-09", "2026-09-15T19:30", { record: { attendanceRate: 0.5, meetsAttendanceTarget: false } }),
  meeting(123, 12, "regular", "2026-10", "2026-10-22T19:30", { status: "cancelled" }),
  meeting(124, 12, "regular", "2026-11", "2026-11-03T19:30", { status: "proposed" }),
  // Khoa Ngoại: October's record still a draft (overdue); November's recorded as not held.
  meeting(131, 13, "regular", "2026-10", "2026-10-25T19:30", {
    record: { state: "draft", attendanceRate: 0.5, meetsAttendanceTarget: false, lengthOk: false },
  }),
  meeting(132, 13, "regular", "2026-11", "2026-11-10T19:30", {
    record: { notHeld: true, startedAt: null, endedAt: null, attendanceRate: null, meetsAttendanceTarget: false, lengthOk: false },
  }),
  // Điện lực: a combined meeting in October; November's scheduled beyond next week.
  meeting(71, 7, "combined", "2026-10", "2026-10-12T19:30", { record: { attendanceRate: 0.95 } }),
  meeting(72, 7, "regular", "2026-11", "2026-11-28T19:30"),
  // Not cells of this tree: ignored.
  meeting(51, 5, "regular", "2026-10", "2026-10-20T19:30", { record: { lengthOk: false } }),
  meeting(991, 999, "regular", "2026-10", "2026-10-20T19:30", { record: { lengthOk: false } }),
];

const PEOPLE: CellPeople[] = [
  { cellId: 10, secretaryName: "Nguyễn Văn A", secretaryLinked: true, unreachable: ["Phạm Thị D", "Bùi Văn G"], followers: ["Đỗ Văn F"] },
  { cellId: 11, secretaryName: "Trần Thị B", secretaryLinked: true, unreachable: [], followers: [] },
  { cellId: 12, secretaryName: "Lê Văn C", secretaryLinked: false, unreachable: [], followers: [] },
  // Khoa Ngoại (13) has no entry at all.
  { cellId: 7, secretaryName: "Vũ Thị H", secretaryLinked: true, unreachable: [], followers: [] },
  { cellId: 14, secretaryName: "Ngô Văn K", secretaryLinked: true, unreachable: [], followers: [] },
  { cellId: 999, secretaryName: null, secretaryLinked: false, unreachable: ["Someone Else"], followers: [] },
];

const FLAGGED: FlaggedMember[] = [
  { cellId: 7, name: "Hoàng Văn E", months: ["2026-03", "2026-06", "2026-09"] },
  { cellId: 999, name: "Someone Else", months: ["2026-01", "2026-02", "2026-03"] },
];

const NOW = at("2026-11-16T09:00");

function input(committeeId: number, overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    committee: org(committeeId),
    orgs: subtree(committeeId),
    meetings: MEETINGS,
    people: PEOPLE,
    flagged: FLAGGED,
    now: NOW,
    timeZone: VN,
    settings: settings(),
    ...overrides,
  };
}

const counts = (cells: number, held: number, scheduled: number, notScheduled: number, heldPercent: number): MonthCounts => ({
  cells,
  held,
  scheduled,
  notScheduled,
  heldPercent,
});
const cell = (id: number) => ({ cellId: id, code: org(id).code, name: org(id).name });
const child = (id: number) => ({ id, code: org(id).code, name: org(id).name });

describe("buildDigest on a hand-made tree", () => {
  it("builds the whole digest of the province", () => {
    const expected: Digest = {
      committee: child(1),
      at: "2026-11-16T02:00:00.000Z",
      thisMonth: "2026-11",
      lastMonth: "2026-10",
      quarter: "2026-Q4",
      // October: held Tổ 1, Điện lực; scheduled Khoa Ngoại (draft); not Tổ 2 (its meeting
      // counts for November), Khoa Nội (cancelled), Văn phòng. November: held Tổ 2;
      // scheduled Tổ 1, Khoa Nội (proposed), Điện lực; not Khoa Ngoại (not held), Văn phòng.
      totals: { lastMonth: counts(6, 2, 1, 3, 33), thisMonth: counts(6, 1, 3, 2, 17) },
      children: [
        { org: child(14), lastMonth: counts(1, 0, 0, 1, 0), thisMonth: counts(1, 0, 0, 1, 0), compliantLastMonthPercent: 0, compliantThisMonthPercent: 0 },
        { org: child(3), lastMonth: counts(3, 1, 1, 1, 33), thisMonth: counts(3, 0, 2, 1, 0), compliantLastMonthPercent: 33, compliantThisMonthPercent: 67 },
        { org: child(2), lastMonth: counts(2, 1, 0, 1, 50), thisMonth: counts(2, 1, 1, 0, 50), compliantLastMonthPercent: 50, compliantThisMonthPercent: 100 },
      ],
      missedLastMonth: [
        { ...cell(11), secretary: "Trần Thị B", lastMeeting: "2026-11-01T12:35:00.000Z" },
        { ...cell(12), secretary: "Lê Văn C", lastMeeting: "2026-09-15T12:30:00.000Z" },
        { ...cell(13), secretary: null, lastMeeting: null },
        { ...cell(14), secretary: "Ngô Văn K", lastMeeting: null },
      ],
      notScheduledThisMonth: [
        { ...cell(13), secretary: null },
        { ...cell(14), secretary: "Ngô Văn K" },
      ],
      noThematicThisQuarter: [cell(11), cell(12), cell(13), cell(14)],
      lowAttendance: [{ meetingId: 102, ...cell(10), date: "2026-11-05T12:30:00.000Z", percent: 70 }],
      shortMeetings: [{ meetingId: 111, ...cell(11), date: "2026-11-01T12:35:00.000Z", minutes: 75 }],
      overdueRecords: [{ meetingId: 131, ...cell(13), date: "2026-10-25T12:30:00.000Z", days: 21 }],
      flagged: [{ ...cell(7), member: "Hoàng Văn E", months: ["2026-03", "2026-06", "2026-09"] }],
      noLinkedSecretary: [cell(12), cell(13)],
      unreachable: [
        { ...cell(10), member: "Bùi Văn G" },
        { ...cell(10), member: "Phạm Thị D" },
      ],
      nextWeek: [{ meetingId: 103, ...cell(10), startsAt: "2026-11-20T12:30:00.000Z", followers: ["Đỗ Văn F"] }],
    };
    expect(buildDigest(input(1))).toEqual(expected);
  });

  it.each<[string, DigestInput, (d: Digest) => unknown, unknown]>([
    [
      "1st-of-next-month allowed: Tổ 2's 1 November meeting counts for October instead",
      input(1, { settings: settings(true) }),
      (d) => [d.totals, d.missedLastMonth.map((m) => m.cellId), d.children.map((c) => [c.org.id, c.compliantLastMonthPercent, c.compliantThisMonthPercent])],
      [
        { lastMonth: counts(6, 3, 1, 2, 50), thisMonth: counts(6, 0, 3, 3, 0) },
        [12, 13, 14],
        [[14, 0, 0], [3, 33, 67], [2, 100, 50]],
      ],
    ],
    [
      "first month of the quarter: no thematic meeting is missing yet",
      input(1, { now: at("2026-10-16T09:00") }),
      (d) => [d.thisMonth, d.lastMonth, d.quarter, d.noThematicThisQuarter],
      ["2026-10", "2026-09", "2026-Q4", []],
    ],
    [
      "third month of the quarter: still listed",
      input(1, { now: at("2026-12-10T09:00") }),
      (d) => [d.quarter, d.noThematicThisQuarter.map((c) => c.cellId)],
      ["2026-Q4", [11, 12, 13, 14]],
    ],
    [
      "months are the organisation's: 01:00 on 1 December in Viet Nam is still November in UTC",
      input(1, { now: new Date("2026-11-30T18:00:00Z") }),
      (d) => [d.thisMonth, d.lastMonth, d.totals.lastMonth.held],
      ["2026-12", "2026-11", 1],
    ],
    [
      "the committee is a cell: the digest covers that cell alone, with no children",
      input(10),
      (d) => [d.committee, d.totals, d.children, d.missedLastMonth, d.lowAttendance.map((m) => m.meetingId), d.nextWeek.length, d.unreachable.length],
      [child(10), { lastMonth: counts(1, 1, 0, 0, 100), thisMonth: counts(1, 0, 1, 0, 0) }, [], [], [102], 1, 2],
    ],
    [
      "a cell not in orgs is still covered when it is the committee",
      input(13, { orgs: [] }),
      (d) => [d.totals.lastMonth, d.overdueRecords.map((m) => m.meetingId), d.noLinkedSecretary],
      [counts(1, 0, 1, 0, 0), [131], [cell(13)]],
    ],
    [
      "a committee in the middle: its direct children are cells",
      input(5),
      (d) => d.children.map((c) => [c.org.id, c.lastMonth, c.thisMonth]),
      [
        [11, counts(1, 0, 0, 1, 0), counts(1, 1, 0, 0, 100)],
        [10, counts(1, 1, 0, 0, 100), counts(1, 0, 1, 0, 0)],
      ],
    ],
    [
      "an empty subtree: zeros and empty lists",
      input(4),
      (d) => d,
      {
        committee: child(4),
        at: "2026-11-16T02:00:00.000Z",
        thisMonth: "2026-11",
        lastMonth: "2026-10",
        quarter: "2026-Q4",
        totals: { lastMonth: counts(0, 0, 0, 0, 0), thisMonth: counts(0, 0, 0, 0, 0) },
        children: [],
        missedLastMonth: [],
        notScheduledThisMonth: [],
        noThematicThisQuarter: [],
        lowAttendance: [],
        shortMeetings: [],
        overdueRecords: [],
        flagged: [],
        noLinkedSecretary: [],
        unreachable: [],
        nextWeek: [],
      },
    ],
    [
      "orgs outside the committee's path are ignored even if passed",
      input(2, { orgs: TREE }),
      (d) => [d.totals.lastMonth.cells, d.children.map((c) => c.org.id)],
      [2, [5]],
    ],
  ])("%s", (_label, given, pick, expected) => {
    expect(pick(buildDigest(given))).toEqual(expected);
  });
});

// ─── Single rules at their edges, on one cell ────────────────────────────────────────

describe("buildDigest rule edges", () => {
  const tree = orgs([
    [1, null, "base", "B", "Đảng ủy cơ sở"],
    [2, 1, "cell", "B.01", "Chi bộ 1"],
  ]);
  const now = at("2026-11-16T09:00");
  const run = (meetings: CellMeeting[], allow = false) =>
    buildDigest({ committee: tree[0], orgs: tree, meetings, people: [], flagged: [], now, timeZone: VN, settings: settings(allow) });
  const standing = (d: Digest, month: "lastMonth" | "thisMonth") => {
    const c = d.totals[month];
    return c.held ? "held" : c.scheduled ? "scheduled" : c.notScheduled ? "notScheduled" : "none";
  };
  const ended = (msBeforeNow: number, extra: Parameters<typeof meeting>[5] = {}) =>
    ({ ...meeting(1, 2, "regular", "2026-11", "2026-11-01T00:00", extra), startsAt: new Date(now.getTime() - msBeforeNow - 120 * MINUTE) });
  const starting = (msAfterNow: number, status: CellMeeting["status"] = "confirmed") =>
    ({ ...meeting(1, 2, "regular", "2026-11", "2026-11-01T00:00", { status }), startsAt: new Date(now.getTime() + msAfterNow) });

  it.each<[string, CellMeeting[], boolean, "lastMonth" | "thisMonth", string]>([
    ["held", [meeting(1, 2, "regular", "2026-10", "2026-10-20T19:30", { record: {} })], false, "lastMonth", "held"],
    ["combined counts as the regular meeting", [meeting(1, 2, "combined", "2026-10", "2026-10-20T19:30", { record: {} })], false, "lastMonth", "held"],
    ["thematic does not", [meeting(1, 2, "thematic", "2026-10", "2026-10-20T19:30", { record: {} })], false, "lastMonth", "notScheduled"],
    ["an open thematic meeting is not the regular one scheduled", [meeting(1, 2, "thematic", "2026-11", "2026-11-20T19:30")], false, "thisMonth", "notScheduled"],
    ["draft record: scheduled, not held", [meeting(1, 2, "regular", "2026-10", "2026-10-20T19:30", { record: { state: "draft" } })], false, "lastMonth", "scheduled"],
    ["recorded as not held: neither", [meeting(1, 2, "regular", "2026-10", "2026-10-20T19:30", { record: { notHeld: true } })], false, "lastMonth", "notScheduled"],
    ["cancelled: not scheduled", [meeting(1, 2, "regular", "2026-11", "2026-11-20T19:30", { status: "cancelled" })], false, "thisMonth", "notScheduled"],
    ["cancelled with a submitted record: still not held", [meeting(1, 2, "regular", "2026-10", "2026-10-20T19:30", { status: "cancelled", record: {} })], false, "lastMonth", "notScheduled"],
    ["proposed: scheduled", [meeting(1, 2, "regular", "2026-11", "2026-11-20T19:30", { status: "proposed" })], false, "thisMonth", "scheduled"],
    ["scheduled by forMonth, not by date", [meeting(1, 2, "regular", "2026-10", "2026-11-20T19:30")], false, "lastMonth", "scheduled"],
    ["held by the date it was held (record.startedAt), not forMonth", [meeting(1, 2, "regular", "2026-10", "2026-10-31T19:30", { record: { startedAt: at("2026-11-02T19:30") } })], false, "thisMonth", "held"],
    ["held late: the month it was for is no longer scheduled", [meeting(1, 2, "regular", "2026-10", "2026-10-31T19:30", { record: { startedAt: at("2026-11-02T19:30") } })], false, "lastMonth", "notScheduled"],
    ["held on the 1st, allowed: counts for the month before", [meeting(1, 2, "regular", "2026-10", "2026-11-01T19:30", { record: {} })], true, "lastMonth", "held"],
    ["held on the 1st, allowed: then not for its own month", [meeting(1, 2, "regular", "2026-10", "2026-11-01T19:30", { record: {} })], true, "thisMonth", "notScheduled"],
    ["held on the 1st, not allowed", [meeting(1, 2, "regular", "2026-10", "2026-11-01T19:30", { record: {} })], false, "lastMonth", "notScheduled"],
    ["without record.startedAt the scheduled start is used", [meeting(1, 2, "regular", "2026-10", "2026-10-20T19:30", { record: { startedAt: null } })], false, "lastMonth", "held"],
  ])("standing: %s", (_label, meetings, allow, month, expected) => {
    expect(standing(run(meetings, allow), month)).toBe(expected);
  });

  it.each<[string, CellMeeting[], string[]]>([
    ["nothing this month: listed", [], ["B.01"]],
    ["proposed this month: not listed", [meeting(1, 2, "regular", "2026-11", "2026-11-20T19:30", { status: "proposed" })], []],
    ["cancelled this month: listed", [meeting(1, 2, "regular", "2026-11", "2026-11-20T19:30", { status: "cancelled" })], ["B.01"]],
    ["only a thematic meeting this month: listed", [meeting(1, 2, "thematic", "2026-11", "2026-11-20T19:30")], ["B.01"]],
    ["held this month: not listed", [meeting(1, 2, "regular", "2026-11", "2026-11-05T19:30", { record: {} })], []],
  ])("not scheduled this month: %s", (_label, meetings, codes) => {
    expect(run(meetings).notScheduledThisMonth.map((c) => c.code)).toEqual(codes);
  });

  it.each<[string, CellMeeting, number[]]>([
    ["ended exactly 5 days ago: not yet", ended(OVERDUE_AFTER_DAYS * DAY), []],
    ["ended 5 days and a minute ago", ended(OVERDUE_AFTER_DAYS * DAY + MINUTE), [5]],
    ["ended 9.9 days ago: 9 whole days", ended(9.9 * DAY), [9]],
    ["a draft record is still overdue", ended(6 * DAY, { record: { state: "draft" } }), [6]],
    ["submitted: not overdue", ended(6 * DAY, { record: {} }), []],
    ["recorded as not held: not overdue", ended(6 * DAY, { record: { notHeld: true } }), []],
    ["proposed, never confirmed: not overdue", ended(6 * DAY, { status: "proposed" }), []],
    ["cancelled: not overdue", ended(6 * DAY, { status: "cancelled" }), []],
  ])("overdue: %s", (_label, m, days) => {
    expect(run([m]).overdueRecords.map((r) => r.days)).toEqual(days);
  });

  it.each<[string, CellMeeting, number]>([
    ["starting now", starting(0), 1],
    ["a minute before the week is out", starting(7 * DAY - MINUTE), 1],
    ["exactly a week ahead: not in it", starting(7 * DAY), 0],
    ["started a minute ago", starting(-MINUTE), 0],
    ["proposed only", starting(DAY, "proposed"), 0],
    ["cancelled", starting(DAY, "cancelled"), 0],
  ])("next week: %s", (_label, m, length) => {
    expect(run([m]).nextWeek).toHaveLength(length);
  });

  // The window is last month and this month in the organisation's zone.
  it.each<[string, string, Partial<Rec>, boolean, boolean]>([
    ["1 Oct 00:00 in Viet Nam (30 Sep in UTC)", "2026-10-01T00:00", {}, true, true],
    ["30 Sep 23:59", "2026-09-30T23:59", {}, false, false],
    ["30 Nov 23:59", "2026-11-30T23:59", {}, true, true],
    ["1 Dec 00:00", "2026-12-01T00:00", {}, false, false],
    ["in the window but a draft", "2026-11-05T19:30", { state: "draft" }, false, false],
    ["in the window but not held", "2026-11-05T19:30", { notHeld: true }, false, false],
    ["only attendance low", "2026-11-05T19:30", { lengthOk: true }, true, false],
    ["only too short", "2026-11-05T19:30", { meetsAttendanceTarget: true }, false, true],
    ["length unknown (null) is not short", "2026-11-05T19:30", { lengthOk: null }, true, false],
    ["attendance unknown (null) is not low", "2026-11-05T19:30", { meetsAttendanceTarget: null, attendanceRate: null }, false, true],
  ])("low attendance and short meetings: %s", (_label, local, record, low, short) => {
    const m = meeting(1, 2, "regular", "2026-11", local, {
      record: { attendanceRate: 0.6, meetsAttendanceTarget: false, lengthOk: false, endedAt: new Date(at(local).getTime() + 80 * MINUTE), ...record },
    });
    const d = run([m]);
    expect([d.lowAttendance.map((r) => r.percent), d.shortMeetings.map((r) => r.minutes)]).toEqual([low ? [60] : [], short ? [80] : []]);
  });

  it("a short meeting without a recorded end reports its planned length", () => {
    const m = meeting(1, 2, "regular", "2026-11", "2026-11-05T19:30", { durationMinutes: 60, record: { endedAt: null, lengthOk: false } });
    expect(run([m]).shortMeetings.map((r) => r.minutes)).toEqual([60]);
  });

  it("the last held meeting is the latest before now, of any kind", () => {
    const d = run([
      meeting(1, 2, "thematic", "2026-09", "2026-09-12T19:30", { record: {} }),
      meeting(2, 2, "regular", "2026-08", "2026-08-12T19:30", { record: {} }),
      meeting(3, 2, "regular", "2026-11", "2026-11-20T19:30", { record: {} }), // after now
      meeting(4, 2, "regular", "2026-10", "2026-10-12T19:30", { record: { notHeld: true } }),
    ]);
    expect(d.missedLastMonth.map((m) => m.lastMeeting)).toEqual(["2026-09-12T12:30:00.000Z"]);
  });
});

// ─── A generated province, checked against a naive reading of the rules ──────────────

/** mulberry32: a seeded PRNG so failures are reproducible. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}

// Viet Nam has had no daylight saving since 1975: the naive side may add seven hours.
const VN_OFFSET = 7 * 60 * MINUTE;
const localOf = (d: Date) => {
  const shifted = new Date(d.getTime() + VN_OFFSET);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
};
const ym = (year: number, month: number) => {
  const d = new Date(Date.UTC(year, month - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
};
const ymOf = (d: Date) => {
  const l = localOf(d);
  return ym(l.year, l.month);
};
const vnInstant = (year: number, month: number, day: number, hour: number, minute: number) =>
  new Date(Date.UTC(year, month - 1, day, hour, minute) - VN_OFFSET);

interface Generated {
  input: DigestInput;
}

/**
 * Province → communes/blocs → base organisations → cells, some bases being cells
 * themselves and some with a section level between base and cells; one commune empty.
 */
function generate(seed: number, now: Date, allowFirstOfNextMonth: boolean, size: { communes: number; bases: [number, number]; cells: [number, number]; monthsBack: number }): Generated {
  const r = prng(seed);
  const all: TreeOrg[] = [];
  let nextId = 1;
  const add = (parent: TreeOrg | null, kind: string, code: string, name: string) => {
    const id = nextId++;
    const o: TreeOrg = { id, parentId: parent?.id ?? null, path: `${parent?.path ?? "/"}${id}/`, kind, code, name };
    all.push(o);
    return o;
  };
  const province = add(null, "province", "P", "Tỉnh ủy");
  for (let c = 1; c <= size.communes; c++) {
    // Names repeat on purpose, so ties in the children's order fall back to the name.
    const commune = add(province, r.pick(["commune", "ward", "bloc"]), `P.${c}`, `Đảng ủy ${r.pick(["An", "Bình", "Cường", "Đông"])} ${c}`);
    if (c === size.communes) continue; // empty: no row
    const bases = r.int(...size.bases);
    for (let b = 1; b <= bases; b++) {
      const code = `P.${c}.${b}`;
      if (r.chance(0.15)) {
        add(commune, "cell", code, `Chi bộ cơ sở ${code}`);
        continue;
      }
      const base = add(commune, "base", code, `Đảng ủy ${code}`);
      const section = r.chance(0.2) ? add(base, "section", `${code}.S`, `Đảng bộ bộ phận ${code}`) : base;
      const cells = r.int(...size.cells);
      for (let x = 1; x <= cells; x++) add(section, "cell", `${code}.${x}`, `Chi bộ ${code}.${x}`);
    }
  }
  // A cell directly under the province.
  add(province, "cell", "P.0", "Chi bộ Văn phòng");

  const cells = all.filter((o) => o.kind === "cell");
  const here = localOf(now);
  const meetings: CellMeeting[] = [];
  let meetingId = 1;
  const minute = (d: Date, m: number) => new Date(d.getTime() + m * MINUTE);
  const push = (cellId: number, kind: CellMeeting["kind"], year: number, month: number) => {
    const forMonth = ym(year, month);
    let startsAt: Date;
    const roll = r.int(1, 100);
    if (roll <= 10) startsAt = vnInstant(year, month + 1, 1, r.pick([6, 19]), 30); // the 1st after, 06:30 is the day before in UTC
    else if (roll <= 14) startsAt = vnInstant(year, month + 1, r.int(2, 6), 19, 30); // late
    else if (roll <= 18) startsAt = vnInstant(year, month, 1, 0, r.int(0, 59)); // just after local midnight
    else startsAt = vnInstant(year, month, r.int(1, 28), r.int(6, 21), r.pick([0, 30]));
    const status: CellMeeting["status"] = r.chance(0.1) ? "cancelled" : r.chance(0.15) ? "proposed" : "confirmed";
    const durationMinutes = kind === "combined" ? 150 : r.pick([90, 120]);
    let record: CellMeeting["record"] = null;
    if (startsAt < now && status !== "cancelled" ? r.chance(0.85) : r.chance(0.03)) {
      const startedAt = r.chance(0.1) ? null : minute(startsAt, r.int(-20, 40));
      const notHeld = r.chance(0.08);
      const rate = r.int(50, 100) / 100;
      record = {
        state: r.chance(0.12) ? "draft" : "submitted",
        notHeld,
        startedAt: notHeld ? null : startedAt,
        endedAt: notHeld || !startedAt ? null : minute(startedAt, r.int(60, 160)),
        attendanceRate: notHeld ? null : rate,
        meetsAttendanceTarget: notHeld ? null : rate >= 0.85,
        lengthOk: notHeld ? null : r.pick([true, true, true, false, null]),
      };
    }
    meetings.push({ id: meetingId++, cellId, kind, forMonth, startsAt, durationMinutes, status, record });
  };
  for (const c of cells) {
    if (r.chance(0.04)) continue; // a cell with no meetings at all
    for (let back = -size.monthsBack; back <= 1; back++) {
      const month = here.month + back;
      const n = r.int(0, 100);
      if (n < 80) push(c.id, r.chance(0.12) ? "combined" : "regular", here.year, month);
      if (n >= 70 && n < 85) push(c.id, "regular", here.year, month); // a second one (rescheduled)
      if (r.chance(0.3)) push(c.id, "thematic", here.year, month);
    }
  }
  // Meetings of cells elsewhere in the country.
  for (let i = 0; i < 20; i++) meetings.push({ ...meetings[i], id: meetingId++, cellId: 100_000 + i });

  const people: CellPeople[] = [];
  const flagged: FlaggedMember[] = [];
  for (const c of cells) {
    if (r.chance(0.06)) continue; // no entry: no linked secretary
    people.push({
      cellId: c.id,
      secretaryName: r.chance(0.9) ? `Bí thư ${c.code}` : null,
      secretaryLinked: r.chance(0.8),
      unreachable: Array.from({ length: r.pick([0, 0, 0, 1, 2]) }, (_, i) => `Đảng viên ${c.code}/${i}`),
      followers: Array.from({ length: r.int(0, 2) }, (_, i) => `Cấp ủy viên ${c.code}/${i}`),
    });
    if (r.chance(0.05)) flagged.push({ cellId: c.id, name: `Đảng viên ${c.code}/x`, months: [ym(here.year, 1), ym(here.year, 2), ym(here.year, 4)] });
  }
  flagged.push({ cellId: 100_000, name: "elsewhere", months: [] });

  // Shuffle-free but not in tree order: the function must not rely on ordering.
  all.reverse();
  meetings.reverse();
  return { input: { committee: province, orgs: all, meetings, people, flagged, now, timeZone: VN, settings: settings(allowFirstOfNextMonth) } };
}

/**
 * The digest's numbers straight from the rules, one cell at a time, filtering the full
 * meeting list for each: slow and simple, sharing no code with buildDigest.
 */
function naive(input: DigestInput) {
  const { committee, orgs: all, meetings, people, now, settings: s } = input;
  const byId = new Map(all.map((o) => [o.id, o]));
  // Below the committee by walking parent ids (the real code reads paths).
  const ancestorsOf = (o: TreeOrg) => {
    const ids: number[] = [];
    for (let p = o.parentId; p !== null; p = byId.get(p)?.parentId ?? null) ids.push(p);
    return ids;
  };
  const cells = all.filter((o) => o.kind === "cell" && (o.id === committee.id || ancestorsOf(o).includes(committee.id)));
  const here = localOf(now);
  const thisMonth = ym(here.year, here.month);
  const lastMonth = ym(here.year, here.month - 1);
  const quarterOf = (d: Date) => {
    const l = localOf(d);
    return `${l.year}-Q${Math.floor((l.month - 1) / 3) + 1}`;
  };
  const startOf = (m: CellMeeting) => m.record?.startedAt ?? m.startsAt;
  const isHeld = (m: CellMeeting) => m.status !== "cancelled" && m.record?.state === "submitted" && !m.record.notHeld;
  const countsFor = (m: CellMeeting) => {
    const start = localOf(startOf(m));
    if (s.allowFirstOfNextMonth && start.day === 1 && m.forMonth === ym(start.year, start.month - 1)) return m.forMonth;
    return ym(start.year, start.month);
  };
  const standing = (cellId: number, month: string) => {
    const own = meetings.filter((m) => m.cellId === cellId);
    if (own.some((m) => isHeld(m) && m.kind !== "thematic" && countsFor(m) === month)) return "held";
    if (own.some((m) => m.status !== "cancelled" && m.kind !== "thematic" && m.forMonth === month && m.record?.state !== "submitted")) return "scheduled";
    return "notScheduled";
  };
  const tally = (group: TreeOrg[], month: string): MonthCounts => {
    const st = group.map((c) => standing(c.id, month));
    const held = st.filter((x) => x === "held").length;
    const scheduled = st.filter((x) => x === "scheduled").length;
    return { cells: group.length, held, scheduled, notScheduled: group.length - held - scheduled, heldPercent: group.length ? Math.round((held * 100) / group.length) : 0 };
  };
  const children = all
    .filter((o) => o.parentId === committee.id)
    .map((o) => ({ org: o, cells: cells.filter((c) => c.id === o.id || ancestorsOf(c).includes(o.id)) }))
    .filter((x) => x.cells.length > 0)
    .map(({ org: o, cells: group }) => {
      const last = tally(group, lastMonth);
      const current = tally(group, thisMonth);
      return {
        id: o.id,
        lastMonth: last,
        thisMonth: current,
        compliantLastMonthPercent: Math.round((last.held * 100) / group.length),
        compliantThisMonthPercent: Math.round(((current.held + current.scheduled) * 100) / group.length),
      };
    });

  const cellIds = new Set(cells.map((c) => c.id));
  const inWindow = (m: CellMeeting) => [lastMonth, thisMonth].includes(ymOf(startOf(m)));
  const mine = meetings.filter((m) => cellIds.has(m.cellId));
  const missed = cells.filter((c) => standing(c.id, lastMonth) !== "held");
  const quarterUnderway = (here.month - 1) % 3 !== 0;
  return {
    thisMonth,
    lastMonth,
    totals: { thisMonth: tally(cells, thisMonth), lastMonth: tally(cells, lastMonth) },
    children,
    missedLastMonth: missed.map((c) => {
      const held = mine.filter((m) => m.cellId === c.id && isHeld(m) && startOf(m) < now).map((m) => startOf(m).getTime());
      return [c.id, held.length ? new Date(Math.max(...held)).toISOString() : null];
    }),
    notScheduledThisMonth: cells.filter((c) => standing(c.id, thisMonth) === "notScheduled").map((c) => c.id),
    noThematicThisQuarter: quarterUnderway
      ? cells.filter((c) => !mine.some((m) => m.cellId === c.id && isHeld(m) && m.kind !== "regular" && quarterOf(startOf(m)) === quarterOf(now))).map((c) => c.id)
      : [],
    lowAttendance: mine.filter((m) => isHeld(m) && m.record!.meetsAttendanceTarget === false && inWindow(m)).map((m) => [m.id, Math.round(m.record!.attendanceRate! * 100)]),
    shortMeetings: mine.filter((m) => isHeld(m) && m.record!.lengthOk === false && inWindow(m)).map((m) => m.id),
    overdueRecords: mine
      .filter((m) => m.status === "confirmed" && m.record?.state !== "submitted")
      .map((m) => [m.id, (now.getTime() - m.startsAt.getTime() - m.durationMinutes * MINUTE) / DAY] as const)
      .filter(([, days]) => days > OVERDUE_AFTER_DAYS)
      .map(([id, days]) => [id, Math.floor(days)]),
    flagged: input.flagged.filter((f) => cellIds.has(f.cellId)).map((f) => `${f.cellId} ${f.name}`),
    noLinkedSecretary: cells.filter((c) => !people.some((p) => p.cellId === c.id && p.secretaryLinked)).map((c) => c.id),
    unreachable: people.filter((p) => cellIds.has(p.cellId)).flatMap((p) => p.unreachable.map((n) => `${p.cellId} ${n}`)),
    nextWeek: mine
      .filter((m) => m.status === "confirmed" && m.startsAt >= now && m.startsAt.getTime() < now.getTime() + 7 * DAY)
      .map((m) => [m.id, people.find((p) => p.cellId === m.cellId)?.followers ?? []]),
  };
}

/** The digest reduced to the naive result's shape; lists sorted by a plain key, since the naive side does not order them. */
function comparable(d: Digest) {
  const sortBy = <T>(items: T[]) => [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return {
    thisMonth: d.thisMonth,
    lastMonth: d.lastMonth,
    totals: d.totals,
    children: sortBy(
      d.children.map((c) => ({
        id: c.org.id,
        lastMonth: c.lastMonth,
        thisMonth: c.thisMonth,
        compliantLastMonthPercent: c.compliantLastMonthPercent,
        compliantThisMonthPercent: c.compliantThisMonthPercent,
      })),
    ),
    missedLastMonth: sortBy(d.missedLastMonth.map((m) => [m.cellId, m.lastMeeting])),
    notScheduledThisMonth: sortBy(d.notScheduledThisMonth.map((c) => c.cellId)),
    noThematicThisQuarter: sortBy(d.noThematicThisQuarter.map((c) => c.cellId)),
    lowAttendance: sortBy(d.lowAttendance.map((m) => [m.meetingId, m.percent])),
    shortMeetings: sortBy(d.shortMeetings.map((m) => m.meetingId)),
    overdueRecords: sortBy(d.overdueRecords.map((m) => [m.meetingId, m.days])),
    flagged: sortBy(d.flagged.map((f) => `${f.cellId} ${f.member}`)),
    noLinkedSecretary: sortBy(d.noLinkedSecretary.map((c) => c.cellId)),
    unreachable: sortBy(d.unreachable.map((u) => `${u.cellId} ${u.member}`)),
    nextWeek: sortBy(d.nextWeek.map((m) => [m.meetingId, m.followers])),
  };
}

function sortedNaive(n: ReturnType<typeof naive>) {
  const sortBy = <T>(items: T[]) => [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return {
    ...n,
    children: sortBy(n.children),
    missedLastMonth: sortBy(n.missedLastMonth),
    notScheduledThisMonth: sortBy(n.notScheduledThisMonth),
    noThematicThisQuarter: sortBy(n.noThematicThisQuarter),
    lowAttendance: sortBy(n.lowAttendance),
    shortMeetings: sortBy(n.shortMeetings),
    overdueRecords: sortBy(n.overdueRecords),
    flagged: sortBy(n.flagged),
    noLinkedSecretary: sortBy(n.noLinkedSecretary),
    unreachable: sortBy(n.unreachable),
    nextWeek: sortBy(n.nextWeek),
  };
}

describe("buildDigest on a generated province", () => {
  const SIZE = { communes: 8, bases: [5, 9] as [number, number], cells: [3, 8] as [number, number], monthsBack: 5 };

  it.each<[number, string, boolean, boolean]>([
    // seed, now, allowFirstOfNextMonth, first month of a quarter
    [1, "2026-11-14T03:00:00Z", false, false],
    [2, "2026-11-14T03:00:00Z", true, false],
    [3, "2026-11-30T18:30:00Z", true, false], // 01:30 on 1 December in Viet Nam
    [4, "2027-01-10T02:00:00Z", false, true], // across the year, first month of Q1
    [5, "2026-06-03T10:00:00Z", true, false],
  ])("seed %i at %s (1st of next month allowed: %s)", (seed, nowIso, allow, firstMonthOfQuarter) => {
    const { input } = generate(seed, new Date(nowIso), allow, SIZE);
    const expected = sortedNaive(naive(input));
    const digest = buildDigest(input);

    // The generator must reach every case, or the comparison below proves little.
    expect(expected.totals.lastMonth.cells).toBeGreaterThan(200);
    expect(expected.children.length).toBe(SIZE.communes); // communes with cells, and the cell under the province
    for (const key of ["held", "scheduled", "notScheduled"] as const) {
      expect(expected.totals.lastMonth[key], key).toBeGreaterThan(0);
      expect(expected.totals.thisMonth[key], key).toBeGreaterThan(0);
    }
    for (const key of ["missedLastMonth", "notScheduledThisMonth", "lowAttendance", "shortMeetings", "overdueRecords", "flagged", "noLinkedSecretary", "unreachable", "nextWeek"] as const) {
      expect(expected[key].length, key).toBeGreaterThan(0);
    }
    expect(expected.noThematicThisQuarter.length > 0).toBe(!firstMonthOfQuarter);
    expect(expected.missedLastMonth.some(([, last]) => last === null)).toBe(true);

    expect(comparable(digest)).toEqual(expected);

    // Order and the details the naive side leaves out.
    const percents = digest.children.map((c) => c.compliantLastMonthPercent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    for (let i = 1; i < digest.children.length; i++) {
      const [a, b] = [digest.children[i - 1], digest.children[i]];
      if (a.compliantLastMonthPercent === b.compliantLastMonthPercent) expect(a.org.name.localeCompare(b.org.name, "vi")).toBeLessThanOrEqual(0);
    }
    const codes = digest.missedLastMonth.map((m) => m.code);
    expect(codes).toEqual([...codes].sort());
    const dates = digest.overdueRecords.map((m) => m.date);
    expect(dates).toEqual([...dates].sort());
    for (const m of digest.missedLastMonth) {
      expect(m.secretary).toBe(input.people.find((p) => p.cellId === m.cellId)?.secretaryName ?? null);
    }
    for (const t of [digest.totals.lastMonth, digest.totals.thisMonth, ...digest.children.flatMap((c) => [c.lastMonth, c.thisMonth])]) {
      expect(t.held + t.scheduled + t.notScheduled).toBe(t.cells);
    }
  });

  const PROVINCE = { communes: 40, bases: [15, 17] as [number, number], cells: [5, 6] as [number, number], monthsBack: 9 };

  // Speed is measured by the benchmarks, never asserted here (shared machines).
  it("handles a province of 3,000 cells and ~36,000 meetings", () => {
    const { input } = generate(7, new Date("2026-11-14T03:00:00Z"), false, PROVINCE);
    expect(input.orgs.filter((o) => o.kind === "cell").length).toBeGreaterThan(2800);
    expect(input.meetings.length).toBeGreaterThan(30_000);
    const digest = buildDigest(input);
    expect(digest.totals.thisMonth.cells).toBeGreaterThan(2800);
    expect(digest.children).toHaveLength(PROVINCE.communes);
  });

  it("reads each meeting, org and people entry a bounded number of times", () => {
    const { input } = generate(8, new Date("2026-11-14T03:00:00Z"), true, PROVINCE);
    let reads = 0;
    const counted = <T extends object>(items: T[]): T[] =>
      new Proxy(
        items.map((item) => new Proxy(item, { get: (target, key, receiver) => (reads++, Reflect.get(target, key, receiver)) })),
        { get: (target, key, receiver) => (reads++, Reflect.get(target, key, receiver)) },
      );
    const total = input.meetings.length + input.orgs.length + input.people.length + input.flagged.length;
    const digest = buildDigest({
      ...input,
      meetings: counted(input.meetings),
      orgs: counted(input.orgs),
      people: counted(input.people),
      flagged: counted(input.flagged),
    });
    expect(digest.totals.lastMonth.cells).toBeGreaterThan(2800);
    // About 15 reads an item; one walk over the meetings per cell would be thousands.
    expect(reads).toBeGreaterThan(total);
    expect(reads).toBeLessThan(40 * total);
  });
});
