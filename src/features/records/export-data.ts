// Gathers a subtree's year of attendance into sheets, one per cell, in a few queries
// (cells, their members, the year's recorded meetings, their entries, unpaid dues).
import { inChunks } from "../../db/chunks.js";
import type { Db } from "../../db/client.js";
import { translate as t } from "../../bot/i18n.js";
import { absenceCounts, yearSummary } from "../../domain/member-record.js";
import type { Attendance } from "../../domain/meeting-record.js";
import { monthLabel, toLocal } from "../../domain/zoned.js";
import { formatPhone } from "../../domain/phone.js";
import type { AttendanceSheet } from "./files/export.js";

const KIND_SHORT: Record<string, string> = { regular: "TK", thematic: "CĐ", combined: "TK+CĐ" };

export async function attendanceSheets(db: Db, orgPath: string, year: number, locale: string): Promise<AttendanceSheet[]> {
  const cells = await db.org.findMany({ where: { path: { startsWith: orgPath }, kind: "cell" }, orderBy: { code: "asc" } });
  const cellIds = cells.map((c) => c.id);
  const [memberships, meetings, dues] = await Promise.all([
    inChunks(cellIds, (part) => db.membership.findMany({ where: { orgId: { in: part } }, include: { person: true } })),
    inChunks(cellIds, (part) =>
      db.meeting.findMany({ where: { orgId: { in: part }, record: { state: "submitted", notHeld: false } }, include: { record: true, entries: true }, orderBy: { startsAt: "asc" } }),
    ),
    inChunks(cellIds, (part) => db.duesMark.findMany({ where: { orgId: { in: part } } })),
  ]);
  return cells.map((cell) => {
    const zone = cell.timezone;
    const held = meetings.filter((m) => m.orgId === cell.id && toLocal(m.record!.startedAt ?? m.startsAt, zone).year === year);
    const members = memberships
      .filter((m) => m.orgId === cell.id)
      .sort((a, b) => a.person.fullName.localeCompare(b.person.fullName, "vi"))
      .map((m) => {
        const entries = held.map((meeting) => {
          const e = meeting.entries.find((x) => x.personId === m.personId);
          return e ? { meetingId: meeting.id, startedAt: meeting.record!.startedAt ?? meeting.startsAt, forMonth: meeting.forMonth, attendance: e.attendance as Attendance, memberStatus: e.memberStatus } : undefined;
        });
        // Blank where the member was not expected and did not come (exempt, transferred).
        const cells = entries.map((e) => (e && (e.attendance === "present" || e.attendance === "late" || absenceCounts(e)) ? e.attendance : null));
        const summary = yearSummary(entries.filter((e) => e !== undefined), dues.filter((d) => d.personId === m.personId).map((d) => d.month), year, zone);
        const flag = summary.flag === "none" ? null : t(locale, `export-flag-${summary.flag}`, { months: summary.unexcusedMonths.map(monthLabel).join(", ") });
        return {
          name: m.person.fullName,
          phone: formatPhone(m.person.phone),
          status: t(locale, `status-${m.status}`),
          cells,
          totals: { present: summary.present, late: summary.late, excused: summary.excused, unexcused: summary.unexcused },
          flag,
        };
      });
    return {
      cellName: cell.name,
      cellCode: cell.code,
      meetings: held.map((m) => {
        const l = toLocal(m.record!.startedAt ?? m.startsAt, zone);
        return { id: m.id, label: `${String(l.day).padStart(2, "0")}/${String(l.month).padStart(2, "0")} ${KIND_SHORT[m.kind] ?? m.kind}` };
      }),
      members,
    };
  });
}
