// The dashboard's year by child and month (src/domain/heatmap.ts), case by case.
import { describe, expect, it } from "vitest";
import { buildHeatmap } from "../../src/domain/heatmap.js";
import type { CellMeeting, TreeOrg } from "../../src/domain/digest.js";
import { DEFAULT_SETTINGS } from "../../src/domain/settings.js";

const ZONE = "Asia/Ho_Chi_Minh";
const NOW = new Date("2026-12-20T05:00:00Z");
const org = (id: number, path: string, kind: string, code: string): TreeOrg => ({ id, parentId: null, path, kind, name: code, code });
const ORGS = [org(1, "/1/", "province", "P"), org(2, "/1/2/", "commune", "C"), org(3, "/1/2/3/", "cell", "A"), org(4, "/1/4/", "cell", "B")];
const vn = (local: string) => new Date(`${local}:00+07:00`);

let nextId = 1;
function meeting(cellId: number, startsAt: Date, kind: CellMeeting["kind"], record: "held" | "notHeld" | "draft" | "none", extra: Partial<CellMeeting> = {}): CellMeeting {
  const held = record === "held" || record === "notHeld";
  return {
    id: nextId++,
    cellId,
    kind,
    forMonth: `${startsAt.getUTCFullYear()}-${String(startsAt.getUTCMonth() + 1).padStart(2, "0")}`,
    startsAt,
    durationMinutes: 120,
    status: "confirmed",
    record:
      record === "none"
        ? null
        : { state: held ? "submitted" : "draft", notHeld: record === "notHeld", startedAt: startsAt, endedAt: null, attendanceRate: held ? 0.9 : null, meetsAttendanceTarget: true, lengthOk: true },
    ...extra,
  };
}

function monthOf(meetings: CellMeeting[], code: string, month: string, committee = ORGS[0]) {
  const map = buildHeatmap({ committee, orgs: ORGS, meetings, now: NOW, timeZone: ZONE, settings: DEFAULT_SETTINGS });
  const row = map.rows.find((r) => r.code === code)!;
  return { cells: row.cells, ...row.months[map.months.indexOf(month)] };
}

describe("the year's heatmap", () => {
  it("has the last twelve months, the current one last, and a row per child with cells", () => {
    const map = buildHeatmap({ committee: ORGS[0], orgs: ORGS, meetings: [], now: NOW, timeZone: ZONE, settings: DEFAULT_SETTINGS });
    expect(map.months).toEqual(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]);
    expect(map.rows.map((r) => [r.code, r.isCell, r.cells])).toEqual([["B", true, 1], ["C", false, 1]]);
  });

  it.each([
    ["a regular meeting held", [meeting(3, vn("2026-11-05T19:30"), "regular", "held")], "2026-11", { regular: 1, thematic: 0, attendance: 90, overdue: 0 }],
    ["a combined one counts for both", [meeting(3, vn("2026-11-05T19:30"), "combined", "held")], "2026-11", { regular: 1, thematic: 1, attendance: 90, overdue: 0 }],
    ["a thematic one is not the regular one", [meeting(3, vn("2026-11-05T19:30"), "thematic", "held")], "2026-11", { regular: 0, thematic: 1, attendance: 90, overdue: 0 }],
    ["recorded as not held: nothing", [meeting(3, vn("2026-11-05T19:30"), "regular", "notHeld")], "2026-11", { regular: 0, thematic: 0, attendance: null, overdue: 0 }],
    ["cancelled: nothing", [meeting(3, vn("2026-11-05T19:30"), "regular", "held", { status: "cancelled" })], "2026-11", { regular: 0, thematic: 0, attendance: null, overdue: 0 }],
    ["no record six days after: overdue", [meeting(3, vn("2026-12-10T19:30"), "regular", "none")], "2026-12", { regular: 0, thematic: 0, attendance: null, overdue: 1 }],
    ["a draft four days after: not yet overdue", [meeting(3, vn("2026-12-15T19:30"), "regular", "draft")], "2026-12", { regular: 0, thematic: 0, attendance: null, overdue: 0 }],
    ["held late on the 1st: counts where it was held", [meeting(3, vn("2026-11-01T08:00"), "regular", "held", { forMonth: "2026-10" })], "2026-11", { regular: 1, thematic: 0, attendance: 90, overdue: 0 }],
    ["a year and a month ago: outside", [meeting(3, vn("2025-11-05T19:30"), "regular", "held")], "2026-01", { regular: 0, thematic: 0, attendance: null, overdue: 0 }],
  ])("%s", (_case, meetings, month, expected) => {
    expect(monthOf(meetings, "C", month)).toEqual({ cells: 1, ...expected });
  });

  it("counts two meetings of one cell in a month once, and averages their attendance", () => {
    const twice = [meeting(3, vn("2026-11-05T19:30"), "regular", "held"), meeting(3, vn("2026-11-20T19:30"), "regular", "held", { record: { state: "submitted", notHeld: false, startedAt: vn("2026-11-20T19:30"), endedAt: null, attendanceRate: 0.7, meetsAttendanceTarget: false, lengthOk: true } })];
    expect(monthOf(twice, "C", "2026-11")).toEqual({ cells: 1, regular: 1, thematic: 0, attendance: 80, overdue: 0 });
  });

  it("counts a meeting held on the 1st for the month before when the settings allow it, as the digest does", () => {
    const late = [meeting(3, vn("2026-11-01T08:00"), "regular", "held", { forMonth: "2026-10" })];
    const map = buildHeatmap({ committee: ORGS[0], orgs: ORGS, meetings: late, now: NOW, timeZone: ZONE, settings: { ...DEFAULT_SETTINGS, allowFirstOfNextMonth: true } });
    const row = map.rows.find((r) => r.code === "C")!;
    expect([row.months[map.months.indexOf("2026-10")].regular, row.months[map.months.indexOf("2026-11")].regular]).toEqual([1, 0]);
  });

  it("shows a cell its own row", () => {
    const map = buildHeatmap({ committee: ORGS[2], orgs: ORGS, meetings: [meeting(3, vn("2026-11-05T19:30"), "regular", "held")], now: NOW, timeZone: ZONE, settings: DEFAULT_SETTINGS });
    expect(map.rows.map((r) => [r.code, r.cells, r.months.at(-2)?.regular])).toEqual([["A", 1, 1]]);
  });
});
