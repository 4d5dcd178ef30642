// Roster import on both databases: what an operator sees for good and broken files.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS, IMPORTED_AT } from "../helpers/files.js";
import { runChibo } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp-dirs.js";

async function counts(db: TestDatabase["db"]) {
  return {
    orgs: await db.org.count(),
    people: await db.person.count(),
    memberships: await db.membership.count(),
  };
}

describe.each(PROVIDERS)("roster import on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await database.drop();
  });

  it("writes nothing on a dry run but reports what it would do", async () => {
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    const summary = await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT, dryRun: true });
    expect(summary.problems).toEqual([]);
    expect(summary.orgs).toEqual({ created: 6, updated: 0, unchanged: 0 });
    expect(summary.people).toEqual({ created: 11, updated: 0, unchanged: 0 });
    expect(await counts(database.db)).toEqual({ orgs: 0, people: 0, memberships: 0 });
  });

  it("imports the tree and the rosters, with paths, normalised phones and exact names", async () => {
    const files = csvFiles({ "orgs.csv": `\uFEFF${ORGS}`, "members.csv": MEMBERS });
    const summary = await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    expect(summary.problems).toEqual([]);
    expect(summary.orgs.created).toBe(6);
    expect(summary.people.created).toBe(11);
    expect(summary.memberships.created).toBe(11);
    const { db } = database;
    const province = await db.org.findUniqueOrThrow({ where: { code: "P1" } });
    const commune = await db.org.findUniqueOrThrow({ where: { code: "C1" } });
    const cell = await db.org.findUniqueOrThrow({ where: { code: "A1" } });
    expect(cell.path).toBe(`/${province.id}/${commune.id}/${cell.id}/`);
    expect(cell.kind).toBe("cell");
    const third = await db.person.findUniqueOrThrow({ where: { phone: "+84912000103" } });
    expect(third.fullName).toBe("Lê Văn Một");
    const deputy = await db.person.findUniqueOrThrow({ where: { phone: "+84912000102" } });
    const membership = await db.membership.findFirstOrThrow({ where: { personId: deputy.id } });
    expect(membership).toMatchObject({ orgId: cell.id, role: "deputy", status: "official" });
    expect(await db.auditLog.count({ where: { action: "roster.import" } })).toBe(1);
  });

  it("changes nothing when the same files are imported again", async () => {
    const before = await counts(database.db);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    const summary = await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    expect(summary.orgs).toEqual({ created: 0, updated: 0, unchanged: 6 });
    expect(summary.people).toEqual({ created: 0, updated: 0, unchanged: 11 });
    expect(summary.memberships).toEqual({ created: 0, updated: 0, unchanged: 11 });
    expect(await counts(database.db)).toEqual(before);
  });

  it("treats 0912 345 678, +84912345678 and 84912345678 as one person and updates by phone", async () => {
    const members = MEMBERS.replace("A1,Lê Văn Một,84912000103,official,member", "A1,Lê Văn Một,0912 000 103,probationary,member").replace(
      "A2,Vũ Văn Năm,0912 000 202,official,member",
      "A2,Vũ Văn Năm,+84 912 000 202,official,deputy",
    );
    const files = csvFiles({ "orgs.csv": ORGS.replace("Chi bộ Bản Ba", "Chi bộ Bản Ba Mới"), "members.csv": members });
    const summary = await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT, actor: "test" });
    expect(summary.orgs).toEqual({ created: 0, updated: 1, unchanged: 5 });
    expect(summary.people).toEqual({ created: 0, updated: 0, unchanged: 11 });
    expect(summary.memberships).toEqual({ created: 0, updated: 2, unchanged: 9 });
    expect(await database.db.person.count()).toBe(11);
    const roleChange = await database.db.auditLog.findFirstOrThrow({ where: { action: "membership.role" } });
    expect(JSON.parse(roleChange.detail)).toMatchObject({ org: "A2", phone: "+84912000202", from: "member", to: "deputy" });
  });

  it("moves a subtree when a parent changes, recomputing every path below", async () => {
    const moved = ORGS.replace("A2,Chi bộ Ấp Hai,cell,C1", "A2,Chi bộ Ấp Hai,cell,C2");
    const files = csvFiles({ "orgs.csv": moved, "members.csv": MEMBERS });
    await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    const c2 = await database.db.org.findUniqueOrThrow({ where: { code: "C2" } });
    const a2 = await database.db.org.findUniqueOrThrow({ where: { code: "A2" } });
    expect(a2.path).toBe(`${c2.path}${a2.id}/`);
  });

  const broken: [string, string, string, RegExp][] = [
    ["a missing column", ORGS.replace("code,name,kind,parent_code", "code,name,parent_code").replace(/,cell,|,commune,|,province,/g, ","), MEMBERS, /orgs\.csv:1: missing column\(s\): kind/],
    ["an unknown parent", `${ORGS}X9,Chi bộ lạc,cell,NOPE\n`, MEMBERS, /orgs\.csv:8: unknown parent_code NOPE/],
    ["a cycle in the tree", `${ORGS}Y1,Một,base,Y2\nY2,Hai,base,Y1\n`, MEMBERS, /cycle in the tree: Y1 → Y2 → Y1|cycle in the tree: Y2 → Y1 → Y2/],
    ["a duplicate code", `${ORGS}A1,Chi bộ trùng,cell,C1\n`, MEMBERS, /orgs\.csv:8: duplicate code A1 \(first on line 5\)/],
    ["a bad status", ORGS, `${MEMBERS}A1,Người Mới,0912 000 999,chinh-thuc,member\n`, /members\.csv:13: status must be one of/],
    ["a bad role", ORGS, `${MEMBERS}A1,Người Mới,0912 000 999,official,boss\n`, /members\.csv:13: role must be one of/],
    ["an empty name", ORGS, `${MEMBERS}A1,  ,0912 000 999,official,member\n`, /members\.csv:13: full_name is empty/],
    ["a bad phone", ORGS, `${MEMBERS}A1,Người Mới,12345,official,member\n`, /members\.csv:13: phone "12345" is not a phone number/],
    ["an unknown org_code", ORGS, `${MEMBERS}ZZ,Người Mới,0912 000 999,official,member\n`, /members\.csv:13: unknown org_code ZZ/],
    ["one phone with two names", ORGS, `${MEMBERS}A2,Tên Khác,0912 000 101,official,member\n`, /belongs to "Nguyễn Văn Bí" on line 4/],
  ];

  it.each(broken)("reports %s with file and line, and writes nothing", async (_case, orgs, members, expected) => {
    const before = await counts(database.db);
    const audits = await database.db.auditLog.count();
    const files = csvFiles({ "orgs.csv": `${orgs}ZNEW,Tổ chức mới,base,P1\n`, "members.csv": `${members}ZNEW,Người Rất Mới,0912 111 222,official,member\n` });
    const summary = await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    expect(summary.problems.map((p) => `${p.file}:${p.line}: ${p.reason}`).join("\n")).toMatch(expected);
    expect(await counts(database.db)).toEqual(before);
    expect(await database.db.auditLog.count()).toBe(audits);
  });

  it("reports progress on a large file", async () => {
    const rows = Array.from({ length: 5200 }, (_, i) => `B1,Người Thứ ${i + 1},0913${String(i).padStart(6, "0")},official,member`);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": `${MEMBERS}${rows.join("\n")}\n` });
    const seen: string[] = [];
    const summary = await importRoster(database.db, files["orgs.csv"], files["members.csv"], {
      now: IMPORTED_AT,
      progress: (stage, done, total) => seen.push(`${stage} ${done}/${total}`),
    });
    expect(summary.people.created).toBe(5200);
    expect(seen).toEqual(["validated 5000/5211", "people 5000/5200", "people 5200/5200", "memberships 5000/5200", "memberships 5200/5200"]);
  });

  it("reports lines that are not UTF-8 (a file saved as Windows-1258) instead of importing «�»", async () => {
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    // Line 13 in Windows-1252 bytes: «Hà» as 0x48 0xE0.
    const latin = Buffer.concat([readFileSync(files["members.csv"]), Buffer.from([0x41, 0x31, 0x2c, 0x48, 0xe0, 0x20, 0x56, 0x61, 0x6e, 0x2c, 0x30, 0x39, 0x31, 0x32, 0x30, 0x30, 0x30, 0x39, 0x39, 0x39, 0x2c, 0x6f, 0x66, 0x66, 0x69, 0x63, 0x69, 0x61, 0x6c, 0x2c, 0x6d, 0x65, 0x6d, 0x62, 0x65, 0x72, 0x0a])]);
    writeFileSync(files["members.csv"], latin);
    const summary = await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    expect(summary.problems).toEqual([{ file: "members.csv", line: 13, reason: "not UTF-8 text (save the file as CSV UTF-8)" }]);
    expect(await database.db.person.count({ where: { fullName: { contains: "\ufffd" } } })).toBe(0);
  });

  it("reports every bad row, not only the first", async () => {
    const members = `${MEMBERS}A1,,0912 000 998,official,member\nA1,Ai Đó,abc,official,member\nA1,Người Ba,0912 000 997,official,chief\n`;
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": members });
    const summary = await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    expect(summary.problems.map((p) => p.line)).toEqual([13, 14, 15]);
  });
});

/** A month after the first import: when the office's next list is imported. */
const AGAIN_AT = new Date("2026-12-01T03:00:00Z");
/** Phạm Thị Hai moves from A1 to A2; Hoàng Văn Ba is no longer listed in A1. */
const MOVED = MEMBERS.replace("A1,Phạm Thị Hai,0912 000 104,probationary,member", "A2,Phạm Thị Hai,0912 000 104,probationary,member");
const MOVED_AND_GONE = MOVED.replace("A1,Hoàng Văn Ba,0912 000 105,exempt,member\n", "");

/** Writes rows as the first sheet of a workbook (a second sheet is there to be ignored). */
async function workbook(file: string, rows: (string | number | null)[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Danh sách");
  for (const row of rows) sheet.addRow(row);
  book.addWorksheet("Ghi chú").addRow(["org_code", "full_name"]);
  // exceljs's writeFile may resolve before the file is closed, and a read right after it
  // then finds a truncated zip (seen under load); a buffer written in one call cannot.
  writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));
  return file;
}

const rowsOf = (csv: string) => csv.trim().split("\n").map((line) => line.split(","));

describe.each(PROVIDERS)("roster import over time on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    const first = await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    expect(first.problems).toEqual([]);
  });
  afterAll(async () => {
    await database.drop();
  });

  const periodsOf = async (phone: string) => {
    const person = await database.db.person.findUniqueOrThrow({ where: { phone } });
    return database.db.membership.findMany({ where: { personId: person.id }, include: { org: true }, orderBy: { id: "asc" } });
  };
  const snapshot = async () => ({
    memberships: await database.db.membership.findMany({ orderBy: { id: "asc" } }),
    people: await database.db.person.count(),
    audits: await database.db.auditLog.count(),
  });

  it("starts a cell's first roster as carried over (no start), one current home each", async () => {
    const periods = await periodsOf("+84912000104");
    expect(periods).toHaveLength(1);
    expect(periods[0]).toMatchObject({ kind: "home", startedOn: null, endedOn: null, status: "probationary" });
  });

  it("lists moves and endings by name on a dry run with --sync, and writes nothing", async () => {
    const before = await snapshot();
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MOVED_AND_GONE });
    const summary = await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: AGAIN_AT, dryRun: true, sync: true });
    expect(summary.problems).toEqual([]);
    expect(summary.moves).toEqual([{ fullName: "Phạm Thị Hai", phone: "+84912000104", from: "A1", to: "A2" }]);
    expect(summary.unlisted).toEqual([{ fullName: "Hoàng Văn Ba", phone: "+84912000105", org: "A1" }]);
    expect(summary.memberships).toEqual({ created: 0, updated: 1, unchanged: 9 });
    expect(await snapshot()).toEqual(before);
  });

  it("keeps a member the file no longer lists without --sync, and says so", async () => {
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS.replace("A1,Hoàng Văn Ba,0912 000 105,exempt,member\n", "") });
    const summary = await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: AGAIN_AT });
    expect(summary.unlisted).toEqual([{ fullName: "Hoàng Văn Ba", phone: "+84912000105", org: "A1" }]);
    expect(summary.memberships).toEqual({ created: 0, updated: 0, unchanged: 10 });
    const periods = await periodsOf("+84912000105");
    expect(periods).toHaveLength(1);
    expect(periods[0]!.endedOn).toBeNull();
  });

  it("moves a member named in another cell: the old home ends «moved», the new one starts that day, once", async () => {
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MOVED });
    const summary = await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: AGAIN_AT, actor: "test" });
    expect(summary.moves).toEqual([{ fullName: "Phạm Thị Hai", phone: "+84912000104", from: "A1", to: "A2" }]);
    expect(summary.memberships).toEqual({ created: 0, updated: 1, unchanged: 10 });
    const periods = await periodsOf("+84912000104");
    expect(periods.map((p) => [p.org.code, p.kind, p.status, p.startedOn?.toISOString() ?? null, p.endedOn?.toISOString() ?? null, p.endReason])).toEqual([
      ["A1", "home", "probationary", null, AGAIN_AT.toISOString(), "moved"],
      ["A2", "home", "probationary", AGAIN_AT.toISOString(), null, null],
    ]);
    const move = await database.db.auditLog.findFirstOrThrow({ where: { action: "membership.move" } });
    expect(JSON.parse(move.detail)).toMatchObject({ phone: "+84912000104", from: "A1", to: "A2" });

    // The same file again: nothing moves twice.
    const again = await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: AGAIN_AT });
    expect(again.moves).toEqual([]);
    expect(again.memberships).toEqual({ created: 0, updated: 0, unchanged: 11 });
    expect(await periodsOf("+84912000104")).toHaveLength(2);
  });

  it("ends a home the file no longer lists as «left» with --sync, and keeps everyone else", async () => {
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MOVED_AND_GONE });
    const summary = await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: AGAIN_AT, sync: true });
    expect(summary.unlisted).toEqual([{ fullName: "Hoàng Văn Ba", phone: "+84912000105", org: "A1" }]);
    expect(summary.moves).toEqual([]);
    const gone = await periodsOf("+84912000105");
    expect(gone).toHaveLength(1);
    expect(gone[0]).toMatchObject({ endReason: "left" });
    expect(gone[0]!.endedOn?.toISOString()).toBe(AGAIN_AT.toISOString());
    // The person stays (their history is evidence); everyone listed is still current.
    expect(await database.db.person.count({ where: { phone: "+84912000105" } })).toBe(1);
    expect(await database.db.membership.count({ where: { endedOn: null } })).toBe(10);
  });

  it("leaves cells the members file does not name alone under --sync", async () => {
    const onlyA2 = `org_code,full_name,phone,status,role\nA2,Đỗ Thị Bốn,0912 000 201,official,secretary\nA2,Vũ Văn Năm,0912 000 202,official,member\nA2,Phạm Thị Hai,0912 000 104,probationary,member\n`;
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": onlyA2 });
    const summary = await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: AGAIN_AT, sync: true });
    expect(summary.unlisted).toEqual([]);
    expect(await database.db.membership.count({ where: { endedOn: null } })).toBe(10);
  });

  it("starts a new period when the status or the role changes, and audits it", async () => {
    const later = new Date("2027-01-10T03:00:00Z");
    const members = MOVED_AND_GONE.replace("A2,Phạm Thị Hai,0912 000 104,probationary,member", "A2,Phạm Thị Hai,0912 000 104,official,member");
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": members });
    const summary = await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: later });
    expect(summary.memberships).toEqual({ created: 0, updated: 1, unchanged: 9 });
    const periods = await periodsOf("+84912000104");
    expect(periods.map((p) => [p.org.code, p.status, p.endReason])).toEqual([
      ["A1", "probationary", "moved"],
      ["A2", "probationary", "status"],
      ["A2", "official", null],
    ]);
    expect(periods[2]!.startedOn?.toISOString()).toBe(later.toISOString());
    const person = await database.db.person.findUniqueOrThrow({ where: { phone: "+84912000104" } });
    expect(person.officialOn?.toISOString()).toBe(later.toISOString());
    const status = await database.db.auditLog.findFirstOrThrow({ where: { action: "membership.status" } });
    expect(JSON.parse(status.detail)).toMatchObject({ org: "A2", phone: "+84912000104", from: "probationary", to: "official" });
  });

  it("refuses a file that puts one person in two cells", async () => {
    const before = await snapshot();
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": `${MEMBERS}B1,Phạm Thị Hai,0912 000 104,probationary,member\n` });
    const summary = await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: AGAIN_AT });
    expect(summary.problems).toEqual([{ file: "members.csv", line: 13, reason: "+84912000104 is already listed in cell A1 on line 7: a member has one home cell" }]);
    expect(await snapshot()).toEqual(before);
  });
});

describe.each(PROVIDERS)("roster import from .xlsx on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await database.drop();
  });

  it("reports bad rows by their row number in the sheet and writes nothing", async () => {
    const dir = tempDir("xlsx");
    const orgs = await workbook(path.join(dir, "orgs.xlsx"), rowsOf(ORGS));
    const members = await workbook(path.join(dir, "members.xlsx"), [...rowsOf(MEMBERS), ["A1", "Ai Đó", "12", "official", "member"], [null, null, null, null, null], ["A1", "Người Ba", "0912 000 997", "official", "chief"]]);
    const summary = await importRoster(database.db, orgs, members, { now: IMPORTED_AT });
    expect(summary.problems).toEqual([
      { file: "members.xlsx", line: 13, reason: 'phone "12" is not a phone number' },
      { file: "members.xlsx", line: 15, reason: "role must be one of member, secretary, deputy, committee" },
    ]);
    expect(await database.db.person.count()).toBe(0);
  });

  it("reports a workbook without the expected columns, and a file that is not a workbook", async () => {
    const dir = tempDir("xlsx");
    const orgs = await workbook(path.join(dir, "orgs.xlsx"), rowsOf(ORGS));
    const members = await workbook(path.join(dir, "members.xlsx"), [["org_code", "full_name", "phone"], ["A1", "An", "0912 000 101"]]);
    const missing = await importRoster(database.db, orgs, members, { now: IMPORTED_AT });
    expect(missing.problems).toEqual([{ file: "members.xlsx", line: 1, reason: "missing column(s): status, role; expected org_code,full_name,phone,status,role" }]);
    const fake = path.join(dir, "fake.xlsx");
    writeFileSync(fake, MEMBERS);
    const broken = await importRoster(database.db, orgs, fake, { now: IMPORTED_AT });
    expect(broken.problems).toHaveLength(1);
    expect(broken.problems[0]).toMatchObject({ file: "fake.xlsx", line: 0 });
    expect(await database.db.org.count()).toBe(0);
  });

  it("imports the first sheet like the CSV, phones typed as numbers included", async () => {
    const dir = tempDir("xlsx");
    const orgs = await workbook(path.join(dir, "orgs.xlsx"), rowsOf(ORGS));
    // Excel drops the leading 0 of a phone typed as a number: 0912 000 101 → 912000101.
    const rows: (string | number)[][] = rowsOf(MEMBERS);
    rows[3]![2] = 912000101;
    const members = await workbook(path.join(dir, "members.xlsx"), rows);
    const summary = await importRoster(database.db, orgs, members, { now: IMPORTED_AT });
    expect(summary.problems).toEqual([]);
    expect(summary.orgs.created).toBe(6);
    expect(summary.people.created).toBe(11);
    expect(summary.memberships.created).toBe(11);
    const secretary = await database.db.person.findUniqueOrThrow({ where: { phone: "+84912000101" }, include: { memberships: { include: { org: true } } } });
    expect(secretary.fullName).toBe("Nguyễn Văn Bí");
    expect(secretary.memberships.map((m) => [m.org.code, m.role])).toEqual([["A1", "secretary"]]);
    const csv = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    const again = await importRoster(database.db, csv["orgs.csv"], csv["members.csv"], { now: IMPORTED_AT });
    expect(again.memberships).toEqual({ created: 0, updated: 0, unchanged: 11 });
  });
});

describe("chibo import: moves and endings by name", () => {
  it("lists them on a dry run (writing nothing) and on the real run, with --sync", async () => {
    const dir = tempDir("cli-import");
    const env = { DATABASE_URL: `file:${path.join(dir, "cli.db")}` };
    const first = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    expect((await runChibo(["import", first["orgs.csv"], first["members.csv"], "--now", IMPORTED_AT.toISOString()], env)).code).toBe(0);
    const next = csvFiles({ "orgs.csv": ORGS, "members.csv": MOVED_AND_GONE });
    const kept = await runChibo(["import", next["orgs.csv"], next["members.csv"], "--dry-run", "--now", AGAIN_AT.toISOString()], env);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain("Sẽ chuyển sinh hoạt sang chi bộ khác: 1");
    expect(kept.stdout).toContain("Phạm Thị Hai: A1 → A2 (0912 000 104)");
    expect(kept.stdout).toContain("Không còn trong danh sách nhưng vẫn giữ (thêm --sync để kết thúc): 1");
    expect(kept.stdout).toContain("Hoàng Văn Ba: vẫn ở A1 (0912 000 105)");
    const dry = await runChibo(["import", next["orgs.csv"], next["members.csv"], "--dry-run", "--sync", "--now", AGAIN_AT.toISOString()], { ...env, CHIBO_LANG: "en" });
    expect(dry.stdout).toContain("Would move to another cell: 1");
    expect(dry.stdout).toContain("Phạm Thị Hai: A1 → A2 (0912 000 104)");
    expect(dry.stdout).toContain("No longer listed, would end (--sync): 1");
    expect(dry.stdout).toContain("Hoàng Văn Ba: left A1 (0912 000 105)");
    expect(dry.stdout).toContain("Dry run (--dry-run): nothing was written.");
    const real = await runChibo(["import", next["orgs.csv"], next["members.csv"], "--sync", "--now", AGAIN_AT.toISOString()], env);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain("Chuyển sinh hoạt sang chi bộ khác: 1");
    expect(real.stdout).toContain("Phạm Thị Hai: A1 → A2 (0912 000 104)");
    expect(real.stdout).toContain("Không còn trong danh sách, đã kết thúc (--sync): 1");
    expect(real.stdout).toContain("Hoàng Văn Ba: rời A1 (0912 000 105)");
    const again = await runChibo(["import", next["orgs.csv"], next["members.csv"], "--sync", "--now", AGAIN_AT.toISOString()], env);
    expect(again.stdout).not.toContain("→");
    expect(again.stdout).toContain("Tư cách đảng viên: tạo mới 0, cập nhật 0, không đổi 10");
  });
});
