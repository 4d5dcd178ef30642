// A cell's month played on Zalo through the real bot over HTTP against the Zalo Bot API
// stand-in: joining with codes (Zalo shares no phone number), numbered options where
// Telegram has buttons, notices and answers, reminders, the record after the meeting,
// files as signed links, /me; and the bad input a chat gets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createInvite } from "../../src/features/onboarding/mutations.js";
import type { FakeZaloUser } from "../../src/testing/fake-zalo.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";
import { startZaloBot, type RunningZalo } from "../helpers/zalo.js";

const NOW = new Date("2026-11-20T03:00:00Z"); // Friday 20/11/2026, 10:00 in Hanoi
const MEETING = new Date("2026-12-05T12:30:00Z"); // Saturday 05/12/2026, 19:30 in Hanoi
const HINT = "(Trả lời bằng số thứ tự của lựa chọn, ví dụ: 1)";

describe.each(PROVIDERS)("a month on Zalo, on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningZalo;
  let secretary: FakeZaloUser; // Nguyễn Văn Bí
  let mot: FakeZaloUser; // Lê Văn Một
  let hai: FakeZaloUser; // Phạm Thị Hai, joins with the cell's code
  let meetingId = 0;

  const db = () => database.db;
  const texts = (user: FakeZaloUser) => user.messages().map((m) => m.text);
  const personal = async (code: string, phone: string) => {
    const org = await db().org.findUniqueOrThrow({ where: { code } });
    const person = await db().person.findUniqueOrThrow({ where: { phone } });
    return (await createInvite(db(), { orgId: org.id, personId: person.id, expiresInMs: 86_400_000, now: running.now.value })).code;
  };
  const answerOf = async (phone: string) => {
    const person = await db().person.findUniqueOrThrow({ where: { phone } });
    return db().meetingAnswer.findUnique({ where: { meetingId_personId: { meetingId, personId: person.id } } });
  };

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: NOW });
    running = await startZaloBot(db(), { now: NOW });
    secretary = running.zalo.user({ name: "Bí Nguyễn" });
    mot = running.zalo.user({ name: "Một Lê" });
    hai = running.zalo.user({ name: "Hai Phạm" });
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  describe("joining", () => {
    it("links a personal code at once", async () => {
      await secretary.send(`/start ${await personal("A1", "+84912000101")}`);
      expect(secretary.lastMessage()?.text).toMatch(/^Đã liên kết! Chào mừng Nguyễn Văn Bí đến với Chi bộ Ấp Một\./);
      await mot.send(`/start ${await personal("A1", "+84912000103")}`);
      const person = await db().person.findUniqueOrThrow({ where: { phone: "+84912000103" } });
      expect(person.telegramUserId).toBeNull();
      expect(person.zaloUserId).not.toBeNull();
      expect(person.telegramChatId).toBe(person.zaloUserId);
    });

    it("tells a stranger choosing a language that it is kept only after joining, without naming Telegram", async () => {
      const stranger = running.zalo.user({ name: "Khách Lạ" });
      await stranger.send("/settings");
      await stranger.send("2");
      expect(stranger.lastMessage()?.text).toBe("Chỉ lưu được cài đặt sau khi tham gia. Hiện tại bot dùng tiếng Việt.");
    });

    it("never links a typed phone number by itself: the secretary approves by number", async () => {
      const org = await db().org.findUniqueOrThrow({ where: { code: "A1" } });
      const code = (await createInvite(db(), { orgId: org.id, expiresInMs: 86_400_000, now: running.now.value })).code;
      await hai.send(`/start ${code}`);
      const ask = hai.lastMessage()!.text;
      expect(ask).toContain("Zalo không chia sẻ số điện thoại cho bot");
      // The contact button has no Zalo equivalent: only "type my name" is offered.
      expect(ask).toContain("1. ✍️ Nhập họ tên");
      expect(ask).not.toContain("Chia sẻ số điện thoại\n");
      await hai.send("0912 000 104");
      expect(hai.lastMessage()?.text).toMatch(/^Cảm ơn đồng chí\. Yêu cầu tham gia Chi bộ Ấp Một đã được gửi tới bí thư/);
      expect((await db().person.findUniqueOrThrow({ where: { phone: "+84912000104" } })).zaloUserId).toBeNull();
      const request = secretary.lastMessage()!.text;
      expect(request).toContain("Hai Phạm (Zalo)");
      expect(request).toContain("1. ✅ Duyệt");
      await secretary.send("1");
      expect(secretary.lastMessage()?.text).toMatch(/^✅ Đã duyệt/);
      expect(hai.lastMessage()?.text).toMatch(/^Bí thư đã duyệt: tài khoản của đồng chí được liên kết với hồ sơ Phạm Thị Hai/);
      expect((await db().person.findUniqueOrThrow({ where: { phone: "+84912000104" } })).zaloUserId).not.toBeNull();
    });

    it("points an unknown Zalo user to the invite code, whatever they send", async () => {
      const stranger = running.zalo.user({ name: "Người lạ" });
      await stranger.send("xin chào");
      expect(stranger.lastMessage()?.text).toMatch(/^Tài khoản Zalo này chưa được liên kết .*\/start/);
      await stranger.send("/start");
      expect(stranger.lastMessage()?.text).toMatch(/gõ \/start và mã mời/);
      await stranger.send("/start khong-co-ma-nay");
      expect(stranger.lastMessage()?.text).toMatch(/^Không tìm thấy mã mời này/);
      await stranger.sendSticker();
      expect(stranger.lastMessage()?.text).toMatch(/^Tài khoản Zalo này chưa được liên kết/);
      await stranger.send("/me");
      expect(stranger.lastMessage()?.text).toMatch(/^Tài khoản Zalo này chưa được liên kết/);
    });
  });

  describe("scheduling", () => {
    it("lets the secretary schedule with numbered options, re-prompting what fits none", async () => {
      await secretary.send("/laplich");
      const menu = secretary.lastMessage()!.text;
      expect(menu).toContain("1. ➕ Lên lịch một cuộc họp");
      expect(menu.endsWith(HINT)).toBe(true);
      await secretary.send("9");
      expect(secretary.lastMessage()?.text).toMatch(/^Xin hãy trả lời bằng số thứ tự của một lựa chọn dưới đây/);
      await secretary.send("lên lịch một cuộc họp");
      await secretary.choose("Thường kỳ");
      await secretary.send("05/12");
      await secretary.send("19:30");
      expect(secretary.lastMessage()?.text).toContain("1. 90 phút");
      await secretary.send("1");
      await secretary.send("Nhà văn hoá thôn");
      await secretary.choose("Bỏ qua");
      await secretary.send("Nghị quyết 12 | https://example.org/nq12");
      await secretary.choose("Xong");
      expect(secretary.lastMessage()?.text).toMatch(/Thời gian: 19:30, Thứ Bảy 05\/12\/2026 \(90 phút\)/);
      await secretary.choose("✅ Xác nhận và gửi thông báo");
      expect(texts(secretary)).toContain("Đã xác nhận. Thông báo đang được gửi tới 3 người.");
      const meeting = await db().meeting.findFirstOrThrow({ where: { org: { code: "A1" } } });
      meetingId = meeting.id;
      expect(meeting).toMatchObject({ kind: "regular", forMonth: "2026-12", status: "confirmed", durationMinutes: 90, place: "Nhà văn hoá thôn" });
    });
  });

  describe("answering the notice", () => {
    it("sends the notice with its options numbered", async () => {
      const notice = mot.messages().find((m) => m.text.startsWith("📅 THÔNG BÁO SINH HOẠT CHI BỘ"))!;
      expect(notice.text).toContain("Địa điểm: Nhà văn hoá thôn");
      expect([...mot.options().values()]).toEqual(["✅ Tham dự", "❌ Vắng (có lý do)", "📖 Đã đọc nội dung", "💡 Đề xuất nội dung", "📅 Thêm vào lịch"]);
      expect(await db().outboxMessage.count({ where: { meetingId, kind: "notice", status: "sent", channel: "zalo" } })).toBe(3);
    });

    it("re-prompts a number out of range, free text, a sticker and an image", async () => {
      const before = mot.messages().length;
      await mot.send("7");
      await mot.send("có lẽ");
      await mot.sendSticker();
      await mot.sendImage();
      const replies = mot.messages().slice(before);
      expect(replies).toHaveLength(4);
      for (const reply of replies) {
        expect(reply.text).toMatch(/^Câu trả lời không khớp lựa chọn nào\. Hãy trả lời bằng một số từ 1 đến 5:/);
        expect(reply.text).toContain("1. ✅ Tham dự");
      }
      expect(await answerOf("+84912000103")).toBeNull();
    });

    it("records attend by number, once (a redelivered message is ignored)", async () => {
      await mot.send("1");
      expect(mot.lastMessage()?.text).toBe("✅ Đã ghi nhận: đồng chí tham dự.");
      // The toast said the same: it is not sent twice.
      expect(texts(mot).filter((t) => t === "✅ Đã ghi nhận: đồng chí tham dự.")).toHaveLength(1);
      await mot.redeliverLast();
      expect(texts(mot).filter((t) => t === "✅ Đã ghi nhận: đồng chí tham dự.")).toHaveLength(1);
      expect(await answerOf("+84912000103")).toMatchObject({ answer: "attend", revision: 1 });
    });

    it("asks an absent member why by the option's words, and tells the secretary", async () => {
      await hai.send("vắng (có lý do)");
      expect(hai.lastMessage()?.text).toMatch(/^Lý do vắng mặt\?/);
      await hai.send("tôi bận");
      expect(hai.lastMessage()?.text).toMatch(/^Xin hãy trả lời bằng số thứ tự của một lựa chọn dưới đây/);
      await hai.sendSticker();
      await hai.choose("Ốm đau");
      // The choice is confirmed by what the edit added, then the next question.
      expect(texts(hai).at(-2)).toBe("→ Ốm đau");
      expect(hai.lastMessage()?.text).toContain("1. Bỏ qua");
      await hai.sendImage();
      expect(hai.lastMessage()?.text).toBe("Xin hãy gõ câu trả lời (hoặc /cancel để dừng).");
      await hai.send("đi viện");
      expect(hai.lastMessage()?.text).toBe("Đã ghi nhận: đồng chí vắng (Ốm đau). Bí thư sẽ được báo.");
      expect(await answerOf("+84912000104")).toMatchObject({ answer: "absent", reasonCategory: "illness", reasonText: "đi viện" });
      expect(secretary.lastMessage()?.text).toBe("Phạm Thị Hai báo vắng cuộc họp 19:30, Thứ Bảy 05/12/2026: Ốm đau – «đi viện».");
    });

    it("sends the calendar file as a signed link that works", async () => {
      await mot.choose("📅 Thêm vào lịch");
      const message = mot.lastMessage()!.text;
      const link = /📎 hop-chi-bo-\d+\.ics: (\S+)/.exec(message)?.[1];
      expect(link).toBeDefined();
      expect(message).toContain("Đường dẫn tải có hiệu lực 7 ngày.");
      const response = await fetch(link!);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("DTSTART:20261205T123000Z");
      expect((await fetch(link!.replace(/\/[A-Za-z0-9_-]{32}\//, "/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/"))).status).toBe(404);
    });

    it("lets a member change the answer later by the notice's number", async () => {
      await mot.send("2");
      expect(mot.lastMessage()?.text).toMatch(/^Lý do vắng mặt\?/);
      await mot.send("/cancel");
      expect(await answerOf("+84912000103")).toMatchObject({ answer: "attend" });
    });
  });

  describe("reminders and the record", () => {
    it("reminds only those who have not answered, and summarises for the secretary", async () => {
      await running.tickAt(new Date(MEETING.getTime() - 3 * 86_400_000));
      const reminders = (user: FakeZaloUser) => texts(user).filter((t) => t.startsWith("⏰ NHẮC LỊCH")).length;
      expect(reminders(secretary)).toBe(1);
      expect(reminders(mot)).toBe(0);
      expect(secretary.lastMessage()?.text).toContain("1. ✅ Tham dự");
      await running.tickAt("2026-12-04T11:00:00Z");
      const summary = texts(secretary).find((t) => t.startsWith("📋 Tóm tắt"))!;
      expect(summary).toContain("Tham dự (1): Lê Văn Một");
      expect(summary).toContain("Vắng có lý do (1): Phạm Thị Hai (Ốm đau: đi viện)");
    });

    it("lets the secretary record attendance, times, note-taker and score, and sends the minutes as a link", async () => {
      await running.tickAt(new Date(MEETING.getTime() + 91 * 60_000));
      expect(secretary.lastMessage()?.text).toMatch(/^Cuộc họp lúc 19:30, Thứ Bảy 05\/12\/2026 đã kết thúc\. Mời đồng chí điểm danh/);
      await secretary.choose("📝 Điểm danh");
      expect(secretary.lastMessage()?.text).toContain("Có mặt");
      await secretary.choose("✔️ Xong, ghi nhận");
      expect(secretary.lastMessage()?.text).toMatch(/^Cuộc họp thực tế bắt đầu lúc mấy giờ\?/);
      await secretary.choose("19:30");
      await secretary.send("21:00");
      await secretary.choose("Không có khách mời");
      await secretary.send("Lê Văn Một");
      expect(texts(secretary).some((t) => t.startsWith("📊 Kiểm tra theo quy định:"))).toBe(true);
      for (const points of ["14", "40", "18"]) await secretary.send(points);
      const record = await db().meetingRecord.findUniqueOrThrow({ where: { meetingId } });
      expect(record).toMatchObject({ state: "submitted", noteTaker: "Lê Văn Một" });
      expect(record.scoreTotal).not.toBeNull();
      const minutes = texts(secretary).find((t) => t.includes(`📎 bien-ban-${meetingId}.docx: `))!;
      const link = /📎 bien-ban-\d+\.docx: (\S+)/.exec(minutes)![1];
      const response = await fetch(link);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("wordprocessingml");
    });

    it("shows a member their year with /me", async () => {
      await hai.send("/toi");
      expect(hai.lastMessage()?.text).toContain("1 cuộc họp: có mặt");
    });
  });
});
