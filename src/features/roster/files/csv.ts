// Reads and validates the roster files, CSV or .xlsx (first sheet, files/xlsx.ts), row
// by row as they are parsed. Everything is checked before anything is written: every
// bad row is reported with its file, line (a sheet's row number) and reason.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { z } from "zod";
import { findTreeProblems } from "../../../domain/tree.js";
import { CELL_KIND } from "../../../domain/access.js";
import {
  MEMBER_COLUMNS,
  ORG_COLUMNS,
  memberRowSchema,
  orgRowSchema,
  type MemberRow,
  type OrgRow,
} from "../schema.js";

export interface RowProblem {
  file: string;
  line: number;
  reason: string;
}

export interface Located<T> {
  line: number;
  row: T;
}

export interface RosterFiles {
  orgs: Located<OrgRow>[];
  members: Located<MemberRow>[];
  problems: RowProblem[];
}

/** What the database already holds, so the files can refer to it. */
export interface ExistingTree {
  orgs: { code: string; parentCode: string | undefined; kind?: string }[];
}

type Progress = (done: number, total: number) => void;

/** One data row, by column name, with the line (CSV) or row number (xlsx) it came from. */
type OnRecord = (line: number, values: Record<string, string | undefined>) => void;

/**
 * The file as UTF-8 text, or undefined after reporting each line whose bytes are not
 * UTF-8 (a file saved in another encoding): read leniently, they would be imported with
 * "�" in place of letters.
 */
function utf8Text(bytes: Buffer, name: string, problems: RowProblem[]): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const strict = new TextDecoder("utf-8", { fatal: true });
    let line = 0;
    let start = 0;
    let bad = 0;
    while (start <= bytes.length) {
      const end = bytes.indexOf(0x0a, start);
      const stop = end === -1 ? bytes.length : end;
      line++;
      try {
        strict.decode(bytes.subarray(start, stop));
      } catch {
        if (bad++ < 20) problems.push({ file: name, line, reason: "not UTF-8 text (save the file as CSV UTF-8)" });
      }
      if (end === -1) break;
      start = end + 1;
    }
    return undefined;
  }
}

/** Checks a header row; the column index of each expected column, or undefined after reporting what is missing. */
function headerIndexes(cells: string[], columns: readonly string[], name: string, problems: RowProblem[]): number[] | undefined {
  const header = cells.map((cell) => String(cell ?? "").trim().toLowerCase());
  const missing = columns.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    problems.push({ file: name, line: 1, reason: `missing column(s): ${missing.join(", ")}; expected ${columns.join(",")}` });
    return undefined;
  }
  return columns.map((column) => header.indexOf(column));
}

function recordOf(columns: readonly string[], indexes: number[], cells: string[]): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (let i = 0; i < columns.length; i++) values[columns[i]!] = cells[indexes[i]!];
  return values;
}

/** Lines after the header, for progress: newlines counted in the bytes (a quoted newline makes it an estimate). */
function dataLines(bytes: Buffer): number {
  let lines = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) lines++;
  return Math.max(0, lines - 1);
}

/**
 * Reads a CSV file record by record: the parser hands each record to `onRecord` and
 * keeps none, so a province's file is never held twice in memory.
 */
function readCsv(file: string, columns: readonly string[], problems: RowProblem[], onRecord: OnRecord, onTotal: (total: number) => void): void {
  const name = path.basename(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    problems.push({ file: name, line: 0, reason: `cannot read the file (${(error as NodeJS.ErrnoException).code})` });
    return;
  }
  const text = utf8Text(bytes, name, problems);
  if (text === undefined) return;
  onTotal(dataLines(bytes));
  let indexes: number[] | undefined;
  let seen = 0;
  try {
    parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: false,
      on_record: (record: string[], context) => {
        if (seen++ === 0) indexes = headerIndexes(record, columns, name, problems);
        else if (indexes) onRecord(context.lines, recordOf(columns, indexes, record));
        return null;
      },
    });
  } catch (error) {
    const err = error as { lines?: number; message: string };
    problems.push({ file: name, line: err.lines ?? 0, reason: `not valid CSV: ${err.message}` });
    return;
  }
  if (seen === 0) problems.push({ file: name, line: 1, reason: `the file is empty; expected the header ${columns.join(",")}` });
}

/** Reads the first sheet of a workbook row by row, with the CSV's header rule. */
async function readXlsx(file: string, columns: readonly string[], problems: RowProblem[], onRecord: OnRecord): Promise<void> {
  const name = path.basename(file);
  let indexes: number[] | undefined;
  let headerSeen = false;
  let failed = false;
  try {
    // exceljs loads only for a workbook: a CSV import does without its 20 MB.
    const { readSheetRows } = await import("./xlsx.js");
    await readSheetRows(file, ({ line, cells }) => {
      if (!headerSeen) {
        headerSeen = true;
        indexes = headerIndexes(cells, columns, name, problems);
        if (!indexes) failed = true;
        const phone = columns.indexOf("phone");
        return phone >= 0 && indexes ? { phoneColumn: indexes[phone] } : undefined;
      }
      if (indexes) onRecord(line, recordOf(columns, indexes, cells));
      return undefined;
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push({ file: name, line: 0, reason: code ? `cannot read the file (${code})` : `not a valid .xlsx workbook: ${(error as Error).message}` });
    return;
  }
  if (!headerSeen && !failed) problems.push({ file: name, line: 1, reason: `the first sheet is empty; expected the header ${columns.join(",")}` });
}

/**
 * Reads a roster file (CSV, or .xlsx by its extension) and validates each row as it
 * comes; only valid rows are kept, every problem is reported with its line.
 */
async function readValidRows<S extends z.ZodType>(
  file: string,
  columns: readonly string[],
  schema: S,
  problems: RowProblem[],
  progress?: Progress,
): Promise<Located<z.infer<S>>[]> {
  const name = path.basename(file);
  const valid: Located<z.infer<S>>[] = [];
  let count = 0;
  // A CSV's lines are counted before its first record; a workbook's rows are not known
  // before the end (0: progress says only how many were checked).
  let total = 0;
  const onRecord: OnRecord = (line, values) => {
    const result = schema.safeParse(values);
    if (result.success) valid.push({ line, row: result.data });
    else for (const issue of result.error.issues) problems.push({ file: name, line, reason: issue.message });
    if (progress && ++count % 5000 === 0) progress(count, total);
  };
  if (isWorkbook(file)) await readXlsx(file, columns, problems, onRecord);
  else readCsv(file, columns, problems, onRecord, (lines) => (total = lines));
  return valid;
}

export async function readRosterFiles(
  orgsFile: string,
  membersFile: string,
  existing: ExistingTree,
  progress?: Progress,
): Promise<RosterFiles> {
  const problems: RowProblem[] = [];
  const orgs = await readValidRows(orgsFile, ORG_COLUMNS, orgRowSchema, problems, progress);
  const members = await readValidRows(membersFile, MEMBER_COLUMNS, memberRowSchema, problems, progress);
  checkOrgs(path.basename(orgsFile), orgs, existing, problems);
  checkMembers(path.basename(membersFile), members, orgs, existing, problems);
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { orgs, members, problems };
}

function checkOrgs(file: string, orgs: Located<OrgRow>[], existing: ExistingTree, problems: RowProblem[]) {
  const firstLine = new Map<string, number>();
  for (const { line, row } of orgs) {
    const seen = firstLine.get(row.code);
    if (seen !== undefined) problems.push({ file, line, reason: `duplicate code ${row.code} (first on line ${seen})` });
    else firstLine.set(row.code, line);
  }
  // The tree that would result: existing organisations overridden by the file's rows.
  const merged = new Map(existing.orgs.map((org) => [org.code, org]));
  for (const { row } of orgs) merged.set(row.code, { code: row.code, parentCode: row.parent_code });
  for (const problem of findTreeProblems([...merged.values()])) {
    if (problem.kind === "unknown_parent") {
      const line = firstLine.get(problem.code) ?? 0;
      problems.push({ file, line, reason: `unknown parent_code ${problem.parentCode} for ${problem.code}` });
    } else {
      const line = Math.min(...problem.codes.map((c) => firstLine.get(c) ?? Number.MAX_SAFE_INTEGER));
      problems.push({ file, line, reason: `cycle in the tree: ${[...problem.codes, problem.codes[0]].join(" → ")}` });
    }
  }
}

function checkMembers(
  file: string,
  members: Located<MemberRow>[],
  orgs: Located<OrgRow>[],
  existing: ExistingTree,
  problems: RowProblem[],
) {
  // The kind each code will have after the import: the file's rows override the database.
  const kindOf = new Map(existing.orgs.map((o) => [o.code, o.kind]));
  for (const { row } of orgs) kindOf.set(row.code, row.kind);
  const nameOfPhone = new Map<string, { name: string; line: number }>();
  const placement = new Map<string, number>();
  // A person has one home cell: a second cell for the same phone is a mistake in the file.
  const cellOfPhone = new Map<string, { code: string; line: number }>();
  for (const { line, row } of members) {
    if (!kindOf.has(row.org_code)) problems.push({ file, line, reason: `unknown org_code ${row.org_code}` });
    const key = `${row.org_code} ${row.phone}`;
    const seenAt = placement.get(key);
    if (seenAt !== undefined) {
      problems.push({ file, line, reason: `${row.phone} is listed twice in ${row.org_code} (first on line ${seenAt})` });
    } else placement.set(key, line);
    if (kindOf.get(row.org_code) === CELL_KIND) {
      const home = cellOfPhone.get(row.phone);
      if (home && home.code !== row.org_code) {
        problems.push({ file, line, reason: `${row.phone} is already listed in cell ${home.code} on line ${home.line}: a member has one home cell` });
      } else if (!home) cellOfPhone.set(row.phone, { code: row.org_code, line });
    }
    const named = nameOfPhone.get(row.phone);
    if (named && named.name !== row.full_name) {
      problems.push({
        file,
        line,
        reason: `phone ${row.phone} belongs to "${named.name}" on line ${named.line}, not "${row.full_name}"`,
      });
    } else if (!named) nameOfPhone.set(row.phone, { name: row.full_name, line });
  }
}

/** Whether a file is read as a workbook: by its extension. */
function isWorkbook(file: string): boolean {
  return path.extname(file).toLowerCase() === ".xlsx";
}
