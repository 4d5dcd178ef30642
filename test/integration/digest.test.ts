// Upper committees, through the real bot: the weekly digest with its chart and file,
// its day and time as settings, /report with drill-down and its refusals, the day-20
// nudge and the month-end report to the committee directly above.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { digestInput, digestInputsOf } from "../../src/features/digest/data.js";
import { buildDigest } from "../../src/domain/digest.js";
import { resolveSettings } from "../../src/domain/settings.js";
import type { FakeUser } from "../../src/testing/fake-telegram.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS, IMPORTED_AT } from "../helpers/files.js";
import { linkUser, startBot, type RunningBot } from "../helpers/bot.js";

/** A Viet Nam wall time. */
const vn = (local: string) => new Date(`${local}:00+07:00`);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// Six more cells under the commune, none of which ever meets: long lists.
const EXTRA_CELLS = [3, 4, 5, 6, 7, 8].map((n) => `A${n},Chi bộ Ấp Số ${n},cell,C1`).join("\n");
// A ward with no cell yet: an empty subtree.
const EMPTY_WARD = "W1,Đảng bộ phường Mới,ward,P1";

describe.each(PROVIDERS)("upper committees on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningBot;
  let province: FakeUser;
  let commune: FakeUser;
  let secretaryA1: FakeUser;
  let secretaryA2: FakeUser;
  let secretaryB1: FakeUser;
  let member: FakeUser;
  const db = () => database.db;
  const orgId = async (code: string) => (await db().org.findUniqueOrThrow({ where: { code } })).id;
  const link = (userId: number, code: string, phone: string) => linkUser(running, db(), userId, code, phone);
  const meeting = async (code: string, forMonth: string, startsAt: Date, held: boolean) => {
    const created = await db().meeting.create({
      data: { orgId: await orgId(code), kind: "regular", forMonth, startsAt, durationMinutes: 120, place: "Hội trường", status: "confirmed" },
    });
    if (held) await hold(created.id, startsAt);
    return created.id;
  };
  const hold = (meetingId: number, startsAt: Date) =>
    db().meetingRecord.create({
      data: {
        meetingId,
        state: "submitted",
        startedAt: startsAt,
        endedAt: new Date(startsAt.getTime() + 120 * 60_000),
        checks: JSON.stringify({ attendanceRate: 0.9, meetsAttendanceTarget: true, lengthOk: true }),
        submittedAt: startsAt,
      },
    });
  const digestsTo = (user: FakeUser) => user.messages().filter((m) => m.text.startsWith("📊 BÁO CÁO TUẦN"));
  const filesTo = (user: FakeUser, method: string) => running.telegram.documents.filter((d) => d.chatId === user.chatId && d.method === method);
  let novemberA1 = 0;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": `${ORGS}${EXTRA_CELLS}\n${EMPTY_WARD}\n`, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    running = await startBot(db(), { now: vn("2026-11-19T09:00") });
    province = await link(9001, "P1", "+84903000001");
    commune = await link(9002, "C1", "+84903000002");
    secretaryA1 = await link(9003, "A1", "+84912000101");
    secretaryA2 = await link(9004, "A2", "+84912000201");
    secretaryB1 = await link(9005, "B1", "+84912000301");
    member = await link(9006, "A1", "+84912000103");
    await meeting("A1", "2026-10", vn("2026-10-08T19:30"), true);
    await meeting("B1", "2026-10", vn("2026-10-12T19:30"), true);
    novemberA1 = await meeting("A1", "2026-11", vn("2026-11-26T19:30"), false);
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it("nudges, from day 20, the secretaries of cells with nothing scheduled for the month, once", async () => {
    await running.tickAt(vn("2026-11-19T23:00"));
    expect(secretaryA2.messages().filter((m) => m.text.startsWith("⏰"))).toHaveLength(0);
    await running.tickAt(vn("2026-11-20T05:00")); // quiet hours: the nudge waits for the morning
    expect(secretaryA2.messages().filter((m) => m.text.startsWith("⏰"))).toHaveLength(0);
    await running.tickAt(vn("2026-11-20T08:00"));
    await running.tickAt(vn("2026-11-20T08:01"));
    expect(secretaryA2.messages().filter((m) => m.text.startsWith("⏰")).map((m) => m.text)).toEqual([
      "⏰ Đã đến ngày 20 mà Chi bộ Ấp Hai chưa có lịch sinh hoạt thường kỳ tháng 11/2026. Đồng chí vui lòng lên lịch bằng lệnh /schedule để kịp gửi thông báo cho đảng viên.",
    ]);
    expect(secretaryB1.messages().filter((m) => m.text.startsWith("⏰"))).toHaveLength(1);
    // A1 has its November meeting: its secretary hears nothing.
    expect(secretaryA1.messages().filter((m) => m.text.startsWith("⏰"))).toHaveLength(0);
  });

  it("sends each committee member one digest on Monday 07:30 with the chart and, as lists were cut, the full file", async () => {
    await running.tickAt(vn("2026-11-23T07:29"));
    expect(digestsTo(commune)).toHaveLength(0);
    await running.tickAt(vn("2026-11-23T07:30"));
    await running.tickAt(vn("2026-11-23T07:31"));
    await running.tickAt(vn("2026-11-24T09:00"));

    const [digest, ...more] = digestsTo(commune);
    expect(more).toHaveLength(0);
    expect(digest.text).toMatch(/^📊 BÁO CÁO TUẦN – Đảng bộ xã Một/);
    expect(digest.text).toContain("Tháng 11/2026 (đến nay): đã họp 0, đã lên lịch 1, chưa lên lịch 7 / 8 chi bộ (0% đã họp)");
    expect(digest.text).toContain("Tháng 10/2026: đã họp 1, đã lên lịch 0, chưa lên lịch 7 / 8 chi bộ (13% đã họp)");
    expect(digest.text).toContain("Chi bộ không sinh hoạt thường kỳ tháng trước (7):");
    expect(digest.text).toContain("… và 2 mục nữa (xem tệp đính kèm)");

    const [chart, ...otherCharts] = filesTo(commune, "sendPhoto");
    expect(otherCharts).toHaveLength(0);
    expect(chart.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(chart.caption).toBe("📊 Tỷ lệ chi bộ sinh hoạt đúng quy định – Đảng bộ xã Một");

    const [file, ...otherFiles] = filesTo(commune, "sendDocument");
    expect(otherFiles).toHaveLength(0);
    expect(file.filename).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const everything = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flat().map(String)).join("\n");
    for (const n of [2, 3, 4, 5, 6, 7, 8]) expect(everything).toContain(n === 2 ? "Chi bộ Ấp Hai" : `Chi bộ Ấp Số ${n}`);

    // The province's committee gets the province's digest; a cell secretary gets none.
    expect(digestsTo(province).map((m) => m.text.split("\n")[0])).toEqual([expect.stringMatching(/^📊 BÁO CÁO TUẦN – Đảng bộ tỉnh Thử/)]);
    expect(digestsTo(secretaryA1)).toHaveLength(0);
    expect(await db().outboxMessage.count({ where: { kind: "digest", personId: null } })).toBe(0);
  });

  it("builds each committee's digest the same whether loaded alone or cut from the province's", async () => {
    const committees = await db().org.findMany({ where: { kind: { not: "cell" } } });
    const now = vn("2026-11-23T07:30");
    const alone = new Map<number, unknown>();
    for (const c of committees) alone.set(c.id, buildDigest(await digestInput(db(), c, now)));
    let cut = 0;
    for await (const [c, input] of digestInputsOf(db(), committees, () => resolveSettings([]), now)) {
      expect(buildDigest(input), c.code).toEqual(alone.get(c.id));
      cut++;
    }
    expect(cut).toBe(committees.length);
  });

  it("records a committee with nobody linked and sends it nothing", async () => {
    const mark = await db().planMark.findFirstOrThrow({ where: { key: `digest:${await orgId("C2")}:2026-11-23` } });
    expect(mark.outcome).toBe("no-readers");
    expect(await db().outboxMessage.count({ where: { kind: "digest", orgId: await orgId("C2") } })).toBe(0);
  });

  it("shows /report with buttons down to a cell and back up", async () => {
    await commune.send("/report");
    const view = commune.lastMessage()!;
    expect(view.text).toMatch(/^📊 BÁO CÁO TUẦN – Đảng bộ xã Một/);
    expect(view.buttons.map((b) => b.text)).toContain("Chi bộ Ấp Một · 100%→100%");
    expect(view.buttons.some((b) => b.text.startsWith("⬆"))).toBe(false);
    await commune.tap("Chi bộ Ấp Một · 100%→100%");
    const cell = commune.lastMessage()!;
    expect(cell.text).toMatch(/^📊 BÁO CÁO TUẦN – Chi bộ Ấp Một/);
    expect(cell.text).toContain("đã họp 0, đã lên lịch 1, chưa lên lịch 0 / 1 chi bộ");
    await commune.tap("⬆ Lên Đảng bộ xã Một");
    expect(commune.lastMessage()!.text).toMatch(/^📊 BÁO CÁO TUẦN – Đảng bộ xã Một/);

    await province.send("/baocao c1");
    expect(province.lastMessage()!.text).toMatch(/^📊 BÁO CÁO TUẦN – Đảng bộ xã Một/);
    await province.send("/baocao");
    expect(province.lastMessage()!.buttons.map((b) => b.text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Đảng bộ xã Một · /), expect.stringMatching(/^Đảng bộ xã Hai · /)]),
    );
  });

  it("says plainly that an organisation with no cells has nothing to report, without a chart", async () => {
    await province.send("/report W1");
    const view = province.lastMessage()!;
    expect(view.text).toMatch(/^📊 BÁO CÁO TUẦN – Đảng bộ phường Mới/);
    expect(view.text).toContain("Tổ chức này chưa có chi bộ nào trong hệ thống.");
    expect(view.buttons.map((b) => b.text)).toEqual(["⬆ Lên Đảng bộ tỉnh Thử", "📎 Danh sách đầy đủ"]);
  });

  it("sends the chart and the full file from /report on request", async () => {
    const photos = filesTo(commune, "sendPhoto").length;
    const documents = filesTo(commune, "sendDocument").length;
    await commune.send("/report");
    await commune.tap("📊 Biểu đồ");
    await commune.tap("📎 Danh sách đầy đủ");
    expect(filesTo(commune, "sendPhoto")).toHaveLength(photos + 1);
    expect(filesTo(commune, "sendDocument")).toHaveLength(documents + 1);
  });

  it("keeps reports out of group chats", async () => {
    const inGroup = commune.inGroup(-100777);
    await inGroup.send("/report");
    expect(inGroup.lastMessage()!.text).toBe("Xin hãy nhắn riêng cho bot; trong nhóm bot chỉ đăng thông báo.");
  });

  it("shows a secretary their own cell and a member nothing", async () => {
    await secretaryA1.send("/report");
    expect(secretaryA1.lastMessage()!.text).toMatch(/^📊 BÁO CÁO TUẦN – Chi bộ Ấp Một/);
    expect(secretaryA1.lastMessage()!.buttons.some((b) => b.text.startsWith("⬆"))).toBe(false);
    expect(secretaryA1.lastMessage()!.buttons.some((b) => b.text.startsWith("Chi bộ"))).toBe(false);
    await member.send("/report");
    expect(member.lastMessage()!.text).toBe("Lệnh /report dành cho bí thư chi bộ và cấp uỷ cấp trên. Đồng chí xem hồ sơ của mình bằng /me.");
  });

  it("refuses a report outside the person's subtree, by code or by a forged button", async () => {
    await commune.send("/report P1");
    expect(commune.lastMessage()!.text).toBe("Đồng chí không có quyền xem báo cáo của tổ chức này.");
    await commune.send("/report B1");
    expect(commune.lastMessage()!.text).toBe("Đồng chí không có quyền xem báo cáo của tổ chức này.");
    await commune.send("/report KHONGCO");
    expect(commune.lastMessage()!.text).toBe("Không có tổ chức nào mang mã KHONGCO.");
    await secretaryA1.send("/report A2");
    expect(secretaryA1.lastMessage()!.text).toBe("Đồng chí không có quyền xem báo cáo của tổ chức này.");

    const before = running.telegram.botMessages().length;
    await commune.tapData(`rp:v:${await orgId("P1")}`);
    await commune.tapData(`rp:x:${await orgId("B1")}`);
    await commune.tapData("rp:v:abc");
    await commune.tapData(`rp:v:${"9".repeat(40)}`);
    await member.tapData(`rp:v:${await orgId("A1")}`);
    expect(running.telegram.botMessages()).toHaveLength(before);
  });

  it("reports at the turn of the month, to the committee directly above, the cells that did not meet", async () => {
    await hold(novemberA1, vn("2026-11-26T19:30"));
    await running.tickAt(vn("2026-11-30T07:35")); // Monday: the weekly digests go out first
    const reportsTo = (user: FakeUser) => user.messages().filter((m) => m.text.startsWith("⚠️"));
    await running.tickAt(vn("2026-12-01T00:05")); // queued at once, held back by quiet hours
    expect(reportsTo(commune)).toHaveLength(0);
    await running.tickAt(vn("2026-12-01T06:30"));
    await running.tickAt(vn("2026-12-01T07:00"));
    const [report, ...more] = reportsTo(commune);
    expect(more).toHaveLength(0);
    expect(report.text.split("\n")).toEqual([
      "⚠️ Đảng bộ xã Một: 7 chi bộ trực thuộc chưa có buổi sinh hoạt thường kỳ được ghi nhận cho tháng 11/2026:",
      "• Chi bộ Ấp Hai – bí thư Đỗ Thị Bốn: không có cuộc họp",
      ...[3, 4, 5, 6, 7, 8].map((n) => `• Chi bộ Ấp Số ${n} – bí thư —: không có cuộc họp`),
    ]);
    // B1 sits under C2, whose committee nobody linked; the province is not "directly above" any cell.
    expect(reportsTo(province)).toHaveLength(0);
  });

  it("follows a committee's own digest day and time", async () => {
    await db().org.update({ where: { code: "C1" }, data: { settings: JSON.stringify({ digestWeekday: 3, digestTime: "18:00" }) } });
    const communeBefore = digestsTo(commune).length;
    const provinceBefore = digestsTo(province).length;
    await running.tickAt(vn("2026-12-07T07:30")); // Monday
    expect(digestsTo(commune)).toHaveLength(communeBefore);
    expect(digestsTo(province)).toHaveLength(provinceBefore + 1);
    await running.tickAt(vn("2026-12-09T17:59"));
    expect(digestsTo(commune)).toHaveLength(communeBefore);
    await running.tickAt(vn("2026-12-09T18:00")); // Wednesday 18:00
    expect(digestsTo(commune)).toHaveLength(communeBefore + 1);
  });

  it("nudges a commune's cells on the commune's own escalation day and outside its quiet hours, others on the province's", async () => {
    const settings = { digestWeekday: 3, digestTime: "18:00", escalationDay: 25, quietHours: { start: "21:30", end: "07:00" } };
    await db().org.update({ where: { code: "C1" }, data: { settings: JSON.stringify(settings) } });
    const nudgesTo = (user: FakeUser) => user.messages().filter((m) => m.text.startsWith("⏰") && m.text.includes("12/2026"));
    await running.tickAt(vn("2026-12-20T08:00"));
    expect(nudgesTo(secretaryB1)).toHaveLength(1); // B1 sits under C2: the province's day 20
    expect(nudgesTo(secretaryA2)).toHaveLength(0);
    await running.tickAt(vn("2026-12-24T08:00"));
    await running.tickAt(vn("2026-12-25T06:45")); // day 25, but still C1's night
    expect(nudgesTo(secretaryA2)).toHaveLength(0);
    await running.tickAt(vn("2026-12-25T07:00"));
    await running.tickAt(vn("2026-12-25T07:01"));
    expect(nudgesTo(secretaryA2).map((m) => m.text)).toEqual([
      "⏰ Đã đến ngày 25 mà Chi bộ Ấp Hai chưa có lịch sinh hoạt thường kỳ tháng 12/2026. Đồng chí vui lòng lên lịch bằng lệnh /schedule để kịp gửi thông báo cho đảng viên.",
    ]);
    expect(nudgesTo(secretaryA1)).toHaveLength(1);
    expect(nudgesTo(secretaryB1)).toHaveLength(1);
  });

  it("holds the month-end report for a committee until its own quiet hours end", async () => {
    const reportsTo = (user: FakeUser) => user.messages().filter((m) => m.text.startsWith("⚠️") && m.text.includes("12/2026"));
    await running.tickAt(vn("2027-01-01T06:40")); // the province's night is over, C1's is not (07:00)
    expect(reportsTo(commune)).toHaveLength(0);
    await running.tickAt(vn("2027-01-01T07:00"));
    expect(reportsTo(commune)).toHaveLength(1);
  });
});
