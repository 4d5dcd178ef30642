// A committee's year at a glance (the dashboard's heatmap): for each direct child of the
// committee that is a cell or has cells below it, and each of the last twelve months,
// how many of its cells held the regular meeting (as the digest counts it, regularDoneFor)
// and a thematic one, the mean attendance of the meetings held, and how many records are
// overdue. Pure: the caller loads the subtree and the year's meetings.
import { regularMonthOf } from "./compliance.js";
import type { CellMeeting, TreeOrg } from "./digest.js";
import { OVERDUE_AFTER_DAYS } from "./digest.js";
import type { OrgSettings } from "./settings.js";
import { idsOnPath, isWithin } from "./tree.js";
import { addMonths, monthKey } from "./zoned.js";

export interface HeatmapCell {
  /** Cells that held the month's regular meeting. */
  regular: number;
  /** Cells that held a thematic (or combined) meeting that month. */
  thematic: number;
  /** Mean attendance of the meetings held that month, in percent; null when none was. */
  attendance: number | null;
  /** Meetings of that month confirmed and past, whose record is overdue. */
  overdue: number;
}

export interface HeatmapRow {
  orgId: number;
  code: string;
  name: string;
  isCell: boolean;
  /** The cells it counts (itself when it is a cell). */
  cells: number;
  /** One per month of Heatmap.months. */
  months: HeatmapCell[];
}

export interface Heatmap {
  /** The last twelve months, oldest first, the current one last ("2026-12"). */
  months: string[];
  rows: HeatmapRow[];
}

const DAY_MS = 86_400_000;

export function buildHeatmap(input: {
  committee: TreeOrg;
  orgs: TreeOrg[];
  meetings: CellMeeting[];
  now: Date;
  timeZone: string;
  settings: OrgSettings;
}): Heatmap {
  const { committee, orgs, meetings, now, timeZone, settings } = input;
  const current = monthKey(now, timeZone);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(current, i - 11));
  const column = new Map(months.map((month, i) => [month, i]));
  const depth = idsOnPath(committee.path).length;
  const byId = new Map(orgs.map((org) => [org.id, org]));
  const cells = orgs.filter((org) => org.kind === "cell" && isWithin(org.path, committee.path));
  // The row of a cell: the committee's child on its path, or the cell itself when the
  // committee is the cell.
  const rowOf = (cell: TreeOrg) => byId.get(idsOnPath(cell.path)[depth] ?? cell.id) ?? cell;
  const rows = new Map<number, HeatmapRow & { attendanceSums: number[]; attendanceCounts: number[] }>();
  for (const cell of cells) {
    const child = rowOf(cell);
    const row = rows.get(child.id) ?? {
      orgId: child.id,
      code: child.code,
      name: child.name,
      isCell: child.kind === "cell",
      cells: 0,
      months: months.map(() => ({ regular: 0, thematic: 0, attendance: null, overdue: 0 })),
      attendanceSums: months.map(() => 0),
      attendanceCounts: months.map(() => 0),
    };
    row.cells += 1;
    rows.set(child.id, row);
  }
  const meetingsByCell = new Map<number, CellMeeting[]>();
  for (const meeting of meetings) {
    const list = meetingsByCell.get(meeting.cellId);
    if (list) list.push(meeting);
    else meetingsByCell.set(meeting.cellId, [meeting]);
  }
  for (const cell of cells) {
    const row = rows.get(rowOf(cell).id)!;
    const own = (meetingsByCell.get(cell.id) ?? []).filter((m) => m.status !== "cancelled");
    // The months it held a regular meeting for (as regularDoneFor counts them) and a
    // thematic one in: each meeting's month worked out once.
    const regularMonths = new Set<string>();
    const thematicMonths = new Set<string>();
    for (const m of own) {
      if (m.record?.state !== "submitted" || m.record.notHeld) continue;
      const held = { kind: m.kind, forMonth: m.forMonth, startedAt: m.record.startedAt ?? m.startsAt, notHeld: false };
      if (m.kind !== "thematic") regularMonths.add(regularMonthOf(held, timeZone, settings));
      if (m.kind !== "regular") thematicMonths.add(monthKey(held.startedAt, timeZone));
    }
    for (const month of regularMonths) {
      const i = column.get(month);
      if (i !== undefined) row.months[i].regular += 1;
    }
    for (const month of thematicMonths) {
      const i = column.get(month);
      if (i !== undefined) row.months[i].thematic += 1;
    }
    for (const meeting of own) {
      const record = meeting.record;
      const submitted = record?.state === "submitted";
      const i = column.get(monthKey(record?.startedAt ?? meeting.startsAt, timeZone));
      if (i === undefined) continue;
      if (submitted && !record!.notHeld && record!.attendanceRate !== null) {
        row.attendanceSums[i] += record!.attendanceRate;
        row.attendanceCounts[i] += 1;
      }
      const endedAgo = now.getTime() - (meeting.startsAt.getTime() + meeting.durationMinutes * 60_000);
      if (meeting.status === "confirmed" && !submitted && endedAgo > OVERDUE_AFTER_DAYS * DAY_MS) row.months[i].overdue += 1;
    }
  }
  const result = [...rows.values()].map(({ attendanceSums, attendanceCounts, ...row }) => ({
    ...row,
    months: row.months.map((cell, i) => ({ ...cell, attendance: attendanceCounts[i] > 0 ? Math.round((100 * attendanceSums[i]) / attendanceCounts[i]) : null })),
  }));
  return { months, rows: result.sort((a, b) => a.name.localeCompare(b.name, "vi")) };
}
