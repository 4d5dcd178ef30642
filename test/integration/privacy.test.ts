// A member's privacy requests as the operator handles them: `chibo person export` and
// `chibo person forget`, after the member has used the bot for a meeting (answered
// absent with a reason, proposed an item, been marked late and unpaid, taken the notes).
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createInvite } from "../../src/features/onboarding/mutations.js";
import { createMeeting, recordAnswer } from "../../src/features/meetings/mutations.js";
import { markDuesUnpaid, openAttendance, setAttendance, submitAttendance } from "../../src/features/records/mutations.js";
import type { FakeUser } from "../../src/testing/fake-telegram.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { dumpTables, fileBytes } from "../helpers/dump.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";
import { startBot, type RunningBot } from "../helpers/bot.js";
import { runChibo } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp-dirs.js";

const NOW = new Date("2026-11-20T03:00:00Z"); // 10:00 in Hanoi
const START = new Date("2026-12-05T12:30:00Z"); // 19:30 in Hanoi
const AFTER = new Date("2026-12-06T03:00:00Z");
const DIGEST_AT = "2026-12-21T10:00:00+07:00";

// The member who asks to be forgotten.
const NAME = "Phạm Thị Hai";
const PHONE = "+84912000104";
const PHONE_FORMS = ["+84912000104", "84912000104", "0912000104", "0912 000 104"];
const TELEGRAM_ID = 9003;
const NOTE = "đi viện ở tỉnh";
const PROPOSAL = "Bàn việc sửa đường liên thôn";
/** Her name as others typed it: lower case, and without diacritics. */
const TYPED_LOWER = "phạm thị hai";
const TYPED_PLAIN = "PHAM THI HAI";
/** Lower case, no diacritics: «Phạm Thị Hai», «phạm thị hai» and «PHAM THI HAI» all fold to this. */
const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/đ/g, "d");
/** Every form of her traces a search of raw bytes should not find. */
const RAW_TRACES = [NAME, TYPED_LOWER, TYPED_PLAIN, NAME.normalize("NFD"), NOTE, PROPOSAL, ...PHONE_FORMS];

describe.each(PROVIDERS)("a person's data on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningBot | undefined;
  let env: Record<string, string>;
  let personId = 0;
  const dir = tempDir("privacy");
  const db = () => database.db;
  const idOf = async (phone: string) => (await db().person.findUniqueOrThrow({ where: { phone } })).id;
  const chibo = (...args: string[]) => runChibo(args, env);
  const json = async (...args: string[]) => {
    const result = await chibo(...args);
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };

  /** The database's files as bytes: the SQLite file and its write-ahead log, or (where this machine can read them) PostgreSQL's table files. */
  async function databaseFiles(): Promise<Buffer[]> {
    if (provider === "sqlite") {
      const file = database.url.slice("file:".length);
      return fileBytes([file, `${file}-wal`]);
    }
    await db().$executeRawUnsafe("CHECKPOINT");
    const [{ dir }] = await db().$queryRawUnsafe<{ dir: string }[]>(`SELECT current_setting('data_directory') AS dir`);
    const files = await db().$queryRawUnsafe<{ file: string | null }[]>(
      `SELECT pg_relation_filepath(c.oid) AS file FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() OR c.oid IN (SELECT reltoastrelid FROM pg_class c2 JOIN pg_namespace n2 ON n2.oid = c2.relnamespace WHERE n2.nspname = current_schema())`,
    );
    const paths = files.flatMap((f) => (f.file ? [path.join(dir, f.file)] : []));
    const readable = paths.filter((file) => existsSync(file));
    // A server on another machine: only the rows can be searched (dump), not its files.
    if (readable.length === 0) return [];
    console.log(`searching ${readable.length} of PostgreSQL's table files`);
    expect(readable.length).toBeGreaterThan(10);
    return fileBytes(readable.flatMap((file) => [file, ...[1, 2, 3].map((n) => `${file}.${n}`)]));
  }

  /** Her traces found in raw bytes (UTF-8). */
  function rawTraces(buffers: Buffer[]): string[] {
    return RAW_TRACES.filter((trace) => buffers.some((buffer) => buffer.includes(Buffer.from(trace, "utf8"))));
  }

  /** Every row of every table, as text: what a search for the person would see. */
  async function dump(): Promise<string> {
    const { tables, text } = await dumpTables(db(), provider);
    expect(tables).toEqual(expect.arrayContaining(["Person", "OutboxMessage", "AuditLog", "MeetingRecord", "ConversationState"]));
    return text;
  }

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    env = { DATABASE_URL: database.url };
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: NOW });
    const bot = (running = await startBot(db(), { now: NOW }));
    const link = async (userId: number, phone: string) => {
      const user = bot.telegram.user({ id: userId, firstName: "Đồng chí" });
      const a1 = await db().org.findUniqueOrThrow({ where: { code: "A1" } });
      const invite = await createInvite(db(), { orgId: a1.id, personId: await idOf(phone), expiresInMs: 86_400_000, now: bot.now.value });
      await user.send(`/start ${invite.code}`);
      return user;
    };
    const secretary = await link(9001, "+84912000101");
    await link(9002, "+84912000103");
    // She first tried the cell's invite with her typed name: a join request.
    const a1Invite = await createInvite(db(), { orgId: (await db().org.findUniqueOrThrow({ where: { code: "A1" } })).id, expiresInMs: 86_400_000, now: NOW });
    const early = bot.telegram.user({ id: TELEGRAM_ID, firstName: "Đồng chí" });
    await early.send(`/start ${a1Invite.code}`);
    await early.send("✍️ Nhập họ tên");
    await early.send(NAME);
    expect(early.lastMessage()?.text).toMatch(/đã được gửi tới bí thư/);
    // Two more tries from other accounts, her name typed as people type it.
    for (const [id, typed] of [[9011, TYPED_LOWER], [9012, TYPED_PLAIN]] as const) {
      const other = bot.telegram.user({ id, firstName: "Khách" });
      await other.send(`/start ${a1Invite.code}`);
      await other.send("✍️ Nhập họ tên");
      await other.send(typed);
    }
    expect(secretary.messages().some((m) => m.text.includes(TYPED_PLAIN))).toBe(true);
    const hai: FakeUser = await link(TELEGRAM_ID, PHONE);
    personId = await idOf(PHONE);
    const a1 = await db().org.findUniqueOrThrow({ where: { code: "A1" } });
    const meeting = await createMeeting(
      db(),
      { orgId: a1.id, kind: "regular", startsAt: START, durationMinutes: 90, place: "Nhà văn hoá", agenda: "Tổng kết năm", documents: [] },
      "confirmed",
      NOW,
    );
    await bot.telegram.settle();
    // As the member does it: absent with a reason, then an agenda proposal.
    await hai.tap("❌ Vắng (có lý do)");
    await hai.tap("Ốm đau");
    await hai.send(NOTE);
    expect(secretary.lastMessage()?.text).toContain(`${NAME} báo vắng`);
    await hai.tap("💡 Đề xuất nội dung");
    await hai.send(PROPOSAL);
    expect(secretary.lastMessage()?.text).toContain(PROPOSAL);
    // The secretary takes it into the agenda.
    await secretary.tap("✅ Đưa vào chương trình");
    expect((await db().meeting.findUniqueOrThrow({ where: { id: meeting.id } })).agenda).toContain(PROPOSAL);
    // A second proposal left unanswered: a conversation in progress.
    await hai.tap("💡 Đề xuất nội dung");
    await recordAnswer(db(), { meetingId: meeting.id, revision: 1, personId: await idOf("+84912000103"), answer: "attend" }, NOW);
    await bot.telegram.settle();
    // After the meeting: she came late after all and took the notes; November's dues are unpaid.
    const opened = await openAttendance(db(), meeting.id, "cli", AFTER);
    if (opened.kind !== "opened") throw new Error(`attendance not opened: ${opened.kind}`);
    const marks: [string, "present" | "late" | "unexcused"][] = [
      ["+84912000101", "present"],
      ["+84912000103", "present"],
      ["+84912000102", "unexcused"],
      [PHONE, "late"],
    ];
    for (const [phone, attendance] of marks) await setAttendance(db(), meeting.id, opened.version, await idOf(phone), attendance, "cli", START);
    const input = { startedAt: START, endedAt: new Date(START.getTime() + 95 * 60_000), guests: ["Lê Xã Ủy"], chair: "Nguyễn Văn Bí", noteTaker: NAME };
    expect((await submitAttendance(db(), meeting.id, opened.version, input, "cli", null, AFTER)).kind).toBe("submitted");
    await markDuesUnpaid(db(), a1.id, personId, "2026-11", "cli", AFTER);
    await bot.telegram.settle();
    // The operator's commands run with the bot stopped: nothing else writes meanwhile.
    await bot.stop();
    running = undefined;
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it("exports everything stored about the person, with the answers and their reasons", async () => {
    const out = path.join(dir, `${provider}-export.json`);
    const result = await chibo("person", "export", "0912 000 104", "--out", out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Đã ghi mọi dữ liệu về ${NAME} vào ${out}.`);
    expect(statSync(out).mode & 0o077).toBe(0);
    const data = JSON.parse(readFileSync(out, "utf8"));
    expect(data.person).toMatchObject({ id: personId, fullName: NAME, phone: PHONE, telegramUserId: String(TELEGRAM_ID) });
    expect(data.memberships).toEqual([expect.objectContaining({ org: { code: "A1", name: "Chi bộ Ấp Một" }, status: "probationary", role: "member" })]);
    expect(data.answers).toEqual([expect.objectContaining({ answer: "absent", reasonCategory: "illness", reasonText: NOTE, meeting: expect.objectContaining({ org: "A1", forMonth: "2026-12" }) })]);
    expect(data.proposals).toEqual([expect.objectContaining({ text: PROPOSAL, status: "accepted" })]);
    expect(data.attendance).toEqual([expect.objectContaining({ attendance: "late", memberStatus: "probationary" })]);
    expect(data.duesUnpaid).toEqual([expect.objectContaining({ org: "A1", month: "2026-11" })]);
    expect(data.meetingRoles).toEqual([expect.objectContaining({ role: "noteTaker" })]);
    expect(data.invites).toHaveLength(1);
    expect(data.invites[0]).not.toHaveProperty("code");
    expect(data.joinRequests).toEqual([
      expect.objectContaining({ reason: "typed_name", typedText: NAME, org: { code: "A1", name: "Chi bộ Ấp Một" } }),
      expect.objectContaining({ reason: "typed_name", typedText: TYPED_LOWER }),
    ]);
    expect(data.conversationsInProgress).toBe(1);
    expect(data.messages.some((m: { kind: string; status: string; text: string }) => m.kind === "notice" && m.status === "sent" && m.text.includes("THÔNG BÁO"))).toBe(true);
    const actions = data.audit.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["person.link", "attendance.edit", "dues.unpaid"]));
    // To standard output too, with the phone written another way; both are audited.
    const printed = await json("person", "export", "84912000104");
    expect(printed.person).toEqual(data.person);
    const audited = await db().auditLog.findMany({ where: { action: "person.export" } });
    expect(audited.map((a) => [a.actor, JSON.parse(a.detail)])).toEqual([
      ["cli", { personId, destination: "file" }],
      ["cli", { personId, destination: "stdout" }],
    ]);
  });

  it("refuses a number nobody has and text that is no number, clearly", async () => {
    const unknown = await chibo("person", "export", "0999 999 999");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Không có ai có số 0999 999 999 trong cơ sở dữ liệu.");
    const bad = await chibo("person", "forget", "không-phải-số");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("«không-phải-số» không phải là số điện thoại.");
    expect((await chibo("person", "delete", PHONE)).code).toBe(2);
  });

  it("without --yes, says what would be removed and changes nothing", async () => {
    const before = await dump();
    const result = await chibo("person", "forget", "0912 000 104");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${NAME} (0912 000 104), người #${personId}, thuộc: A1`);
    expect(result.stdout).toContain("Sẽ xoá hoặc thay thế:");
    expect(result.stdout).toContain("• 1 ghi chú lý do vắng, 1 đề xuất nội dung");
    expect(result.stdout).toContain("Giữ lại ẩn danh để số liệu không đổi: 1 lượt điểm danh, 1 câu trả lời, 1 tháng chưa đóng đảng phí");
    expect(result.stderr).toContain(`npx chibo person forget ${PHONE} --yes`);
    expect(await dump()).toBe(before);
  });

  it("with --yes, removes the name, number and Telegram id everywhere and keeps every figure", async () => {
    const digestBefore = await json("digest", "P1", "--at", DIGEST_AT, "--json");
    const meetingsBefore = await json("meetings", "A1", "--json");
    const membersBefore = (await json("members", "A1", "--json")).members as { fullName: string }[];
    const before = await dump();
    expect(before).toContain(NAME);
    expect(before).toContain(NOTE);

    const result = await chibo("person", "forget", "0912 000 104", "--yes");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Đã xoá dữ liệu cá nhân: người #${personId} nay là «Đảng viên đã xoá #${personId}».`);

    const after = (await dump()).split("\n");
    for (const trace of [NAME, NOTE, PROPOSAL, ...PHONE_FORMS]) expect(after.filter((line) => line.includes(trace)), trace).toEqual([]);
    // In any case, with or without diacritics.
    expect(after.filter((line) => fold(line).includes(fold(NAME)))).toEqual([]);
    // Nor in the database's files: free pages and dead rows included.
    expect(rawTraces(await databaseFiles())).toEqual([]);
    // Not inside a longer number, nor inside the hex of a random id or checksum (a run once
    // found 9003 in a migration's uuid).
    expect(after.filter((line) => new RegExp(`(?<![0-9a-f])${TELEGRAM_ID}(?![0-9a-f])`, "i").test(line))).toEqual([]);
    const shell = await db().person.findUniqueOrThrow({ where: { id: personId } });
    expect(shell).toMatchObject({ fullName: `Đảng viên đã xoá #${personId}`, telegramUserId: null, telegramChatId: null, locale: null });
    const record = await db().meetingRecord.findFirstOrThrow();
    expect(record.noteTaker).toBe(`Đảng viên đã xoá #${personId}`);
    expect(record.chair).toBe("Nguyễn Văn Bí");

    // The figures read the same: the digest, the meetings with their tallies and checks, the roster's size.
    expect(await json("digest", "P1", "--at", DIGEST_AT, "--json")).toEqual(digestBefore);
    // The live answer tally counts the cell's current members, as after any transfer; the
    // record (present, expected, rate, checks) is what the meeting's figures are.
    const withoutTally = (list: Record<string, unknown>) => (list.meetings as Record<string, unknown>[]).map(({ answers: _tally, ...rest }) => rest);
    expect(withoutTally(await json("meetings", "A1", "--json"))).toEqual(withoutTally(meetingsBefore));
    const membersAfter = (await json("members", "A1", "--json")).members as { fullName: string; status: string }[];
    expect(membersAfter).toHaveLength(membersBefore.length);
    expect(membersAfter).toContainEqual(expect.objectContaining({ fullName: `Đảng viên đã xoá #${personId}`, status: "transferred" }));
    const entries = await db().attendanceEntry.findMany({ where: { personId } });
    expect(entries.map((e) => e.attendance)).toEqual(["late"]);

    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "person.forget" } });
    expect(audit.actor).toBe("cli");
    // Her own request and the one typed in lower case matched her; the one typed without
    // diacritics stays a stranger's request, her name in it replaced.
    expect(JSON.parse(audit.detail)).toMatchObject({ personId, memberships: 1, notes: 1, proposals: 1, requests: 2, invites: 1, conversations: 1, attendance: 1 });
    expect((await db().joinRequest.findMany()).map((r) => r.typedText)).toEqual([`Đảng viên đã xoá #${personId}`]);
  });

  it("imports the same number again as a new person", async () => {
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": `org_code,full_name,phone,status,role\nA1,${NAME},0912 000 104,probationary,member\n` });
    const result = await chibo("import", files["orgs.csv"], files["members.csv"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Người: tạo mới 1, cập nhật 0, không đổi 0");
    const fresh = await db().person.findUniqueOrThrow({ where: { phone: PHONE } });
    expect(fresh.id).not.toBe(personId);
    expect(fresh.telegramUserId).toBeNull();
    const exported = await json("person", "export", PHONE);
    expect(exported.answers).toEqual([]);
    expect(exported.attendance).toEqual([]);
  });
});
