// The register export with membership history, on both stores: a member who moved from
// one cell to another during the year is on both sheets, with blanks for the meetings
// outside their membership and their months counted across cells; a member who left in
// March is on the sheet with their January–March entries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attendanceSheets } from "../../src/features/records/export-data.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";

const ZONE = "Asia/Ho_Chi_Minh";
/** 19:30 in Hanoi on a day of 2026. */
const at = (month: number, day: number) => new Date(Date.UTC(2026, month - 1, day, 12, 30));
/** Midnight in Hanoi starting a day of 2026. */
const day = (month: number, d: number) => new Date(Date.UTC(2026, month - 1, d, 0, 0) - 7 * 3_600_000);

describe.each(PROVIDERS)("the register with membership history on %s", (provider) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const { db } = database;
    const root = await db.org.create({ data: { code: "H", name: "Đảng ủy H", kind: "commune", path: "", timezone: ZONE } });
    await db.org.update({ where: { id: root.id }, data: { path: `/${root.id}/` } });
    const cell = async (code: string) => {
      const c = await db.org.create({ data: { code, name: `Chi bộ ${code}`, kind: "cell", parentId: root.id, path: "", timezone: ZONE } });
      return db.org.update({ where: { id: c.id }, data: { path: `/${root.id}/${c.id}/` } });
    };
    const a = await cell("HA");
    const b = await cell("HB");
    const person = (fullName: string, phone: string) => db.person.create({ data: { fullName, phone } });
    const stay = await person("An Văn Ở", "+84912000001");
    const mover = await person("Bùi Văn Chuyển", "+84912000002");
    const leaver = await person("Cao Thị Đi", "+84912000003");
    const host = await person("Đào Văn Nhận", "+84912000004");

    await db.membership.createMany({
      data: [
        { orgId: a.id, personId: stay.id, status: "official", role: "secretary" },
        // Probationary, then official in A; moved to B on 1 May.
        { orgId: a.id, personId: mover.id, status: "probationary", role: "member", startedOn: day(1, 1), endedOn: day(2, 15), endReason: "status" },
        { orgId: a.id, personId: mover.id, status: "official", role: "member", startedOn: day(2, 15), endedOn: day(5, 1), endReason: "moved" },
        { orgId: b.id, personId: mover.id, status: "official", role: "member", startedOn: day(5, 1) },
        // Left the list on 20 March.
        { orgId: a.id, personId: leaver.id, status: "official", role: "member", endedOn: day(3, 20), endReason: "left" },
        { orgId: b.id, personId: host.id, status: "official", role: "secretary" },
      ],
    });

    // A meeting a month in each cell; the entries as the lists were built (the periods on the day).
    const meeting = async (orgId: number, month: number, entries: [number, string, string][]) => {
      const m = await db.meeting.create({
        data: { orgId, kind: "regular", forMonth: `2026-${String(month).padStart(2, "0")}`, startsAt: at(month, 10), durationMinutes: 90, place: "P", status: "confirmed" },
      });
      await db.meetingRecord.create({ data: { meetingId: m.id, state: "submitted", startedAt: at(month, 10), endedAt: new Date(at(month, 10).getTime() + 100 * 60_000), submittedAt: at(month, 11) } });
      await db.attendanceEntry.createMany({ data: entries.map(([personId, memberStatus, attendance]) => ({ meetingId: m.id, personId, memberStatus, attendance })) });
    };
    for (let month = 1; month <= 6; month++) {
      const inA: [number, string, string][] = [[stay.id, "official", "present"]];
      if (month <= 4) inA.push([mover.id, month === 1 ? "probationary" : "official", month === 2 ? "unexcused" : "present"]);
      if (month <= 3) inA.push([leaver.id, "official", month === 1 ? "late" : month === 2 ? "excused" : "unexcused"]);
      await meeting(a.id, month, inA);
      const inB: [number, string, string][] = [[host.id, "official", "present"]];
      if (month >= 5) inB.push([mover.id, "official", "unexcused"]);
      // A stray entry from before the move (the old model listed everyone): outside the membership, never counted.
      if (month === 4) inB.push([mover.id, "official", "unexcused"]);
      await meeting(b.id, month, inB);
    }
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("lists the mover on both sheets, blank outside the membership, with the months across cells", async () => {
    const sheets = await attendanceSheets(database.db, (await database.db.org.findUniqueOrThrow({ where: { code: "H" } })).path, 2026, "vi");
    expect(sheets.map((s) => s.cellCode)).toEqual(["HA", "HB"]);
    const [a, b] = sheets;
    expect(a!.meetings).toHaveLength(6);
    expect(b!.meetings).toHaveLength(6);

    const inA = a!.members.find((m) => m.name === "Bùi Văn Chuyển")!;
    const inB = b!.members.find((m) => m.name === "Bùi Văn Chuyển")!;
    // Once per cell, with the latest period's status.
    expect(a!.members.filter((m) => m.name === "Bùi Văn Chuyển")).toHaveLength(1);
    expect(inA.status).toBe("chính thức");
    expect(inA.cells).toEqual(["present", "unexcused", "present", "present", null, null]);
    // April's stray entry in B is outside the membership: blank, and not counted.
    expect(inB.cells).toEqual([null, null, null, null, "unexcused", "unexcused"]);
    // February in A, May and June in B: three months, on both sheets.
    for (const row of [inA, inB]) {
      expect(row.totals).toEqual({ present: 3, late: 0, excused: 0, unexcused: 3 });
      expect(row.flag).toContain("2/2026, 5/2026, 6/2026");
    }
  });

  it("lists the member who left in March with their January–March entries", async () => {
    const sheets = await attendanceSheets(database.db, (await database.db.org.findUniqueOrThrow({ where: { code: "H" } })).path, 2026, "en");
    const leaver = sheets[0]!.members.find((m) => m.name === "Cao Thị Đi")!;
    expect(leaver.cells).toEqual(["late", "excused", "unexcused", null, null, null]);
    expect(leaver.totals).toEqual({ present: 0, late: 1, excused: 1, unexcused: 1 });
    expect(leaver.flag).toBeNull();
    // Not on B's sheet, and the member who stayed is on A's only.
    expect(sheets[1]!.members.map((m) => m.name)).toEqual(["Bùi Văn Chuyển", "Đào Văn Nhận"]);
    expect(sheets[0]!.members.map((m) => m.name)).toEqual(["An Văn Ở", "Bùi Văn Chuyển", "Cao Thị Đi"]);
  });

  it("leaves out a member whose periods all ended before the year", async () => {
    const { db } = database;
    const a = await db.org.findUniqueOrThrow({ where: { code: "HA" } });
    const gone = await db.person.create({ data: { fullName: "Đinh Văn Cũ", phone: "+84912000005" } });
    await db.membership.create({ data: { orgId: a.id, personId: gone.id, status: "official", role: "member", endedOn: day(1, 1), endReason: "left" } });
    const sheets = await attendanceSheets(database.db, (await db.org.findUniqueOrThrow({ where: { code: "H" } })).path, 2026, "vi");
    expect(sheets[0]!.members.map((m) => m.name)).not.toContain("Đinh Văn Cũ");
  });
});
