// The rules at their edges, as a secretary and a committee meet them: an exempt member
// (miễn sinh hoạt) is never flagged under the removal rule, whatever the list says, and
// "trên 85%" means above: exactly the target does not meet it.
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestInput } from "../../src/features/digest/data.js";
import { buildDigest } from "../../src/domain/digest.js";
import { createMeeting } from "../../src/features/meetings/mutations.js";
import { openAttendance, setAttendance, submitAttendance } from "../../src/features/records/mutations.js";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import type { FakeUser } from "../../src/testing/fake-telegram.js";
import { linkUser, startBot, type RunningBot } from "../helpers/bot.js";
import { runChibo } from "../helpers/cli.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";
import { tempDir } from "../helpers/temp-dirs.js";

const NOW = new Date("2027-01-02T03:00:00Z");
const EXEMPT = "+84912000105"; // Hoàng Văn Ba, exempt in A1
const MONTHS = ["2027-01-09T12:30:00Z", "2027-02-06T12:30:00Z", "2027-03-06T12:30:00Z", "2027-04-03T12:30:00Z"];

describe.each(PROVIDERS)("rules at their edges on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningBot;
  let secretary: FakeUser;
  let commune: FakeUser;
  const ids: number[] = [];
  const db = () => database.db;
  const personId = async (phone: string) => (await db().person.findUniqueOrThrow({ where: { phone } })).id;
  const a1 = async () => db().org.findUniqueOrThrow({ where: { code: "A1" } });

  /** A regular meeting of A1 at `at`, recorded three hours later with the given marks (others as prefilled). */
  async function held(at: string, marks: [string, "present" | "excused" | "unexcused"][]) {
    const startsAt = new Date(at);
    running.now.value = new Date(startsAt.getTime() - 5 * 86_400_000);
    const input = { orgId: (await a1()).id, kind: "regular" as const, startsAt, durationMinutes: 90, place: "Nhà văn hoá", agenda: "", documents: [] };
    const { id } = await createMeeting(db(), input, "confirmed", running.now.value);
    running.now.value = new Date(startsAt.getTime() + 3 * 3_600_000);
    await openAttendance(db(), id, "test", running.now.value);
    for (const [phone, attendance] of marks) await setAttendance(db(), id, 1, await personId(phone), attendance, "test", running.now.value);
    const ended = new Date(startsAt.getTime() + 95 * 60_000);
    const outcome = await submitAttendance(db(), id, 1, { startedAt: startsAt, endedAt: ended, guests: [] }, "test", null, running.now.value);
    if (outcome.kind !== "submitted") throw new Error(`not submitted: ${outcome.kind}`);
    return { id, checks: outcome.checks };
  }

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: NOW });
    running = await startBot(db(), { now: NOW });
    secretary = await linkUser(running, db(), 8101, "A1", "+84912000101");
    commune = await linkUser(running, db(), 8102, "C1", "+84903000002");
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it("never offers ❌ for an exempt member in the list, and the CLI refuses it clearly", async () => {
    const startsAt = new Date("2027-01-05T12:30:00Z");
    const { id } = await createMeeting(db(), { orgId: (await a1()).id, kind: "regular", startsAt, durationMinutes: 90, place: "Nhà văn hoá", agenda: "", documents: [] }, "confirmed", NOW);
    running.now.value = new Date(startsAt.getTime() + 2 * 3_600_000);
    await secretary.send("/diemdanh");
    const marks: string[] = [];
    for (let i = 0; i < 4; i++) {
      await secretary.tap(/Hoàng Văn Ba/);
      marks.push(secretary.lastMessage()!.buttons.find((b) => b.text.includes("Hoàng Văn Ba"))!.text.split(" ")[0]);
    }
    // Prefilled 🟡 (not expected, no answer): then ✅, ⏰, 🟡, ✅ — never ❌.
    expect(marks).toEqual(["✅", "⏰", "🟡", "✅"]);
    expect(secretary.lastMessage()!.text).toContain("Đồng chí miễn sinh hoạt không bắt buộc dự nên không có ❌.");
    // The same list for an official member reaches ❌.
    const official: string[] = [];
    for (let i = 0; i < 4; i++) {
      await secretary.tap(/Lê Văn Một/);
      official.push(secretary.lastMessage()!.buttons.find((b) => b.text.includes("Lê Văn Một"))!.text.split(" ")[0]);
    }
    expect(official).toEqual(["⏰", "🟡", "❌", "✅"]);
    expect(await setAttendance(db(), id, 1, await personId(EXEMPT), "unexcused", "test", running.now.value)).toEqual({ kind: "not_expected" });

    const dir = tempDir("rule-edges");
    const url = `file:${path.join(dir, "cli.db")}`;
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    expect((await runChibo(["import", files["orgs.csv"], files["members.csv"]], { DATABASE_URL: url })).code).toBe(0);
    const env = { DATABASE_URL: url };
    const scheduled = await runChibo(["schedule", "A1", "--at", "2027-01-05T19:30+07:00", "--place", "Hội trường", "--now", "2027-01-02T10:00+07:00"], env);
    expect(scheduled.code).toBe(0);
    const refused = await runChibo(["attendance", "1", "--unexcused", "0912 000 105", "--now", "2027-01-05T22:00+07:00"], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Hoàng Văn Ba được miễn sinh hoạt, không bắt buộc dự");
  });

  it("does not flag an exempt member marked unexcused in four months, in chat, digest or register", async () => {
    const seen = [secretary.messages().length, commune.messages().length];
    for (const at of MONTHS) ids.push((await held(at, [])).id);
    // Four months of «vắng không lý do» as an old list could record them.
    const exempt = await personId(EXEMPT);
    await db().attendanceEntry.updateMany({ where: { personId: exempt, meetingId: { in: ids } }, data: { attendance: "unexcused" } });
    // A further meeting recorded after them runs the flag check again for everyone marked.
    running.now.value = new Date("2027-05-01T03:00:00Z");
    const last = await held("2027-04-24T12:30:00Z", [["+84912000103", "unexcused"]]);
    await running.tickAt("2027-05-01T03:00:00Z");
    expect(last.checks.unexcused).toBe(1);
    // Neither the warning at two months nor the flag at three: about him, nothing at all.
    const since = [secretary, commune].flatMap((user, i) => user.messages().slice(seen[i]).map((m) => m.text));
    expect(since.filter((text) => text.includes("Hoàng Văn Ba"))).toEqual([]);
    // Lê Văn Một's one unexcused month is no warning either; the check did run.
    expect(since.filter((text) => text.startsWith("⚠️ Lưu ý riêng") || text.startsWith("🚩"))).toEqual([]);

    const digest = buildDigest(await digestInput(db(), await db().org.findUniqueOrThrow({ where: { code: "P1" } }), running.now.value));
    expect(digest.flagged.map((f) => f.member)).not.toContain("Hoàng Văn Ba");

    const out = path.join(tempDir("rule-edges-export"), "so.xlsx");
    const env = { DATABASE_URL: database.url };
    expect((await runChibo(["export", "attendance", "A1", "--year", "2027", "--out", out], env)).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    const rows: string[][] = [];
    workbook.getWorksheet("A1")!.eachRow({ includeEmpty: false }, (row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => String(v ?? ""))));
    const header = rows.find((r) => r[0] === "Họ và tên")!;
    const ba = rows.find((r) => r[0] === "Hoàng Văn Ba")!;
    const meetingColumns = header.flatMap((label, i) => (/^\d\d\/\d\d /.test(label) ? [i] : []));
    expect(meetingColumns).toHaveLength(MONTHS.length + 1);
    // Not expected: blank at every meeting (the legend: blank = not expected), no flag.
    expect(meetingColumns.map((i) => ba[i])).toEqual(meetingColumns.map(() => ""));
    // Lê Văn Một's one unexcused absence is there: the register is not blank for everyone.
    expect(meetingColumns.map((i) => rows.find((r) => r[0] === "Lê Văn Một")![i])).toEqual(["x", "x", "x", "x", "K"]);
    expect(ba.join("|")).not.toContain("xoá tên");
    expect(ba.join("|")).not.toContain("xóa tên");
  });

  it("counts exactly the target as not met in the checks, the score, the digest and the summary", async () => {
    // A1 expects 4 (the exempt member aside): a cell target of 75% makes 3 of 4 exactly the target.
    const org = await a1();
    const own = { ...(JSON.parse(org.settings ?? "{}") as object), attendanceTarget: 0.75 };
    await db().org.update({ where: { id: org.id }, data: { settings: JSON.stringify(own) } });
    const exact = await held("2027-05-08T12:30:00Z", [["+84912000104", "excused"]]);
    expect(exact.checks).toMatchObject({ present: 3, expected: 4, attendanceRate: 0.75, meetsAttendanceTarget: false });
    const above = await held("2027-05-15T12:30:00Z", []);
    expect(above.checks).toMatchObject({ present: 4, expected: 4, meetsAttendanceTarget: true });

    const digest = buildDigest(await digestInput(db(), await db().org.findUniqueOrThrow({ where: { code: "P1" } }), new Date("2027-05-20T03:00:00Z")));
    const low = digest.lowAttendance.map((m) => m.meetingId);
    expect(low).toContain(exact.id);
    expect(low).not.toContain(above.id);

    // The evening before a meeting with 3 of 4 coming: "not above".
    const startsAt = new Date("2027-05-22T12:30:00Z");
    running.now.value = new Date("2027-05-18T03:00:00Z");
    const { id } = await createMeeting(db(), { orgId: org.id, kind: "regular", startsAt, durationMinutes: 90, place: "Nhà văn hoá", agenda: "", documents: [] }, "confirmed", running.now.value);
    for (const phone of ["+84912000101", "+84912000102", "+84912000103"]) {
      await db().meetingAnswer.create({ data: { meetingId: id, personId: await personId(phone), answer: "attend", revision: 1, answeredAt: running.now.value } });
    }
    await running.tickAt("2027-05-21T11:00:00Z"); // 18:00 the evening before
    const summary = secretary.messages().find((m) => m.text.startsWith("📋 Tóm tắt trước cuộc họp 19:30, Thứ Bảy 22/05/2027"))!;
    expect(summary.text).toContain("Dự kiến 3/4 đảng viên tham dự (75%): CHƯA đạt mức trên 75%.");
  });
});
