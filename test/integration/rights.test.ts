// Rights end when the role ends. The office re-imports the roster with the secretary of
// A1 (Nguyễn Văn Bí) transferred elsewhere and a committee member of C1 (Lê Xã Ủy) too:
// from then on neither may use what their office gave them, and neither receives what
// it brought (absence notes, join requests with phone numbers, nudges, summaries,
// digests, flags), while the deputy and the other committee member still do.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMeeting, proposeAgendaItem, recordAnswer } from "../../src/features/meetings/mutations.js";
import { tellLeadersUnreachable } from "../../src/features/meetings/messages.js";
import { markDuesUnpaid } from "../../src/features/records/mutations.js";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import type { FakeUser } from "../../src/testing/fake-telegram.js";
import { linkUser, startBot, type RunningBot } from "../helpers/bot.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";

const NOW = new Date("2026-11-20T03:00:00Z"); // Friday 20/11/2026, 10:00 in Hanoi
const MEETING = new Date("2026-11-28T12:30:00Z"); // Saturday 28/11/2026, 19:30 in Hanoi
const SECOND_COMMITTEE = "C1,Đinh Xã Hai,0903 000 012,official,committee\n";
/** The next roster from the office: Bí and Lê Xã Ủy transferred, roles unchanged on paper. */
const NEXT_ROSTER = (MEMBERS + SECOND_COMMITTEE)
  .replace("A1,Nguyễn Văn Bí,0912 000 101,official,secretary", "A1,Nguyễn Văn Bí,0912 000 101,transferred,secretary")
  .replace("C1,Lê Xã Ủy,0903 000 002,official,committee", "C1,Lê Xã Ủy,0903 000 002,transferred,committee");

describe.each(PROVIDERS)("rights and messages follow memberships in force on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningBot;
  let bi: FakeUser; // secretary of A1, transferred
  let pho: FakeUser; // deputy of A1, in force
  let mot: FakeUser; // member of A1
  let xaUy: FakeUser; // committee of C1, transferred
  let xaHai: FakeUser; // committee of C1, in force
  let meetingId = 0;
  const db = () => database.db;
  const personId = async (phone: string) => (await db().person.findUniqueOrThrow({ where: { phone } })).id;
  const a1 = () => db().org.findUniqueOrThrow({ where: { code: "A1" } });
  /** Messages each of the five received from the mark on. */
  let mark: number[] = [];
  const setMark = () => (mark = [bi, pho, xaUy, xaHai, mot].map((u) => u.messages().length));
  const since = (user: FakeUser) => user.messages().slice(mark[[bi, pho, xaUy, xaHai, mot].indexOf(user)]).map((m) => m.text);

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const first = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS + SECOND_COMMITTEE });
    await importRoster(db(), first["orgs.csv"], first["members.csv"], { now: NOW });
    running = await startBot(db(), { now: NOW });
    bi = await linkUser(running, db(), 9301, "A1", "+84912000101");
    pho = await linkUser(running, db(), 9302, "A1", "+84912000102");
    mot = await linkUser(running, db(), 9303, "A1", "+84912000103");
    xaUy = await linkUser(running, db(), 9304, "C1", "+84903000002");
    xaHai = await linkUser(running, db(), 9305, "C1", "+84903000012");
    // Before the move, Bí's office works.
    await bi.send("/members");
    expect(bi.lastMessage()?.text).toMatch(/^Chi bộ Ấp Một: 5 đảng viên/);
    const next = csvFiles({ "orgs.csv": ORGS, "members.csv": NEXT_ROSTER });
    const summary = await importRoster(db(), next["orgs.csv"], next["members.csv"], { now: NOW });
    expect(summary.memberships.updated).toBe(2);
    setMark();
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it.each([
    ["/members", "Đồng chí không phụ trách chi bộ nào."],
    ["/laplich", "Chỉ bí thư hoặc phó bí thư chi bộ mới lên lịch họp được."],
    ["/diemdanh", "Chỉ bí thư hoặc phó bí thư chi bộ mới điểm danh được."],
    ["/export", "Đồng chí không có quyền làm việc này."],
    ["/requests", "Đồng chí không có quyền làm việc này."],
    ["/baocao A1", "Đồng chí không có quyền xem báo cáo của tổ chức này."],
  ])("refuses %s to the transferred secretary; the deputy keeps it", async (command, refusal) => {
    const reads = () => db().auditLog.count({ where: { action: { startsWith: "read." }, actor: { startsWith: "person:" } } });
    const readsBefore = await reads();
    await bi.send(command);
    expect(bi.lastMessage()?.text).toBe(refusal);
    await pho.send(command);
    expect(pho.lastMessage()?.text).not.toBe(refusal);
    await pho.send("/cancel");
    // What the deputy read of people's data (the roster, a report) is audited; the refusals read nothing.
    if (command === "/members" || command.startsWith("/baocao")) expect(await reads()).toBe(readsBefore + 1);
    else expect(await reads()).toBe(readsBefore);
  });

  it("refuses /linkgroup in the cell's group to the transferred secretary", async () => {
    const group = bi.inGroup(-100930);
    await group.send("/linkgroup A1");
    expect(group.lastMessage()?.text).toBe("Chỉ bí thư hoặc phó bí thư chi bộ mới liên kết được nhóm.");
    expect((await a1()).groupChatId).toBeNull();
  });

  it("refuses /baocao C1 to the transferred committee member; the other keeps it", async () => {
    await xaUy.send("/baocao C1");
    expect(xaUy.lastMessage()?.text).toBe("Đồng chí không có quyền xem báo cáo của tổ chức này.");
    await xaHai.send("/baocao C1");
    expect(xaHai.lastMessage()?.text).toMatch(/^📊/);
  });

  it("sends the month's nudge to the deputy only", async () => {
    setMark();
    await running.tickAt(NOW);
    expect(since(pho).filter((t) => t.startsWith("⏰"))).toHaveLength(1);
    expect(since(bi)).toEqual([]);
  });

  it("sends a join request, phone and all, to the deputy only", async () => {
    setMark();
    const stranger = running.telegram.user({ id: 9399, firstName: "Khách" });
    const { code } = await db().invite.create({ data: { code: "RIGHTSA1CODE", orgId: (await a1()).id, expiresAt: new Date(NOW.getTime() + 86_400_000), maxUses: 5, createdAt: NOW } });
    await stranger.send(`/start ${code}`);
    await stranger.shareContact("+84987650000");
    expect(since(pho).some((t) => t.includes("0987 650 000"))).toBe(true);
    expect(since(bi)).toEqual([]);
  });

  it("sends absence notes, proposals, the summary, the documents warning and the record offer to the deputy only", async () => {
    setMark();
    const meeting = await createMeeting(db(), { orgId: (await a1()).id, kind: "regular", startsAt: MEETING, durationMinutes: 90, place: "Nhà văn hoá", agenda: "", documents: [] }, "confirmed", NOW);
    meetingId = meeting.id;
    await running.telegram.settle();
    // Not expected at A1 any more: no notice either.
    expect(since(bi)).toEqual([]);
    await recordAnswer(db(), { meetingId, revision: 1, personId: await personId("+84912000103"), answer: "absent", reason: "illness", note: "nằm viện" }, NOW);
    await proposeAgendaItem(db(), meetingId, 1, await personId("+84912000103"), "Sửa đường liên thôn", NOW);
    await running.tickAt(new Date("2026-11-27T11:00:00Z")); // 18:00 the evening before: the summary
    await running.tickAt(new Date("2026-11-27T12:31:00Z")); // a day before: the documents check
    await running.tickAt(new Date(MEETING.getTime() + 91 * 60_000)); // over: the record offer
    const toDeputy = since(pho);
    expect(toDeputy.some((t) => t.includes("nằm viện"))).toBe(true);
    expect(toDeputy.some((t) => t.includes("Sửa đường liên thôn"))).toBe(true);
    expect(toDeputy.some((t) => t.startsWith("📋 Tóm tắt trước cuộc họp"))).toBe(true);
    expect(toDeputy.some((t) => t.startsWith("⚠️ Cuộc họp sắp tới chưa có tài liệu"))).toBe(true);
    expect(toDeputy.some((t) => t.includes("đã kết thúc. Mời đồng chí điểm danh"))).toBe(true);
    expect(since(bi)).toEqual([]);
  });

  it("tells only the deputy that a member cannot be reached", async () => {
    setMark();
    await tellLeadersUnreachable(db(), { personId: await personId("+84912000103"), orgId: (await a1()).id }, running.now.value);
    await running.telegram.settle();
    expect(since(pho).some((t) => t.includes("Lê Văn Một"))).toBe(true);
    expect(since(bi)).toEqual([]);
  });

  it("flags three unpaid months to the deputy and the committee member in force only", async () => {
    setMark();
    running.now.value = new Date("2026-11-30T03:00:00Z");
    for (const month of ["2026-09", "2026-10", "2026-11"]) await markDuesUnpaid(db(), (await a1()).id, await personId("+84912000103"), month, "test", running.now.value);
    await running.telegram.settle();
    expect(since(pho).some((t) => t.startsWith("🚩 Lê Văn Một"))).toBe(true);
    expect(since(xaHai).some((t) => t.startsWith("🚩 Lê Văn Một"))).toBe(true);
    expect(since(bi)).toEqual([]);
    expect(since(xaUy)).toEqual([]);
  });

  it("sends the weekly digest to the committee member in force only", async () => {
    setMark();
    await running.tickAt(new Date("2026-11-30T00:30:00Z")); // Monday 07:30 in Hanoi
    expect(since(xaHai).some((t) => t.startsWith("📊 BÁO CÁO TUẦN – Đảng bộ xã Một"))).toBe(true);
    expect(since(xaUy)).toEqual([]);
  });
});
