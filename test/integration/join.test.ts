// Joining through the bot, as a person would: over HTTP against a local Bot API
// server, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createInvite } from "../../src/features/onboarding/mutations.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS, IMPORTED_AT } from "../helpers/files.js";
import { startBot, type RunningBot } from "../helpers/bot.js";

const DAY = 86_400_000;
/** Tuesday 24/11/2026, 09:00 in Hanoi: join requests reach the secretary at once. */
const DAYTIME = new Date("2026-11-24T02:00:00Z");

describe.each(PROVIDERS)("joining through the bot on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningBot;
  let nextUserId = 5000;
  const newUser = (languageCode = "vi") => running.telegram.user({ id: nextUserId++, firstName: "Người Dùng", languageCode });

  const orgId = async (code: string) => (await database.db.org.findUniqueOrThrow({ where: { code } })).id;
  const personId = async (phone: string) => (await database.db.person.findUniqueOrThrow({ where: { phone } })).id;
  const inviteTo = async (code: string, extra: { personPhone?: string; maxUses?: number; expiresInMs?: number } = {}) =>
    (
      await createInvite(database.db, {
        orgId: await orgId(code),
        personId: extra.personPhone ? await personId(extra.personPhone) : undefined,
        expiresInMs: extra.expiresInMs ?? 14 * DAY,
        now: running.now.value,
        maxUses: extra.maxUses,
      })
    ).code;
  const linkedTo = async (phone: string) =>
    (await database.db.person.findUniqueOrThrow({ where: { phone } })).telegramUserId;
  const snapshot = async () => ({
    links: (await database.db.person.findMany({ where: { telegramUserId: { not: null } }, select: { id: true, telegramUserId: true } })).map(
      (p) => `${p.id}:${p.telegramUserId}`,
    ),
    requests: await database.db.joinRequest.findMany({ select: { id: true, status: true } }),
  });

  /** The secretary of A1, linked with a personal invite. */
  let secretary: ReturnType<typeof newUser>;
  /** A plain member of A1 whose Telegram is in English. */
  let plainMember: ReturnType<typeof newUser>;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    running = await startBot(database.db, { now: DAYTIME });
    secretary = newUser();
    await secretary.send(`/start ${await inviteTo("A1", { personPhone: "+84912000101" })}`);
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it("links a personal invite at once and greets in Vietnamese", async () => {
    expect(secretary.lastMessage()?.text).toMatch(/^Đã liên kết! Chào mừng Nguyễn Văn Bí đến với Chi bộ Ấp Một/);
    expect(await linkedTo("+84912000101")).toBe(secretary.chatId);
  });

  it("links a member who shares their own contact matching the roster", async () => {
    const member = newUser();
    await member.send(`/start ${await inviteTo("A1")}`);
    const ask = member.lastMessage()!;
    expect(ask.text).toMatch(/Chia sẻ số điện thoại/);
    expect(ask.replyKeyboard).toEqual(["📱 Chia sẻ số điện thoại", "✍️ Nhập họ tên"]);
    await member.shareContact("84912000103");
    expect(member.lastMessage()?.text).toMatch(/^Đã liên kết! Chào mừng Lê Văn Một/);
    expect(await linkedTo("+84912000103")).toBe(member.chatId);
    const invite = await database.db.invite.findFirstOrThrow({ where: { personId: null, uses: { gt: 0 } } });
    expect(invite.uses).toBe(1);
  });

  it("greets in English when the person's Telegram is in English", async () => {
    const member = newUser("en");
    await member.send(`/start ${await inviteTo("A1")}`);
    expect(member.messages()[0].text).toMatch(/^Hello Người Dùng! You are invited to join Chi bộ Ấp Một/);
    await member.shareContact("+84912000104");
    expect(member.lastMessage()?.text).toMatch(/^Linked! Welcome Phạm Thị Hai/);
    plainMember = member;
  });

  it("refuses a contact that is not the sender's own and changes nothing", async () => {
    const member = newUser();
    await member.send(`/start ${await inviteTo("A1")}`);
    const before = await snapshot();
    await member.shareContact("+84912000105", 999_999);
    expect(member.lastMessage()?.text).toMatch(/không phải số điện thoại của chính đồng chí/);
    expect(await snapshot()).toEqual(before);
    expect(await linkedTo("+84912000105")).toBeNull();
  });

  it("turns a typed name into a request the secretary approves, and tells the member", async () => {
    const member = newUser();
    await member.send(`/start ${await inviteTo("A1")}`);
    await member.send("✍️ Nhập họ tên");
    expect(member.lastMessage()?.text).toMatch(/gõ họ và tên đầy đủ/);
    await member.send("  hoàng   văn ba ");
    expect(member.lastMessage()?.text).toMatch(/đã được gửi tới bí thư/);
    expect(await linkedTo("+84912000105")).toBeNull();
    const request = secretary.lastMessage()!;
    expect(request.text).toMatch(/Gõ họ tên: «hoàng văn ba»/);
    expect(request.text).toMatch(/Khớp với hồ sơ: Hoàng Văn Ba/);
    await secretary.tap("✅ Duyệt");
    expect(await linkedTo("+84912000105")).toBe(member.chatId);
    expect(member.lastMessage()?.text).toMatch(/^Bí thư đã duyệt: .* Hoàng Văn Ba trong Chi bộ Ấp Một/);
    expect(secretary.messages().find((m) => m.messageId === request.messageId)?.text).toMatch(/✅ Đã duyệt: liên kết với Hoàng Văn Ba/);
  });

  it("answers a second tap on a decided request and changes nothing", async () => {
    const before = await snapshot();
    await secretary.tap("✅ Duyệt");
    expect(await snapshot()).toEqual(before);
  });

  it("turns a typed phone number into a request, never a link", async () => {
    const member = newUser();
    await member.send(`/start ${await inviteTo("A2")}`);
    await member.send("0912 000 202");
    expect(member.lastMessage()?.text).toMatch(/đã được gửi tới bí thư/);
    expect(await linkedTo("+84912000202")).toBeNull();
    const request = await database.db.joinRequest.findFirstOrThrow({ where: { telegramUserId: member.chatId } });
    expect(request).toMatchObject({ reason: "typed_phone", phone: "+84912000202", status: "pending" });
  });

  it("sends a phone already linked to another account to the secretary, never re-linking silently", async () => {
    const intruder = newUser();
    await intruder.send(`/start ${await inviteTo("A1")}`);
    await intruder.shareContact("+84912000103");
    expect(intruder.lastMessage()?.text).toMatch(/đã được gửi tới bí thư/);
    const original = await database.db.person.findUniqueOrThrow({ where: { phone: "+84912000103" } });
    expect(original.telegramUserId).not.toBe(intruder.chatId);
    expect(secretary.lastMessage()?.text).toMatch(/đã được liên kết với một tài khoản Telegram khác/);
  });

  it("lets the secretary reject a stranger not on the roster", async () => {
    const stranger = newUser();
    await stranger.send(`/start ${await inviteTo("A1")}`);
    await stranger.shareContact("+84987654321");
    const request = secretary.lastMessage()!;
    expect(request.text).toMatch(/không có trong danh sách/);
    expect(request.buttons.map((b) => b.text)).toEqual(["❌ Từ chối"]);
    await secretary.tap("❌ Từ chối");
    expect(stranger.lastMessage()?.text).toMatch(/chưa được chấp nhận/);
    const stored = await database.db.joinRequest.findFirstOrThrow({ where: { telegramUserId: stranger.chatId } });
    expect(stored.status).toBe("rejected");
  });

  it("does not let a plain member decide a request", async () => {
    const member = plainMember;
    const pending = await database.db.joinRequest.findFirstOrThrow({ where: { status: "pending", org: { code: "A1" } } });
    const before = await snapshot();
    await member.tapData(`jr:a:${pending.id}`);
    expect(await snapshot()).toEqual(before);
    await member.send("/requests");
    expect(member.lastMessage()?.text).toBe("You are not allowed to do this.");
  });

  it("does not let a secretary decide for another cell", async () => {
    const other = newUser();
    await other.send(`/start ${await inviteTo("B1", { personPhone: "+84912000301" })}`);
    const pending = await database.db.joinRequest.findFirstOrThrow({ where: { status: "pending", org: { code: "A2" } } });
    const before = await snapshot();
    await other.tapData(`jr:a:${pending.id}`);
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["garbage", "/start <script>alert(1)</script>", /Mã mời không hợp lệ/],
    ["an unknown code", "/start ZZZZZZZZZZZZ", /Không tìm thấy mã mời này/],
  ])("answers /start with %s clearly and changes nothing", async (_case, text, expected) => {
    const user = newUser();
    const before = await snapshot();
    await user.send(text);
    expect(user.lastMessage()?.text).toMatch(expected);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an expired code", async () => {
    const code = await inviteTo("A1", { expiresInMs: DAY });
    running.now.value = new Date(running.now.value.getTime() + 2 * DAY);
    try {
      const user = newUser();
      await user.send(`/start ${code}`);
      expect(user.lastMessage()?.text).toMatch(/đã hết hạn/);
    } finally {
      running.now.value = DAYTIME;
    }
  });

  it("refuses a code used beyond its limit", async () => {
    const code = await inviteTo("A2", { maxUses: 1 });
    const first = newUser();
    await first.send(`/start ${code}`);
    await first.send("Ai Đó Không Có");
    expect(first.lastMessage()?.text).toMatch(/đã được gửi tới bí thư/);
    const second = newUser();
    await second.send(`/start ${code}`);
    expect(second.lastMessage()?.text).toMatch(/đã được dùng hết số lượt/);
  });

  it("refuses a personal invite already used by someone else", async () => {
    const code = await inviteTo("A2", { personPhone: "+84912000201" });
    const first = newUser();
    await first.send(`/start ${code}`);
    expect(first.lastMessage()?.text).toMatch(/Đã liên kết! Chào mừng Đỗ Thị Bốn/);
    const second = newUser();
    await second.send(`/start ${code}`);
    expect(second.lastMessage()?.text).toMatch(/đã được dùng hết số lượt/);
    expect(await linkedTo("+84912000201")).toBe(first.chatId);
  });

  it("leaves the conversation on /cancel", async () => {
    const member = newUser();
    await member.send(`/start ${await inviteTo("A1")}`);
    await member.send("/cancel");
    expect(member.lastMessage()?.text).toBe("Đã huỷ. Đồng chí có thể bắt đầu lại bất cứ lúc nào.");
    const before = await snapshot();
    await member.send("Nguyễn Văn Bí");
    expect(await snapshot()).toEqual(before);
    await member.send("/cancel");
    expect(member.lastMessage()?.text).toBe("Không có việc gì đang dở để huỷ.");
  });

  it("keeps a conversation in the database across a restart of the bot", async () => {
    const member = newUser();
    await member.send(`/start ${await inviteTo("A1")}`);
    expect(await database.db.conversationState.count()).toBeGreaterThan(0);
    const telegram = running.telegram;
    await running.stop();
    running = await startBot(database.db, { now: DAYTIME });
    // The same person continues on a fresh process and server: state came from the database.
    const again = running.telegram.user({ id: Number(member.chatId), firstName: "Người Dùng" });
    await again.shareContact("+84912000102");
    expect(again.lastMessage()?.text).toMatch(/^Đã liên kết! Chào mừng Trần Thị Phó/);
    await telegram.stop();
    secretary = running.telegram.user({ id: Number(secretary.chatId), firstName: "Người Dùng" });
    plainMember = running.telegram.user({ id: Number(plainMember.chatId), firstName: "Người Dùng", languageCode: "en" });
  });

  it("drops a conversation left unanswered past its timeout", async () => {
    const member = newUser();
    await member.send(`/start ${await inviteTo("A1")}`);
    running.now.value = new Date(DAYTIME.getTime() + 31 * 60_000);
    try {
      const before = await snapshot();
      await member.shareContact("+84912000105");
      expect(await snapshot()).toEqual(before);
      expect(member.lastMessage()?.text).toMatch(/^Tài khoản Telegram này chưa được liên kết/);
    } finally {
      running.now.value = DAYTIME;
    }
  });

  it("shows /help according to the person's roles", async () => {
    const stranger = newUser();
    await stranger.send("/help");
    expect(stranger.lastMessage()?.text).toMatch(/^Tài khoản này chưa được liên kết\. Hãy mở đường dẫn mời/);
    await secretary.send("/help");
    expect(secretary.lastMessage()?.text).toMatch(/\/requests – duyệt yêu cầu tham gia chi bộ/);
    const member = plainMember;
    await member.send("/help");
    expect(member.lastMessage()?.text).toMatch(/\/settings/);
    expect(member.lastMessage()?.text).not.toMatch(/\/requests/);
  });

  it("switches the language with /settings and keeps it", async () => {
    const member = plainMember;
    await member.send("/settings");
    await member.tap("Tiếng Việt");
    expect(member.lastMessage()?.text).toBe("Đã chuyển sang tiếng Việt.");
    await member.send("/help");
    expect(member.lastMessage()?.text).toMatch(/^Đồng chí có thể dùng các lệnh sau:/);
    expect((await database.db.person.findUniqueOrThrow({ where: { phone: "+84912000104" } })).locale).toBe("vi");
  });

  it("shows the secretary the roster with link status, and refuses a plain member", async () => {
    await secretary.send("/members");
    expect(secretary.lastMessage()?.text).toMatch(/^Chi bộ Ấp Một: 5 đảng viên, 5 đã liên kết Telegram\./);
    await plainMember.send("/members");
    expect(plainMember.lastMessage()?.text).toBe("Đồng chí không phụ trách chi bộ nào.");
  });

  it("holds a request typed at night until the secretary's morning", async () => {
    running.now.value = new Date("2026-11-24T15:30:00Z"); // 22:30 in Hanoi: quiet hours
    try {
      const member = newUser();
      await member.send(`/start ${await inviteTo("A1")}`);
      await member.send("✍️ Nhập họ tên");
      await member.send("Người Đêm Khuya");
      expect(member.lastMessage()?.text).toMatch(/đã được gửi tới bí thư/);
      const requests = () => secretary.messages().filter((m) => m.text.includes("«Người Đêm Khuya»"));
      expect(requests()).toHaveLength(0);
      running.now.value = new Date("2026-11-24T23:30:00Z"); // 06:30 the next morning
      await running.telegram.settle();
      expect(requests()).toHaveLength(1);
    } finally {
      running.now.value = DAYTIME;
    }
  });
});
