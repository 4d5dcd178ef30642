// The digest's XLSX is written, then read back with exceljs: every item of every list is
// there (the chat text cuts them), headers in the reader's language, dates in the
// organisation's zone, and an empty list still has its sheet and header.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { translate } from "../../src/bot/i18n.js";
import type { Digest, MonthCounts } from "../../src/domain/digest.js";
import { digestWorkbook, digestWorkbookFilename } from "../../src/features/digest/files/workbook.js";

const ZONE = "Asia/Ho_Chi_Minh";

const counts = (cells: number, held: number, scheduled: number): MonthCounts => ({
  cells,
  held,
  scheduled,
  notScheduled: cells - held - scheduled,
  heldPercent: cells === 0 ? 0 : Math.round((100 * held) / cells),
});

const cell = (i: number) => ({ cellId: 100 + i, code: `CB${String(i).padStart(2, "0")}`, name: `Chi bộ Ấp Bình Thạnh Đông ${i}` });

function bigDigest(): Digest {
  return {
    committee: { id: 1, code: "HCC", name: "Đảng bộ huyện Củ Chi" },
    at: "2026-11-23T18:00:00.000Z",
    thisMonth: "2026-11",
    lastMonth: "2026-10",
    quarter: "2026-Q4",
    totals: { thisMonth: counts(20, 5, 9), lastMonth: counts(20, 8, 0) },
    children: [
      { org: { id: 2, code: "PH", name: "Đảng bộ xã Phú Hòa" }, thisMonth: counts(12, 2, 4), lastMonth: counts(12, 3, 0), compliantLastMonthPercent: 25, compliantThisMonthPercent: 50 },
      { org: { id: 3, code: "TT", name: "Đảng bộ thị trấn Củ Chi" }, thisMonth: counts(8, 3, 5), lastMonth: counts(8, 5, 1), compliantLastMonthPercent: 63, compliantThisMonthPercent: 100 },
    ],
    missedLastMonth: Array.from({ length: 12 }, (_, i) => ({
      ...cell(i),
      secretary: i % 3 === 0 ? null : `Nguyễn Văn Bí ${i}`,
      lastMeeting: i === 0 ? null : "2026-09-05T12:30:00.000Z",
    })),
    notScheduledThisMonth: [{ ...cell(8), secretary: null }, { ...cell(9), secretary: "Hồ Thị Bí Thư" }],
    noThematicThisQuarter: [],
    lowAttendance: [{ meetingId: 501, ...cell(1), date: "2026-11-20T12:30:00.000Z", percent: 71 }],
    shortMeetings: [{ meetingId: 502, ...cell(2), date: "2026-11-03T13:00:00.000Z", minutes: 55 }],
    overdueRecords: [{ meetingId: 503, ...cell(3), date: "2026-11-10T12:00:00.000Z", days: 13 }],
    flagged: Array.from({ length: 7 }, (_, i) => ({ ...cell(i % 4), member: `Trần Thị Đảng Viên ${i}`, months: ["2026-09", "2026-10", "2026-11"] })),
    noLinkedSecretary: [cell(4), cell(5)],
    unreachable: [{ ...cell(6), member: "Lê Văn Ẩn" }],
    nextWeek: [{ meetingId: 504, ...cell(7), startsAt: "2026-11-25T12:30:00.000Z", followers: ["Phạm Ủy Viên", "Võ Thường Vụ"] }],
  };
}

async function readBack(locale: string, digest = bigDigest()) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await digestWorkbook(translate, locale, digest, ZONE)) as unknown as ArrayBuffer);
  return workbook;
}

const t = (locale: string, key: string, variables?: Record<string, string | number>) => translate(locale, key, variables);

/** The values of a row, without exceljs' leading empty slot. */
const rowValues = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as ExcelJS.CellValue[]).slice(1);
const dataRows = (ws: ExcelJS.Worksheet) => Array.from({ length: ws.rowCount - 2 }, (_, i) => rowValues(ws, i + 3));

const SHEETS = [
  ["digest-sheet-summary", null],
  ["digest-sheet-missed", 12],
  ["digest-sheet-not-scheduled", 2],
  ["digest-sheet-no-thematic", 0],
  ["digest-sheet-low-attendance", 1],
  ["digest-sheet-short", 1],
  ["digest-sheet-overdue", 1],
  ["digest-sheet-flagged", 7],
  ["digest-sheet-no-secretary", 2],
  ["digest-sheet-unreachable", 1],
  ["digest-sheet-next-week", 1],
] as const;

describe("digestWorkbook", () => {
  it.each(["vi", "en"])("in %s, has the summary then one sheet per list, named in that language, each with every item", async (locale) => {
    const workbook = await readBack(locale);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(SHEETS.map(([key]) => t(locale, key)));
    for (const ws of workbook.worksheets) {
      expect(ws.name.length).toBeLessThanOrEqual(31);
      expect(ws.name).not.toMatch(/[[\]:*?/\\]/);
      // The header row stays in view while scrolling.
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    }
    for (const [key, items] of SHEETS) {
      if (items !== null) expect(dataRows(workbook.getWorksheet(t(locale, key))!), key).toHaveLength(items);
    }
  });

  it.each([
    // locale, sheet, header row
    ["vi", "digest-sheet-missed", ["Mã", "Chi bộ", "Bí thư", "Họp lần cuối"]],
    ["en", "digest-sheet-missed", ["Code", "Cell", "Secretary", "Last met"]],
    ["vi", "digest-sheet-flagged", ["Mã", "Chi bộ", "Đảng viên", "Các tháng"]],
    ["en", "digest-sheet-flagged", ["Code", "Cell", "Member", "Months"]],
    ["vi", "digest-sheet-no-thematic", ["Mã", "Chi bộ"]],
    ["en", "digest-sheet-no-thematic", ["Code", "Cell"]],
    ["en", "digest-sheet-next-week", ["Scheduled for", "Code", "Cell", "Committee attending"]],
    ["vi", "digest-sheet-summary", ["Tổ chức", "Mã", "Số chi bộ", "Tháng 10/2026: đã họp", "Tháng 10/2026: đã lên lịch", "Tháng 10/2026: chưa lên lịch", "Tháng 10/2026: % đạt", "Tháng 11/2026: đã họp", "Tháng 11/2026: đã lên lịch", "Tháng 11/2026: chưa lên lịch", "Tháng 11/2026: % đạt"]],
  ])("in %s, %s has the header %j", async (locale, key, header) => {
    const ws = (await readBack(locale)).getWorksheet(t(locale, key))!;
    expect(rowValues(ws, 2)).toEqual(header);
  });

  it("lists all 12 cells that missed last month, in the digest's order, 'never' for one that never met", async () => {
    const ws = (await readBack("vi")).getWorksheet(t("vi", "digest-sheet-missed"))!;
    expect(ws.getCell(1, 1).value).toBe("Chi bộ không sinh hoạt thường kỳ tháng trước (12)");
    const rows = dataRows(ws);
    expect(rows.map((r) => r[0])).toEqual(bigDigest().missedLastMonth.map((c) => c.code));
    expect(rows[0].slice(1)).toEqual(["Chi bộ Ấp Bình Thạnh Đông 0", undefined, "chưa có"]);
    // 12:30 UTC is 19:30 in Ho Chi Minh City; the cell shows that wall-clock time.
    expect(rows[1][3]).toEqual(new Date(Date.UTC(2026, 8, 5, 19, 30)));
  });

  it("lists the cells with this month's meeting not scheduled, with their secretaries", async () => {
    const ws = (await readBack("vi")).getWorksheet(t("vi", "digest-sheet-not-scheduled"))!;
    expect(ws.getCell(1, 1).value).toBe("Chi bộ chưa lên lịch sinh hoạt thường kỳ tháng này (2)");
    expect(rowValues(ws, 2)).toEqual(["Mã", "Chi bộ", "Bí thư"]);
    expect(dataRows(ws)).toEqual([
      ["CB08", "Chi bộ Ấp Bình Thạnh Đông 8"],
      ["CB09", "Chi bộ Ấp Bình Thạnh Đông 9", "Hồ Thị Bí Thư"],
    ]);
  });

  it("lists all 7 flagged members with their months", async () => {
    const ws = (await readBack("en")).getWorksheet(t("en", "digest-sheet-flagged"))!;
    const rows = dataRows(ws);
    expect(rows.map((r) => r[2])).toEqual(Array.from({ length: 7 }, (_, i) => `Trần Thị Đảng Viên ${i}`));
    for (const row of rows) expect(row[3]).toBe("9/2026, 10/2026, 11/2026");
  });

  it.each(["vi", "en"])("in %s, an empty list keeps its sheet: a title saying 0, the header, no rows", async (locale) => {
    const ws = (await readBack(locale)).getWorksheet(t(locale, "digest-sheet-no-thematic"))!;
    expect(ws.getCell(1, 1).value).toBe(t(locale, "digest-no-thematic", { count: 0 }).replace(/:$/, ""));
    expect(rowValues(ws, 2)).toEqual([t(locale, "digest-col-code"), t(locale, "digest-col-cell")]);
    expect(ws.rowCount).toBe(2);
  });

  it("writes meeting times in the organisation's zone and percentages as percentages", async () => {
    const workbook = await readBack("en");
    const low = workbook.getWorksheet(t("en", "digest-sheet-low-attendance"))!;
    expect(rowValues(low, 3)).toEqual([new Date(Date.UTC(2026, 10, 20, 19, 30)), "CB01", "Chi bộ Ấp Bình Thạnh Đông 1", 0.71]);
    expect(low.getCell(3, 1).numFmt).toBe("dd/mm/yyyy hh:mm");
    expect(low.getCell(3, 4).numFmt).toBe("0%");
    const next = workbook.getWorksheet(t("en", "digest-sheet-next-week"))!;
    expect(rowValues(next, 3)).toEqual([new Date(Date.UTC(2026, 10, 25, 19, 30)), "CB07", "Chi bộ Ấp Bình Thạnh Đông 7", "Phạm Ủy Viên, Võ Thường Vụ"]);
  });

  it("sums up the committee first, then each organisation below with both months", async () => {
    const ws = (await readBack("vi")).getWorksheet(t("vi", "digest-sheet-summary"))!;
    expect(dataRows(ws)).toEqual([
      // Totals: last month 8 of 20 held; this month 5 held + 9 scheduled of 20.
      ["Toàn bộ – Đảng bộ huyện Củ Chi", "HCC", 20, 8, 0, 12, 0.4, 5, 9, 6, 0.7],
      ["Đảng bộ xã Phú Hòa", "PH", 12, 3, 0, 9, 0.25, 2, 4, 6, 0.5],
      ["Đảng bộ thị trấn Củ Chi", "TT", 8, 5, 1, 2, 0.63, 3, 5, 0, 1],
    ]);
  });
});

describe("digestWorkbookFilename", () => {
  it.each([
    // committee code, digest time, zone, file name
    ["HCC", "2026-11-23T03:00:00.000Z", ZONE, "digest-HCC-2026-11-23.xlsx"],
    // 01:00 on the 24th in Vietnam is still the 23rd in UTC.
    ["HCC", "2026-11-23T18:00:00.000Z", ZONE, "digest-HCC-2026-11-24.xlsx"],
    ["HCC", "2026-11-23T18:00:00.000Z", "UTC", "digest-HCC-2026-11-23.xlsx"],
    ["ĐB/Củ Chi", "2026-01-05T03:00:00.000Z", ZONE, "digest-DB_Cu_Chi-2026-01-05.xlsx"],
  ])("%s at %s in %s is %s", (code, at, zone, expected) => {
    const digest = { ...bigDigest(), committee: { id: 1, code, name: "x" }, at };
    expect(digestWorkbookFilename(digest, zone)).toBe(expected);
  });
});
