// Reads the first sheet of a roster workbook (.xlsx) row by row, streaming: the same
// columns as the CSV files, the header row first. Cells become the text an operator
// sees in the sheet; the checks are the CSV's (files/csv.ts).
import ExcelJS from "exceljs";

export interface SheetRow {
  /** The row's number in the sheet, as Excel shows it. */
  line: number;
  cells: string[];
}

/**
 * A cell's value as text: numbers as written (a phone typed as a number has lost its
 * leading 0, put back by `phoneCell`), rich text joined, formulas by their result,
 * links by their text, dates as their day.
 */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ("error" in value) return String((value as { error: unknown }).error);
  }
  return String(value);
}

/**
 * Excel keeps a phone number typed as a number without its trunk 0 (912 345 678):
 * nine or ten digits that are a number in the sheet get it back.
 */
export function phoneCell(value: ExcelJS.CellValue): string | undefined {
  if (typeof value === "number" && Number.isInteger(value) && value > 0) {
    const digits = String(value);
    if (digits.length === 9 || digits.length === 10) return `0${digits}`;
  }
  return undefined;
}

/**
 * Calls `onRow` for every non-empty row of the workbook's first sheet, in order, with
 * its cells as text. `phoneColumn` (0-based, once the header is known) names the
 * column whose numeric cells are phone numbers. Throws when the file is not a workbook.
 */
export async function readSheetRows(
  file: string,
  onRow: (row: SheetRow) => { phoneColumn?: number } | void,
): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: "emit", sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", entries: "ignore" });
  let phoneColumn: number | undefined;
  let first = true;
  for await (const sheet of reader) {
    if (!first) {
      // Only the first sheet is read; the others are drained so the zip closes.
      for await (const _ of sheet) void _;
      continue;
    }
    first = false;
    for await (const row of sheet) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) {
        const value = values[i];
        cells.push((i - 1 === phoneColumn ? phoneCell(value) : undefined) ?? cellText(value));
      }
      if (cells.every((cell) => cell.trim() === "")) continue;
      const told = onRow({ line: row.number, cells });
      if (told && told.phoneColumn !== undefined) phoneColumn = told.phoneColumn;
    }
  }
}
