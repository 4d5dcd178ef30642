// The per-member attendance register (the table the yearly rating needs) as a spreadsheet
// and as CSV. Pure functions of plain data: the caller loads members, meetings and
// answers; nothing here reads the database.
//
// Each meeting cell holds a short mark from the Fluent files (keys export-mark-*), in
// Vietnamese by default:
//   x = present (có mặt), M = late (đi muộn), P = absent with reason (vắng có lý do,
//   "có phép"), K = absent without reason (vắng không lý do, "không phép"),
//   blank = the member was not expected (exempt, attending elsewhere, not yet a member)
//   or nothing was recorded.
// In English: x, L (late), E (excused), U (unexcused). A legend row under each table
// (and at the end of the CSV) says so in the reader's language.
import ExcelJS from "exceljs";
import { uniqueSheetName } from "../../../lib/sheet-names.js";
import type { Locale, Translate } from "../../../bot/i18n.js";

export interface AttendanceSheet {
  cellName: string;
  cellCode: string;
  meetings: { id: number; label: string /* e.g. "05/12 TK" */ }[];
  members: {
    name: string;
    phone: string;
    /** Already translated status label. */
    status: string;
    /** One per meeting, in the order of meetings: "present" | "late" | "excused" | "unexcused" | null. */
    cells: (string | null)[];
    totals: { present: number; late: number; excused: number; unexcused: number };
    /** Already translated warning (e.g. the three-month rule) or null. */
    flag: string | null;
  }[];
}

export const ATTENDANCE_MARKS = ["present", "late", "excused", "unexcused"] as const;
export type AttendanceMark = (typeof ATTENDANCE_MARKS)[number];

const isMark = (value: string): value is AttendanceMark => (ATTENDANCE_MARKS as readonly string[]).includes(value);

/** The short mark for one meeting cell; an unknown value is shown as it is, null as blank. */
export function attendanceMark(locale: Locale, t: Translate, value: string | null): string {
  if (value === null) return "";
  return isMark(value) ? t(locale, `export-mark-${value}`) : value;
}

/** "Ký hiệu: x = Có mặt; M = Đi muộn; P = Vắng có lý do; K = Vắng không lý do; để trống = …" */
export function attendanceLegend(locale: Locale, t: Translate): string {
  const marks = ATTENDANCE_MARKS.map((m) => `${t(locale, `export-mark-${m}`)} = ${t(locale, `export-col-${m}`)}`);
  marks.push(t(locale, "export-legend-blank"));
  return t(locale, "export-legend", { marks: marks.join("; ") });
}

function headerRow(sheet: AttendanceSheet, locale: Locale, t: Translate): string[] {
  return [
    t(locale, "export-col-name"),
    t(locale, "export-col-phone"),
    t(locale, "export-col-status"),
    ...sheet.meetings.map((m) => m.label),
    t(locale, "export-col-present"),
    t(locale, "export-col-late"),
    t(locale, "export-col-excused"),
    t(locale, "export-col-unexcused"),
    t(locale, "export-col-flag"),
  ];
}

/** Blank cells are null: an empty XLSX cell, an empty CSV field. */
function memberRow(
  sheet: AttendanceSheet,
  member: AttendanceSheet["members"][number],
  locale: Locale,
  t: Translate,
): (string | number | null)[] {
  return [
    member.name,
    member.phone,
    member.status,
    // A member row shorter than the meetings list is padded with blanks.
    ...sheet.meetings.map((_, i) => attendanceMark(locale, t, member.cells[i] ?? null) || null),
    member.totals.present,
    member.totals.late,
    member.totals.excused,
    member.totals.unexcused,
    member.flag || null,
  ];
}

// ---- XLSX ------------------------------------------------------------------------------

const sheetName = (wanted: string, used: Set<string>) => uniqueSheetName(wanted, used, "_");

const THIN = { style: "thin" as const, color: { argb: "FF999999" } };
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const clamp = (n: number, min: number, max: number) => Math.max(min, Math.min(max, n));
const longest = (values: string[]) => values.reduce((max, v) => Math.max(max, v.length), 0);

/** Rows above the header: the title, then the cell's name and code. */
const HEADER_ROW = 3;

function addSheet(workbook: ExcelJS.Workbook, sheet: AttendanceSheet, name: string, locale: Locale, t: Translate, title: string): void {
  const ws = workbook.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: 1, ySplit: HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const header = headerRow(sheet, locale, t);
  const columns = header.length;
  const firstMeeting = 4;
  const firstTotal = firstMeeting + sheet.meetings.length;
  const flagColumn = columns;

  const titleRow = ws.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.getCell(1).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, columns);
  const cellRow = ws.getRow(2);
  cellRow.getCell(1).value = t(locale, "export-cell-heading", { name: sheet.cellName, code: sheet.cellCode });
  cellRow.getCell(1).font = { bold: true };
  ws.mergeCells(2, 1, 2, columns);

  const head = ws.getRow(HEADER_ROW);
  head.values = header;
  head.height = 32;
  head.eachCell((c) => {
    c.font = { bold: true };
    c.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } };
    c.border = BOX;
  });

  sheet.members.forEach((member, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    row.values = memberRow(sheet, member, locale, t);
    for (let col = 1; col <= columns; col++) {
      const c = row.getCell(col);
      c.border = BOX;
      if (col >= firstMeeting && col < flagColumn) c.alignment = { horizontal: "center" };
      if (col >= firstMeeting && col < firstTotal && member.cells[col - firstMeeting] === "unexcused") {
        c.font = { bold: true, color: { argb: "FFC00000" } };
      }
    }
    // Phone numbers stay text, so a leading 0 is kept.
    row.getCell(2).numFmt = "@";
    const flag = row.getCell(flagColumn);
    flag.alignment = { wrapText: true, vertical: "top" };
    if (member.flag) {
      flag.font = { bold: true, color: { argb: "FFC00000" } };
      flag.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
    }
  });

  const legendRow = HEADER_ROW + sheet.members.length + 2;
  ws.getRow(legendRow).getCell(1).value = attendanceLegend(locale, t);
  ws.getRow(legendRow).getCell(1).font = { italic: true };
  ws.mergeCells(legendRow, 1, legendRow, columns);

  ws.getColumn(1).width = clamp(longest(sheet.members.map((m) => m.name)) + 2, 24, 40);
  ws.getColumn(2).width = clamp(longest(sheet.members.map((m) => m.phone)) + 2, 13, 20);
  ws.getColumn(3).width = clamp(longest(sheet.members.map((m) => m.status)) + 2, 12, 24);
  sheet.meetings.forEach((m, i) => {
    ws.getColumn(firstMeeting + i).width = clamp(m.label.length + 2, 8, 14);
  });
  for (let col = firstTotal; col < flagColumn; col++) ws.getColumn(col).width = 11;
  ws.getColumn(flagColumn).width = clamp(longest(sheet.members.map((m) => m.flag ?? "")) + 2, 20, 60);

  if (sheet.members.length > 0) {
    ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: columns } };
  }
  ws.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
}

/** One worksheet per cell, named by the cell's code; `created` is the file's creation time. */
export async function buildAttendanceXlsx(sheets: AttendanceSheet[], locale: Locale, t: Translate, title: string, created: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "chibo";
  workbook.title = title;
  workbook.created = created;
  const used = new Set<string>();
  for (const sheet of sheets) addSheet(workbook, sheet, sheetName(sheet.cellCode, used), locale, t, title);
  if (sheets.length === 0) {
    // A workbook without sheets does not open in Excel.
    const ws = workbook.addWorksheet("-");
    ws.getCell("A1").value = title;
    ws.getCell("A2").value = t(locale, "export-empty");
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---- CSV -------------------------------------------------------------------------------

/**
 * A spreadsheet opening the CSV would run a field starting with = + - @ as a formula;
 * such text gets a leading apostrophe. Phone numbers such as +84 912 345 678 are left alone.
 */
function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^[+-]?[\d\s().]+$/.test(value) ? `'${value}` : value;
}

/** RFC 4180: quote a field holding a comma, a quote or a line break; double the quotes. */
function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (fields: (string | number | null)[]) => fields.map(csvField).join(",");

/**
 * UTF-8 with a byte-order mark (so Excel reads the diacritics), CRLF line ends. One block
 * per cell: a line with the cell's name and code, the header, the members; an empty line
 * between blocks; the legend last.
 */
export function buildAttendanceCsv(sheets: AttendanceSheet[], locale: Locale, t: Translate): string {
  const lines: string[] = [];
  for (const sheet of sheets) {
    if (lines.length > 0) lines.push("");
    lines.push(csvLine([t(locale, "export-cell-heading", { name: sheet.cellName, code: sheet.cellCode })]));
    lines.push(csvLine(headerRow(sheet, locale, t)));
    for (const member of sheet.members) lines.push(csvLine(memberRow(sheet, member, locale, t)));
  }
  if (lines.length > 0) lines.push("");
  lines.push(csvLine([attendanceLegend(locale, t)]));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
