// Probation and the roster in the committees' digest, on both stores: the cell's
// secretary and deputy are reminded once, ahead of the twelve months' end and never in
// quiet hours, of a probationary member (not of one already official or gone); the
// digest lists a probation that ran out and the months' admissions, transfers and
// departures, counted per child organisation, in its text and its workbook.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translate } from "../../src/bot/i18n.js";
import { buildDigest } from "../../src/domain/digest.js";
import { resolveSettings } from "../../src/domain/settings.js";
import { digestInput, digestInputsOf } from "../../src/features/digest/data.js";
import { digestText, digestWasCut } from "../../src/features/digest/text.js";
import { digestWorkbook } from "../../src/features/digest/files/workbook.js";
import { addMember, changeStatus, endMembership, moveMember } from "../../src/features/roster/member-mutations.js";
import { remindProbations, runProbationTick } from "../../src/features/roster/planner.js";
import { rosterFeature } from "../../src/features/roster/feature.js";
import { createLogger } from "../../src/logger.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";

const ZONE = "Asia/Ho_Chi_Minh";
/** A Viet Nam wall time. */
const vn = (local: string) => new Date(`${local}:00+07:00`);
const by = (now: Date) => ({ actor: "cli", now });
const textOf = (row: { payload: unknown }) => ((typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload) as { text: string }).text;

// P1 ─┬─ C1 ─┬─ A1 (secretary + deputy linked)
//     │      └─ A2
//     └─ C2 ─── B1
const TREE: [code: string, name: string, kind: string, parent: string | null][] = [
  ["P1", "Đảng bộ tỉnh Thử", "province", null],
  ["C1", "Đảng bộ xã Một", "commune", "P1"],
  ["C2", "Đảng bộ xã Hai", "commune", "P1"],
  ["A1", "Chi bộ Ấp Một", "cell", "C1"],
  ["A2", "Chi bộ Ấp Hai", "cell", "C1"],
  ["B1", "Chi bộ Bản Ba", "cell", "C2"],
];

describe.each(PROVIDERS)("probation and roster changes on %s", (provider) => {
  let database: TestDatabase;
  const db = () => database.db;
  const org = new Map<string, number>();
  const person = new Map<string, number>();

  /** A person with a period carried over from before history (as an import leaves it). */
  async function seed(code: string, name: string, phone: string, status: string, role = "member", chat?: string) {
    const p = await db().person.create({ data: { fullName: name, phone, telegramChatId: chat ?? null } });
    await db().membership.create({ data: { orgId: org.get(code)!, personId: p.id, status, role } });
    person.set(name, p.id);
    return p.id;
  }

  const reminders = () => db().outboxMessage.findMany({ where: { kind: "probation_reminder" }, orderBy: { key: "asc" } });

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    for (const [code, name, kind, parent] of TREE) {
      const parentId = parent === null ? null : org.get(parent)!;
      const created = await db().org.create({ data: { code, name, kind, parentId, path: "/" } });
      const parentPath = parent === null ? "/" : (await db().org.findUniqueOrThrow({ where: { id: parentId! } })).path;
      await db().org.update({ where: { id: created.id }, data: { path: `${parentPath}${created.id}/` } });
      org.set(code, created.id);
    }
    await seed("A1", "Nguyễn Văn Bí", "+84912000101", "official", "secretary", "5101");
    await seed("A1", "Trần Thị Phó", "+84912000102", "official", "deputy", "5102");
    await seed("A1", "Lê Văn Một", "+84912000103", "official");
    await seed("A2", "Đỗ Thị Bốn", "+84912000201", "official", "secretary", "5201");
    await seed("B1", "Bùi Văn Sáu", "+84912000301", "official", "secretary");
    // Probationary since long ago: the twelve months ran out on 01/10/2026.
    const late = await seed("A2", "Vũ Văn Quá Hạn", "+84912000202", "probationary");
    await db().person.update({ where: { id: late }, data: { admittedOn: vn("2025-10-01T00:00") } });

    // Admitted on 20/12/2025 (recorded in November 2026): reminded from 20/11/2026, probation ends 20/12/2026.
    const added = await addMember(
      db(),
      { orgId: org.get("A1")!, fullName: "Đinh Văn Mới", phone: "+84912000110", status: "probationary", admittedOn: vn("2025-12-20T00:00"), on: vn("2026-11-02T00:00") },
      by(vn("2026-11-02T09:00")),
    );
    expect(added.kind).toBe("done");
    // Admitted at the same time but already recognised official: no reminder.
    await addMember(
      db(),
      { orgId: org.get("A1")!, fullName: "Mai Thị Sớm", phone: "+84912000111", status: "probationary", admittedOn: vn("2025-12-01T00:00"), on: vn("2026-11-02T00:00") },
      by(vn("2026-11-02T09:00")),
    );
    const early = (await db().person.findUniqueOrThrow({ where: { phone: "+84912000111" } })).id;
    expect((await changeStatus(db(), { orgId: org.get("A1")!, personId: early, status: "official", on: vn("2026-11-03T00:00") }, by(vn("2026-11-03T09:00")))).kind).toBe("done");
    // Probationary but left the cell: no reminder.
    await addMember(
      db(),
      { orgId: org.get("A1")!, fullName: "Hồ Văn Đi", phone: "+84912000112", status: "probationary", admittedOn: vn("2025-12-01T00:00"), on: vn("2026-11-02T00:00") },
      by(vn("2026-11-02T09:00")),
    );
    const gone = (await db().person.findUniqueOrThrow({ where: { phone: "+84912000112" } })).id;
    expect((await endMembership(db(), { orgId: org.get("A1")!, personId: gone, reason: "left", on: vn("2026-11-04T00:00") }, by(vn("2026-11-04T09:00")))).kind).toBe("done");
    // A transfer across communes and a death, this month.
    const moving = person.get("Lê Văn Một")!;
    expect((await moveMember(db(), { personId: moving, toOrgId: org.get("B1")!, on: vn("2026-11-10T00:00") }, by(vn("2026-11-10T09:00")))).kind).toBe("done");
    const dead = await seed("B1", "Ngô Thị Bảy", "+84912000302", "official");
    expect((await endMembership(db(), { orgId: org.get("B1")!, personId: dead, reason: "died", on: vn("2026-11-12T00:00") }, by(vn("2026-11-12T09:00")))).kind).toBe("done");
  });
  afterAll(async () => {
    await database?.drop();
  });

  describe("the reminder to the cell's leaders", () => {
    it("waits until thirty days before the end (the roster feature's tick job)", async () => {
      expect(await rosterFeature.tick!(db(), vn("2026-11-19T12:00"), createLogger("silent"))).toEqual({ probationReminders: 1 });
      // The overdue member of A2 is reminded (late is better than never); nobody of A1 yet.
      const rows = await reminders();
      expect(rows.map((r) => r.chatId)).toEqual(["5201"]);
      expect(rows[0].key).toBe(`probation:${person.get("Vũ Văn Quá Hạn")}:2025-10-01:${(await db().person.findUniqueOrThrow({ where: { phone: "+84912000201" } })).id}`);
      expect(textOf(rows[0])).toContain("đã kết thúc ngày 01/10/2026");
    });

    it("is queued for the secretary and deputy at midnight, to leave when quiet hours end", async () => {
      const at = vn("2026-11-20T00:10");
      expect(await runProbationTick(db(), at)).toEqual({ probationReminders: 2 });
      const rows = (await reminders()).filter((r) => r.chatId !== "5201");
      expect(rows.map((r) => r.chatId).sort()).toEqual(["5101", "5102"]);
      for (const row of rows) {
        expect(row.notBefore.toISOString()).toBe(vn("2026-11-20T06:30").toISOString());
        expect(textOf(row)).toBe(
          "🎓 Đồng chí Đinh Văn Mới (Chi bộ Ấp Một) được kết nạp ngày 20/12/2025; thời gian dự bị kết thúc ngày 20/12/2026. Sau ngày này, chi bộ cần kịp thời xem xét, biểu quyết công nhận đảng viên chính thức cho đồng chí.",
        );
      }
      const newcomer = await db().person.findUniqueOrThrow({ where: { phone: "+84912000110" } });
      expect(newcomer.probationRemindedAt?.toISOString()).toBe(at.toISOString());
    });

    it("is sent once: the same hour, later hours and the scan itself queue nothing more", async () => {
      expect(await runProbationTick(db(), vn("2026-11-20T00:40"))).toEqual({ probationReminders: 0 });
      expect(await runProbationTick(db(), vn("2026-11-21T08:00"))).toEqual({ probationReminders: 0 });
      // Even with the mark lost, the outbox keys hold.
      await db().person.updateMany({ data: { probationRemindedAt: null } });
      await remindProbations(db(), vn("2026-11-22T08:00"));
      expect(await reminders()).toHaveLength(3);
    });

    it("never goes to someone already official or who left", async () => {
      const keys = (await reminders()).map((r) => r.key);
      for (const phone of ["+84912000111", "+84912000112"]) {
        const id = (await db().person.findUniqueOrThrow({ where: { phone } })).id;
        expect(keys.filter((k) => k.startsWith(`probation:${id}:`))).toEqual([]);
      }
    });

    it("follows the cell's setting for how far ahead", async () => {
      const a2 = org.get("A2")!;
      await db().org.update({ where: { id: a2 }, data: { settings: JSON.stringify({ probationReminderDays: 60 }) } });
      const id = person.get("Vũ Văn Quá Hạn")!;
      // Re-admitted (say, the record corrected): admitted 15/02/2026 → ends 15/02/2027, 60 days ahead is 17/12/2026.
      await db().person.update({ where: { id }, data: { admittedOn: vn("2026-02-15T00:00"), probationRemindedAt: null } });
      await remindProbations(db(), vn("2026-12-16T12:00"));
      expect((await reminders()).filter((r) => r.key.includes(":2026-02-15:"))).toHaveLength(0);
      await remindProbations(db(), vn("2026-12-17T12:00"));
      expect((await reminders()).filter((r) => r.key.includes(":2026-02-15:"))).toHaveLength(1);
      await db().person.update({ where: { id }, data: { admittedOn: vn("2025-10-01T00:00") } });
      await db().org.update({ where: { id: a2 }, data: { settings: "{}" } });
    });
  });

  describe("the committees' digest", () => {
    const now = vn("2026-11-23T07:30");
    const committee = async (code: string) => db().org.findUniqueOrThrow({ where: { code } });

    it("lists the overdue probation and the month's admission, transfer and departure, per child", async () => {
      const digest = buildDigest(await digestInput(db(), await committee("P1"), now));
      const roster = digest.roster!;
      expect(roster.from).toBe(vn("2026-10-01T00:00").toISOString());
      expect(roster.overdueProbation).toEqual([
        { cellId: org.get("A2"), code: "A2", name: "Chi bộ Ấp Hai", member: "Vũ Văn Quá Hạn", admitted: "2025-10-01", ends: "2026-10-01", days: 53 },
      ]);
      expect(roster.admitted.map((m) => [m.code, m.member])).toEqual([
        ["A1", "Đinh Văn Mới"],
        ["A1", "Hồ Văn Đi"],
        ["A1", "Mai Thị Sớm"],
      ]);
      expect(roster.movedOut.map((m) => [m.code, m.member, m.date])).toEqual([["A1", "Lê Văn Một", vn("2026-11-10T00:00").toISOString()]]);
      expect(roster.movedIn.map((m) => [m.code, m.member])).toEqual([["B1", "Lê Văn Một"]]);
      expect(roster.departed.map((m) => [m.code, m.member, m.reason])).toEqual([
        ["A1", "Hồ Văn Đi", "left"],
        ["B1", "Ngô Thị Bảy", "died"],
      ]);
      expect(roster.totals).toEqual({ admitted: 3, movedIn: 1, movedOut: 1, departed: 2, overdueProbation: 1 });
      expect(roster.children.map((c) => [c.org.code, c.counts])).toEqual(
        expect.arrayContaining([
          ["C1", { admitted: 3, movedIn: 0, movedOut: 1, departed: 1, overdueProbation: 1 }],
          ["C2", { admitted: 0, movedIn: 1, movedOut: 0, departed: 1, overdueProbation: 0 }],
        ]),
      );
      // The status change and the move's new period are no admissions; the official member is not overdue.
      expect(roster.overdueProbation.map((p) => p.member)).not.toContain("Mai Thị Sớm");

      const text = digestText(translate, "vi", digest, ZONE);
      expect(text).toContain("👥 Biến động đảng viên từ 01/10/2026: kết nạp, bổ sung 3; chuyển đến 1; chuyển đi 1; giảm 2. Hết dự bị chưa xét chính thức: 1");
      expect(text).toContain("• Đảng bộ xã Hai: +0 kết nạp, +1 đến, −0 đi, −1 giảm; 0 hết dự bị chưa xét");
      expect(text).toContain("Đảng viên dự bị đã hết 12 tháng mà chưa được xét chính thức (1):\n• Vũ Văn Quá Hạn (Chi bộ Ấp Hai): kết nạp 01/10/2025, hết dự bị 01/10/2026, đã quá 53 ngày");
      expect(text).toContain("Chuyển sinh hoạt đi (1):\n• Lê Văn Một (Chi bộ Ấp Một), 10/11/2026");
      expect(text).toContain("• Ngô Thị Bảy (Chi bộ Bản Ba), 12/11/2026: từ trần");
      expect(digestText(translate, "en", digest, ZONE)).toContain("Transferred in (1):\n• Lê Văn Một (Chi bộ Bản Ba), 10/11/2026");
      expect(digestWasCut(digest)).toBe(false);
    });

    it("puts the counts and every movement in the workbook", async () => {
      const digest = buildDigest(await digestInput(db(), await committee("P1"), now));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await digestWorkbook(translate, "en", digest, ZONE)) as unknown as ArrayBuffer);
      const summary = workbook.getWorksheet("Roster changes")!;
      expect((summary.getRow(2).values as unknown[]).slice(1)).toEqual(["Organisation", "Code", "Admitted or added", "Transferred in", "Transferred out", "Departed", "Probation over, no decision"]);
      expect((summary.getRow(3).values as unknown[]).slice(3)).toEqual([3, 1, 1, 2, 1]);
      const movements = workbook.getWorksheet("Roster movements")!;
      expect(movements.getCell(1, 1).value).toBe("Roster movements (7)");
      const rows = Array.from({ length: 7 }, (_, i) => (movements.getRow(3 + i).values as unknown[]).slice(2, 6));
      expect(rows).toContainEqual(["Departed", "B1", "Chi bộ Bản Ba", "Ngô Thị Bảy"]);
      expect(rows).toContainEqual(["Transferred in", "B1", "Chi bộ Bản Ba", "Lê Văn Một"]);
      const overdue = workbook.getWorksheet("Probation over")!;
      expect((overdue.getRow(3).values as unknown[]).slice(1)).toEqual(["A2", "Chi bộ Ấp Hai", "Vũ Văn Quá Hạn", new Date(Date.UTC(2025, 9, 1)), new Date(Date.UTC(2026, 9, 1)), 53]);
    });

    it("gives each committee the same roster whether loaded alone or cut from the province's", async () => {
      const committees = await db().org.findMany({ where: { kind: { not: "cell" } } });
      for await (const [c, input] of digestInputsOf(db(), committees, () => resolveSettings([]), now)) {
        expect(buildDigest(input).roster, c.code).toEqual(buildDigest(await digestInput(db(), c, now)).roster);
      }
      const commune = buildDigest(await digestInput(db(), await committee("C2"), now)).roster!;
      expect(commune.totals).toEqual({ admitted: 0, movedIn: 1, movedOut: 0, departed: 1, overdueProbation: 0 });
    });
  });
});
