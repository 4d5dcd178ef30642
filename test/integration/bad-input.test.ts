// Bad input, as people (and forgers) would send it to the real bot (in process:
// test/helpers/bot.ts startBotInProcess): forged or stale buttons, commands from people
// who may not use them, a secretary reaching into another cell, texts at Telegram's
// 4,096-character limit, control characters and odd Unicode, SQL- and Markdown-looking
// text, an update delivered twice, invite codes guessed in a loop, and groups the bot
// was never linked to. Each case checks that the person got a clear answer and that
// nothing in the database changed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createInvite } from "../../src/features/onboarding/mutations.js";
import { createMeeting, proposeAgendaItem } from "../../src/features/meetings/mutations.js";
import { openAttendance } from "../../src/features/records/mutations.js";
import { translate } from "../../src/bot/i18n.js";
import type { Db } from "../../src/db/client.js";
import type { FakeUser } from "../../src/testing/fake-telegram.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";
import type { InProcessTelegram } from "../../src/testing/in-process-telegram.js";
import { startBotInProcess, type RunningBot } from "../helpers/bot.js";

const NOW = new Date("2026-11-20T03:00:00Z"); // Friday 10:00 in Hanoi, on the hour
const HOUR = 3_600_000;
const TELEGRAM_LIMIT = 4096;

const vi = (key: string, vars?: Record<string, string | number>) => translate("vi", key, vars);
const STALE = "Nút này đã cũ hoặc không hợp lệ.";
const NOT_ALLOWED = "Đồng chí không có quyền làm việc này.";
const NOT_MEMBER = "Đồng chí không thuộc chi bộ của cuộc họp này.";
const MOVED = "Cuộc họp này đã đổi lịch; xin dùng thông báo mới nhất.";
const LIST_CLOSED = "Danh sách này đã được ghi nhận hoặc đã cũ; gõ /diemdanh để mở lại.";
const REPORT_NOT_ALLOWED = "Đồng chí không có quyền xem báo cáo của tổ chức này.";
const NOT_FOR_YOU = "Thông báo này không gửi cho đồng chí.";
const GROUP = "Xin hãy nhắn riêng cho bot; trong nhóm bot chỉ đăng thông báo.";
const UNKNOWN_CODE = "Không tìm thấy mã mời này. Hãy xin bí thư một đường dẫn mời mới.";
const tooManyCodes = (minutes: number) => `Đã có quá nhiều lần thử mã mời không đúng. Để giữ an toàn, xin thử lại sau ${minutes} phút.`;

/** Every table a person's action could change, each in a stable order. */
async function snapshot(db: Db) {
  const byId = { orderBy: { id: "asc" as const } };
  const [
    meetingAnswers,
    agendaProposals,
    attendanceEntries,
    meetingRecords,
    meetings,
    meetingDocuments,
    memberships,
    people,
    invites,
    joinRequests,
    outboxMessages,
    auditLogs,
    follows,
    duesMarks,
    broadcasts,
    broadcastRecipients,
    orgs,
    usualSchedules,
  ] = await Promise.all([
    db.meetingAnswer.findMany(byId),
    db.agendaProposal.findMany(byId),
    db.attendanceEntry.findMany(byId),
    db.meetingRecord.findMany({ orderBy: { meetingId: "asc" } }),
    db.meeting.findMany(byId),
    db.meetingDocument.findMany(byId),
    db.membership.findMany(byId),
    db.person.findMany(byId),
    db.invite.findMany(byId),
    db.joinRequest.findMany(byId),
    db.outboxMessage.findMany(byId),
    db.auditLog.findMany(byId),
    db.follow.findMany(byId),
    db.duesMark.findMany(byId),
    db.broadcast.findMany(byId),
    db.broadcastRecipient.findMany(byId),
    db.org.findMany(byId),
    db.usualSchedule.findMany({ orderBy: { orgId: "asc" } }),
  ]);
  return {
    meetingAnswers,
    agendaProposals,
    attendanceEntries,
    meetingRecords,
    meetings,
    meetingDocuments,
    memberships,
    people,
    invites,
    joinRequests,
    outboxMessages,
    auditLogs,
    follows,
    duesMarks,
    broadcasts,
    broadcastRecipients,
    orgs,
    usualSchedules,
  };
}

describe.each(PROVIDERS)("bad input on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningBot<InProcessTelegram>;
  const db = () => database.db;
  /** Ids of the organisations, meetings and rows the forged buttons point at. */
  const ids: Record<string, number> = {};
  let secA: FakeUser; // Nguyễn Văn Bí, secretary of A1
  let mot: FakeUser; // Lê Văn Một, member of A1
  let hai: FakeUser; // Phạm Thị Hai, member of A1
  let secB: FakeUser; // Bùi Văn Sáu, secretary of B1
  let commune: FakeUser; // Lê Xã Ủy, committee of C1 (above A1 and A2, not B1)
  let bay: FakeUser; // Ngô Thị Bảy, linked, but transferred out of B1: a member of nothing
  let stranger: FakeUser; // a Telegram account linked to nobody
  let nextUserId = 9100;
  const newUser = (firstName = "Người Mới") => running.telegram.user({ id: nextUserId++, firstName });

  const personId = async (phone: string) => (await db().person.findUniqueOrThrow({ where: { phone } })).id;
  const orgId = async (code: string) => (await db().org.findUniqueOrThrow({ where: { code } })).id;
  const inviteTo = async (code: string, phone?: string) =>
    (await createInvite(db(), { orgId: await orgId(code), personId: phone ? await personId(phone) : undefined, expiresInMs: 30 * 86_400_000, now: running.now.value })).code;
  const link = async (userId: number, code: string, phone: string) => {
    const user = running.telegram.user({ id: userId, firstName: "Đồng chí" });
    await user.send(`/start ${await inviteTo(code, phone)}`);
    return user;
  };
  const meeting = async (code: string, startsAt: string, status: "confirmed" | "proposed" = "confirmed", now = NOW) =>
    (
      await createMeeting(
        db(),
        { orgId: await orgId(code), kind: "regular", startsAt: new Date(startsAt), durationMinutes: 90, place: "Hội trường", agenda: "", documents: [] },
        status,
        now,
      )
    ).id;
  const texts = (user: FakeUser) => user.messages().map((m) => m.text);
  /** Runs the action and checks that no table changed; returns what the action returned. */
  const unchanged = async <T>(action: () => Promise<T>): Promise<T> => {
    await running.telegram.settle();
    const before = await snapshot(db());
    const result = await action();
    expect(await snapshot(db())).toEqual(before);
    return result;
  };
  /** What the person got back for one message: every new message in their chat. */
  const repliesTo = async (user: FakeUser, text: string) => {
    const before = user.messages().length;
    await user.send(text);
    return texts(user).slice(before);
  };

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: NOW });
    running = await startBotInProcess(db(), { now: NOW });
    secA = await link(9001, "A1", "+84912000101");
    mot = await link(9002, "A1", "+84912000103");
    hai = await link(9003, "A1", "+84912000104");
    secB = await link(9004, "B1", "+84912000301");
    commune = await link(9005, "C1", "+84903000002");
    bay = await link(9006, "B1", "+84912000302");
    stranger = running.telegram.user({ id: 9007, firstName: "Người Lạ" });
    for (const code of ["A1", "B1", "C1"]) ids[code] = await orgId(code);
    ids.secB = await personId("+84912000301");
    ids.commune = await personId("+84903000002");
    ids.secA = await personId("+84912000101");
    ids.aUpcoming = await meeting("A1", "2026-12-05T12:30:00Z");
    ids.bUpcoming = await meeting("B1", "2026-12-06T12:30:00Z");
    ids.bProposed = await meeting("B1", "2026-12-20T12:30:00Z", "proposed");
    // Two meetings already held, their attendance lists open (version 1).
    const earlier = new Date("2026-11-01T03:00:00Z");
    ids.aPast = await meeting("A1", "2026-11-14T12:30:00Z", "confirmed", earlier);
    ids.bPast = await meeting("B1", "2026-11-15T12:30:00Z", "confirmed", earlier);
    await openAttendance(db(), ids.aPast, "test", NOW);
    await openAttendance(db(), ids.bPast, "test", NOW);
    const proposal = await proposeAgendaItem(db(), ids.bUpcoming, 1, ids.secB, "Bàn việc của bản", NOW);
    ids.bProposal = proposal.kind === "proposed" ? proposal.proposalId : 0;
    ids.bRequest = (
      await db().joinRequest.create({
        data: { orgId: ids.B1, telegramUserId: "555", telegramChatId: "555", telegramName: "Ai Đó", reason: "typed_name", typedText: "Ai Đó" },
      })
    ).id;
    await running.telegram.settle();
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });
  afterEach(() => {
    // Whatever came in, nothing the bot sent may be longer than Telegram accepts.
    const tooLong = running.telegram.botMessages().filter((m) => m.text.length > TELEGRAM_LIMIT);
    expect(tooLong.map((m) => `${m.chatId}: ${m.text.length} characters`)).toEqual([]);
  });

  describe("forged or stale buttons", () => {
    // [what, who taps, callback data, the answer they see]
    const cases: [string, () => FakeUser, () => string, string][] = [
      ["attend, another cell's meeting", () => mot, () => `m:att:${ids.bUpcoming}:1`, NOT_MEMBER],
      ["absent, another cell's meeting", () => mot, () => `m:abs:${ids.bUpcoming}:1`, NOT_MEMBER],
      ["read, another cell's meeting", () => mot, () => `m:read:${ids.bUpcoming}:1`, NOT_MEMBER],
      ["propose, another cell's meeting", () => mot, () => `m:prop:${ids.bUpcoming}:1`, NOT_MEMBER],
      ["calendar file, another cell's meeting", () => mot, () => `m:ics:${ids.bUpcoming}:1`, NOT_MEMBER],
      ["attend, a revision the meeting never had", () => mot, () => `m:att:${ids.aUpcoming}:2`, MOVED],
      ["attend, a meeting that does not exist", () => mot, () => "m:att:424242:1", vi("meeting-closed-not_found")],
      ["attend, malformed", () => mot, () => "m:att:abc:1", STALE],
      ["attend, an id beyond the database's integers", () => mot, () => "m:att:9999999999:1", STALE],
      ["attend, 64+ bytes", () => mot, () => `m:att:${"1".repeat(70)}:1`, STALE],
      ["attend, 64+ bytes of Unicode", () => mot, () => `m:att:${ids.aUpcoming}:1:${"ệ".repeat(30)}`, STALE],
      ["an unknown meeting action", () => mot, () => `m:zap:${ids.aUpcoming}:1`, STALE],
      ["an unknown prefix", () => mot, () => "zz:1", STALE],
      ["a conversation's button with no conversation", () => mot, () => "ar:illness", STALE],
      ["attendance list, another cell's meeting", () => secA, () => `at:c:${ids.bPast}:1:${ids.secB}:0`, NOT_ALLOWED],
      ["attendance list, an old version", () => secA, () => `at:c:${ids.aPast}:2:${ids.secA}:0`, LIST_CLOSED],
      ["attendance list, an id beyond the database's integers", () => secA, () => "at:c:9999999999:1:1:0", STALE],
      ["attendance offer, an id beyond the database's integers", () => secA, () => "at:o:9999999999", STALE],
      ["attendance list, malformed", () => secA, () => "at:c:x", STALE],
      ["record questions with no conversation", () => secA, () => "rc:start", STALE],
      ["score confirmation by someone who did not attend", () => mot, () => `scok:${ids.aPast}:80`, NOT_ALLOWED],
      ["score confirmation, an id beyond the database's integers", () => mot, () => "scok:9999999999:80", NOT_ALLOWED],
      ["report, an id beyond the database's integers", () => secA, () => "rp:v:999999999999", REPORT_NOT_ALLOWED],
      ["report, malformed", () => secA, () => "rp:q:1", REPORT_NOT_ALLOWED],
      ["follow assignment, a cell outside the committee's subtree", () => commune, () => `fw:a:${ids.B1}:${ids.commune}`, NOT_ALLOWED],
      ["follow assignment, by a secretary", () => secA, () => `fw:a:${ids.A1}:${ids.secA}`, NOT_ALLOWED],
      ["follow assignment, malformed", () => commune, () => "fw:a:9999999999:1", STALE],
      ["broadcast read, a broadcast not sent to them", () => mot, () => "bcr:424242", NOT_FOR_YOU],
      ["broadcast read, malformed", () => mot, () => "bcr:-1", STALE],
      ["join request, one that does not exist", () => secA, () => "jr:a:424242", vi("request-not-found")],
      ["notices opt-in, not exempt", () => mot, () => `optin:${ids.A1}:1`, STALE],
      ["notices opt-in, an id beyond the database's integers", () => mot, () => "optin:9999999999:1", STALE],
      ["language, one the bot does not speak", () => mot, () => "lang:fr", STALE],
      ["attend, from an account linked to nobody", () => stranger, () => `m:att:${ids.aUpcoming}:1`, vi("not-linked")],
      ["attend, from a person who is a member of nothing", () => bay, () => `m:att:${ids.bUpcoming}:1`, NOT_MEMBER],
    ];
    it.each(cases)("%s: refused, and nothing changes", async (_case, who, data, answer) => {
      const user = who();
      const before = user.messages().length;
      const got = await unchanged(() => user.tapData(data()));
      expect(got?.text).toBe(answer);
      // The answer is the tap's own alert or toast: nothing else is sent.
      expect(user.messages().length).toBe(before);
      expect(running.telegram.documents.filter((d) => d.chatId === user.chatId)).toEqual([]);
    });
  });

  describe("commands from people who may not use them", () => {
    const commands = ["/schedule", "/attendance", "/members", "/export", "/report", "/assign", "/broadcast", "/broadcasts", "/requests", "/dangphi 0912 000 302 2026-11"];
    it.each(commands)("%s from an account linked to nobody: one clear answer, nothing changes", async (command) => {
      expect(await unchanged(() => repliesTo(stranger, command))).toEqual([vi("not-linked")]);
    });

    it.each([
      ["/schedule", "Chỉ bí thư hoặc phó bí thư chi bộ mới lên lịch họp được."],
      ["/attendance", "Chỉ bí thư hoặc phó bí thư chi bộ mới điểm danh được."],
      ["/members", "Đồng chí không phụ trách chi bộ nào."],
      ["/export", NOT_ALLOWED],
      ["/report", vi("report-none")],
      ["/report B1", REPORT_NOT_ALLOWED],
      ["/assign", vi("follow-not-overseer")],
      ["/broadcast", vi("broadcast-not-committee")],
      ["/requests", NOT_ALLOWED],
      ["/dangphi 0912 000 302 2026-11", "Chỉ bí thư hoặc phó bí thư chi bộ mới ghi đảng phí được."],
    ])("%s from a person who is a member of nothing: one clear answer, nothing changes", async (command, answer) => {
      expect(await unchanged(() => repliesTo(bay, command))).toEqual([answer]);
    });

    it("/me from a person who is a member of nothing shows an empty year, the year written plainly", async () => {
      const replies = await unchanged(() => repliesTo(bay, "/me"));
      expect(replies).toEqual(["Ngô Thị Bảy: sinh hoạt chi bộ năm 2026\n0 cuộc họp: có mặt 0 (muộn 0), vắng có lý do 0, vắng không lý do 0.\nKhông có tháng nào vắng không lý do."]);
    });

    it("/me from an account linked to nobody", async () => {
      expect(await unchanged(() => repliesTo(stranger, "/me"))).toEqual([vi("not-linked")]);
    });
  });

  describe("a secretary of one cell acting on another", () => {
    it.each([
      ["everyone present on B1's list", () => `at:a:${ids.bPast}:1`, NOT_ALLOWED],
      ["submit B1's list", () => `at:s:${ids.bPast}:1`, NOT_ALLOWED],
      ["B1's meeting did not take place", () => `at:n:${ids.bPast}:1`, NOT_ALLOWED],
      ["open B1's list", () => `at:o:${ids.bPast}`, NOT_ALLOWED],
      ["page through B1's list", () => `at:p:${ids.bPast}:1:0`, NOT_ALLOWED],
      ["confirm B1's proposed meeting", () => `ms:c:${ids.bProposed}`, NOT_ALLOWED],
      ["change B1's proposed meeting", () => `ms:e:${ids.bProposed}`, NOT_ALLOWED],
      ["accept a proposal for B1's meeting", () => `mp:a:${ids.bProposal}`, NOT_ALLOWED],
      ["decline a proposal for B1's meeting", () => `mp:d:${ids.bProposal}`, NOT_ALLOWED],
      ["approve a request to join B1", () => `jr:a:${ids.bRequest}`, NOT_ALLOWED],
      ["attend B1's meeting", () => `m:att:${ids.bUpcoming}:1`, NOT_MEMBER],
      ["adjust the score of B1's meeting", () => `scadj:${ids.bPast}:80`, NOT_ALLOWED],
      ["B1's report", () => `rp:v:${ids.B1}`, REPORT_NOT_ALLOWED],
      ["B1's report as a file", () => `rp:x:${ids.B1}`, REPORT_NOT_ALLOWED],
    ])("%s: refused, and nothing changes", async (_case, data, answer) => {
      const before = secA.messages().length;
      expect((await unchanged(() => secA.tapData(data())))?.text).toBe(answer);
      expect(secA.messages().length).toBe(before);
    });

    it.each([
      ["/report B1", REPORT_NOT_ALLOWED],
      ["/dangphi 0912 000 302 2026-11", "Số này không có trong chi bộ đồng chí phụ trách."],
      ["/assign B1", vi("follow-not-overseer")],
    ])("%s: refused, and nothing changes", async (command, answer) => {
      expect(await unchanged(() => repliesTo(secA, command))).toEqual([answer]);
    });

    it("/linkgroup B1 in a group: refused, and the group stays unlinked", async () => {
      const group = secA.inGroup(-100555);
      expect(await unchanged(() => repliesTo(group, "/linkgroup B1"))).toEqual(["Chỉ bí thư hoặc phó bí thư chi bộ mới liên kết được nhóm."]);
    });
  });

  describe("texts of 4,096 characters", () => {
    const long = (prefix: string) => (prefix + " ").padEnd(TELEGRAM_LIMIT, "x");
    /** The re-prompt says the limit, and how long the answer was. */
    const tooLong = (max: number) => vi("schedule-text-too-long", { max, length: TELEGRAM_LIMIT });

    it("as a place, an agenda and a topic: refused with a re-prompt; the longest accepted still fits every message", async () => {
      await secA.send("/schedule");
      await secA.tap("➕ Lên lịch một cuộc họp");
      await secA.tap("Chuyên đề");
      await secA.send("10/12");
      await secA.send("19:30");
      await secA.tap("90 phút");
      await secA.send(long("Nhà văn hoá"));
      expect(secA.lastMessage()?.text).toBe(`${tooLong(200)}\nĐịa điểm họp?`);
      await secA.send("Nhà văn hoá thôn");
      await secA.send(long("Chương trình"));
      expect(secA.lastMessage()?.text).toBe(`${tooLong(2000)}\n${vi("schedule-ask-agenda")}`);
      const agenda = "Chương trình ".padEnd(2000, "y");
      await secA.send(agenda);
      await secA.send(long("Chủ đề"));
      expect(secA.lastMessage()?.text).toBe(`${tooLong(300)}\nChủ đề chuyên đề?`);
      const topic = "Chủ đề ".padEnd(300, "z");
      await secA.send(topic);
      await secA.send(`Tài liệu dài | https://example.org/${"a".repeat(600)}`);
      expect(secA.lastMessage()?.text).toBe("Đường dẫn dài quá 500 ký tự; xin dùng một đường dẫn ngắn hơn.");
      // One message of almost 4,096 characters: nine documents with long links.
      const documents = Array.from({ length: 9 }, (_, i) => `Tài liệu ${i + 1} | https://example.org/${String(i).repeat(400)}`).join("\n");
      expect(documents.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
      await secA.send(documents);
      expect(secA.lastMessage()?.text).toMatch(/tổng cộng 9 tài liệu/);
      await secA.tap("Xong");
      const preview = secA.lastMessage()!.text;
      // Too long for one message: the agenda gives way, then the last documents, said once.
      expect(preview.split(vi("bad-input-shortened"))).toHaveLength(2);
      expect(preview).not.toContain("Chương trình: ");
      expect(preview).toContain("• Tài liệu 1: https://example.org/");
      expect(preview).toContain(`Chuyên đề: ${topic}`);
      await secA.tap("✅ Xác nhận và gửi thông báo");
      expect(texts(secA).some((t) => /^Đã xác nhận\. Thông báo đang được gửi tới \d+ người\.$/.test(t))).toBe(true);
      // Stored whole; only the messages are shortened to fit.
      const stored = await db().meeting.findFirstOrThrow({ where: { orgId: ids.A1, thematicTopic: topic }, include: { documents: true } });
      expect(stored.agenda).toBe(agenda);
      expect(stored.place).toBe("Nhà văn hoá thôn");
      expect(stored.documents).toHaveLength(9);
      const notice = mot.messages().find((m) => m.text.startsWith("📅 THÔNG BÁO") && m.text.includes(topic))!;
      expect(notice.text.length).toBeLessThanOrEqual(TELEGRAM_LIMIT);
      ids.longMeeting = stored.id;
    });

    it("as an absence note: refused with a re-prompt, and no answer is recorded", async () => {
      await unchanged(async () => {
        await hai.tapData(`m:abs:${ids.aUpcoming}:1`);
        await hai.tap("Ốm đau");
        await hai.send(long("Đi viện"));
        expect(hai.lastMessage()?.text).toBe(`${tooLong(500)}\n${vi("absence-ask-note")}`);
        await hai.send("/cancel");
      });
      expect(hai.lastMessage()?.text).toBe(vi("cancelled"));
    });

    it("as a proposal: refused with a re-prompt, and nothing is proposed", async () => {
      await unchanged(async () => {
        await mot.tapData(`m:prop:${ids.aUpcoming}:1`);
        await mot.send(long("Đề xuất"));
        expect(mot.lastMessage()?.text).toBe(`${tooLong(500)}\n${vi("agenda-proposal-ask")}`);
        await mot.send("/cancel");
      });
    });

    it("as a plain message or a command's argument: one short answer, nothing changes", async () => {
      expect(await unchanged(() => repliesTo(mot, long("Xin chào")))).toEqual([vi("fallback-linked")]);
      expect(await unchanged(() => repliesTo(secA, `/report ${"A".repeat(4000)}`))).toEqual([vi("report-unknown-org", { code: "A".repeat(64) })]);
      expect(await unchanged(() => repliesTo(stranger, `/start ${"A".repeat(4000)}`))).toEqual([vi("start-bad-code")]);
    });
  });

  describe("control characters and odd Unicode", () => {
    it("in a typed name at joining: stored cleaned, shown to the approver literally", async () => {
      const newcomer = newUser("Người\u202e Lạ\u0000");
      await newcomer.send(`/start ${await inviteTo("A2")}`);
      await newcomer.send("✍️ Nhập họ tên");
      // Only control and invisible characters: refused.
      await unchanged(async () => {
        await newcomer.send("\u0001\u0002\u200b\u202e\u0007");
        expect(newcomer.lastMessage()?.text).toBe(vi("join-name-invalid"));
      });
      // A decomposed ũ (u + combining tilde), a right-to-left override, a zero-width
      // space, a NUL and a bell around the name of a member of A2.
      await newcomer.send("Vu\u0303\u0000 Văn\u202e Năm\u200b\u0007");
      expect(newcomer.lastMessage()?.text).toBe(vi("join-pending", { org: "Chi bộ Ấp Hai" }));
      const request = await db().joinRequest.findFirstOrThrow({ where: { telegramUserId: newcomer.chatId } });
      expect(request).toMatchObject({ typedText: "Vũ Văn Năm", telegramName: "Người Lạ", candidateId: await personId("+84912000202") });
      // A2's secretary is not on Telegram: the commune committee decides.
      const shown = commune.lastMessage()!.text;
      expect(shown).toBe(["Yêu cầu tham gia Chi bộ Ấp Hai từ Người Lạ:", "Gõ họ tên: «Vũ Văn Năm».", "Khớp với hồ sơ: Vũ Văn Năm."].join("\n"));
    });

    it("in a topic: stored cleaned, emoji and accents kept, shown literally", async () => {
      const typed = "Chuyển đổi số\u0000 🇻🇳 👍🏽\u202e trong Đảng\u200b bộ, ca\u0301n bô\u0323\u0007";
      const cleaned = "Chuyển đổi số 🇻🇳 👍🏽 trong Đảng bộ, cán bộ";
      await secA.send("/schedule");
      await secA.tap("➕ Lên lịch một cuộc họp");
      await secA.tap("Chuyên đề");
      await secA.send("17/12");
      await secA.send("19:30");
      await secA.tap("90 phút");
      await secA.send("Hội trường\u0000\u202e");
      // Line breaks are kept in an agenda (often a list), and only there.
      await secA.send("1. Khai mạc\u0000\r\n\n2. Thảo luận\u202e\u200b\n\u0007");
      await secA.send(typed);
      await secA.tap("Xong");
      expect(secA.lastMessage()?.text).toContain(`Chuyên đề: ${cleaned}\n`);
      await secA.tap("✅ Xác nhận và gửi thông báo");
      const stored = await db().meeting.findFirstOrThrow({ where: { orgId: ids.A1, thematicTopic: cleaned } });
      expect(stored.place).toBe("Hội trường");
      expect(stored.agenda).toBe("1. Khai mạc\n2. Thảo luận");
      expect(mot.messages().some((m) => m.text.includes(`Chuyên đề: ${cleaned}\n`))).toBe(true);
    });
  });

  describe("SQL- and Markdown/HTML-looking input", () => {
    it("in a proposal: stored and shown literally, tables intact", async () => {
      const people = await db().person.count();
      const sql = `'; DROP TABLE "Person"; --`;
      const markup = "<b>x</b> *bold* _it_ `code` [a](http://x) &amp;";
      for (const text of [sql, markup]) {
        await mot.tapData(`m:prop:${ids.aUpcoming}:1`);
        await mot.send(text);
        expect(mot.lastMessage()?.text).toBe(vi("agenda-proposal-sent"));
        expect(secA.lastMessage()?.text).toBe(`💡 Lê Văn Một đề xuất nội dung cho cuộc họp 19:30, Thứ Bảy 05/12/2026: «${text}»`);
        await secA.tap("✅ Đưa vào chương trình");
      }
      expect((await db().agendaProposal.findMany({ where: { meetingId: ids.aUpcoming }, orderBy: { id: "asc" } })).map((p) => p.text)).toEqual([sql, markup]);
      expect((await db().meeting.findUniqueOrThrow({ where: { id: ids.aUpcoming } })).agenda).toBe(`• ${sql} (Lê Văn Một)\n• ${markup} (Lê Văn Một)`);
      expect(mot.lastMessage()?.text).toBe(`Bí thư đã đưa đề xuất «${markup}» của đồng chí vào chương trình họp.`);
      expect(await db().person.count()).toBe(people);
    });

    it("is never sent with a parse mode: Telegram shows it as typed", () => {
      const sent = running.telegram.server.storage.botMessages as unknown as { message: Record<string, unknown> }[];
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.filter((s) => s.message.parse_mode !== undefined)).toEqual([]);
    });
  });

  it("an update delivered twice is handled once", async () => {
    const tapped = `m:att:${ids.aUpcoming}:1`;
    await hai.tapData(tapped);
    const confirmations = () => texts(hai).filter((t) => t === vi("answer-attend-recorded")).length;
    expect(confirmations()).toBe(1);
    const answerOf = () => db().meetingAnswer.findFirstOrThrow({ where: { meetingId: ids.aUpcoming, person: { phone: "+84912000104" } } });
    // Later, the same update (same update_id) comes again, as after a webhook retry.
    running.now.value = new Date(NOW.getTime() + 60_000);
    try {
      const stored = running.telegram.server.storage.userMessages as unknown as { updateId: number; isRead: boolean; callbackQuery?: { data: string } }[];
      const original = stored.filter((u) => u.callbackQuery?.data === tapped).at(-1)!;
      await unchanged(async () => {
        stored.push({ ...original, isRead: false });
        await running.telegram.settle();
      });
      expect(stored.filter((u) => u.updateId === original.updateId)).toHaveLength(2);
      expect(confirmations()).toBe(1);
      expect((await answerOf()).answeredAt?.toISOString()).toBe(NOW.toISOString());
    } finally {
      running.now.value = NOW;
    }
  });

  describe("a group the bot was not linked to", () => {
    const quiet = [
      "/schedule",
      "/attendance",
      "/members",
      "/export",
      "/report",
      "/assign",
      "/broadcast",
      "/broadcasts",
      "/me",
      "/requests",
      "/following",
      "/calendar",
      "/dangphi 0912 000 103 2026-11",
      "/settings",
      "/start",
      "/start ABCDEFGHJKLM",
    ];
    it.each(quiet)("%s from a secretary: one short answer, nothing shown or changed", async (command) => {
      const group = secA.inGroup(-100999);
      expect(await unchanged(() => repliesTo(group, command))).toEqual([GROUP]);
      expect(running.telegram.documents.filter((d) => d.chatId === group.chatId)).toEqual([]);
    });

    it("plain messages get no answer; /help and /cancel one each", async () => {
      const group = mot.inGroup(-100999);
      expect(await unchanged(() => repliesTo(group, "xin chào"))).toEqual([]);
      expect(await unchanged(() => repliesTo(group, "/cancel"))).toEqual([vi("nothing-to-cancel")]);
      expect(await unchanged(() => repliesTo(group, "/help"))).toHaveLength(1);
      expect(await unchanged(() => repliesTo(group, "/linkgroup"))).toEqual(["Chỉ bí thư hoặc phó bí thư chi bộ mới liên kết được nhóm."]);
    });

    it.each([
      ["a member's attend button", () => mot, () => `m:att:${ids.longMeeting}:1`],
      ["a secretary's attendance button", () => secA, () => `at:a:${ids.aPast}:1`],
      ["a secretary's request approval", () => secA, () => `jr:a:${ids.bRequest}`],
    ])("%s tapped there: refused as stale, nothing changes", async (_case, who, data) => {
      const group = who().inGroup(-100999);
      const before = group.messages().length;
      expect((await unchanged(() => group.tapData(data())))?.text).toBe(STALE);
      expect(group.messages().length).toBe(before);
    });
  });

  describe("invite codes guessed in a loop", () => {
    const guess = (i: number) => `/start GUESS${String(i).padStart(7, "0")}`;

    it("from one person: after 10 wrong codes, every code waits for the window, a right one too", async () => {
      const guesser = newUser();
      const code = await inviteTo("A1");
      const replies = await unchanged(async () => {
        const all: string[] = [];
        for (let i = 0; i < 30; i++) all.push(...(await repliesTo(guesser, guess(i))));
        all.push(...(await repliesTo(guesser, `/start ${code}`)));
        return all;
      });
      expect(replies).toEqual([...Array(10).fill(UNKNOWN_CODE), ...Array(21).fill(tooManyCodes(60))]);
      // Someone else is not held back by this person's guesses.
      expect(await repliesTo(newUser(), guess(99))).toEqual([UNKNOWN_CODE]);
      running.now.value = new Date(NOW.getTime() + 50 * 60_000);
      expect(await repliesTo(guesser, `/start ${code}`)).toEqual([tooManyCodes(10)]);
      running.now.value = new Date(NOW.getTime() + HOUR);
      expect(await repliesTo(guesser, `/start ${code}`)).toEqual([vi("join-greeting", { name: "Người Mới", org: "Chi bộ Ấp Một" }), vi("join-ask-contact")]);
      await guesser.send("/cancel");
    });

    it("from several throwaway accounts: 50 wrong codes hold back only those accounts, across a restart too", async () => {
      running.now.value = new Date(NOW.getTime() + 2 * HOUR);
      const code = await inviteTo("A1");
      const guessers = Array.from({ length: 5 }, () => newUser());
      await unchanged(async () => {
        for (const [person, guesser] of guessers.entries()) {
          for (let i = 0; i < 10; i++) expect(await repliesTo(guesser, guess(person * 10 + i))).toEqual([UNKNOWN_CODE]);
        }
      });
      // Anyone else's valid code works at once: nobody can stop all joining.
      const newcomer = newUser();
      expect(await repliesTo(newcomer, `/start ${code}`)).toEqual([vi("join-greeting", { name: "Người Mới", org: "Chi bộ Ấp Một" }), vi("join-ask-contact")]);
      await newcomer.send("/cancel");
      // Another instance (or the same after a restart) holds each guesser to their count.
      const at = running.now.value;
      await running.stop();
      running = await startBotInProcess(db(), { now: at });
      const firstGuesser = running.telegram.user({ id: Number(guessers[0].chatId), firstName: "Người Mới" });
      expect(await unchanged(() => repliesTo(firstGuesser, `/start ${code}`))).toEqual([tooManyCodes(60)]);
      expect(await repliesTo(newUser(), guess(98))).toEqual([UNKNOWN_CODE]);
    });
  });
});
