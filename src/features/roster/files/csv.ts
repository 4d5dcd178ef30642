// Reads and validates the roster CSV files. Everything is checked before anything is
// written: every bad row is reported with its file, line and reason.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { z } from "zod";
import { findTreeProblems } from "../../../domain/tree.js";
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
  orgs: { code: string; parentCode: string | undefined }[];
}

type Progress = (done: number, total: number) => void;

interface RawRecord {
  line: number;
  values: Record<string, string>;
}

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

function readRecords(file: string, columns: readonly string[], problems: RowProblem[]): RawRecord[] {
  const name = path.basename(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    problems.push({ file: name, line: 0, reason: `cannot read the file (${(error as NodeJS.ErrnoException).code})` });
    return [];
  }
  const text = utf8Text(bytes, name, problems);
  if (text === undefined) return [];
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: false }) as unknown as typeof rows;
  } catch (error) {
    const err = error as { lines?: number; message: string };
    problems.push({ file: name, line: err.lines ?? 0, reason: `not valid CSV: ${err.message}` });
    return [];
  }
  if (rows.length === 0) {
    problems.push({ file: name, line: 1, reason: `the file is empty; expected the header ${columns.join(",")}` });
    return [];
  }
  const header = rows[0].record.map((cell) => cell.trim().toLowerCase());
  const missing = columns.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    problems.push({ file: name, line: 1, reason: `missing column(s): ${missing.join(", ")}; expected ${columns.join(",")}` });
    return [];
  }
  return rows.slice(1).map(({ record, info }) => ({
    line: info.lines,
    values: Object.fromEntries(header.map((column, index) => [column, record[index]])),
  }));
}

function validateRows<S extends z.ZodType>(
  file: string,
  records: RawRecord[],
  schema: S,
  problems: RowProblem[],
  progress?: Progress,
): Located<z.infer<S>>[] {
  const name = path.basename(file);
  const valid: Located<z.infer<S>>[] = [];
  records.forEach((record, index) => {
    const result = schema.safeParse(record.values);
    if (result.success) valid.push({ line: record.line, row: result.data });
    else for (const issue of result.error.issues) problems.push({ file: name, line: record.line, reason: issue.message });
    if (progress && (index + 1) % 5000 === 0) progress(index + 1, records.length);
  });
  return valid;
}

export function readRosterFiles(
  orgsFile: string,
  membersFile: string,
  existing: ExistingTree,
  progress?: Progress,
): RosterFiles {
  const problems: RowProblem[] = [];
  const orgs = validateRows(orgsFile, readRecords(orgsFile, ORG_COLUMNS, problems), orgRowSchema, problems, progress);
  const members = validateRows(
    membersFile,
    readRecords(membersFile, MEMBER_COLUMNS, problems),
    memberRowSchema,
    problems,
    progress,
  );
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
  const knownOrgs = new Set([...existing.orgs.map((o) => o.code), ...orgs.map((o) => o.row.code)]);
  const nameOfPhone = new Map<string, { name: string; line: number }>();
  const placement = new Map<string, number>();
  for (const { line, row } of members) {
    if (!knownOrgs.has(row.org_code)) problems.push({ file, line, reason: `unknown org_code ${row.org_code}` });
    const key = `${row.org_code} ${row.phone}`;
    const seenAt = placement.get(key);
    if (seenAt !== undefined) {
      problems.push({ file, line, reason: `${row.phone} is listed twice in ${row.org_code} (first on line ${seenAt})` });
    } else placement.set(key, line);
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
