// The digest's attachment: every figure and every list in full (the chat text shows the
// worst few), as an Excel workbook. A summary sheet, then one sheet per list, each with a
// title row saying how many items it has and a frozen header row. An empty list keeps its
// sheet, so the reader sees it was checked. Pure: the caller passes the built digest.
import ExcelJS from "exceljs";
import { uniqueSheetName } from "../../../lib/sheet-names.js";
import type { Translate } from "../../../bot/i18n.js";
import type { Digest, DigestRoster, MonthCounts, RosterCounts } from "../../../domain/digest.js";
import type { ResolutionCounts, ResolutionFigures } from "../../../domain/resolution-figures.js";
import { monthLabel, toLocal } from "../../../domain/zoned.js";
import { formatLocalDay, localToday } from "../../../domain/past-date.js";

type Value = string | number | Date | null;

interface Column {
  header: string;
  /** Excel number format, for dates and percentages. */
  format?: string;
  /** Width bounds in characters; the widest value in between is used. */
  min?: number;
  max?: number;
}

interface ListSheet {
  sheetKey: string;
  /** The chat text's heading for the list, "… ({$count}):". */
  titleKey: string;
  columns: Column[];
  rows: Value[][];
}

const DATE_TIME = "dd/mm/yyyy hh:mm";
const DATE = "dd/mm/yyyy";
const PERCENT = "0%";
/** Rows above the header: the title. */
const HEADER_ROW = 2;

export async function digestWorkbook(t: Translate, locale: string, digest: Digest, timeZone: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const title = t(locale, "digest-title", { org: digest.committee.name, date: localDay(digest.at, timeZone) });
  workbook.creator = "chibo";
  workbook.title = title;
  workbook.created = new Date(digest.at);

  const used = new Set<string>();
  const summary = summarySheet(t, locale, digest);
  addSheet(workbook, sheetName(t(locale, "digest-sheet-summary"), used), title, summary.columns, summary.rows, summary.bold);
  const lists = listSheets(t, locale, digest, timeZone);
  if (digest.roster) {
    const roster = rosterSummarySheet(t, locale, digest, digest.roster, timeZone);
    addSheet(workbook, sheetName(t(locale, "digest-sheet-roster"), used), roster.title, roster.columns, roster.rows, roster.bold);
    lists.push(...rosterSheets(t, locale, digest.roster, timeZone));
  }
  if (digest.resolutions) {
    const tasks = resolutionsSummarySheet(t, locale, digest, digest.resolutions, timeZone);
    addSheet(workbook, sheetName(t(locale, "digest-tasks-sheet"), used), tasks.title, tasks.columns, tasks.rows, tasks.bold);
    lists.push(noConclusionSheet(t, locale, digest.resolutions, timeZone));
  }
  for (const list of lists) {
    const heading = t(locale, list.titleKey, { count: list.rows.length }).replace(/:\s*$/, "");
    addSheet(workbook, sheetName(t(locale, list.sheetKey), used), heading, list.columns, list.rows);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * "digest-HCC-2026-11-23.xlsx": the committee's code and the digest's day in `timeZone`
 * (pass the organisation's; the default is the product's default zone, config DEFAULT_TIMEZONE).
 */
export function digestWorkbookFilename(digest: Digest, timeZone: string): string {
  const { year, month, day } = toLocal(new Date(digest.at), timeZone);
  // Codes are usually plain; anything else becomes a safe ASCII file name ("ĐB/Củ Chi" → "DB_Cu_Chi").
  const ascii = digest.committee.code.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
  const code = ascii.replace(/[^A-Za-z0-9_-]+/g, "_") || "org";
  return `digest-${code}-${year}-${pad(month)}-${pad(day)}.xlsx`;
}

// ---- content ---------------------------------------------------------------------------

/** Totals first (bold), then one row per organisation below, in the digest's order. */
function summarySheet(t: Translate, locale: string, d: Digest): { columns: Column[]; rows: Value[][]; bold: number[] } {
  const last = monthLabel(d.lastMonth);
  const now = monthLabel(d.thisMonth);
  const columns: Column[] = [
    { header: t(locale, "digest-col-org"), min: 24, max: 50 },
    { header: t(locale, "digest-col-code"), min: 8, max: 16 },
    { header: t(locale, "digest-col-cells"), min: 10 },
    { header: t(locale, "digest-col-held", { month: last }), min: 12 },
    { header: t(locale, "digest-col-scheduled", { month: last }), min: 12 },
    { header: t(locale, "digest-col-not-scheduled", { month: last }), min: 12 },
    { header: t(locale, "digest-col-compliant", { month: last }), format: PERCENT, min: 12 },
    { header: t(locale, "digest-col-held", { month: now }), min: 12 },
    { header: t(locale, "digest-col-scheduled", { month: now }), min: 12 },
    { header: t(locale, "digest-col-not-scheduled", { month: now }), min: 12 },
    { header: t(locale, "digest-col-compliant", { month: now }), format: PERCENT, min: 12 },
  ];
  const row = (name: string, code: string, lastMonth: MonthCounts, thisMonth: MonthCounts, lastPercent: number, thisPercent: number): Value[] => [
    name,
    code,
    thisMonth.cells,
    lastMonth.held,
    lastMonth.scheduled,
    lastMonth.notScheduled,
    lastPercent / 100,
    thisMonth.held,
    thisMonth.scheduled,
    thisMonth.notScheduled,
    thisPercent / 100,
  ];
  const { lastMonth, thisMonth } = d.totals;
  const thisCompliant = thisMonth.cells === 0 ? 0 : Math.round((100 * (thisMonth.held + thisMonth.scheduled)) / thisMonth.cells);
  const rows = [
    row(t(locale, "digest-summary-total", { org: d.committee.name }), d.committee.code, lastMonth, thisMonth, lastMonth.heldPercent, thisCompliant),
    ...d.children.map((c) => row(c.org.name, c.org.code, c.lastMonth, c.thisMonth, c.compliantLastMonthPercent, c.compliantThisMonthPercent)),
  ];
  return { columns, rows, bold: [0] };
}

function listSheets(t: Translate, locale: string, d: Digest, timeZone: string): ListSheet[] {
  const col = (key: string, extra: Omit<Column, "header"> = {}): Column => ({ header: t(locale, key), ...extra });
  const code = col("digest-col-code", { min: 8, max: 16 });
  const cell = col("digest-col-cell", { min: 24, max: 50 });
  const member = col("digest-col-member", { min: 20, max: 40 });
  const when = (key: string) => col(key, { format: DATE_TIME, min: 17 });
  const at = (iso: string) => wallClock(iso, timeZone);
  return [
    {
      sheetKey: "digest-sheet-missed",
      titleKey: "digest-missed",
      columns: [code, cell, col("digest-col-secretary", { min: 20, max: 40 }), col("digest-col-last-meeting", { format: DATE, min: 14 })],
      rows: d.missedLastMonth.map((c) => [c.code, c.name, c.secretary, c.lastMeeting ? at(c.lastMeeting) : t(locale, "digest-never")]),
    },
    {
      sheetKey: "digest-sheet-not-scheduled",
      titleKey: "digest-title-not-scheduled",
      columns: [code, cell, col("digest-col-secretary", { min: 20, max: 40 })],
      rows: d.notScheduledThisMonth.map((c) => [c.code, c.name, c.secretary]),
    },
    { sheetKey: "digest-sheet-no-thematic", titleKey: "digest-no-thematic", columns: [code, cell], rows: d.noThematicThisQuarter.map((c) => [c.code, c.name]) },
    {
      sheetKey: "digest-sheet-low-attendance",
      titleKey: "digest-low-attendance",
      columns: [when("digest-col-date"), code, cell, col("digest-col-attendance", { format: PERCENT, min: 12 })],
      rows: d.lowAttendance.map((m) => [at(m.date), m.code, m.name, m.percent / 100]),
    },
    {
      sheetKey: "digest-sheet-short",
      titleKey: "digest-short",
      columns: [when("digest-col-date"), code, cell, col("digest-col-minutes", { min: 10 })],
      rows: d.shortMeetings.map((m) => [at(m.date), m.code, m.name, m.minutes]),
    },
    {
      sheetKey: "digest-sheet-overdue",
      titleKey: "digest-overdue",
      columns: [when("digest-col-scheduled-for"), code, cell, col("digest-col-days", { min: 12 })],
      rows: d.overdueRecords.map((m) => [at(m.date), m.code, m.name, m.days]),
    },
    {
      sheetKey: "digest-sheet-flagged",
      titleKey: "digest-flagged",
      columns: [code, cell, member, col("digest-col-months", { min: 16, max: 40 })],
      rows: d.flagged.map((f) => [f.code, f.name, f.member, f.months.map(monthLabel).join(", ")]),
    },
    { sheetKey: "digest-sheet-no-secretary", titleKey: "digest-no-secretary", columns: [code, cell], rows: d.noLinkedSecretary.map((c) => [c.code, c.name]) },
    { sheetKey: "digest-sheet-unreachable", titleKey: "digest-unreachable", columns: [code, cell, member], rows: d.unreachable.map((u) => [u.code, u.name, u.member]) },
    {
      sheetKey: "digest-sheet-next-week",
      titleKey: "digest-next-week",
      columns: [when("digest-col-scheduled-for"), code, cell, col("digest-col-followers", { min: 20, max: 60 })],
      rows: d.nextWeek.map((m) => [at(m.startsAt), m.code, m.name, m.followers.join(", ")]),
    },
  ];
}

/** The roster's counts: the committee's totals first (bold), then each child with cells. */
function rosterSummarySheet(t: Translate, locale: string, d: Digest, r: DigestRoster, timeZone: string): { title: string; columns: Column[]; rows: Value[][]; bold: number[] } {
  const count = (key: string): Column => ({ header: t(locale, key), min: 12 });
  const columns: Column[] = [
    { header: t(locale, "digest-col-org"), min: 24, max: 50 },
    { header: t(locale, "digest-col-code"), min: 8, max: 16 },
    count("digest-col-admitted"),
    count("digest-col-moved-in"),
    count("digest-col-moved-out"),
    count("digest-col-departed"),
    count("digest-col-probation-overdue"),
  ];
  const row = (name: string, code: string, c: RosterCounts): Value[] => [name, code, c.admitted, c.movedIn, c.movedOut, c.departed, c.overdueProbation];
  const rows = [row(t(locale, "digest-summary-total", { org: d.committee.name }), d.committee.code, r.totals), ...r.children.map((c) => row(c.org.name, c.org.code, c.counts))];
  return { title: t(locale, "digest-roster-sheet-title", { from: localDay(r.from, timeZone) }), columns, rows, bold: [0] };
}

function rosterSheets(t: Translate, locale: string, r: DigestRoster, timeZone: string): ListSheet[] {
  const col = (key: string, extra: Omit<Column, "header"> = {}): Column => ({ header: t(locale, key), ...extra });
  const code = col("digest-col-code", { min: 8, max: 16 });
  const cell = col("digest-col-cell", { min: 24, max: 50 });
  const member = col("digest-col-member", { min: 20, max: 40 });
  const day = (key: string) => col(key, { format: DATE, min: 12 });
  const movements = [
    ...r.admitted.map((m) => ({ ...m, kind: "admitted", reason: "" })),
    ...r.movedIn.map((m) => ({ ...m, kind: "moved-in", reason: "" })),
    ...r.movedOut.map((m) => ({ ...m, kind: "moved-out", reason: "" })),
    ...r.departed.map((m) => ({ ...m, kind: "departed", reason: t(locale, `digest-roster-reason-${m.reason}`) })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return [
    {
      sheetKey: "digest-sheet-probation-overdue",
      titleKey: "digest-probation-overdue",
      columns: [code, cell, member, day("digest-col-admitted-on"), day("digest-col-probation-ends"), col("digest-col-days", { min: 12 })],
      rows: r.overdueProbation.map((p) => [p.code, p.name, p.member, isoDate(p.admitted), isoDate(p.ends), p.days]),
    },
    {
      sheetKey: "digest-sheet-roster-movements",
      titleKey: "digest-title-roster-movements",
      columns: [day("digest-col-on"), col("digest-col-movement", { min: 16, max: 30 }), code, cell, member, col("digest-col-reason", { min: 12, max: 30 })],
      rows: movements.map((m) => [wallDay(m.date, timeZone), t(locale, `digest-movement-${m.kind}`), m.code, m.name, m.member, m.reason]),
    },
  ];
}

/** Tasks done on time, late and open, and cells without a conclusion: the committee's totals first (bold), then each child. */
function resolutionsSummarySheet(t: Translate, locale: string, d: Digest, r: ResolutionFigures, timeZone: string): { title: string; columns: Column[]; rows: Value[][]; bold: number[] } {
  const count = (key: string): Column => ({ header: t(locale, key), min: 12 });
  const columns: Column[] = [
    { header: t(locale, "digest-col-org"), min: 24, max: 50 },
    { header: t(locale, "digest-col-code"), min: 8, max: 16 },
    count("digest-tasks-col-on-time"),
    count("digest-tasks-col-late"),
    count("digest-tasks-col-open"),
    count("digest-tasks-col-no-conclusion"),
  ];
  const row = (name: string, code: string, c: ResolutionCounts): Value[] => [name, code, c.onTime, c.late, c.open, c.noConclusionCells];
  const rows = [row(t(locale, "digest-summary-total", { org: d.committee.name }), d.committee.code, r.totals), ...r.children.map((c) => row(c.org.name, c.org.code, c.counts))];
  return { title: t(locale, "digest-tasks-sheet-title", { from: localDay(r.from, timeZone) }), columns, rows, bold: [0] };
}

function noConclusionSheet(t: Translate, locale: string, r: ResolutionFigures, timeZone: string): ListSheet {
  return {
    sheetKey: "digest-tasks-sheet-no-conclusion",
    titleKey: "digest-tasks-no-conclusion",
    columns: [
      { header: t(locale, "digest-col-date"), format: DATE_TIME, min: 17 },
      { header: t(locale, "digest-col-code"), min: 8, max: 16 },
      { header: t(locale, "digest-col-cell"), min: 24, max: 50 },
    ],
    rows: r.noConclusion.map((m) => [wallClock(m.date, timeZone), m.code, m.name]),
  };
}

// ---- layout ----------------------------------------------------------------------------

const THIN = { style: "thin" as const, color: { argb: "FFBFC5CC" } };
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function addSheet(workbook: ExcelJS.Workbook, name: string, title: string, columns: Column[], rows: Value[][], boldRows: number[] = []): void {
  const ws = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const titleCell = ws.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { bold: true, size: 13 };

  const head = ws.getRow(HEADER_ROW);
  head.values = columns.map((c) => c.header);
  head.height = 32;
  head.eachCell((c) => {
    c.font = { bold: true };
    c.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE4E9EF" } };
    c.border = BOX;
  });

  rows.forEach((values, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    columns.forEach((column, j) => {
      const c = row.getCell(j + 1);
      c.value = values[j] ?? null;
      c.border = BOX;
      // A date column may hold a word instead ("never"); format only real dates and numbers.
      if (column.format && typeof values[j] !== "string") c.numFmt = column.format;
      // Codes stay text, so "007" keeps its zeros.
      if (typeof values[j] === "string") c.numFmt = "@";
    });
    if (boldRows.includes(i)) row.font = { bold: true };
  });

  columns.forEach((column, j) => {
    const widest = Math.max(0, ...rows.map((r) => displayLength(r[j], column)));
    ws.getColumn(j + 1).width = clamp(widest + 2, column.min ?? 10, column.max ?? 30);
  });
  if (rows.length > 0) ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: columns.length } };
  ws.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
}

function displayLength(value: Value, column: Column): number {
  if (value === null) return 0;
  if (value instanceof Date) return (column.format ?? DATE_TIME).length;
  return String(value).length;
}

const sheetName = (wanted: string, used: Set<string>) => uniqueSheetName(wanted, used, "-");

// ---- time ------------------------------------------------------------------------------

/**
 * The organisation's wall-clock time as a Date whose UTC fields carry it: Excel dates have
 * no zone, and exceljs writes a Date's UTC fields, so the cell shows the local time.
 */
function wallClock(iso: string, timeZone: string): Date {
  const l = toLocal(new Date(iso), timeZone);
  return new Date(Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute));
}

/** A local day "2025-03-10" as a date cell. */
function isoDate(iso: string): Date {
  const [year, month, day] = iso.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

/** The local day of an instant as a date cell. */
function wallDay(iso: string, timeZone: string): Date {
  const l = toLocal(new Date(iso), timeZone);
  return new Date(Date.UTC(l.year, l.month - 1, l.day));
}

/** DD/MM/YYYY of an instant, in the zone (domain/past-date.ts writes days so everywhere). */
const localDay = (iso: string, timeZone: string): string => formatLocalDay(localToday(new Date(iso), timeZone));

const pad = (n: number) => String(n).padStart(2, "0");
const clamp = (n: number, min: number, max: number) => Math.max(min, Math.min(max, n));
