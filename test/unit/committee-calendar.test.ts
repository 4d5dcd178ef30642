import { describe, expect, it } from "vitest";
import {
  DIGEST_GRACE_MS,
  digestDueNow,
  latestDigestDue,
  missedByParent,
  monthJustEnded,
  nudgeMonth,
} from "../../src/domain/committee-calendar.js";
import { buildDigest, type CellMeeting, type DigestInput, type TreeOrg } from "../../src/domain/digest.js";
import { DEFAULT_SETTINGS } from "../../src/domain/settings.js";

const VN = "Asia/Ho_Chi_Minh";
const BERLIN = "Europe/Berlin";
const vn = (local: string) => new Date(`${local}:00+07:00`);

describe("latestDigestDue", () => {
  // 2026-11-23 is a Monday.
  it.each<[string, Date, string, number, string, string, string]>([
    ["Monday 07:30 exactly", vn("2026-11-23T07:30"), VN, 1, "07:30", "2026-11-23T00:30:00.000Z", "2026-11-23"],
    ["Monday 07:29: still last week's", vn("2026-11-23T07:29"), VN, 1, "07:30", "2026-11-16T00:30:00.000Z", "2026-11-16"],
    ["Sunday night", vn("2026-11-29T23:59"), VN, 1, "07:30", "2026-11-23T00:30:00.000Z", "2026-11-23"],
    ["Wednesday, weekday 3 at 18:00, before it", vn("2026-11-25T17:00"), VN, 3, "18:00", "2026-11-18T11:00:00.000Z", "2026-11-18"],
    ["Sunday (7) digest on a Sunday", vn("2026-11-29T08:00"), VN, 7, "07:30", "2026-11-29T00:30:00.000Z", "2026-11-29"],
    ["across the new year", vn("2027-01-02T10:00"), VN, 1, "07:30", "2026-12-28T00:30:00.000Z", "2026-12-28"],
    // Berlin moves to winter time on 2026-10-25 (a Sunday): 07:30 is UTC+1 on Monday the 26th.
    ["Berlin after the change", new Date("2026-10-26T07:00:00Z"), BERLIN, 1, "07:30", "2026-10-26T06:30:00.000Z", "2026-10-26"],
    ["Berlin before the change", new Date("2026-10-20T06:00:00Z"), BERLIN, 1, "07:30", "2026-10-19T05:30:00.000Z", "2026-10-19"],
  ])("%s", (_label, now, zone, weekday, time, dueIso, week) => {
    const due = latestDigestDue(now, zone, weekday, time);
    expect(due.dueAt.toISOString()).toBe(dueIso);
    expect(due.week).toBe(week);
  });

  it.each([[0, "07:30"], [8, "07:30"], [1, "7"], [1, "25:00"]])("refuses weekday %s time %s", (weekday, time) => {
    expect(() => latestDigestDue(vn("2026-11-23T08:00"), VN, weekday, time)).toThrow(RangeError);
  });
});

describe("digestDueNow", () => {
  it.each<[string, Date, string | undefined]>([
    ["at the time", vn("2026-11-23T07:30"), "2026-11-23"],
    ["a day late (the bot was down)", vn("2026-11-24T07:29"), "2026-11-23"],
    ["just inside the grace window", new Date(vn("2026-11-23T07:30").getTime() + DIGEST_GRACE_MS - 1), "2026-11-23"],
    ["past the grace window: wait for next week", new Date(vn("2026-11-23T07:30").getTime() + DIGEST_GRACE_MS), undefined],
    ["Thursday", vn("2026-11-26T09:00"), undefined],
  ])("%s", (_label, now, week) => {
    expect(digestDueNow(now, VN, 1, "07:30")?.week).toBe(week);
  });
});

describe("escalation moments", () => {
  it.each<[string, Date, number, string | undefined]>([
    ["day 19", vn("2026-11-19T23:59"), 20, undefined],
    ["day 20 at midnight", vn("2026-11-20T00:00"), 20, "2026-11"],
    ["day 30", vn("2026-11-30T12:00"), 20, "2026-11"],
    ["the 1st of the next month: not yet", vn("2026-12-01T08:00"), 20, undefined],
    ["a local escalation day 25", vn("2026-11-24T08:00"), 25, undefined],
    // 17:30 UTC on the 19th is already the 20th in Viet Nam.
    ["by local date, not UTC", new Date("2026-11-19T17:30:00Z"), 20, "2026-11"],
  ])("nudgeMonth: %s", (_label, now, day, month) => {
    expect(nudgeMonth(now, VN, day)).toBe(month);
  });

  it.each<[string, Date, string | undefined]>([
    ["first minute of December", vn("2026-12-01T00:00"), "2026-11"],
    ["3 December", vn("2026-12-03T23:59"), "2026-11"],
    ["4 December: too late to be news", vn("2026-12-04T00:00"), undefined],
    ["1 January", vn("2027-01-01T06:30"), "2026-12"],
    ["30 November", vn("2026-11-30T23:59"), undefined],
  ])("monthJustEnded: %s", (_label, now, month) => {
    expect(monthJustEnded(now, VN)).toBe(month);
  });
});

describe("missedByParent", () => {
  const tree: TreeOrg[] = [
    { id: 1, parentId: null, path: "/1/", kind: "province", code: "P", name: "Tỉnh" },
    { id: 2, parentId: 1, path: "/1/2/", kind: "commune", code: "P.01", name: "Xã A" },
    { id: 3, parentId: 2, path: "/1/2/3/", kind: "cell", code: "P.01.01", name: "Chi bộ 1" },
    { id: 4, parentId: 2, path: "/1/2/4/", kind: "cell", code: "P.01.02", name: "Chi bộ 2" },
    { id: 5, parentId: 2, path: "/1/2/5/", kind: "cell", code: "P.01.03", name: "Chi bộ 3" },
    { id: 6, parentId: 1, path: "/1/6/", kind: "cell", code: "P.02", name: "Chi bộ Văn phòng" },
  ];
  const meeting = (id: number, cellId: number, local: string, extra: Partial<CellMeeting> = {}): CellMeeting => ({
    id,
    cellId,
    kind: "regular",
    forMonth: "2026-11",
    startsAt: vn(local),
    durationMinutes: 120,
    status: "confirmed",
    record: null,
    ...extra,
  });
  const held = { state: "submitted" as const, notHeld: false, startedAt: null, endedAt: null, attendanceRate: 1, meetsAttendanceTarget: true, lengthOk: true };
  const meetings = [
    meeting(1, 3, "2026-11-05T19:30", { record: held }), // held
    meeting(2, 4, "2026-11-30T19:30"), // took place on the last evening, record not in yet
    meeting(3, 5, "2026-11-20T19:30", { status: "cancelled" }), // cancelled
  ];
  const input: DigestInput = {
    committee: tree[0],
    orgs: tree,
    meetings,
    people: [{ cellId: 4, secretaryName: "Lê Văn B", secretaryLinked: true, unreachable: [], followers: [] }],
    flagged: [],
    now: vn("2026-12-01T00:05"),
    timeZone: VN,
    settings: { ...DEFAULT_SETTINGS },
  };

  it("groups last month's missing cells under the organisation directly above them", () => {
    const byParent = missedByParent(input, buildDigest(input));
    expect(Object.fromEntries(byParent)).toEqual({
      2: [
        { cellId: 4, code: "P.01.02", name: "Chi bộ 2", secretary: "Lê Văn B", recordPending: true },
        { cellId: 5, code: "P.01.03", name: "Chi bộ 3", secretary: null, recordPending: false },
      ],
      1: [{ cellId: 6, code: "P.02", name: "Chi bộ Văn phòng", secretary: null, recordPending: false }],
    });
  });

  it("a cell that held its meeting is never reported", () => {
    const byParent = missedByParent(input, buildDigest(input));
    expect([...byParent.values()].flat().map((c) => c.cellId)).not.toContain(3);
  });
});
