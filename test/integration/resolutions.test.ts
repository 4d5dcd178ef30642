// A meeting ends in decisions that get done, played through the real bot: the secretary
// records the conclusion, the vote (checked against the record's quorum) and the tasks;
// assignees hear of theirs and answer in a tap or with a note; reminders before the due
// day go to those not done, the secretary hears of an overdue task once; a due day moved,
// an assignee who transfers out, a task withdrawn, and a record corrected after the tasks
// were sent. One path on Zalo, with numbered choices.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createInvite } from "../../src/features/onboarding/mutations.js";
import { openAttendance, setAttendance, submitAttendance } from "../../src/features/records/mutations.js";
import type { Db } from "../../src/db/client.js";
import type { FakeUser } from "../../src/testing/fake-telegram.js";
import type { FakeZaloUser } from "../../src/testing/fake-zalo.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";
import { linkUser, startBotInProcess, type RunningBot } from "../helpers/bot.js";
import type { InProcessTelegram } from "../../src/testing/in-process-telegram.js";
import { startZaloBot, type RunningZalo } from "../helpers/zalo.js";

const NOW = new Date("2026-11-21T03:00:00Z"); // Saturday 21/11/2026, 10:00 in Hanoi
const MEETING_START = new Date("2026-11-20T12:30:00Z"); // Friday 19:30 in Hanoi
/** Midnight in Hanoi of a local day: the instant a due day is stored as. */
const hanoiDay = (iso: string) => new Date(`${iso}T00:00:00+07:00`);

/** A held regular meeting of A1 with its attendance recorded: everyone present but the exempt member. */
async function heldMeeting(db: Db, forMonth: string, startsAt: Date): Promise<number> {
  const org = await db.org.findUniqueOrThrow({ where: { code: "A1" } });
  const meeting = await db.meeting.create({
    data: { orgId: org.id, kind: "regular", forMonth, startsAt, durationMinutes: 120, place: "Nhà văn hoá ấp", status: "confirmed", confirmedAt: startsAt },
  });
  const opened = await openAttendance(db, meeting.id, "test", startsAt);
  if (opened.kind !== "opened") throw new Error(`cannot open: ${opened.kind}`);
  const outcome = await submitAttendance(db, meeting.id, opened.version, { startedAt: startsAt, endedAt: new Date(startsAt.getTime() + 120 * 60_000), guests: [] }, "test", null, startsAt);
  if (outcome.kind !== "submitted") throw new Error("not submitted");
  return meeting.id;
}

describe.each(PROVIDERS)("resolutions and tasks on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningBot<InProcessTelegram>;
  let bi: FakeUser; // Nguyễn Văn Bí, secretary of A1
  let pho: FakeUser; // Trần Thị Phó, deputy of A1
  let mot: FakeUser; // Lê Văn Một, official member of A1
  let hai: FakeUser; // Phạm Thị Hai, probationary member of A1
  let meetingId: number;
  const ids: Record<string, number> = {};

  const db = () => database.db;
  const texts = (user: FakeUser) => user.messages().map((m) => m.text);
  const tasks = () => db().task.findMany({ where: { meetingId }, include: { assignees: { orderBy: { personId: "asc" } } }, orderBy: { id: "asc" } });
  const taskMessages = (user: FakeUser, start: string) => user.messages().filter((m) => m.text.startsWith(start));

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: new Date("2026-10-01T03:00:00Z") });
    for (const org of await db().org.findMany()) ids[org.code] = org.id;
    for (const p of await db().person.findMany()) ids[p.phone] = p.id;
    meetingId = await heldMeeting(db(), "2026-11", MEETING_START);
    running = await startBotInProcess(db(), { now: NOW });
    bi = await linkUser(running, db(), 9601, "A1", "+84912000101");
    pho = await linkUser(running, db(), 9602, "A1", "+84912000102");
    mot = await linkUser(running, db(), 9603, "A1", "+84912000103");
    hai = await linkUser(running, db(), 9604, "A1", "+84912000104");
    await running.telegram.settle();
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it("refuses /nghiquyet to a member who does not lead the cell", async () => {
    await mot.send("/nghiquyet");
    expect(mot.lastMessage()?.text).toBe("Chỉ bí thư hoặc phó bí thư chi bộ ghi kết luận và nhiệm vụ của cuộc họp.");
  });

  it("records the conclusion and a vote checked against the quorum, refusing more ballots than voters", async () => {
    await bi.send("/nghiquyet");
    expect(texts(bi).at(-2)).toMatch(/^📝 Kết luận và nhiệm vụ: Sinh hoạt thường kỳ tháng 11\/2026, Chi bộ Ấp Một, 19:30/);
    expect(bi.lastMessage()?.text).toBe("Gửi kết luận của chủ trì cuộc họp (nội dung nghị quyết):");
    await bi.send("Tập trung thu hoạch lúa đông xuân, vận động đóng đảng phí đúng hạn.");
    await bi.tap("Có biểu quyết");
    // Official members Bí, Phó and Một were present; the exempt member was absent (not counted).
    expect(bi.lastMessage()?.text).toContain("Có 3 đảng viên chính thức dự họp được biểu quyết; nghị quyết cần quá nửa của 3.");
    await bi.send("12 0");
    expect(bi.lastMessage()?.text).toMatch(/^Cần ba số/);
    await bi.send("3 1 0");
    expect(texts(bi).at(-2)).toBe("Tổng số phiếu nhiều hơn 3 đảng viên chính thức dự họp được biểu quyết. Xin kiểm tra lại.");
    expect(bi.lastMessage()?.text).toMatch(/^Gửi số phiếu theo thứ tự/);
    await bi.send("2 1 0");
    expect(bi.lastMessage()?.text).toBe("Giao nhiệm vụ thực hiện kết luận?");
    expect(texts(bi).at(-2)).toBe(
      "✅ Đã lưu kết luận.\nBiểu quyết: 2 tán thành, 1 không tán thành, 0 không biểu quyết. Nghị quyết được thông qua (quá nửa của 3 đảng viên chính thức được tính).",
    );
    const conclusion = await db().meetingConclusion.findUniqueOrThrow({ where: { meetingId } });
    expect(conclusion).toMatchObject({ votesFor: 2, votesAgainst: 1, votesAbstain: 0, countedOfficial: 3, passed: true, version: 1, recordedByPersonId: ids["+84912000101"] });
  });

  it("assigns tasks to named members and to the whole cell, refusing bad numbers and past days", async () => {
    await bi.tap("➕ Thêm nhiệm vụ");
    await bi.send("Lập danh sách hộ cần hỗ trợ giống lúa");
    const ask = bi.lastMessage()!.text;
    expect(ask).toContain("0. Cả chi bộ\n1. Hoàng Văn Ba\n2. Lê Văn Một\n3. Nguyễn Văn Bí\n4. Phạm Thị Hai\n5. Trần Thị Phó");
    await bi.send("2, 9");
    expect(bi.lastMessage()?.text).toMatch(/^Xin gửi các số từ 1 đến 5/);
    await bi.send("2, 4");
    await bi.send("20/11/2026");
    expect(bi.lastMessage()?.text).toMatch(/^Hạn hoàn thành không thể là ngày đã qua\./);
    await bi.send("01/12/2026");
    expect(texts(bi).at(-2)).toBe("✅ Đã lưu nhiệm vụ.");
    await bi.tap("➕ Thêm nhiệm vụ");
    await bi.send("Mỗi đồng chí viết bản thu hoạch nghị quyết");
    await bi.send("0");
    await bi.send("25/11/2026");
    await bi.tap("Không thêm nữa");
    expect(bi.lastMessage()?.text).toMatch(/^Đã lưu\./);
    expect(bi.lastMessage()?.buttons.map((b) => b.text)).toEqual(["📄 Biên bản đã cập nhật"]);

    const [first, whole] = await tasks();
    expect(first).toMatchObject({ text: "Lập danh sách hộ cần hỗ trợ giống lúa", dueOn: hanoiDay("2026-12-01"), wholeCell: false });
    expect(first.assignees.map((a) => a.personId)).toEqual([ids["+84912000103"], ids["+84912000104"]]);
    // The whole cell: its expected members (official and probationary), not the exempt one.
    expect(whole.wholeCell).toBe(true);
    expect(whole.assignees.map((a) => a.personId).sort()).toEqual(["+84912000101", "+84912000102", "+84912000103", "+84912000104"].map((p) => ids[p]).sort());
  });

  it("tells each assignee their tasks with done and note buttons", async () => {
    await running.telegram.settle();
    const told = taskMessages(mot, "📌 Nhiệm vụ");
    expect(told.map((m) => m.text.split("\n")[1])).toEqual(["Lập danh sách hộ cần hỗ trợ giống lúa", "Mỗi đồng chí viết bản thu hoạch nghị quyết"]);
    expect(told[0].text).toContain("Hạn hoàn thành: 01/12/2026.");
    expect(told[0].buttons.map((b) => b.text)).toEqual(["✅ Đã xong", "📝 Báo tiến độ"]);
    expect(taskMessages(hai, "📌 Nhiệm vụ")).toHaveLength(2);
    expect(taskMessages(pho, "📌 Nhiệm vụ")).toHaveLength(1);
  });

  it("takes an assignee's done and note; the task waits for the others; /toi lists what is open", async () => {
    const [first] = await tasks();
    const done = await mot.tapData(`tk:d:${first.id}`, taskMessages(mot, "📌 Nhiệm vụ")[0]);
    expect(done?.text).toBe('✅ Đã ghi nhận phần của đồng chí trong nhiệm vụ "Lập danh sách hộ cần hỗ trợ giống lúa".');
    const again = await mot.tapData(`tk:d:${first.id}`);
    expect(again?.text).toBe('Đồng chí đã báo xong nhiệm vụ "Lập danh sách hộ cần hỗ trợ giống lúa" rồi.');
    await hai.tapData(`tk:n:${first.id}`);
    expect(hai.lastMessage()?.text).toBe("Gửi ghi chú tiến độ (việc đã làm, vướng mắc):");
    await hai.send("Đã có danh sách ấp Một, còn ấp Hai");
    expect(hai.lastMessage()?.text).toBe('📝 Đã ghi tiến độ cho nhiệm vụ "Lập danh sách hộ cần hỗ trợ giống lúa".');
    expect((await db().taskNote.findMany()).map((n) => [n.personId, n.text])).toEqual([[ids["+84912000104"], "Đã có danh sách ấp Một, còn ấp Hai"]]);
    // Someone the task is not for may not answer it.
    expect((await pho.tapData(`tk:d:${first.id}`))?.text).toBe("Nhiệm vụ này không giao cho đồng chí.");

    await mot.send("/toi");
    expect(mot.lastMessage()?.text).toContain("Nhiệm vụ chưa xong (1):\n• Mỗi đồng chí viết bản thu hoạch nghị quyết (hạn 25/11/2026)");
    await hai.send("/toi");
    expect(hai.lastMessage()?.text).toContain("Nhiệm vụ chưa xong (2):");
  });

  it("tells the secretary and deputy of an overdue task once, not every day", async () => {
    await running.tickAt("2026-11-25T10:00:00Z"); // 17:00 on the due day: not overdue yet
    expect(taskMessages(bi, "⚠️ Nhiệm vụ quá hạn")).toHaveLength(0);
    const [, whole] = await tasks();
    await mot.tapData(`tk:d:${whole.id}`);
    await running.tickAt("2026-11-26T01:00:00Z"); // 08:00 the day after
    const overdue = taskMessages(bi, "⚠️ Nhiệm vụ quá hạn");
    expect(overdue.map((m) => m.text)).toEqual([
      '⚠️ Nhiệm vụ quá hạn (Chi bộ Ấp Một, Sinh hoạt thường kỳ tháng 11/2026): "Mỗi đồng chí viết bản thu hoạch nghị quyết", hạn 25/11/2026. Chưa xong: Nguyễn Văn Bí, Trần Thị Phó, Phạm Thị Hai.',
    ]);
    expect(taskMessages(pho, "⚠️ Nhiệm vụ quá hạn")).toHaveLength(1);
    expect(taskMessages(mot, "⚠️ Nhiệm vụ quá hạn")).toHaveLength(0);
    await running.tickAt("2026-11-27T01:00:00Z");
    await running.tickAt("2026-11-28T01:00:00Z");
    expect(taskMessages(bi, "⚠️ Nhiệm vụ quá hạn")).toHaveLength(1);
  });

  it("reminds only the assignees not done, before the due day, once", async () => {
    const remindersOf = (user: FakeUser, task: string) => taskMessages(user, "⏳ Nhắc việc").filter((m) => m.text.includes(task));
    // The whole cell's task was due on 25/11: those not done were reminded at the first scan after 08:00 on 23/11.
    expect(remindersOf(hai, "bản thu hoạch")).toHaveLength(1);
    expect(remindersOf(bi, "bản thu hoạch")).toHaveLength(1);
    await running.tickAt("2026-11-28T23:00:00Z"); // 06:00 on 29/11: the reminder is at 08:00
    expect(remindersOf(hai, "Lập danh sách")).toHaveLength(0);
    await running.tickAt("2026-11-29T01:30:00Z"); // 08:30 on 29/11, two days before 01/12
    const reminded = remindersOf(hai, "Lập danh sách");
    expect(reminded.map((m) => m.text)).toEqual(['⏳ Nhắc việc: nhiệm vụ "Lập danh sách hộ cần hỗ trợ giống lúa" (Chi bộ Ấp Một) đến hạn ngày 01/12/2026.']);
    expect(reminded[0].buttons.map((b) => b.text)).toEqual(["✅ Đã xong", "📝 Báo tiến độ"]);
    expect(remindersOf(mot, "Lập danh sách")).toHaveLength(0);
    await running.tickAt("2026-11-29T05:30:00Z");
    expect(remindersOf(hai, "Lập danh sách")).toHaveLength(1);
  });

  it("moves a due day: the assignee not done hears of it and is reminded again before the new day", async () => {
    running.now.value = new Date("2026-11-30T03:00:00Z");
    await bi.send("/nghiquyet");
    const summary = texts(bi).at(-2)!;
    expect(summary).toContain("Kết luận: Tập trung thu hoạch lúa đông xuân");
    expect(summary).toContain("1. Mỗi đồng chí viết bản thu hoạch nghị quyết — cả chi bộ, hạn 25/11/2026: Quá hạn");
    expect(summary).toContain("2. Lập danh sách hộ cần hỗ trợ giống lúa — Lê Văn Một, Phạm Thị Hai, hạn 01/12/2026: Đang làm");
    await bi.tap("📅 Dời hạn một nhiệm vụ");
    await bi.send("2");
    await bi.send("10/12/2026");
    expect(texts(bi)).toContain("Đã dời hạn; người chưa xong được báo hạn mới.");
    await bi.tap("✅ Xong");
    await running.telegram.settle();
    expect(hai.messages().filter((m) => m.text.startsWith("📅")).map((m) => m.text)).toEqual(['📅 Hạn của nhiệm vụ "Lập danh sách hộ cần hỗ trợ giống lúa" (Chi bộ Ấp Một) đổi sang 10/12/2026.']);
    expect(mot.messages().filter((m) => m.text.startsWith("📅"))).toHaveLength(0);
    await running.tickAt("2026-12-02T01:00:00Z"); // the old due day passed: nothing is overdue now
    expect(taskMessages(bi, "⚠️ Nhiệm vụ quá hạn")).toHaveLength(1);
    await running.tickAt("2026-12-08T01:30:00Z"); // 08:30 two days before the new day
    const reminders = taskMessages(hai, "⏳ Nhắc việc").filter((m) => m.text.includes("Lập danh sách"));
    expect(reminders.map((m) => m.text.match(/đến hạn ngày (\S+)\./)?.[1])).toEqual(["01/12/2026", "10/12/2026"]);
  });

  it("an assignee who transfers out can no longer answer, and no longer holds the task up", async () => {
    const [first] = await tasks();
    running.now.value = new Date("2026-12-08T03:00:00Z");
    const transferAt = running.now.value;
    await db().membership.updateMany({ where: { personId: ids["+84912000104"], orgId: ids.A1, endedOn: null }, data: { endedOn: transferAt, endReason: "moved" } });
    await db().membership.create({ data: { personId: ids["+84912000104"], orgId: ids.A2, status: "probationary", role: "member", startedOn: transferAt } });
    expect((await hai.tapData(`tk:d:${first.id}`))?.text).toBe("Đồng chí không còn sinh hoạt ở chi bộ giao nhiệm vụ này.");
    await hai.send("/toi");
    expect(hai.lastMessage()?.text).not.toContain("Nhiệm vụ chưa xong");
    // Một finished before; with Hai gone the task counts as done on time, and nobody is told it is overdue.
    await running.tickAt("2026-12-11T01:00:00Z");
    expect(taskMessages(bi, "⚠️ Nhiệm vụ quá hạn")).toHaveLength(1);
  });

  it("withdraws a task: those still on it are told, and its buttons answer that it was withdrawn", async () => {
    const [, whole] = await tasks();
    await bi.send("/nghiquyet");
    await bi.tap("🗑 Rút một nhiệm vụ");
    await bi.send("1");
    expect(texts(bi)).toContain("Đã rút nhiệm vụ; người đang thực hiện được báo.");
    await bi.tap("✅ Xong");
    await running.telegram.settle();
    expect(pho.lastMessage()?.text).toBe('Nhiệm vụ "Mỗi đồng chí viết bản thu hoạch nghị quyết" (Chi bộ Ấp Một) đã được chi bộ rút lại; đồng chí không cần thực hiện nữa.');
    // Một had finished it: nothing to tell; Hai left the cell.
    expect(mot.messages().some((m) => m.text.includes("rút lại"))).toBe(false);
    expect(hai.messages().some((m) => m.text.includes("rút lại"))).toBe(false);
    expect((await pho.tapData(`tk:d:${whole.id}`))?.text).toBe("Nhiệm vụ này đã được rút lại.");
  });

  it("a record corrected after the tasks were sent checks the vote again and sends no task twice", async () => {
    const sentBefore = await db().outboxMessage.count({ where: { kind: "task_assigned" } });
    const at = new Date("2026-12-11T03:00:00Z");
    const opened = await openAttendance(db(), meetingId, "test", at);
    if (opened.kind !== "opened") throw new Error(opened.kind);
    // The exempt member did come: counted, the vote's 2 of 4 is no longer more than half.
    await setAttendance(db(), meetingId, opened.version, ids["+84912000105"], "present", "test", at);
    const corrected = await submitAttendance(db(), meetingId, opened.version, { startedAt: MEETING_START, endedAt: new Date(MEETING_START.getTime() + 120 * 60_000), guests: [] }, "test", null, at);
    expect(corrected).toMatchObject({ kind: "submitted", voteChanged: { passed: false } });
    expect(await db().meetingConclusion.findUniqueOrThrow({ where: { meetingId } })).toMatchObject({ countedOfficial: 4, passed: false });
    await running.tickAt(at);
    expect(await db().outboxMessage.count({ where: { kind: "task_assigned" } })).toBe(sentBefore);
    await bi.send("/nghiquyet");
    expect(texts(bi).at(-2)).toContain("Nghị quyết KHÔNG được thông qua (cần quá nửa của 4 đảng viên chính thức được tính).");
    await bi.tap("✅ Xong");
  });
});

describe("a task on Zalo, answered with numbered choices", () => {
  let database: TestDatabase;
  let running: RunningZalo;
  let member: FakeZaloUser;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const db = database.db;
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db, files["orgs.csv"], files["members.csv"], { now: new Date("2026-10-01T03:00:00Z") });
    const meetingId = await heldMeeting(db, "2026-11", MEETING_START);
    running = await startZaloBot(db, { now: NOW });
    member = running.zalo.user({ name: "Một Lê" });
    const org = await db.org.findUniqueOrThrow({ where: { code: "A1" } });
    const person = await db.person.findUniqueOrThrow({ where: { phone: "+84912000103" } });
    const invite = await createInvite(db, { orgId: org.id, personId: person.id, expiresInMs: 86_400_000, now: NOW });
    await member.send(`/start ${invite.code}`);
    const { addTasks } = await import("../../src/features/resolutions/mutations.js");
    await addTasks(db, meetingId, [{ text: "Rà soát hộ nghèo", due: { year: 2026, month: 12, day: 5 }, assignees: [person.id] }], { name: "test", personId: null }, NOW);
    await running.settle();
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it("gets the task with its choices numbered, gives a note, then says it is done", async () => {
    const told = member.messages().find((m) => m.text.startsWith("📌 Nhiệm vụ"))!;
    expect(told.text).toContain("Rà soát hộ nghèo");
    expect(told.text).toContain("1. ✅ Đã xong");
    expect(told.text).toContain("2. 📝 Báo tiến độ");
    await member.send("2");
    expect(member.lastMessage()?.text).toBe("Gửi ghi chú tiến độ (việc đã làm, vướng mắc):");
    await member.send("Đã rà soát xong 2 trong 3 tổ");
    expect(member.lastMessage()?.text).toBe('📝 Đã ghi tiến độ cho nhiệm vụ "Rà soát hộ nghèo".');
    await member.choose("✅ Đã xong");
    expect(member.messages().map((m) => m.text)).toContain('✅ Đã ghi nhận: nhiệm vụ "Rà soát hộ nghèo" đã hoàn thành.');
    const assignee = await database.db.taskAssignee.findFirstOrThrow();
    expect(assignee.doneAt).toEqual(NOW);
  });
});
