// A month of one cell's meetings, played as people would through the real bot over
// HTTP: the secretary schedules in a guided conversation, members answer, reminders
// and the evening-before summary go out, a meeting is moved and another cancelled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { Api } from "grammy";
import { createMeeting } from "../../src/features/meetings/mutations.js";
import { refreshGroupTallies } from "../../src/features/meetings/group-planner.js";
import { runTick } from "../../src/jobs/tick.js";
import { createLogger } from "../../src/logger.js";
import type { FakeUser } from "../../src/testing/fake-telegram.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";
import { waitFor } from "../helpers/wait.js";
import { linkUser, startBot, type RunningBot } from "../helpers/bot.js";

const NOW = new Date("2026-11-20T03:00:00Z"); // Friday 20/11/2026, 10:00 in Hanoi
const MEETING = new Date("2026-12-05T12:30:00Z"); // Saturday 05/12/2026, 19:30 in Hanoi

describe.each(PROVIDERS)("meetings on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningBot;
  let secretary: FakeUser;
  let mot: FakeUser; // Lê Văn Một, official
  let hai: FakeUser; // Phạm Thị Hai, probationary
  let otherCellSecretary: FakeUser;
  let meetingId = 0;

  const db = () => database.db;
  const link = (userId: number, code: string, phone: string) => linkUser(running, db(), userId, code, phone);
  const texts = (user: FakeUser) => user.messages().map((m) => m.text);
  const answerOf = async (phone: string, id = meetingId) => {
    const person = await db().person.findUniqueOrThrow({ where: { phone } });
    return db().meetingAnswer.findUnique({ where: { meetingId_personId: { meetingId: id, personId: person.id } } });
  };

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: NOW });
    running = await startBot(db(), { now: NOW });
    secretary = await link(7001, "A1", "+84912000101");
    mot = await link(7002, "A1", "+84912000103");
    hai = await link(7003, "A1", "+84912000104");
    otherCellSecretary = await link(7004, "B1", "+84912000301");
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it("refuses /schedule to a member who does not lead a cell", async () => {
    await mot.send("/schedule");
    expect(mot.lastMessage()?.text).toBe("Chỉ bí thư hoặc phó bí thư chi bộ mới lên lịch họp được.");
  });

  it("lets the secretary schedule a meeting, re-prompting for what was wrong", async () => {
    await secretary.send("/laplich");
    await secretary.tap("➕ Lên lịch một cuộc họp");
    await secretary.tap("Thường kỳ");
    await secretary.send("31/02");
    expect(secretary.lastMessage()?.text).toMatch(/^Ngày này không có trong lịch\./);
    await secretary.send("15/11/2026");
    expect(secretary.lastMessage()?.text).toMatch(/^Ngày này đã qua\./);
    await secretary.send("05/12");
    await secretary.send("25:00");
    expect(secretary.lastMessage()?.text).toMatch(/^Tôi không đọc được giờ này/);
    await secretary.send("22:00");
    await secretary.tap("90 phút");
    expect(texts(secretary).at(-2)).toBe("Giờ này rơi vào giờ nghỉ đêm; xin chọn giờ khác.");
    await secretary.send("05/12");
    await secretary.send("19:30");
    await secretary.send("60");
    expect(secretary.lastMessage()?.text).toBe("Hướng dẫn yêu cầu sinh hoạt ít nhất 90 phút.");
    await secretary.tap("Sửa thời lượng");
    await secretary.send("90");
    await secretary.send("Nhà văn hoá thôn");
    await secretary.tap("Bỏ qua");
    await secretary.send("Nghị quyết 12 | https://example.org/nq12");
    expect(secretary.lastMessage()?.text).toMatch(/tổng cộng 1 tài liệu/);
    await secretary.tap("Xong");
    const preview = secretary.lastMessage()!;
    expect(preview.text).toMatch(/Thời gian: 19:30, Thứ Bảy 05\/12\/2026 \(90 phút\)/);
    expect(preview.text).toMatch(/• Nghị quyết 12: https:\/\/example\.org\/nq12/);
    await secretary.tap("✅ Xác nhận và gửi thông báo");
    expect(texts(secretary)).toContain("Đã xác nhận. Thông báo đang được gửi tới 3 người.");
    const meeting = await db().meeting.findFirstOrThrow({ where: { org: { code: "A1" } } });
    meetingId = meeting.id;
    expect(meeting).toMatchObject({ kind: "regular", forMonth: "2026-12", status: "confirmed", durationMinutes: 90, place: "Nhà văn hoá thôn" });
    expect(meeting.startsAt.toISOString()).toBe(MEETING.toISOString());
  });

  it("sends every expected member the notice with the answer buttons", async () => {
    const notice = mot.messages().find((m) => m.text.startsWith("📅 THÔNG BÁO SINH HOẠT CHI BỘ"))!;
    expect(notice.text).toContain("Chi bộ Ấp Một");
    expect(notice.text).toContain("Nội dung: Sinh hoạt thường kỳ tháng 12/2026");
    expect(notice.text).toContain("Địa điểm: Nhà văn hoá thôn");
    expect(notice.buttons.map((b) => b.text)).toEqual(["✅ Tham dự", "❌ Vắng (có lý do)", "📖 Đã đọc nội dung", "💡 Đề xuất nội dung", "📅 Thêm vào lịch"]);
    // The exempt member (Hoàng Văn Ba) and the other cell get nothing.
    expect(otherCellSecretary.messages().some((m) => m.text.includes("THÔNG BÁO"))).toBe(false);
    expect(await db().outboxMessage.count({ where: { meetingId, kind: "notice", status: "sent" } })).toBe(3);
  });

  it("records attend with a tap", async () => {
    await mot.tap("✅ Tham dự");
    expect(mot.lastMessage()?.text).toBe("✅ Đã ghi nhận: đồng chí tham dự.");
    expect(await answerOf("+84912000103")).toMatchObject({ answer: "attend", revision: 1 });
  });

  it("asks an absent member why, and tells the secretary", async () => {
    await hai.tap("❌ Vắng (có lý do)");
    expect(hai.lastMessage()?.text).toBe("Lý do vắng mặt?");
    await hai.send("tôi bận");
    expect(hai.lastMessage()?.text).toBe("Xin hãy chọn một nút bên dưới (hoặc /cancel để dừng).");
    await hai.tap("Ốm đau");
    await hai.send("đi viện");
    expect(hai.lastMessage()?.text).toBe("Đã ghi nhận: đồng chí vắng (Ốm đau). Bí thư sẽ được báo.");
    expect(await answerOf("+84912000104")).toMatchObject({ answer: "absent", reasonCategory: "illness", reasonText: "đi viện" });
    expect(secretary.lastMessage()?.text).toBe("Phạm Thị Hai báo vắng cuộc họp 19:30, Thứ Bảy 05/12/2026: Ốm đau – «đi viện».");
  });

  it("sends a .ics calendar file on request", async () => {
    await mot.tap("📅 Thêm vào lịch");
    const file = running.telegram.documents.find((d) => d.chatId === mot.chatId)!;
    expect(file.filename).toBe(`hop-chi-bo-${meetingId}.ics`);
    expect(file.content).toContain("BEGIN:VEVENT");
    expect(file.content).toContain("DTSTART:20261205T123000Z");
    expect(file.content).toContain("DTEND:20261205T140000Z");
    expect(file.content).toContain("LOCATION:Nhà văn hoá thôn");
  });

  it("records that a member read the agenda", async () => {
    await hai.tap("📖 Đã đọc nội dung");
    expect((await answerOf("+84912000104"))?.agendaReadAt).not.toBeNull();
  });

  it("passes a member's proposal to the secretary, who accepts it, and the member hears back", async () => {
    await mot.tap("💡 Đề xuất nội dung");
    await mot.send("Bàn về quỹ khuyến học của thôn");
    expect(mot.lastMessage()?.text).toBe("Đã gửi đề xuất tới bí thư. Đồng chí sẽ nhận được phản hồi.");
    expect(secretary.lastMessage()?.text).toMatch(/Lê Văn Một đề xuất nội dung .*«Bàn về quỹ khuyến học của thôn»/);
    await secretary.tap("✅ Đưa vào chương trình");
    expect(mot.lastMessage()?.text).toBe("Bí thư đã đưa đề xuất «Bàn về quỹ khuyến học của thôn» của đồng chí vào chương trình họp.");
    expect((await db().meeting.findUniqueOrThrow({ where: { id: meetingId } })).agenda).toContain("Bàn về quỹ khuyến học của thôn (Lê Văn Một)");
  });

  it("tells the proposer of a decision the secretary takes at night only in the morning", async () => {
    running.now.value = new Date("2026-11-20T10:00:00Z"); // 17:00 in Hanoi
    await mot.tap("💡 Đề xuất nội dung");
    await mot.send("Bàn về vệ sinh môi trường");
    expect(secretary.lastMessage()?.text).toMatch(/«Bàn về vệ sinh môi trường»/);
    running.now.value = new Date("2026-11-20T15:30:00Z"); // 22:30: quiet hours (21:30–06:30)
    await secretary.tap("❌ Không đưa vào");
    await running.telegram.settle();
    const declined = "Bí thư chưa đưa đề xuất «Bàn về vệ sinh môi trường» của đồng chí vào chương trình họp lần này.";
    expect(texts(mot)).not.toContain(declined);
    running.now.value = new Date("2026-11-20T23:30:00Z"); // 06:30 the next morning
    await running.telegram.settle();
    expect(mot.lastMessage()?.text).toBe(declined);
  });

  it("reminds only those who have not answered, once, however many ticks run", async () => {
    const at = new Date(MEETING.getTime() - 3 * 86_400_000);
    await Promise.all([running.tickAt(at), runTick(db(), at, createLogger("silent"))]);
    await running.tickAt(at);
    const reminders = (user: FakeUser) => texts(user).filter((t) => t.startsWith("⏰ NHẮC LỊCH")).length;
    expect(reminders(secretary)).toBe(1);
    expect(reminders(mot)).toBe(0);
    expect(reminders(hai)).toBe(0);
    expect(secretary.lastMessage()?.text).toMatch(/^⏰ NHẮC LỊCH: họp chi bộ lúc 19:30, Thứ Bảy 05\/12\/2026\. Đồng chí chưa xác nhận/);
  });

  it("gives the secretary the evening-before summary with the 85% check", async () => {
    await running.tickAt("2026-12-04T11:00:00Z"); // 18:00 the evening before
    const summary = texts(secretary).find((t) => t.startsWith("📋 Tóm tắt"))!;
    expect(summary).toContain("Tham dự (1): Lê Văn Một");
    expect(summary).toContain("Vắng có lý do (1): Phạm Thị Hai (Ốm đau: đi viện)");
    expect(summary).toContain("Chưa trả lời (2): Nguyễn Văn Bí, Trần Thị Phó");
    expect(summary).toContain("Dự kiến 1/4 đảng viên tham dự (25%): CHƯA đạt mức trên 85%.");
    // Documents are set: no warning.
    await running.tickAt(new Date(MEETING.getTime() - 86_400_000));
    expect(texts(secretary).some((t) => t.startsWith("⚠️ Cuộc họp sắp tới chưa có tài liệu"))).toBe(false);
  });

  it("sends the last reminder to everyone, answered or not", async () => {
    await running.tickAt(new Date(MEETING.getTime() - 2 * 3_600_000));
    expect(mot.lastMessage()?.text).toMatch(/^⏰ NHẮC LỊCH: họp chi bộ lúc 19:30/);
    expect(mot.lastMessage()?.buttons).toEqual([]);
    expect(hai.lastMessage()?.text).toMatch(/^⏰ NHẮC LỊCH/);
  });

  it("answers old buttons after the start with 'over' and records nothing", async () => {
    running.now.value = new Date(MEETING.getTime() + 60_000);
    const before = await answerOf("+84912000104");
    await hai.tap("✅ Tham dự");
    expect(await answerOf("+84912000104")).toEqual(before);
  });

  describe("moving and cancelling", () => {
    let second = 0;
    let third = 0;
    beforeAll(async () => {
      running.now.value = new Date("2026-12-06T03:00:00Z");
      const a1 = await db().org.findUniqueOrThrow({ where: { code: "A1" } });
      const input = { orgId: a1.id, kind: "thematic" as const, durationMinutes: 90, place: "Hội trường", agenda: "", thematicTopic: "Học tập Nghị quyết", documents: [] };
      second = (await createMeeting(db(), { ...input, startsAt: new Date("2026-12-19T12:30:00Z") }, "confirmed", running.now.value)).id;
      third = (await createMeeting(db(), { ...input, startsAt: new Date("2026-12-26T12:30:00Z") }, "confirmed", running.now.value)).id;
      await running.telegram.settle();
      await mot.tapData(`m:att:${second}:1`);
    });

    it("warns the secretary when documents are missing a day before", async () => {
      // Only for a meeting in the future: the check of the second one, run late, after it moved, must not fire.
      await running.tickAt("2026-12-18T12:30:00Z");
      expect(texts(secretary).filter((t) => t.startsWith("⚠️ Cuộc họp sắp tới chưa có tài liệu"))).toHaveLength(1);
      running.now.value = new Date("2026-12-06T03:00:00Z");
    });

    it("moves a meeting: everyone is told, and an earlier answer must be confirmed again", async () => {
      await secretary.send("/schedule");
      await secretary.tap("⏩ Dời cuộc họp");
      await secretary.tap(/Sinh hoạt chuyên đề – 19:30, Thứ Bảy 19\/12\/2026/);
      await secretary.send("20/12");
      await secretary.send("19:30");
      await secretary.tap("90 phút");
      await secretary.send("Trùng lịch trực bầu cử");
      await secretary.tap("✅ Đồng ý");
      expect(secretary.messages().some((m) => m.text === "Đã dời lịch. Đang báo cho 3 người; mỗi người sẽ xác nhận lại.")).toBe(true);
      const moved = mot.lastMessage()!;
      expect(moved.text).toMatch(/^🔁 CUỘC HỌP ĐÃ ĐỔI LỊCH \(lý do: Trùng lịch trực bầu cử\)/);
      expect(moved.text).toContain("19:30, Chủ nhật 20/12/2026");
      expect(moved.buttons[0].text).toBe("✅ Vẫn tham dự theo lịch mới");
      expect(await answerOf("+84912000103", second)).toMatchObject({ revision: 1 });
      await mot.tap("✅ Vẫn tham dự theo lịch mới");
      expect(await answerOf("+84912000103", second)).toMatchObject({ answer: "attend", revision: 2 });
    });

    it("answers a button of the old time with 'moved' and records nothing", async () => {
      await hai.tapData(`m:att:${second}:1`);
      expect(await answerOf("+84912000104", second)).toBeNull();
    });

    it("never fires a reminder planned for the old time", async () => {
      const before = texts(hai).length;
      await running.tickAt("2026-12-19T10:30:00Z"); // T-2h of the old time
      const after = texts(hai).slice(before);
      // What goes out now is the (late) first reminder of the new time, for the silent member.
      expect(after).toHaveLength(1);
      expect(after[0]).toMatch(/^⏰ NHẮC LỊCH: họp chi bộ lúc 19:30, Chủ nhật 20\/12\/2026/);
      expect(after.some((t) => t.includes("19/12/2026"))).toBe(false);
      running.now.value = new Date("2026-12-06T03:00:00Z");
    });

    it("cancels a meeting with a reason; old buttons then record nothing", async () => {
      await secretary.send("/schedule");
      await secretary.tap("✖️ Huỷ cuộc họp");
      await secretary.tap(/26\/12\/2026/);
      await secretary.send("Mưa bão");
      await secretary.tap("✅ Đồng ý");
      expect(hai.lastMessage()?.text).toBe("✖️ CUỘC HỌP ĐÃ HUỶ: Chi bộ Ấp Một, 19:30, Thứ Bảy 26/12/2026. Lý do: Mưa bão");
      expect((await db().meeting.findUniqueOrThrow({ where: { id: third } })).status).toBe("cancelled");
      await hai.tapData(`m:att:${third}:1`);
      expect(await answerOf("+84912000104", third)).toBeNull();
    });
  });

  describe("bad taps", () => {
    it("refuses a forged button for another cell's meeting", async () => {
      const b1 = await db().org.findUniqueOrThrow({ where: { code: "B1" } });
      const other = await createMeeting(
        db(),
        { orgId: b1.id, kind: "regular", startsAt: new Date("2027-01-10T12:30:00Z"), durationMinutes: 90, place: "Bản", agenda: "", documents: [] },
        "confirmed",
        running.now.value,
      );
      await mot.tapData(`m:att:${other.id}:1`);
      expect(await answerOf("+84912000103", other.id)).toBeNull();
    });

    it.each([["m:att:abc:1"], ["m:att:1"], [`m:att:${"9".repeat(40)}:1`], ["m:zap:1:1"]])("answers malformed data %s and changes nothing", async (data) => {
      const before = await db().meetingAnswer.count();
      await mot.tapData(data);
      expect(await db().meetingAnswer.count()).toBe(before);
    });
  });

  describe("usual schedule", () => {
    it("is set once in a guided conversation and proposes each month's meeting to confirm", async () => {
      running.now.value = new Date("2026-12-10T03:00:00Z");
      await secretary.send("/schedule");
      await secretary.tap("🗓 Đặt lịch thường kỳ");
      await secretary.send("32");
      expect(secretary.lastMessage()?.text).toMatch(/^Ngày là một số từ 1 đến 31\./);
      await secretary.send("5");
      await secretary.send("19:30");
      await secretary.send("Nhà văn hoá thôn");
      await secretary.tap("90 phút");
      expect(secretary.lastMessage()?.text).toBe(
        "Đã lưu lịch thường kỳ: ngày 5 hằng tháng, 19:30, tại Nhà văn hoá thôn, 90 phút. Mỗi tháng, 10 ngày trước, bot sẽ đề xuất để bí thư xác nhận.",
      );
      const proposals = () => secretary.messages().filter((m) => m.text.startsWith("🗓 Đề xuất lịch họp"));
      await running.tickAt("2026-12-24T03:00:00Z"); // 12 days before 05/01: too early
      expect(proposals()).toHaveLength(0);
      await running.tickAt("2026-12-26T13:00:00Z"); // 10 days before
      expect(proposals()).toHaveLength(1);
      const proposal = proposals()[0];
      expect(proposal.text).toMatch(/^🗓 Đề xuất lịch họp tháng này/);
      expect(proposal.text).toContain("19:30, Thứ Ba 05/01/2027");
      await secretary.tap("✅ Xác nhận và gửi thông báo");
      const meeting = await db().meeting.findFirstOrThrow({ where: { forMonth: "2027-01", org: { code: "A1" } } });
      expect(meeting.status).toBe("confirmed");
      expect(mot.lastMessage()?.text).toContain("19:30, Thứ Ba 05/01/2027");
      await running.tickAt("2026-12-26T13:05:00Z");
      expect(await db().meeting.count({ where: { forMonth: "2027-01", org: { code: "A1" } } })).toBe(1);
    });
  });

  describe("orientation topics and uploaded files", () => {
    it("offers the upper committee's topics and, where the cell allows it, takes files", async () => {
      running.now.value = new Date("2027-01-02T03:00:00Z");
      await db().org.update({ where: { code: "P1" }, data: { settings: JSON.stringify({ thematicTopics: ["Chuyển đổi số trong công tác Đảng", "Phòng chống tham nhũng"] }) } });
      await db().org.update({ where: { code: "A1" }, data: { settings: JSON.stringify({ allowFileUploads: true }) } });
      await secretary.send("/schedule");
      await secretary.tap("➕ Lên lịch một cuộc họp");
      await secretary.tap("Chuyên đề");
      await secretary.send("30/01");
      await secretary.send("19:30");
      await secretary.tap("90 phút");
      await secretary.send("Hội trường");
      await secretary.tap("Bỏ qua");
      expect(secretary.lastMessage()?.buttons.map((b) => b.text)).toEqual(["Chuyển đổi số trong công tác Đảng", "Phòng chống tham nhũng", "Chủ đề khác…"]);
      await secretary.tap("Phòng chống tham nhũng");
      expect(secretary.lastMessage()?.text).toMatch(/hoặc gửi tệp/);
      await secretary.sendRaw({ document: { file_id: "BQACAgUAAxkBAAIB", file_unique_id: "u1", file_name: "De-cuong.pdf" } });
      await secretary.tap("Xong");
      expect(secretary.lastMessage()?.text).toContain("Chuyên đề: Phòng chống tham nhũng");
      expect(secretary.lastMessage()?.text).toContain("• De-cuong.pdf (tệp gửi kèm trong tin nhắn)");
      await secretary.tap("✅ Xác nhận và gửi thông báo");
      await running.telegram.settle();
      expect(running.telegram.documents.filter((d) => d.chatId === mot.chatId && d.filename === "BQACAgUAAxkBAAIB")).toHaveLength(1);
    });

    it("refuses files where the cell does not allow them", async () => {
      await db().org.update({ where: { code: "A1" }, data: { settings: "{}" } });
      await secretary.send("/schedule");
      await secretary.tap("➕ Lên lịch một cuộc họp");
      await secretary.tap("Thường kỳ");
      await secretary.send("06/02");
      await secretary.send("19:30");
      await secretary.tap("90 phút");
      await secretary.send("Hội trường");
      await secretary.tap("Bỏ qua");
      await secretary.sendRaw({ document: { file_id: "BQACAgUAAxkBAAIC", file_unique_id: "u2", file_name: "Mat.pdf" } });
      expect(secretary.lastMessage()?.text).toMatch(/^Chi bộ chỉ gửi đường dẫn tài liệu/);
      await secretary.send("/cancel");
    });
  });

  describe("exempt members", () => {
    it("get notices only after opting in with /settings", async () => {
      const ba = await link(7005, "A1", "+84912000105");
      const a1 = await db().org.findUniqueOrThrow({ where: { code: "A1" } });
      const input = { orgId: a1.id, kind: "thematic" as const, durationMinutes: 90, place: "Hội trường", agenda: "", thematicTopic: "Lịch sử Đảng bộ", documents: [] };
      running.now.value = new Date("2026-12-27T03:00:00Z");
      const first = await createMeeting(db(), { ...input, startsAt: new Date("2027-01-09T12:30:00Z") }, "confirmed", running.now.value);
      await running.telegram.settle();
      expect(ba.messages().some((m) => m.text.includes("THÔNG BÁO"))).toBe(false);
      await ba.send("/settings");
      await ba.tap("🔔 Nhận thông báo họp của Chi bộ Ấp Một");
      expect(ba.lastMessage()?.text).toMatch(/^Đồng chí sẽ nhận thông báo họp/);
      await createMeeting(db(), { ...input, startsAt: new Date("2027-01-23T12:30:00Z") }, "confirmed", running.now.value);
      await running.telegram.settle();
      expect(ba.messages().filter((m) => m.text.includes("THÔNG BÁO"))).toHaveLength(1);
      expect(await db().outboxMessage.count({ where: { meetingId: first.id, personId: (await db().person.findUniqueOrThrow({ where: { phone: "+84912000105" } })).id } })).toBe(0);
      // Another person's membership cannot be switched with a forged button.
      await mot.tapData(`optin:${a1.id}:1`);
      expect(mot.lastMessage()?.text).not.toMatch(/^Đồng chí sẽ nhận thông báo họp/);
    });
  });

  describe("group chat", () => {
    it("posts the notice in the linked group with a live tally", async () => {
      running.now.value = new Date("2026-12-28T03:00:00Z");
      const group = secretary.inGroup(-100777);
      await group.send("/linkgroup");
      expect(group.lastMessage()?.text).toBe("Nhóm này đã được liên kết với Chi bộ Ấp Một. Thông báo họp sẽ được đăng ở đây.");
      const a1 = await db().org.findUniqueOrThrow({ where: { code: "A1" } });
      const meeting = await createMeeting(
        db(),
        { orgId: a1.id, kind: "thematic", startsAt: new Date("2027-01-16T12:30:00Z"), durationMinutes: 90, place: "Hội trường", agenda: "", thematicTopic: "Chuyển đổi số", documents: [] },
        "confirmed",
        running.now.value,
      );
      await waitFor(() => group.messages().some((m) => m.text.startsWith("📅 THÔNG BÁO")));
      const post = group.messages().find((m) => m.text.startsWith("📅 THÔNG BÁO"))!;
      expect(post.text).toContain("Tham dự: 0 · Vắng: 0 · Chưa trả lời: 5");
      await mot.tapData(`m:att:${meeting.id}:1`);
      running.now.value = new Date(running.now.value.getTime() + 6_000);
      await waitFor(() => group.messages().find((m) => m.messageId === post.messageId)!.text.includes("Tham dự: 1 · Vắng: 0 · Chưa trả lời: 4"));
    });

    it("posts a meeting confirmed at night in the group only in the morning", async () => {
      const group = secretary.inGroup(-100777);
      const posts = () => group.messages().filter((m) => m.text.includes("Hội trường thôn"));
      running.now.value = new Date("2026-12-29T15:30:00Z"); // 22:30 in Hanoi
      const a1 = await db().org.findUniqueOrThrow({ where: { code: "A1" } });
      await createMeeting(
        db(),
        { orgId: a1.id, kind: "regular", startsAt: new Date("2027-01-23T12:30:00Z"), durationMinutes: 90, place: "Hội trường thôn", agenda: "", documents: [] },
        "confirmed",
        running.now.value,
      );
      // What the bot's tally loop does every second, run here at 22:30: it posts nothing.
      const api = new Api(running.telegram.token, { apiRoot: running.telegram.apiRoot });
      expect(await refreshGroupTallies(db(), () => api, running.now.value, createLogger("silent"))).toBe(0);
      expect(posts()).toHaveLength(0);
      running.now.value = new Date("2026-12-29T23:30:00Z"); // 06:30
      await waitFor(() => posts().length === 1);
    });

    it("refuses /linkgroup from a member who does not lead a cell", async () => {
      const group = mot.inGroup(-100888);
      await group.send("/linkgroup");
      expect(group.lastMessage()?.text).toBe("Chỉ bí thư hoặc phó bí thư chi bộ mới liên kết được nhóm.");
    });
  });
});
