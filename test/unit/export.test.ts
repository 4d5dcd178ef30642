// The attendance register is written, then read back: the XLSX with exceljs, the CSV
// with csv-parse, names with diacritics, commas and quotes included.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { translate } from "../../src/bot/i18n.js";
import {
  attendanceLegend,
  buildAttendanceCsv,
  buildAttendanceXlsx,
  type AttendanceSheet,
} from "../../src/features/records/files/export.js";

/** When the files say they were made (the exporter never reads the wall clock). */
const CREATED = new Date("2026-12-31T09:00:00Z");
const FLAG = "Vắng không lý do 2 tháng trong năm: sắp đến mức đề nghị xóa tên";
const TRICKY = 'Lê Thị Hoa, "Hoa nhỏ"';

const sheets: AttendanceSheet[] = [
  {
    cellName: "Chi bộ Khu phố 3",
    cellCode: "CB03",
    meetings: [
      { id: 11, label: "05/10 TK" },
      { id: 12, label: "05/11 TK" },
      { id: 13, label: "05/12 TK+CĐ" },
    ],
    members: [
      {
        name: "Nguyễn Văn Bình",
        phone: "0912 345 678",
        status: "Chính thức",
        cells: ["present", "present", "late"],
        totals: { present: 2, late: 1, excused: 0, unexcused: 0 },
        flag: null,
      },
      {
        name: TRICKY,
        phone: "0987654321",
        status: "Dự bị",
        cells: ["excused", "present", "present"],
        totals: { present: 2, late: 0, excused: 1, unexcused: 0 },
        flag: null,
      },
      {
        name: "Phạm Quốc Việt",
        phone: "+84 903 111 222",
        status: "Chính thức",
        cells: ["unexcused", "excused", "unexcused"],
        totals: { present: 0, late: 0, excused: 1, unexcused: 2 },
        flag: FLAG,
      },
      {
        name: "Đỗ Văn Sơn",
        phone: "0243 822 1234",
        status: "Miễn sinh hoạt",
        cells: [null, null, "present"],
        totals: { present: 1, late: 0, excused: 0, unexcused: 0 },
        flag: null,
      },
    ],
  },
  {
    cellName: "Chi bộ Trường THCS Nguyễn Trãi",
    cellCode: "CB07",
    meetings: [{ id: 21, label: "03/12 TK" }],
    members: [
      {
        name: "Vũ Thị Ngọc Ánh",
        phone: "0355 000 111",
        status: "Chính thức",
        cells: ["present"],
        totals: { present: 1, late: 0, excused: 0, unexcused: 0 },
        flag: null,
      },
    ],
  },
];

const VI_HEADER_CB03 = [
  "Họ và tên",
  "Điện thoại",
  "Tình trạng",
  "05/10 TK",
  "05/11 TK",
  "05/12 TK+CĐ",
  "Có mặt",
  "Đi muộn",
  "Vắng có lý do",
  "Vắng không lý do",
  "Cảnh báo",
];

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

const rowValues = (ws: ExcelJS.Worksheet, row: number, columns: number) =>
  Array.from({ length: columns }, (_, i) => ws.getRow(row).getCell(i + 1).value);

/** The row holding a member's name in column A. */
function rowOf(ws: ExcelJS.Worksheet, name: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === name) return r;
  throw new Error(`${name} not found`);
}

describe("buildAttendanceXlsx", () => {
  it("writes one sheet per cell, named by its code, with Vietnamese headers", async () => {
    const buffer = await buildAttendanceXlsx(sheets, "vi", translate, "Sổ theo dõi sinh hoạt năm 2026", CREATED);
    expect(buffer.subarray(0, 2).toString()).toBe("PK");
    const workbook = await load(buffer);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(["CB03", "CB07"]);
    expect(workbook.created).toEqual(CREATED);

    const ws = workbook.getWorksheet("CB03")!;
    expect(ws.getCell("A1").value).toBe("Sổ theo dõi sinh hoạt năm 2026");
    expect(ws.getCell("A2").value).toBe("Chi bộ Khu phố 3 (CB03)");
    expect(rowValues(ws, 3, 11)).toEqual(VI_HEADER_CB03);
    expect(ws.getRow(3).getCell(1).font?.bold).toBe(true);

    // Frozen header and name column
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 3 });

    // Marks and totals
    expect(rowValues(ws, rowOf(ws, "Nguyễn Văn Bình"), 11)).toEqual([
      "Nguyễn Văn Bình", "0912 345 678", "Chính thức", "x", "x", "M", 2, 1, 0, 0, null,
    ]);
    expect(rowValues(ws, rowOf(ws, "Phạm Quốc Việt"), 11)).toEqual([
      "Phạm Quốc Việt", "+84 903 111 222", "Chính thức", "K", "P", "K", 0, 0, 1, 2, FLAG,
    ]);
    // Not expected: blank cells
    expect(rowValues(ws, rowOf(ws, "Đỗ Văn Sơn"), 6).slice(3)).toEqual([null, null, "x"]);
    expect(ws.getRow(rowOf(ws, TRICKY)).getCell(4).value).toBe("P");

    // The flag column is highlighted only where there is a flag
    expect(ws.getRow(rowOf(ws, "Phạm Quốc Việt")).getCell(11).font?.color?.argb).toBe("FFC00000");
    expect(ws.getRow(rowOf(ws, "Nguyễn Văn Bình")).getCell(11).font?.bold).toBeFalsy();

    // Legend under the table
    const legend = String(ws.getRow(rowOf(ws, "Đỗ Văn Sơn") + 2).getCell(1).value);
    expect(legend).toBe(attendanceLegend("vi", translate));
    expect(legend).toContain("x = Có mặt; M = Đi muộn; P = Vắng có lý do; K = Vắng không lý do");

    // Sensible widths: wide name and flag columns, narrow marks
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(24);
    expect(ws.getColumn(4).width).toBeLessThanOrEqual(14);
    // The flag column grows with its text up to 60 characters, then wraps.
    expect(ws.getColumn(11).width).toBe(60);
    expect(ws.getRow(rowOf(ws, "Phạm Quốc Việt")).getCell(11).alignment?.wrapText).toBe(true);

    const other = workbook.getWorksheet("CB07")!;
    expect(rowValues(other, 3, 9)).toEqual([
      "Họ và tên", "Điện thoại", "Tình trạng", "03/12 TK", "Có mặt", "Đi muộn", "Vắng có lý do", "Vắng không lý do", "Cảnh báo",
    ]);
    expect(rowValues(other, 4, 9)).toEqual(["Vũ Thị Ngọc Ánh", "0355 000 111", "Chính thức", "x", 1, 0, 0, 0, null]);
  });

  it("reads in English when asked", async () => {
    const workbook = await load(await buildAttendanceXlsx(sheets, "en", translate, "Attendance 2026", CREATED));
    const ws = workbook.getWorksheet("CB03")!;
    expect(rowValues(ws, 3, 11)).toEqual([
      "Full name", "Phone", "Status", "05/10 TK", "05/11 TK", "05/12 TK+CĐ",
      "Present", "Late", "Absent with reason", "Absent without reason", "Warning",
    ]);
    expect(rowValues(ws, rowOf(ws, "Phạm Quốc Việt"), 6).slice(3)).toEqual(["U", "E", "U"]);
    expect(rowValues(ws, rowOf(ws, "Nguyễn Văn Bình"), 6).slice(3)).toEqual(["x", "x", "L"]);
  });

  it("makes valid, unique sheet names and still opens with no cells", async () => {
    const odd = (code: string): AttendanceSheet => ({ cellName: "Chi bộ", cellCode: code, meetings: [], members: [] });
    const workbook = await load(
      await buildAttendanceXlsx([odd("CB/07:A"), odd("cb/07:a"), odd("X".repeat(40))], "vi", translate, "T", CREATED),
    );
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(["CB_07_A", "cb_07_a (2)", "X".repeat(31)]);

    const empty = await load(await buildAttendanceXlsx([], "vi", translate, "T", CREATED));
    expect(empty.worksheets).toHaveLength(1);
    expect(empty.worksheets[0]!.getCell("A2").value).toBe("Không có chi bộ nào để xuất.");
  });
});

describe("buildAttendanceCsv", () => {
  const csv = buildAttendanceCsv(sheets, "vi", translate);
  const records: string[][] = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: true });

  it("is UTF-8 with a BOM, CRLF lines, RFC 4180 quoting", () => {
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.split("\r\n").length).toBeGreaterThan(5);
    expect(csv.replace(/\r\n/g, "")).not.toContain("\n");
    expect(csv).toContain('"Lê Thị Hoa, ""Hoa nhỏ""",0987654321,Dự bị,P,x,x,2,0,1,0,');
  });

  it("has one block per cell that parses back", () => {
    expect(records[0]).toEqual(["Chi bộ Khu phố 3 (CB03)"]);
    expect(records[1]).toEqual(VI_HEADER_CB03);
    expect(records[2]).toEqual(["Nguyễn Văn Bình", "0912 345 678", "Chính thức", "x", "x", "M", "2", "1", "0", "0", ""]);
    expect(records[3]).toEqual([TRICKY, "0987654321", "Dự bị", "P", "x", "x", "2", "0", "1", "0", ""]);
    expect(records[4]).toEqual(["Phạm Quốc Việt", "+84 903 111 222", "Chính thức", "K", "P", "K", "0", "0", "1", "2", FLAG]);
    expect(records[5]).toEqual(["Đỗ Văn Sơn", "0243 822 1234", "Miễn sinh hoạt", "", "", "x", "1", "0", "0", "0", ""]);
    expect(records[6]).toEqual(["Chi bộ Trường THCS Nguyễn Trãi (CB07)"]);
    expect(records[7]).toEqual(["Họ và tên", "Điện thoại", "Tình trạng", "03/12 TK", "Có mặt", "Đi muộn", "Vắng có lý do", "Vắng không lý do", "Cảnh báo"]);
    expect(records[8]).toEqual(["Vũ Thị Ngọc Ánh", "0355 000 111", "Chính thức", "x", "1", "0", "0", "0", ""]);
    expect(records[9]).toEqual([attendanceLegend("vi", translate)]);
    expect(records).toHaveLength(10);
  });

  it("keeps a spreadsheet from running a name as a formula", () => {
    const text = buildAttendanceCsv(
      [{ ...sheets[1]!, members: [{ ...sheets[1]!.members[0]!, name: '=HYPERLINK("http://x","a")', phone: "+84 355 000 111" }] }],
      "vi",
      translate,
    );
    const rows: string[][] = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
    expect(rows[2]![0]).toBe(`'=HYPERLINK("http://x","a")`);
    expect(rows[2]![1]).toBe("+84 355 000 111");
  });

  it("uses the English marks and legend when asked", () => {
    const rows: string[][] = parse(buildAttendanceCsv(sheets, "en", translate), { bom: true, relax_column_count: true, skip_empty_lines: true });
    expect(rows[1]![0]).toBe("Full name");
    expect(rows[4]!.slice(3, 6)).toEqual(["U", "E", "U"]);
    expect(rows.at(-1)![0]).toContain("Legend: x = Present; L = Late; E = Absent with reason; U = Absent without reason");
  });
});
