// Roster import on both databases: what an operator sees for good and broken files.
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRoster } from "../../src/features/roster/mutations.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS, IMPORTED_AT } from "../helpers/files.js";

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
