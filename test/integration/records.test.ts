// After the meeting, as the secretary and members would do it through the real bot:
// the attendance list, the questions, the rule checks, the score, the minutes, /me,
// corrections, and the removal-rule flags.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createMeeting, recordAnswer } from "../../src/features/meetings/mutations.js";
import { openAttendance, setAttendance, submitAttendance, markDuesUnpaid } from "../../src/features/records/mutations.js";
import type { FakeUser } from "../../src/testing/fake-telegram.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";
import { linkUser, startBot, type RunningBot } from "../helpers/bot.js";

const NOW = new Date("2026-11-20T03:00:00Z");
const START = new Date("2026-12-05T12:30:00Z"); // 19:30 in Hanoi

describe.each(PROVIDERS)("recording a meeting on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningBot;
  let secretary: FakeUser;
  let mot: FakeUser;
  let hai: FakeUser;
  let commune: FakeUser;
  let meetingId = 0;
  const db = () => database.db;
  const personId = async (phone: string) => (await db().person.findUniqueOrThrow({ where: { phone } })).id;
  const link = (userId: number, code: string, phone: string) => linkUser(running, db(), userId, code, phone);
  const entryOf = async (phone: string, id = meetingId) =>
    (await db().attendanceEntry.findUniqueOrThrow({ where: { meetingId_personId: { meetingId: id, personId: await personId(phone) } } })).attendance;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: NOW });
    running = await startBot(db(), { now: NOW });
    secretary = await link(8001, "A1", "+84912000101");
    mot = await link(8002, "A1", "+84912000103");
    hai = await link(8003, "A1", "+84912000104");
    commune = await link(8004, "C1", "+84903000002");
    const a1 = await db().org.findUniqueOrThrow({ where: { code: "A1" } });
    const meeting = await createMeeting(
      db(),
      { orgId: a1.id, kind: "regular", startsAt: START, durationMinutes: 90, place: "Nhà văn hoá", agenda: "Tổng kết năm", documents: [] },
      "confirmed",
      NOW,
    );
    meetingId = meeting.id;
    await recordAnswer(db(), { meetingId, revision: 1, personId: await personId("+84912000103"), answer: "attend" }, NOW);
    await recordAnswer(db(), { meetingId, revision: 1, personId: await personId("+84912000104"), answer: "absent", reason: "illness", note: "sốt" }, NOW);
    await running.telegram.settle();
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it("offers the list when the meeting ends, and nudges daily once the record is 2 days late", async () => {
    await running.tickAt(new Date(START.getTime() + 91 * 60_000));
    const offer = secretary.lastMessage()!;
    expect(offer.text).toMatch(/^Cuộc họp lúc 19:30, Thứ Bảy 05\/12\/2026 đã kết thúc\. Mời đồng chí điểm danh/);
    expect(offer.buttons.map((b) => b.text)).toEqual(["📝 Điểm danh"]);
    await running.tickAt(new Date(START.getTime() + 2 * 86_400_000 + 3 * 3_600_000)); // 22:30: quiet hours
    expect(secretary.messages().filter((m) => m.text.startsWith("⏳"))).toHaveLength(0);
    await running.tickAt(new Date(START.getTime() + 2 * 86_400_000 + 16 * 3_600_000)); // next morning 11:30
    await running.tickAt(new Date(START.getTime() + 2 * 86_400_000 + 17 * 3_600_000)); // same day again
    expect(secretary.messages().filter((m) => m.text.startsWith("⏳ Cuộc họp lúc 19:30, Thứ Bảy 05/12/2026 đã qua 2 ngày"))).toHaveLength(1);
    running.now.value = NOW;
  });

  it("refuses the list to a member who does not lead the cell", async () => {
    await mot.send("/diemdanh");
    expect(mot.lastMessage()?.text).toBe("Chỉ bí thư hoặc phó bí thư chi bộ mới điểm danh được.");
  });

  it("refuses to record a meeting that has not started", async () => {
    await secretary.send("/diemdanh");
    expect(secretary.lastMessage()?.text).toBe("Cuộc họp chưa bắt đầu: chỉ điểm danh được khi cuộc họp đã bắt đầu.");
    expect(await db().meetingRecord.count()).toBe(0);
  });

  it("opens a list prefilled from the answers, changed with taps", async () => {
    running.now.value = new Date(START.getTime() + 2 * 3_600_000);
    await secretary.send("/attendance");
    const list = secretary.lastMessage()!;
    expect(list.text).toContain("Có mặt 3 · Đi muộn 0 · Vắng có lý do 2 · Vắng không lý do 0");
    expect(list.text).toContain("🟡 Phạm Thị Hai");
    // An exempt member is not expected: not marked present unless they said they would come.
    expect(list.text).toContain("🟡 Hoàng Văn Ba (miễn sinh hoạt)");
    for (let i = 0; i < 3; i++) await secretary.tap(/Trần Thị Phó$/);
    expect(await entryOf("+84912000102")).toBe("unexcused");
    expect(secretary.lastMessage()?.text).toContain("❌ Trần Thị Phó");
    expect(await db().auditLog.count({ where: { action: "attendance.edit" } })).toBe(3);
  });

  it("asks the times, refusing an end before the start, then guests and note-taker, and shows the rule checks", async () => {
    await secretary.tap("✔️ Xong, ghi nhận");
    expect(secretary.lastMessage()?.text).toBe("Cuộc họp thực tế bắt đầu lúc mấy giờ?");
    await secretary.tap("19:30");
    await secretary.send("19:00");
    expect(secretary.messages().at(-2)?.text).toBe("Giờ kết thúc phải sau giờ bắt đầu.");
    await secretary.send("21:00");
    await secretary.tap("Không có khách mời");
    await secretary.send("Lê Văn Một");
    const checks = secretary.messages().find((m) => m.text.startsWith("📊 Kiểm tra theo quy định:"))!.text;
    expect(checks).toContain("⚠️ Tham dự 2/4 (50%), chưa đạt mức trên 85%.");
    expect(checks).toContain("⚠️ 1 đảng viên vắng không lý do.");
    expect(checks).toContain("✅ Thời lượng 90 phút (tối thiểu 90).");
    expect(checks).toContain("✅ Chi bộ đã sinh hoạt thường kỳ tháng 12/2026.");
    expect(checks).toContain("⚠️ Chi bộ chưa sinh hoạt chuyên đề quý 4/2026.");
    const record = await db().meetingRecord.findUniqueOrThrow({ where: { meetingId } });
    expect(record).toMatchObject({ state: "submitted", noteTaker: "Lê Văn Một", chair: "Nguyễn Văn Bí" });
    expect(record.startedAt?.toISOString()).toBe(START.toISOString());
    expect(record.endedAt?.toISOString()).toBe("2026-12-05T14:00:00.000Z");
  });

  it("scores the meeting, refusing a score outside the checklist, and sends the minutes", async () => {
    expect(secretary.lastMessage()?.text).toBe("Chấm điểm «Chuẩn bị» (0–15)?");
    await secretary.send("20");
    expect(secretary.lastMessage()?.text).toMatch(/^Điểm phải là số nguyên trong khung cho phép\./);
    await secretary.send("14");
    await secretary.send("40");
    await secretary.send("18");
    const record = await db().meetingRecord.findUniqueOrThrow({ where: { meetingId } });
    expect(record.scoreGrade).toBe("fair");
    const result = secretary.messages().find((m) => m.text.startsWith("Tổng điểm:"))!.text;
    expect(result).toContain(`Tổng điểm: ${record.scoreTotal}/100 – xếp loại Khá.`);
    expect(running.telegram.documents.some((d) => d.chatId === secretary.chatId && d.filename === `bien-ban-${meetingId}.docx`)).toBe(true);
  });

  it("answers taps on the submitted list with 'already recorded' and changes nothing", async () => {
    const before = await db().attendanceEntry.findMany({ where: { meetingId }, orderBy: { personId: "asc" } });
    await secretary.tap(/Nguyễn Văn Bí$/);
    expect(await db().attendanceEntry.findMany({ where: { meetingId }, orderBy: { personId: "asc" } })).toEqual(before);
  });

  it("marks dues with /dangphi, refusing a bad month or a member of another cell", async () => {
    await secretary.send("/dangphi 0912 000 103 2026-13");
    expect(secretary.lastMessage()?.text).toMatch(/^Cách dùng: \/dangphi/);
    await secretary.send("/dangphi 0912 000 301 2026-11");
    expect(secretary.lastMessage()?.text).toBe("Số này không có trong chi bộ đồng chí phụ trách.");
    await mot.send("/dangphi 0912 000 103 2026-11");
    expect(await db().duesMark.count()).toBe(0);
    await secretary.send("/dangphi 0912 000 103 2026-11");
    expect(secretary.lastMessage()?.text).toBe("Đã ghi: Lê Văn Một chưa đóng đảng phí tháng 11/2026.");
    expect(await db().duesMark.count()).toBe(1);
    // As people write a month, too; a 13th month is refused either way.
    await secretary.send("/dangphi 0912 000 103 13/2026");
    expect(secretary.lastMessage()?.text).toMatch(/^Cách dùng: \/dangphi <số điện thoại> <tháng\/năm>/);
    await secretary.send("/dangphi 0912 000 103 10/2026");
    expect(secretary.lastMessage()?.text).toBe("Đã ghi: Lê Văn Một chưa đóng đảng phí tháng 10/2026.");
    expect((await db().duesMark.findMany({ orderBy: { month: "asc" } })).map((m) => m.month)).toEqual(["2026-10", "2026-11"]);
  });

  it("sends the year's register as an Excel file with /export", async () => {
    await secretary.send("/export");
    expect(running.telegram.documents.some((d) => d.chatId === secretary.chatId && d.filename === "so-theo-doi-A1-2026.xlsx")).toBe(true);
    await commune.send("/export");
    expect(running.telegram.documents.some((d) => d.chatId === commune.chatId && d.filename === "so-theo-doi-C1-2026.xlsx")).toBe(true);
    await mot.send("/export");
    expect(running.telegram.documents.some((d) => d.chatId === mot.chatId)).toBe(false);
    expect(await db().auditLog.count({ where: { action: "export.attendance" } })).toBe(2);
  });

  it("shows a member their year with /me", async () => {
    await hai.send("/toi");
    expect(hai.lastMessage()?.text).toContain("1 cuộc họp: có mặt 0 (muộn 0), vắng có lý do 1, vắng không lý do 0.");
  });

  it("lets the secretary correct a recorded meeting; the old list's buttons are refused", async () => {
    await secretary.send("/diemdanh");
    expect(secretary.messages().at(-2)?.text).toMatch(/^Cuộc họp này đã được điểm danh; đồng chí đang sửa lại/);
    const oldList = secretary.messages().filter((m) => m.text.startsWith("Điểm danh:")).at(-2)!;
    await secretary.tapData(oldList.buttons[0].data, oldList);
    expect((await db().meetingRecord.findUniqueOrThrow({ where: { meetingId } })).version).toBe(2);
    await secretary.tap("Tất cả có mặt");
    expect(await entryOf("+84912000102")).toBe("present");
    expect(await db().auditLog.count({ where: { action: "attendance.reopen" } })).toBe(1);
  });

  it("warns the secretary at 2 unexcused months and flags the third to the commune, never removing anyone", async () => {
    const a1 = await db().org.findUniqueOrThrow({ where: { code: "A1" } });
    const phó = await personId("+84912000102");
    const input = { orgId: a1.id, kind: "regular" as const, durationMinutes: 90, place: "Nhà văn hoá", agenda: "", documents: [] };
    const months = ["2027-01-09T12:30:00Z", "2027-02-06T12:30:00Z"];
    running.now.value = new Date("2027-01-01T03:00:00Z");
    const ids: number[] = [];
    for (const at of months) ids.push((await createMeeting(db(), { ...input, startsAt: new Date(at) }, "confirmed", running.now.value)).id);
    for (const [i, id] of ids.entries()) {
      running.now.value = new Date(new Date(months[i]).getTime() + 3 * 3_600_000);
      await openAttendance(db(), id, "test", running.now.value);
      await setAttendance(db(), id, 1, phó, "unexcused", "test", running.now.value);
      await submitAttendance(db(), id, 1, { startedAt: new Date(months[i]), endedAt: new Date(new Date(months[i]).getTime() + 5_400_000), guests: [] }, "test", null, running.now.value);
    }
    await running.telegram.settle();
    // Recorded at 22:30, after the meeting: the warning waits for the morning.
    const warnings = () => secretary.messages().filter((m) => m.text.startsWith("⚠️ Lưu ý riêng: Trần Thị Phó"));
    expect(warnings()).toHaveLength(0);
    running.now.value = new Date("2027-02-06T23:30:00Z"); // 06:30 the next morning
    await running.telegram.settle();
    expect(warnings()).toHaveLength(1);
    expect(commune.messages().some((m) => m.text.includes("Trần Thị Phó"))).toBe(false);
    running.now.value = new Date("2027-03-31T03:00:00Z");
    await markDuesUnpaid(db(), a1.id, phó, "2027-03", "test", running.now.value);
    await running.telegram.settle();
    const flag = commune.messages().find((m) => m.text.startsWith("🚩 Trần Thị Phó"))!;
    expect(flag.text).toContain("3 tháng trong năm");
    expect(flag.text).toContain("1/2027, 2/2027, 3/2027");
    expect(flag.text).toContain("không tự xoá tên ai");
    expect(secretary.messages().some((m) => m.text.startsWith("🚩 Trần Thị Phó"))).toBe(true);
    expect(await db().membership.count({ where: { personId: phó } })).toBe(1);
  });

  it("asks the upper-committee member who attended to confirm the score, and lets them adjust it", async () => {
    const a1 = await db().org.findUniqueOrThrow({ where: { code: "A1" } });
    const follower = await link(8005, "P1", "+84903000001");
    await db().follow.create({ data: { orgId: a1.id, personId: await personId("+84903000001") } });
    const startsAt = new Date("2027-04-03T12:30:00Z");
    running.now.value = new Date("2027-03-25T03:00:00Z");
    const meeting = await createMeeting(db(), { orgId: a1.id, kind: "regular", startsAt, durationMinutes: 90, place: "Hội trường", agenda: "", documents: [] }, "confirmed", running.now.value);
    running.now.value = new Date(startsAt.getTime() + 3 * 3_600_000);
    await secretary.send("/diemdanh");
    await secretary.tap("✔️ Xong, ghi nhận");
    await secretary.tap("19:30");
    await secretary.tap("21:00");
    await secretary.tap("Trần Tỉnh Ủy");
    await secretary.tap("Bỏ qua");
    for (const points of ["15", "45", "20"]) await secretary.send(points);
    // Scored at 22:30: the member from the committee is asked in the morning.
    expect(follower.messages().some((m) => m.text.startsWith("Đồng chí đã dự cuộc họp"))).toBe(false);
    running.now.value = new Date(startsAt.getTime() + 11 * 3_600_000); // 06:30
    await running.telegram.settle();
    const ask = follower.lastMessage()!;
    expect(ask.text).toMatch(/^Đồng chí đã dự cuộc họp của Chi bộ Ấp Một lúc 19:30, Thứ Bảy 03\/04\/2027\. Bí thư chấm \d+\/100 điểm/);
    const total = (await db().meetingRecord.findUniqueOrThrow({ where: { meetingId: meeting.id } })).scoreTotal;
    await mot.tapData(`scok:${meeting.id}:${total}`);
    expect((await db().meetingRecord.findUniqueOrThrow({ where: { meetingId: meeting.id } })).scoreConfirmedByPersonId).toBeNull();
    await follower.tap("✏️ Điều chỉnh");
    await follower.send("120");
    expect(follower.lastMessage()?.text).toMatch(/^Điểm phải là số nguyên/);
    await follower.send("80");
    expect(follower.lastMessage()?.text).toBe("Đã điều chỉnh: 80/100 – xếp loại Khá. Bí thư sẽ được báo.");
    const record = await db().meetingRecord.findUniqueOrThrow({ where: { meetingId: meeting.id } });
    expect(record).toMatchObject({ scoreTotal: 80, scoreGrade: "fair", scoreConfirmedByPersonId: await personId("+84903000001") });
    expect(JSON.parse(record.guests)).toEqual(["Trần Tỉnh Ủy"]);
    expect(secretary.lastMessage()?.text).toMatch(/^Trần Tỉnh Ủy \(cấp uỷ cấp trên dự họp\) đã điều chỉnh điểm cuộc họp từ \d+ thành 80/);
  });
});
