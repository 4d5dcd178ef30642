// "import": `chibo import` of a province's roster, as the office runs it: the real
// command in a child process (node bin/chibo.mjs, under /usr/bin/time for its wall time
// and peak RSS), against a throwaway database of each store.
// 1 province, 100 communes, 34 cells each (3,400 cells), 100,000 members written to a
// temp dir as CSV and as .xlsx. Three runs per store: the first import of the CSV into
// an empty database; a re-import with --sync of the same roster with 1% of the members
// moved to another cell, 0.2% with another status (probationary or exempt → official, official → exempt) and 0.1% no longer listed; and the
// first import of the .xlsx into another empty database.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { chiboNodeFlags } from "./child.js";
import { PG_ADMIN_URL, withDatabase, type BenchDatabase, type BenchStore } from "./databases.js";
import { count, seconds, table, type BenchOptions, type BenchResult, type Check, type Target } from "./report.js";

const STORES: BenchStore[] = ["sqlite", "postgresql"];
const CHIBO = fileURLToPath(new URL("../bin/chibo.mjs", import.meta.url));
const CHIBO_NODE_FLAGS = chiboNodeFlags();
const FIRST_AT = "2027-01-05T03:00:00Z";
const AGAIN_AT = "2027-02-05T03:00:00Z";
const MEMBER_COLUMNS = ["org_code", "full_name", "phone", "status", "role"];

interface Shape {
  communes: number;
  cellsPerCommune: number;
  members: number;
}

interface Roster {
  orgs: string[][];
  members: string[][];
  cells: string[];
}

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"];
const GIVEN = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Văn Đức", "Thị Hà", "Văn Hùng", "Thị Lan", "Văn Minh", "Thị Ngọc"];

function makeRoster(shape: Shape): Roster {
  const orgs: string[][] = [["code", "name", "kind", "parent_code"], ["P01", "Đảng bộ tỉnh Thử", "province", ""]];
  const cells: string[] = [];
  for (let c = 1; c <= shape.communes; c++) {
    const commune = `P01-C${String(c).padStart(3, "0")}`;
    orgs.push([commune, `Đảng bộ xã ${c}`, "commune", "P01"]);
    for (let k = 1; k <= shape.cellsPerCommune; k++) {
      const cell = `${commune}-K${String(k).padStart(2, "0")}`;
      orgs.push([cell, `Chi bộ ấp ${k}, xã ${c}`, "cell", commune]);
      cells.push(cell);
    }
  }
  const members: string[][] = [MEMBER_COLUMNS];
  for (let i = 0; i < shape.members; i++) {
    const cell = cells[i % cells.length]!;
    const first = i < cells.length;
    const status = i % 23 === 0 ? "probationary" : i % 41 === 0 ? "exempt" : "official";
    members.push([cell, `${FAMILY[i % 10]} ${GIVEN[Math.floor(i / 10) % 10]} ${i + 1}`, `09${String(10_000_000 + i).padStart(8, "0")}`, status, first ? "secretary" : "member"]);
  }
  return { orgs, members, cells };
}

/** The same roster a month later: 1% moved to the next cell, 0.2% another status, 0.1% gone. */
function changedRoster(roster: Roster): { members: string[][]; moved: number; restated: number; dropped: number } {
  const members: string[][] = [roster.members[0]!];
  let moved = 0;
  let restated = 0;
  let dropped = 0;
  const next = new Map(roster.cells.map((cell, i) => [cell, roster.cells[(i + 1) % roster.cells.length]!]));
  roster.members.slice(1).forEach((row, i) => {
    if (i % 1000 === 7) {
      dropped++;
      return;
    }
    if (i % 100 === 3 && row[4] === "member") {
      moved++;
      members.push([next.get(row[0]!)!, row[1]!, row[2]!, row[3]!, row[4]!]);
      return;
    }
    if (i % 500 === 11) {
      restated++;
      members.push([row[0]!, row[1]!, row[2]!, row[3] === "official" ? "exempt" : "official", row[4]!]);
      return;
    }
    members.push(row);
  });
  return { members, moved, restated, dropped };
}

function writeCsv(file: string, rows: string[][]): void {
  const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  writeFileSync(file, `${rows.map((r) => r.map(cell).join(",")).join("\n")}\n`);
}

async function writeXlsx(file: string, rows: string[][]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet("Danh sách");
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}

function urlOf(database: BenchDatabase): string {
  return database.store === "postgresql" ? PG_ADMIN_URL.replace(/\/[^/]*$/, `/${database.location}`) : `file:${path.join(database.location, "bench.db")}`;
}

interface Run {
  label: string;
  wallMs: number;
  maxRssMb: number;
  stdout: string;
  code: number | null;
}

/** `chibo import …` in a child process under /usr/bin/time: elapsed seconds and peak RSS. */
function runImport(label: string, url: string, args: string[], log: (line: string) => void): Run {
  const started = performance.now();
  const result = spawnSync("/usr/bin/time", ["-f", "TIME %e %M", process.execPath, ...CHIBO_NODE_FLAGS, CHIBO, "import", ...args], {
    env: { ...process.env, DATABASE_URL: url, CHIBO_LANG: "en", LOG_LEVEL: "warn" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = performance.now() - started;
  const timed = /TIME ([\d.]+) (\d+)/.exec(result.stderr ?? "");
  if (result.status !== 0) log(`${label}: exit ${result.status}\n${result.stderr}\n${result.stdout.slice(0, 2000)}`);
  return { label, wallMs: timed ? Number(timed[1]) * 1000 : wall, maxRssMb: timed ? Number(timed[2]) / 1024 : Number.NaN, stdout: result.stdout, code: result.status };
}

async function measure(store: BenchStore, files: Record<string, string>, expected: { members: number; moved: number; restated: number; dropped: number }, xlsx: boolean, log: (line: string) => void) {
  const runs: Run[] = [];
  const checks: Check[] = [];
  await withDatabase(store, async (database) => {
    const url = urlOf(database);
    log(`import ${store}: first import (CSV)`);
    runs.push(runImport(`${store}: first import, CSV`, url, [files.orgs!, files.members!, "--now", FIRST_AT], log));
    const current = await database.db.membership.count({ where: { endedOn: null } });
    checks.push({ name: `first import on ${store}: one current membership per row`, ok: runs[0]!.code === 0 && current === expected.members, detail: `${count(current)} of ${count(expected.members)}` });
    log(`import ${store}: re-import (CSV, --sync)`);
    runs.push(runImport(`${store}: re-import, 1% moved, --sync`, url, [files.orgs!, files.changed!, "--sync", "--now", AGAIN_AT], log));
    const moved = await database.db.membership.count({ where: { endReason: "moved" } });
    const left = await database.db.membership.count({ where: { endReason: "left" } });
    const restated = await database.db.membership.count({ where: { endReason: "status" } });
    const after = await database.db.membership.count({ where: { endedOn: null } });
    const ok = runs[1]!.code === 0 && moved === expected.moved && left === expected.dropped && restated === expected.restated && after === expected.members - expected.dropped;
    checks.push({
      name: `re-import on ${store}: moves, status changes and departures as periods`,
      ok,
      detail: `moved ${moved}/${expected.moved}, status ${restated}/${expected.restated}, left ${left}/${expected.dropped}, current ${count(after)}/${count(expected.members - expected.dropped)}`,
    });
    const listed = (runs[1]!.stdout.match(/ → /g) ?? []).length;
    checks.push({ name: `re-import on ${store}: every move listed by name`, ok: listed === expected.moved, detail: `${listed} lines` });
  });
  if (xlsx) {
    await withDatabase(store, async (database) => {
      log(`import ${store}: first import (xlsx)`);
      runs.push(runImport(`${store}: first import, xlsx`, urlOf(database), [files.orgsXlsx!, files.membersXlsx!, "--now", FIRST_AT], log));
      const current = await database.db.membership.count({ where: { endedOn: null } });
      checks.push({ name: `xlsx import on ${store}: one current membership per row`, ok: runs.at(-1)!.code === 0 && current === expected.members, detail: `${count(current)} of ${count(expected.members)}` });
    });
  }
  return { runs, checks };
}

export async function runImportBench(options: BenchOptions): Promise<BenchResult> {
  const shape: Shape = options.quick ? { communes: 5, cellsPerCommune: 10, members: 2_000 } : { communes: 100, cellsPerCommune: 34, members: 100_000 };
  if (!existsSync("/usr/bin/time")) throw new Error("import: needs /usr/bin/time (GNU time) for the child's peak RSS");
  const dir = mkdtempSync(path.join(tmpdir(), "chibo-bench-import-"));
  try {
    const roster = makeRoster(shape);
    const changed = changedRoster(roster);
    const files: Record<string, string> = {
      orgs: path.join(dir, "orgs.csv"),
      members: path.join(dir, "members.csv"),
      changed: path.join(dir, "members-feb.csv"),
      orgsXlsx: path.join(dir, "orgs.xlsx"),
      membersXlsx: path.join(dir, "members.xlsx"),
    };
    writeCsv(files.orgs!, roster.orgs);
    writeCsv(files.members!, roster.members);
    writeCsv(files.changed!, changed.members);
    await writeXlsx(files.orgsXlsx!, roster.orgs);
    await writeXlsx(files.membersXlsx!, roster.members);
    const expected = { members: shape.members, moved: changed.moved, restated: changed.restated, dropped: changed.dropped };
    // The floor: the same command on a one-row roster (a dry run), i.e. the process
    // itself (node, tsx, every feature's modules, the Prisma client) before any row.
    const tinyOrgs = path.join(dir, "tiny-orgs.csv");
    const tinyMembers = path.join(dir, "tiny-members.csv");
    writeCsv(tinyOrgs, roster.orgs.slice(0, 2));
    writeCsv(tinyMembers, [MEMBER_COLUMNS, ["P01", "Người Một", "0912000001", "official", "committee"]]);
    const floor = await withDatabase("sqlite", async (database) => runImport("floor: one-row roster, --dry-run (sqlite)", urlOf(database), [tinyOrgs, tinyMembers, "--dry-run", "--now", FIRST_AT], options.log));
    const runs: Run[] = [];
    const checks: Check[] = [];
    for (const store of STORES) {
      const measured = await measure(store, files, expected, true, options.log);
      runs.push(...measured.runs);
      checks.push(...measured.checks);
    }
    const targets: Target[] = runs.flatMap((run) => [
      { name: `${run.label}: wall time`, goal: "< 15 s", actual: seconds(run.wallMs), met: run.wallMs < 15_000 },
      { name: `${run.label}: peak RSS`, goal: "< 300 MB", actual: `${run.maxRssMb.toFixed(0)} MB`, met: run.maxRssMb < 300 },
    ]);
    const mb = (file: string) => `${(statSync(file).size / 2 ** 20).toFixed(1)} MB`;
    return {
      name: "import",
      setup: [
        `1 province, ${shape.communes} communes × ${shape.cellsPerCommune} cells (${count(roster.cells.length)} cells), ${count(shape.members)} members; members.csv ${mb(files.members!)}, members.xlsx ${mb(files.membersXlsx!)}`,
        `re-import: ${changed.moved} moved to the next cell, ${changed.restated} with another status, ${changed.dropped} no longer listed (--sync ends them "left")`,
        "each run: `node <bin/chibo.mjs's flags> bin/chibo.mjs import … --now …`, as `npx chibo` runs it, in a child process under /usr/bin/time (elapsed, maximum resident set size); the process's start (tsx, Prisma client) is included",
      ],
      figures: table(
        ["run", "wall", "peak RSS"],
        [floor, ...runs].map((run) => [run.label, seconds(run.wallMs), `${run.maxRssMb.toFixed(0)} MB`]),
      ),
      targets,
      checks,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
