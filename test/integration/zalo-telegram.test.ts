// Telegram and Zalo at once, in one process, on one database: a secretary on Telegram
// and members on Zalo (one of them on both), join requests and answers crossing from one
// messenger to the other, notices on the messenger each person chose (never both),
// files as links, and a Zalo member who blocked the bot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputFile } from "grammy";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createInvite } from "../../src/features/onboarding/mutations.js";
import { createMeeting, postponeMeeting } from "../../src/features/meetings/mutations.js";
import type { FakeUser } from "../../src/testing/fake-telegram.js";
import type { FakeZaloUser } from "../../src/testing/fake-zalo.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";
import { startZaloBot, type RunningZalo } from "../helpers/zalo.js";
import { waitFor } from "../helpers/wait.js";

const NOW = new Date("2026-11-20T03:00:00Z"); // Friday 20/11/2026, 10:00 in Hanoi
const NOTICE = "📅 THÔNG BÁO SINH HOẠT CHI BỘ";

describe.each(PROVIDERS)("Telegram and Zalo together, on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningZalo;
  let secretary: FakeUser; // Nguyễn Văn Bí, on Telegram
  let haiTelegram: FakeUser; // Phạm Thị Hai, on both
  let hai: FakeZaloUser;
  let mot: FakeZaloUser; // Lê Văn Một, on Zalo
  let pho: FakeZaloUser; // Trần Thị Phó, joins on Zalo with the cell's code
  let meetingId = 0;

  const db = () => database.db;
  const personal = async (phone: string) => {
    const org = await db().org.findUniqueOrThrow({ where: { code: "A1" } });
    const person = await db().person.findUniqueOrThrow({ where: { phone } });
    return (await createInvite(db(), { orgId: org.id, personId: person.id, expiresInMs: 86_400_000, now: running.now.value })).code;
  };
  const notices = (messages: { text: string }[]) => messages.filter((m) => m.text.startsWith(NOTICE)).length;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: NOW });
    running = await startZaloBot(db(), { now: NOW, telegram: true, pollSeconds: 1 });
    secretary = running.telegram!.user({ id: 8001, firstName: "Bí" });
    haiTelegram = running.telegram!.user({ id: 8002, firstName: "Hai" });
    hai = running.zalo.user({ name: "Hai Phạm" });
    mot = running.zalo.user({ name: "Một Lê" });
    pho = running.zalo.user({ name: "Phó Trần" });
    await secretary.send(`/start ${await personal("+84912000101")}`);
    await haiTelegram.send(`/start ${await personal("+84912000104")}`);
    await mot.send(`/start ${await personal("+84912000103")}`);
    await running.settle();
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it("keeps polling Zalo after it answers that no update came (408)", async () => {
    await waitFor(() => running.zalo.noUpdateAnswers > 0);
    await mot.send("/help");
    expect(mot.lastMessage()?.text).toMatch(/\/help/);
  });

  it("links a second messenger without moving the notices", async () => {
    await hai.send(`/start ${await personal("+84912000104")}`);
    expect(hai.lastMessage()?.text).toMatch(/^Đã liên kết!/);
    const person = await db().person.findUniqueOrThrow({ where: { phone: "+84912000104" } });
    expect(person.telegramUserId).toBe("8002");
    expect(person.zaloUserId).not.toBeNull();
    expect(person.telegramChatId).toBe("8002");
  });

  it("sends a Zalo member's join request to the secretary on Telegram, and the decision back to Zalo", async () => {
    const org = await db().org.findUniqueOrThrow({ where: { code: "A1" } });
    const code = (await createInvite(db(), { orgId: org.id, expiresInMs: 86_400_000, now: running.now.value })).code;
    await pho.send(`/start ${code}`);
    await pho.choose("✍️ Nhập họ tên");
    await pho.send("trần thị phó");
    await running.settle();
    const request = secretary.lastMessage()!;
    expect(request.text).toContain("Phó Trần (Zalo)");
    expect(request.buttons.map((b) => b.text)).toEqual(["✅ Duyệt", "❌ Từ chối"]);
    await secretary.tap("✅ Duyệt");
    await running.settle();
    expect(pho.lastMessage()?.text).toMatch(/^Bí thư đã duyệt: tài khoản của đồng chí được liên kết với hồ sơ Trần Thị Phó/);
  });

  it("sends each member the notice once, on the messenger they chose", async () => {
    const a1 = await db().org.findUniqueOrThrow({ where: { code: "A1" } });
    const meeting = await createMeeting(
      db(),
      { orgId: a1.id, kind: "regular", startsAt: new Date("2026-12-05T12:30:00Z"), durationMinutes: 90, place: "Nhà văn hoá", agenda: "", documents: [] },
      "confirmed",
      running.now.value,
    );
    meetingId = meeting.id;
    await running.settle();
    expect(notices(secretary.messages())).toBe(1);
    expect(notices(haiTelegram.messages())).toBe(1);
    expect(notices(hai.messages())).toBe(0);
    expect(notices(mot.messages())).toBe(1);
    expect(notices(pho.messages())).toBe(1);
    const channels = await db().outboxMessage.findMany({ where: { meetingId, kind: "notice" }, select: { channel: true, status: true } });
    expect(channels.filter((c) => c.channel === "zalo" && c.status === "sent")).toHaveLength(2);
    expect(channels.filter((c) => c.channel === "telegram" && c.status === "sent")).toHaveLength(2);
  });

  it("takes an answer on Zalo and tells the secretary on Telegram", async () => {
    await pho.send("2");
    await pho.choose("Ốm đau");
    await pho.choose("Bỏ qua");
    await running.settle();
    expect(pho.lastMessage()?.text).toBe("Đã ghi nhận: đồng chí vắng (Ốm đau). Bí thư sẽ được báo.");
    expect(secretary.lastMessage()?.text).toMatch(/^Trần Thị Phó báo vắng cuộc họp 19:30, Thứ Bảy 05\/12\/2026: Ốm đau/);
  });

  it("moves the notices to Zalo when the person chooses it in /settings", async () => {
    await hai.send("/settings");
    const settings = hai.lastMessage()!.text;
    expect(settings).toContain("Thông báo đang gửi qua Telegram.");
    expect(settings).toContain("✓ Nhận thông báo qua Telegram");
    await hai.choose("Nhận thông báo qua Zalo");
    expect(hai.lastMessage()?.text).toBe("Từ nay thông báo và nhắc lịch sẽ gửi qua Zalo.");
    await postponeMeeting(db(), meetingId, new Date("2026-12-06T12:30:00Z"), "trùng lịch", running.now.value);
    await running.settle();
    const moved = (messages: { text: string }[]) => messages.filter((m) => m.text.startsWith("🔁 CUỘC HỌP ĐÃ ĐỔI LỊCH")).length;
    expect(moved(hai.messages())).toBe(1);
    expect(moved(haiTelegram.messages())).toBe(0);
    // The Telegram account still works: /settings there shows where notices go now.
    await haiTelegram.send("/settings");
    expect(haiTelegram.lastMessage()?.text).toContain("Thông báo đang gửi qua Zalo.");
  });

  it("sends a chart to Zalo as a photo link the server serves", async () => {
    const person = await db().person.findUniqueOrThrow({ where: { phone: "+84912000103" } });
    const png = Buffer.from("89504e470d0a1a0a", "hex");
    await running.channel.created.bot.api.sendPhoto(person.zaloUserId!, new InputFile(png, "bao-cao.png"), { caption: "Biểu đồ" });
    const photo = mot.messages().at(-1)!;
    expect(photo.text).toBe("Biểu đồ");
    const response = await fetch(photo.photo!);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(png);
  });

  it("splits a text longer than Zalo's 2,000 characters at line breaks", async () => {
    const person = await db().person.findUniqueOrThrow({ where: { phone: "+84912000103" } });
    const lines = Array.from({ length: 60 }, (_, i) => `${i + 1}. ${"Nội dung dài".repeat(5)}`);
    const before = mot.messages().length;
    await running.channel.created.bot.api.sendMessage(person.zaloUserId!, lines.join("\n"));
    const parts = mot.messages().slice(before).map((m) => m.text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((part) => part.length <= 2000)).toBe(true);
    expect(parts.join("\n")).toBe(lines.join("\n"));
  });

  it("marks a Zalo member who blocked the bot unreachable, and tells the secretary on Telegram", async () => {
    running.zalo.refuse(mot.id);
    await running.tickAt(new Date("2026-12-03T12:30:00Z")); // 3 days before the moved meeting
    const person = await db().person.findUniqueOrThrow({ where: { phone: "+84912000103" } });
    expect(person.unreachableAt).not.toBeNull();
    expect(secretary.messages().some((m) => m.text.startsWith("⚠️ Bot không gửi được tin cho Lê Văn Một"))).toBe(true);
  });
});
