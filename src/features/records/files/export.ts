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
// The XLSX ends with a sheet of the year's tasks (TasksSheet); the CSV has attendance only.
import { once } from "node:events";
import { PassThrough, type Writable } from "node:stream";
import { finished } from "node:stream/promises";
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

/** One row of the register's task sheet, as it reads: texts translated, dates local. */
export interface TaskRow {
  cellCode: string;
  cellName: string;
  /** The month the meeting was for, "11/2026". */
  month: string;
  task: string;
  /** The assignees' names, or the words for the whole cell. */
  assignees: string;
  /** The due day: its local date in a Date's UTC fields (Excel dates have no zone). */
  due: Date;
  /** Already translated status. */
  status: string;
  /** When the last assignee finished, local wall clock in a Date's UTC fields; null while not done. */
  doneAt: Date | null;
  /** The progress notes, one a line. */
  notes: string;
}

/**
 * The register's sheet of tasks, after the cells' sheets. Its rows are read when the
 * writer reaches it, a batch at a time, as of the file's creation time (the `created`
 * the writer is given): whether a task not done is open or overdue depends on that
 * moment, and the callers (/export, `chibo export`) pass their clock as it.
 */
export interface TasksSheet {
  kind: "tasks";
  rows: (asOf: Date) => AsyncIterable<TaskRow[]>;
}

/** What the register's data yields: a sheet per cell, then the tasks. */
export type RegisterSheet = AttendanceSheet | TasksSheet;

export const isTasksSheet = (sheet: RegisterSheet): sheet is TasksSheet => "kind" in sheet && sheet.kind === "tasks";

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
  return translatedOnce(t, `legend:${locale}`, () => [legendText(locale, t)])[0]!;
}

function legendText(locale: Locale, t: Translate): string {
  const marks = ATTENDANCE_MARKS.map((m) => `${t(locale, `export-mark-${m}`)} = ${t(locale, `export-col-${m}`)}`);
  marks.push(t(locale, "export-legend-blank"));
  return t(locale, "export-legend", { marks: marks.join("; ") });
}

function headerRow(sheet: AttendanceSheet, locale: Locale, t: Translate): string[] {
  const [name, phone, status, present, late, excused, unexcused, flag] = headerLabels(locale, t);
  return [name!, phone!, status!, ...sheet.meetings.map((m) => m.label), present!, late!, excused!, unexcused!, flag!];
}

/** Texts every sheet repeats, translated once per locale and translation function. */
const repeated = new WeakMap<Translate, Map<string, string[]>>();
function translatedOnce<T extends string[]>(t: Translate, key: string, make: () => T): T {
  let byKey = repeated.get(t);
  if (!byKey) repeated.set(t, (byKey = new Map()));
  let value = byKey.get(key);
  if (!value) byKey.set(key, (value = make()));
  return value as T;
}

const headerLabels = (locale: Locale, t: Translate) =>
  translatedOnce(t, `header:${locale}`, () => ["name", "phone", "status", "present", "late", "excused", "unexcused", "flag"].map((c) => t(locale, `export-col-${c}`)));

/** attendanceMark, each mark translated once (a province's register has a million cells). */
function markTexts(locale: Locale, t: Translate): (value: string | null) => string {
  const known = new Map<string | null, string>();
  return (value) => {
    let text = known.get(value);
    if (text === undefined) known.set(value, (text = attendanceMark(locale, t, value)));
    return text;
  };
}

/** Blank cells are null: an empty XLSX cell, an empty CSV field. */
function memberRow(sheet: AttendanceSheet, member: AttendanceSheet["members"][number], mark: (value: string | null) => string): (string | number | null)[] {
  return [
    member.name,
    member.phone,
    member.status,
    // A member row shorter than the meetings list is padded with blanks.
    ...sheet.meetings.map((_, i) => mark(member.cells[i] ?? null) || null),
    member.totals.present,
    member.totals.late,
    member.totals.excused,
    member.totals.unexcused,
    member.flag || null,
  ];
}

// ---- XLSX ------------------------------------------------------------------------------
// Written with exceljs's streaming WorkbookWriter: each row is committed (serialised into
// the zip) as soon as it is filled, so a province's register (100,000 members) never sits
// in memory as a workbook. Styles are shared objects: exceljs recognises an object it has
// seen (a WeakMap) instead of serialising a style per cell.

const sheetName = (wanted: string, used: Set<string>) => uniqueSheetName(wanted, used, "_");

const THIN = { style: "thin" as const, color: { argb: "FF999999" } };
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const RED_BOLD = { bold: true, color: { argb: "FFC00000" } };
const clamp = (n: number, min: number, max: number) => Math.max(min, Math.min(max, n));
const longest = (values: string[]) => values.reduce((max, v) => Math.max(max, v.length), 0);

type Style = Partial<ExcelJS.Style>;
const STYLE = {
  title: { font: { bold: true, size: 14 } },
  heading: { font: { bold: true } },
  header: {
    font: { bold: true },
    alignment: { vertical: "middle", horizontal: "center", wrapText: true },
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } },
    border: BOX,
  },
  text: { border: BOX },
  // Phone numbers stay text, so a leading 0 is kept.
  phone: { border: BOX, numFmt: "@" },
  centred: { border: BOX, alignment: { horizontal: "center" } },
  unexcused: { border: BOX, alignment: { horizontal: "center" }, font: RED_BOLD },
  flag: { border: BOX, alignment: { wrapText: true, vertical: "top" } },
  flagged: { border: BOX, alignment: { wrapText: true, vertical: "top" }, font: RED_BOLD, fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } } },
  legend: { font: { italic: true } },
  wrapped: { border: BOX, alignment: { wrapText: true, vertical: "top" } },
  day: { border: BOX, numFmt: "dd/mm/yyyy", alignment: { vertical: "top" } },
  moment: { border: BOX, numFmt: "dd/mm/yyyy hh:mm", alignment: { vertical: "top" } },
  top: { border: BOX, alignment: { vertical: "top" } },
} satisfies Record<string, Style>;

/** Rows above the header: the title, then the cell's name and code. */
const HEADER_ROW = 3;

function addSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: AttendanceSheet,
  name: string,
  locale: Locale,
  t: Translate,
  title: string,
  mark: (value: string | null) => string,
): ExcelJS.Worksheet {
  const header = headerRow(sheet, locale, t);
  const columns = header.length;
  const firstMeeting = 4;
  const firstTotal = firstMeeting + sheet.meetings.length;
  const flagColumn = columns;
  const ws = workbook.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: 1, ySplit: HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
    ...(sheet.members.length > 0 ? { autoFilter: { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: columns } } } : {}),
  });

  // Widths first: a streamed sheet writes its columns before its first row.
  const widths: number[] = [
    clamp(longest(sheet.members.map((m) => m.name)) + 2, 24, 40),
    clamp(longest(sheet.members.map((m) => m.phone)) + 2, 13, 20),
    clamp(longest(sheet.members.map((m) => m.status)) + 2, 12, 24),
    ...sheet.meetings.map((m) => clamp(m.label.length + 2, 8, 14)),
    ...Array.from({ length: flagColumn - firstTotal }, () => 11),
    clamp(longest(sheet.members.map((m) => m.flag ?? "")) + 2, 20, 60),
  ];
  ws.columns = widths.map((width) => ({ width }));

  const titleRow = ws.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.getCell(1).style = STYLE.title;
  ws.mergeCells(1, 1, 1, columns);
  titleRow.commit();
  const cellRow = ws.getRow(2);
  cellRow.getCell(1).value = t(locale, "export-cell-heading", { name: sheet.cellName, code: sheet.cellCode });
  cellRow.getCell(1).style = STYLE.heading;
  ws.mergeCells(2, 1, 2, columns);
  cellRow.commit();

  const head = ws.getRow(HEADER_ROW);
  head.values = header;
  head.height = 32;
  head.eachCell((c) => {
    c.style = STYLE.header;
  });
  head.commit();

  sheet.members.forEach((member, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    row.values = memberRow(sheet, member, mark);
    for (let col = 1; col <= columns; col++) {
      const c = row.getCell(col);
      if (col === 2) c.style = STYLE.phone;
      else if (col < firstMeeting) c.style = STYLE.text;
      else if (col < firstTotal) c.style = member.cells[col - firstMeeting] === "unexcused" ? STYLE.unexcused : STYLE.centred;
      else if (col < flagColumn) c.style = STYLE.centred;
      else c.style = member.flag ? STYLE.flagged : STYLE.flag;
    }
    row.commit();
  });

  const legendRow = HEADER_ROW + sheet.members.length + 2;
  const legend = ws.getRow(legendRow);
  legend.getCell(1).value = attendanceLegend(locale, t);
  legend.getCell(1).style = STYLE.legend;
  ws.mergeCells(legendRow, 1, legendRow, columns);
  legend.commit();
  ws.commit();
  return ws;
}

/** The task sheet's columns, with their widths and styles (a streamed sheet writes its widths first). */
const TASK_COLUMNS = [
  { key: "code", width: 10, style: STYLE.top },
  { key: "cell", width: 24, style: STYLE.wrapped },
  { key: "month", width: 10, style: STYLE.top },
  { key: "task", width: 48, style: STYLE.wrapped },
  { key: "assignees", width: 30, style: STYLE.wrapped },
  { key: "due", width: 12, style: STYLE.day },
  { key: "status", width: 12, style: STYLE.top },
  { key: "done-at", width: 17, style: STYLE.moment },
  { key: "notes", width: 48, style: STYLE.wrapped },
] as const;

const taskValues = (task: TaskRow) => [task.cellCode, task.cellName, task.month, task.task, task.assignees, task.due, task.status, task.doneAt, task.notes || null];

/** The task sheet, its rows committed as they come; returns how many it wrote. */
async function addTasksSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: TasksSheet, name: string, locale: Locale, t: Translate, title: string, asOf: Date): Promise<number> {
  const columns = TASK_COLUMNS.length;
  const ws = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
  });
  ws.columns = TASK_COLUMNS.map((c) => ({ width: c.width }));
  const heading = (row: number, text: string, style: Style) => {
    const r = ws.getRow(row);
    r.getCell(1).value = text;
    r.getCell(1).style = style;
    ws.mergeCells(row, 1, row, columns);
    r.commit();
  };
  heading(1, title, STYLE.title);
  heading(2, t(locale, "export-tasks-heading"), STYLE.heading);
  const head = ws.getRow(HEADER_ROW);
  head.values = TASK_COLUMNS.map((c) => t(locale, `export-tasks-col-${c.key}`));
  head.height = 32;
  head.eachCell((c) => {
    c.style = STYLE.header;
  });
  head.commit();
  let written = 0;
  for await (const batch of sheet.rows(asOf)) {
    for (const task of batch) {
      const row = ws.getRow(HEADER_ROW + 1 + written++);
      row.values = taskValues(task);
      TASK_COLUMNS.forEach((c, i) => (row.getCell(i + 1).style = c.style));
      row.commit();
    }
  }
  // A streamed sheet writes its filter when committed, so it can wait for the rows.
  if (written > 0) ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: columns } };
  else heading(HEADER_ROW + 1, t(locale, "export-tasks-none"), STYLE.legend);
  ws.commit();
  return written;
}

/** What a register holds: for the operator's summary line. */
export interface RegisterCount {
  cells: number;
  members: number;
  tasks: number;
}

/**
 * Writes the register to `stream`, one worksheet per cell named by the cell's code, as
 * the sheets come (they may be produced a batch of cells at a time), and the tasks'
 * sheet when it comes; `created` is the file's creation time, and the moment the tasks'
 * statuses are read at. Resolves when the file is complete.
 */
export async function writeAttendanceXlsx(
  sheets: Iterable<RegisterSheet> | AsyncIterable<RegisterSheet>,
  locale: Locale,
  t: Translate,
  title: string,
  created: Date,
  stream: Writable,
): Promise<RegisterCount> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  workbook.creator = "chibo";
  workbook.title = title;
  workbook.created = created;
  workbook.modified = created;
  // The zip compresses its entries one after another: a committed sheet waits in memory
  // until its turn. Wait for it (archiver's "entry" event), so only one sheet waits at a time.
  const zip = (workbook as unknown as { zip: NodeJS.EventEmitter }).zip;
  let archived = 0;
  zip.on("entry", () => archived++);
  const zipped = async () => {
    const appended = (workbook as unknown as { _worksheets: unknown[] })._worksheets.filter(Boolean).length;
    while (archived < appended) await once(zip, "entry");
  };
  const used = new Set<string>();
  const mark = markTexts(locale, t);
  const count: RegisterCount = { cells: 0, members: 0, tasks: 0 };
  for await (const sheet of sheets) {
    if (isTasksSheet(sheet)) {
      count.tasks += await addTasksSheet(workbook, sheet, sheetName(t(locale, "export-tasks-sheet"), used), locale, t, title, created);
      continue;
    }
    const ws = addSheet(workbook, sheet, sheetName(sheet.cellCode, used), locale, t, title, mark);
    await zipped();
    // The workbook keeps every sheet for its index (name, id, print titles), and with it
    // the sheet's spent stream buffer: ~30 KB a sheet, 120 MB for 4,000 cells. Drop it.
    (ws as unknown as { _stream?: unknown })._stream = undefined;
    count.cells++;
    count.members += sheet.members.length;
  }
  if (count.cells === 0) {
    // A workbook without sheets does not open in Excel.
    const ws = workbook.addWorksheet("-");
    ws.getCell("A1").value = title;
    ws.getCell("A2").value = t(locale, "export-empty");
    ws.commit();
  }
  await workbook.commit();
  return count;
}

/** The register as one XLSX file in memory (compressed: a few MB for a province). */
export async function buildAttendanceXlsx(
  sheets: Iterable<RegisterSheet> | AsyncIterable<RegisterSheet>,
  locale: Locale,
  t: Translate,
  title: string,
  created: Date,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  await writeAttendanceXlsx(sheets, locale, t, title, created, sink);
  return Buffer.concat(chunks);
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
  const parts: string[] = [];
  const mark = markTexts(locale, t);
  sheets.forEach((sheet, i) => parts.push(csvBlock(sheet, i === 0, locale, t, mark)));
  parts.push(csvEnd(sheets.length > 0, locale, t));
  return parts.join("");
}

/** One cell's block of lines (with the byte-order mark before the first, the empty line between blocks). */
function csvBlock(sheet: AttendanceSheet, first: boolean, locale: Locale, t: Translate, mark: (value: string | null) => string): string {
  const lines: string[] = [];
  if (!first) lines.push("");
  lines.push(csvLine([t(locale, "export-cell-heading", { name: sheet.cellName, code: sheet.cellCode })]));
  lines.push(csvLine(headerRow(sheet, locale, t)));
  for (const member of sheet.members) lines.push(csvLine(memberRow(sheet, member, mark)));
  return `${first ? "\uFEFF" : ""}${lines.join("\r\n")}\r\n`;
}

/** The legend line that ends the file (after an empty line when there were blocks). */
function csvEnd(any: boolean, locale: Locale, t: Translate): string {
  return `${any ? "\r\n" : "\uFEFF"}${csvLine([attendanceLegend(locale, t)])}\r\n`;
}

/**
 * The same CSV as buildAttendanceCsv, written to `stream` a cell at a time. The CSV is
 * the attendance table only: the task sheet is left out (its rows are not read).
 */
export async function writeAttendanceCsv(
  sheets: Iterable<RegisterSheet> | AsyncIterable<RegisterSheet>,
  locale: Locale,
  t: Translate,
  stream: Writable,
): Promise<RegisterCount> {
  const count: RegisterCount = { cells: 0, members: 0, tasks: 0 };
  const mark = markTexts(locale, t);
  const write = (text: string) => (stream.write(text, "utf8") ? Promise.resolve() : once(stream, "drain").then(() => undefined));
  for await (const sheet of sheets) {
    if (isTasksSheet(sheet)) continue;
    await write(csvBlock(sheet, count.cells === 0, locale, t, mark));
    count.cells++;
    count.members += sheet.members.length;
  }
  await write(csvEnd(count.cells > 0, locale, t));
  stream.end();
  await finished(stream);
  return count;
}
