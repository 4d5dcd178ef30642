// A meeting's outcome, read back where it must show: December's minutes carry the
// conclusion, the vote and the task table; January's regular meeting opens its notice and
// reminders with the review of December's resolution (each task's status and notes), and
// its own minutes carry that review. The outcome rows are written directly, as the
// recording flow would leave them; every clock is pinned.
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translate } from "../../src/bot/i18n.js";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createMeeting } from "../../src/features/meetings/mutations.js";
import { runMeetingTick } from "../../src/features/meetings/planner.js";
import { openAttendance, submitAttendance } from "../../src/features/records/mutations.js";
import { minutesDataOf } from "../../src/features/records/minutes-data.js";
import { buildMinutesDocx } from "../../src/features/records/files/minutes.js";
import { createLogger } from "../../src/logger.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";

const IMPORTED = new Date("2026-11-20T03:00:00Z");
const DECEMBER = new Date("2026-12-05T12:30:00Z"); // 19:30 in Hanoi
const JANUARY = new Date("2027-01-09T12:30:00Z");
const THEMATIC = new Date("2027-01-16T12:30:00Z");
/** When January's meeting is scheduled: the report is done, the dues overdue since 31/12. */
const SCHEDULED = new Date("2027-01-05T03:00:00Z");
const DAY_BEFORE = new Date("2027-01-08T12:30:00Z");
/** Midnight starting the due day in Hanoi. */
const DUE_20_DEC = new Date("2026-12-19T17:00:00Z");
const DUE_31_DEC = new Date("2026-12-30T17:00:00Z");

const unescape = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** The text of each paragraph of word/document.xml (a table cell's lines are paragraphs too). */
async function docxLines(buffer: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(buffer)).file("word/document.xml")!.async("string");
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((m) => (m[1] === undefined ? "\t" : unescape(m[1]))).join(""),
  );
}

describe.each(PROVIDERS)("a resolution reviewed at the next meeting on %s", (provider) => {
  let database: TestDatabase;
  const db = () => database.db;
  const ids: Record<string, number> = {};
  let cellId = 0;
  let december = 0;
  let january = 0;

  const personId = async (phone: string) => (await db().person.findUniqueOrThrow({ where: { phone } })).id;
  /** The text queued for one person, of one kind, about one meeting. */
  const queuedText = async (meetingId: number, kind: string, person: number) => {
    const row = await db().outboxMessage.findFirstOrThrow({ where: { meetingId, kind, personId: person } });
    return (JSON.parse(row.payload) as { text: string }).text;
  };
  const record = async (meetingId: number, startsAt: Date) => {
    const after = new Date(startsAt.getTime() + 2 * 3_600_000);
    await openAttendance(db(), meetingId, "test", after);
    const done = await submitAttendance(
      db(),
      meetingId,
      1,
      { startedAt: startsAt, endedAt: new Date(startsAt.getTime() + 90 * 60_000), guests: [], chair: "Nguyễn Văn Bí", noteTaker: "Trần Thị Phó" },
      "test",
      null,
      after,
    );
    expect(done.kind).toBe("submitted");
  };
  const regular = (startsAt: Date, kind: "regular" | "thematic" = "regular") => ({
    orgId: cellId,
    kind,
    startsAt,
    durationMinutes: 90,
    place: "Nhà văn hoá",
    agenda: "Tổng kết năm",
    thematicTopic: kind === "thematic" ? "Học tập nghị quyết" : null,
    documents: [],
  });

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: IMPORTED });
    cellId = (await db().org.findUniqueOrThrow({ where: { code: "A1" } })).id;
    for (const [name, phone] of [["bi", "+84912000101"], ["pho", "+84912000102"], ["mot", "+84912000103"], ["hai", "+84912000104"]] as const) {
      ids[name] = await personId(phone);
    }
    // Reachable in chat; Một reads English.
    await db().person.update({ where: { id: ids.bi }, data: { telegramChatId: "7101" } });
    await db().person.update({ where: { id: ids.mot }, data: { telegramChatId: "7103", locale: "en" } });

    december = (await createMeeting(db(), regular(DECEMBER), "confirmed", IMPORTED)).id;
    await record(december, DECEMBER);
    const recordedAt = new Date(DECEMBER.getTime() + 3 * 3_600_000);
    await db().meetingConclusion.create({
      data: { meetingId: december, text: "Hoàn thành báo cáo tổng kết năm và thu đủ đảng phí quý IV.", votesFor: 3, votesAgainst: 0, votesAbstain: 1, countedOfficial: 3, passed: true, recordedAt },
    });
    const report = await db().task.create({
      data: {
        meetingId: december,
        orgId: cellId,
        text: "Viết báo cáo tổng kết",
        dueOn: DUE_20_DEC,
        createdAt: recordedAt,
        assignees: { create: [{ personId: ids.mot, doneAt: new Date("2026-12-18T03:00:00Z") }] },
      },
    });
    await db().taskNote.create({ data: { taskId: report.id, personId: ids.mot, text: "đã nộp bản nháp", createdAt: new Date("2026-12-15T03:00:00Z") } });
    const dues = await db().task.create({
      data: {
        meetingId: december,
        orgId: cellId,
        text: "Thu đảng phí quý IV",
        dueOn: DUE_31_DEC,
        wholeCell: true,
        createdAt: recordedAt,
        assignees: { create: [ids.bi, ids.pho, ids.mot, ids.hai].map((id) => ({ personId: id, doneAt: id === ids.bi ? new Date("2026-12-20T03:00:00Z") : null })) },
      },
    });
    await db().taskNote.create({ data: { taskId: dues.id, personId: ids.hai, text: "còn hai đồng chí chưa nộp", createdAt: new Date("2026-12-29T03:00:00Z") } });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("carries December's conclusion, vote and task table in its minutes", async () => {
    const data = (await minutesDataOf(db(), december, "vi", SCHEDULED))!;
    const lines = await docxLines(await buildMinutesDocx(data, "vi", translate));
    const vi = lines.indexOf("VI. KẾT LUẬN CỦA CHỦ TRÌ");
    expect(lines.slice(vi + 1, vi + 4)).toEqual([
      "Hoàn thành báo cáo tổng kết năm và thu đủ đảng phí quý IV.",
      "Biểu quyết: 3 đồng chí tán thành, 0 không tán thành, 1 không biểu quyết (số đảng viên chính thức được tính: 3).",
      "Kết quả: nghị quyết được thông qua (quá nửa số đảng viên chính thức tán thành).",
    ]);
    const table = lines.indexOf("Nhiệm vụ được giao (2): ");
    expect(table).toBeGreaterThan(vi);
    expect(lines.slice(table + 5, table + 13)).toEqual(["1", "Viết báo cáo tổng kết", "Lê Văn Một", "20/12/2026", "2", "Thu đảng phí quý IV", "Toàn chi bộ", "31/12/2026"]);
    // The first regular meeting with an outcome reviews nothing.
    expect(lines.some((l) => l.startsWith("Kiểm điểm"))).toBe(false);
  });

  it("opens January's notice with the review, before the agenda, in each reader's language", async () => {
    january = (await createMeeting(db(), regular(JANUARY), "confirmed", SCHEDULED)).id;
    const vi = (await queuedText(january, "notice", ids.bi)).split("\n");
    expect(vi[0]).toBe("📅 THÔNG BÁO SINH HOẠT CHI BỘ");
    const heading = vi.indexOf("Kiểm điểm việc thực hiện nghị quyết kỳ trước:");
    expect(heading).toBeGreaterThan(0);
    expect(vi.slice(heading + 1, heading + 5)).toEqual([
      "Kết luận kỳ trước: Hoàn thành báo cáo tổng kết năm và thu đủ đảng phí quý IV.",
      "• Viết báo cáo tổng kết (hạn 20/12/2026): Đã xong — Ghi chú: Lê Văn Một: đã nộp bản nháp",
      "• Thu đảng phí quý IV (hạn 31/12/2026): Quá hạn — Ghi chú: Phạm Thị Hai: còn hai đồng chí chưa nộp",
      "Chương trình: Tổng kết năm",
    ]);
    const en = await queuedText(january, "notice", ids.mot);
    expect(en).toContain("Review of the previous resolution:");
    expect(en).toContain("• Viết báo cáo tổng kết (due 20/12/2026): Done — Notes: Lê Văn Một: đã nộp bản nháp");
    expect(en).toContain("• Thu đảng phí quý IV (due 31/12/2026): Overdue");
    // December's own notice went out before anything was resolved.
    expect(await queuedText(december, "notice", ids.bi)).not.toContain("Kiểm điểm");
  });

  it("leaves the review out of a thematic meeting's notice", async () => {
    const thematic = (await createMeeting(db(), regular(THEMATIC, "thematic"), "confirmed", SCHEDULED)).id;
    expect(await queuedText(thematic, "notice", ids.bi)).not.toContain("Kiểm điểm");
  });

  it("repeats the review, as of the reminder's time, in the reminder the day before", async () => {
    // The dues are paid in the meantime, after the due day: done late.
    await db().taskAssignee.updateMany({ where: { doneAt: null }, data: { doneAt: new Date("2027-01-07T03:00:00Z") } });
    // Another cell meets the same evening with nothing to review: read in the same tick, its reminder keeps its own text.
    const a2 = (await db().org.findUniqueOrThrow({ where: { code: "A2" } })).id;
    const bon = await personId("+84912000201");
    await db().person.update({ where: { id: bon }, data: { telegramChatId: "7201" } });
    const neighbour = (await createMeeting(db(), { ...regular(JANUARY), orgId: a2 }, "confirmed", SCHEDULED)).id;
    await runMeetingTick(db(), DAY_BEFORE, createLogger("silent"));
    const reminder = await queuedText(january, "reminder", ids.bi);
    expect(reminder).toContain("Kiểm điểm việc thực hiện nghị quyết kỳ trước:");
    expect(reminder).toContain("• Thu đảng phí quý IV (hạn 31/12/2026): Xong muộn — Ghi chú: Phạm Thị Hai: còn hai đồng chí chưa nộp");
    const other = await queuedText(neighbour, "reminder", bon);
    expect(other).toContain("Chi bộ Ấp Hai");
    expect(other).not.toContain("Kiểm điểm");
  });

  it("carries the review in January's minutes, each task with its status and notes", async () => {
    await record(january, JANUARY);
    const data = (await minutesDataOf(db(), january, "vi", new Date("2027-01-10T03:00:00Z")))!;
    const lines = await docxLines(await buildMinutesDocx(data, "vi", translate));
    const review = lines.indexOf("Kiểm điểm việc thực hiện nghị quyết kỳ trước (Sinh hoạt thường kỳ tháng 12/2026):");
    expect(review).toBeGreaterThan(lines.indexOf("IV. NỘI DUNG"));
    expect(lines.slice(review + 1, review + 3)).toEqual([
      "Kết luận kỳ trước: Hoàn thành báo cáo tổng kết năm và thu đủ đảng phí quý IV.",
      "2 nhiệm vụ: 1 xong đúng hạn, 1 muộn hoặc quá hạn, 0 đang làm.",
    ]);
    expect(lines.slice(review + 8, review + 18)).toEqual([
      "1", "Viết báo cáo tổng kết", "20/12/2026", "Đã xong", "Lê Văn Một: đã nộp bản nháp",
      "2", "Thu đảng phí quý IV", "31/12/2026", "Xong muộn", "Phạm Thị Hai: còn hai đồng chí chưa nộp",
    ]);
    // January recorded no outcome of its own: VI is left to write by hand.
    const vi = lines.indexOf("VI. KẾT LUẬN CỦA CHỦ TRÌ");
    expect(lines[vi + 1]).toBe("\t");
  });
});
