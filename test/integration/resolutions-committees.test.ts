// What committees see of the cells' resolutions (issue 17), on both stores: the weekly
// digest, /report and its workbook count per child the tasks done on time, late and
// open, and name the cells that met without recording a conclusion; `chibo resolutions`
// gives the same figures; the register export has a sheet of the year's tasks.
//
// The tree: province P → commune C → cells RA and RB, in Hanoi's zone; "now" is Monday
// 23/11/2026 07:30, so the window is 01/10/2026 – 01/12/2026.
// RA met in June (one task done then: not counted; one never done: overdue, late) and in
// October (done on time, done late, overdue, open for the whole cell, one withdrawn, and
// one done on time by the assignee still in the cell while the other left it undone).
// RB met on 5 November and recorded no conclusion; its 15 November record says "not held".
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translate } from "../../src/bot/i18n.js";
import { buildDigest, type Digest } from "../../src/domain/digest.js";
import { resolveSettings } from "../../src/domain/settings.js";
import { digestInput, digestInputsOf } from "../../src/features/digest/data.js";
import { digestText } from "../../src/features/digest/text.js";
import { digestWorkbook } from "../../src/features/digest/files/workbook.js";
import { registerSheets } from "../../src/features/records/export-data.js";
import { buildAttendanceXlsx } from "../../src/features/records/files/export.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { linkUser, startBotInProcess, type RunningBot } from "../helpers/bot.js";
import type { InProcessTelegram } from "../../src/testing/in-process-telegram.js";
import { runChibo } from "../helpers/cli.js";
import { subtreeResolutions, tasksWhere } from "../../src/org/resolutions.js";
import { resolutionWindow } from "../../src/domain/resolution-figures.js";

const ZONE = "Asia/Ho_Chi_Minh";
/** A Hanoi wall time. */
const vn = (local: string) => new Date(`${local}:00+07:00`);
/** The start of a Hanoi day: how a task's due day is stored. */
const day = (iso: string) => vn(`${iso}T00:00`);
const NOW = vn("2026-11-23T07:30");

describe.each(PROVIDERS)("resolutions as committees see them on %s", (provider) => {
  let database: TestDatabase;
  let running: RunningBot<InProcessTelegram>;
  const db = () => database.db;
  const committee = (code: string) => db().org.findUniqueOrThrow({ where: { code } });

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const { db } = database;
    const org = async (code: string, name: string, kind: string, parent?: { id: number; path: string }) => {
      const created = await db.org.create({ data: { code, name, kind, parentId: parent?.id ?? null, path: "", timezone: ZONE } });
      return db.org.update({ where: { id: created.id }, data: { path: `${parent?.path ?? "/"}${created.id}/` } });
    };
    const p = await org("P", "Đảng bộ tỉnh P", "province");
    const c = await org("C", "Đảng uỷ xã C", "commune", p);
    const ra = await org("RA", "Chi bộ RA", "cell", c);
    const rb = await org("RB", "Chi bộ RB", "cell", c);
    const person = (fullName: string, phone: string) => db.person.create({ data: { fullName, phone } });
    const chair = await person("Chu Văn Uỷ", "+84903000010");
    const xong = await person("An Văn Xong", "+84912000011");
    const muon = await person("Bùi Thị Muộn", "+84912000012");
    const di = await person("Cao Văn Đi", "+84912000013");
    await db.membership.createMany({
      data: [
        { orgId: c.id, personId: chair.id, status: "official", role: "committee" },
        { orgId: ra.id, personId: xong.id, status: "official", role: "secretary" },
        { orgId: ra.id, personId: muon.id, status: "official", role: "member" },
        { orgId: ra.id, personId: di.id, status: "official", role: "member", endedOn: day("2026-10-15"), endReason: "left" },
      ],
    });

    const meeting = async (orgId: number, forMonth: string, startsAt: Date, record: { notHeld?: boolean; conclusion?: string }) => {
      const m = await db.meeting.create({ data: { orgId, kind: "regular", forMonth, startsAt, durationMinutes: 120, place: "Hội trường", status: "confirmed" } });
      const endedAt = new Date(startsAt.getTime() + 120 * 60_000);
      await db.meetingRecord.create({ data: { meetingId: m.id, state: "submitted", notHeld: record.notHeld ?? false, startedAt: startsAt, endedAt, submittedAt: endedAt } });
      if (record.conclusion) await db.meetingConclusion.create({ data: { meetingId: m.id, text: record.conclusion, recordedAt: endedAt } });
      return m;
    };
    const task = (m: { id: number; orgId: number; startsAt: Date }, text: string, dueOn: string, assignees: [number, Date | null][], extra: { wholeCell?: boolean; withdrawnAt?: Date } = {}) =>
      db.task.create({
        data: { meetingId: m.id, orgId: m.orgId, text, dueOn: day(dueOn), createdAt: m.startsAt, ...extra, assignees: { create: assignees.map(([personId, doneAt]) => ({ personId, doneAt })) } },
      });

    const june = await meeting(ra.id, "2026-06", vn("2026-06-10T19:30"), { conclusion: "Sửa đường liên xóm" });
    await task(june, "Khảo sát đường liên xóm", "2026-06-20", [[xong.id, vn("2026-06-15T09:00")]]);
    await task(june, "Vận động hiến đất", "2026-06-30", [[muon.id, null]]);
    const october = await meeting(ra.id, "2026-10", vn("2026-10-10T19:30"), { conclusion: "Thu hoạch lúa mùa đúng vụ" });
    await task(october, "Lập danh sách hộ khó khăn", "2026-10-20", [[xong.id, vn("2026-10-18T10:00")]]);
    await task(october, "Báo cáo chi đoàn", "2026-10-25", [[muon.id, vn("2026-10-26T08:00")]]);
    await task(october, "Sửa loa truyền thanh", "2026-11-10", [[xong.id, null]]);
    const open = await task(october, "Dọn vệ sinh nhà văn hoá", "2026-12-15", [[xong.id, null], [muon.id, null]], { wholeCell: true });
    await db.taskNote.create({ data: { taskId: open.id, personId: muon.id, text: "Đã liên hệ đoàn thanh niên", createdAt: vn("2026-11-01T20:00") } });
    await task(october, "Việc đã rút lại", "2026-10-30", [[xong.id, null]], { withdrawnAt: vn("2026-10-12T08:00") });
    await task(october, "Trồng cây đầu ngõ", "2026-10-20", [[xong.id, vn("2026-10-19T17:00")], [di.id, null]]);
    await meeting(rb.id, "2026-11", vn("2026-11-05T19:30"), {});
    await meeting(rb.id, "2026-11", vn("2026-11-15T19:30"), { notHeld: true });

    running = await startBotInProcess(db, { now: NOW });
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  const digestOf = async (code: string): Promise<Digest> => buildDigest(await digestInput(db(), await committee(code), NOW));

  it("counts per child the tasks done on time, late and open, and the cells that met without a conclusion", async () => {
    const { resolutions } = await digestOf("C");
    const counts = (onTime: number, late: number, open: number, noConclusionCells: number) => ({ onTime, late, open, noConclusionCells });
    expect(resolutions).toMatchObject({
      from: day("2026-10-01").toISOString(),
      until: day("2026-12-01").toISOString(),
      totals: counts(2, 3, 1, 1),
      children: [
        { org: { code: "RA", name: "Chi bộ RA" }, counts: counts(2, 3, 1, 0) },
        { org: { code: "RB", name: "Chi bộ RB" }, counts: counts(0, 0, 0, 1) },
      ],
      noConclusion: [{ code: "RB", name: "Chi bộ RB", date: vn("2026-11-05T19:30").toISOString() }],
    });
    // The province sees the commune as one child with the same figures.
    const province = (await digestOf("P")).resolutions!;
    expect(province.children).toEqual([{ org: expect.objectContaining({ code: "C" }), counts: counts(2, 3, 1, 1) }]);
  });

  it("gives each task the status the shared reader gives it (org/resolutions.ts tasksWhere)", async () => {
    const c = await committee("C");
    const loaded = await subtreeResolutions(db(), c.path, resolutionWindow(NOW, ZONE), NOW);
    const shared = await tasksWhere(db(), { org: { path: { startsWith: c.path } } }, NOW);
    const statusOf = new Map(shared.map((t) => [t.id, t.status]));
    expect(loaded.tasks.length).toBe(6); // not the June task done then, nor the withdrawn one
    for (const t of loaded.tasks) expect(t.status, String(t.taskId)).toBe(statusOf.get(t.taskId));
  });

  it("writes them in the digest's text, in both languages", async () => {
    const digest = await digestOf("C");
    const vi = digestText(translate, "vi", digest, ZONE).split("\n");
    expect(vi).toEqual(
      expect.arrayContaining([
        "📌 Nhiệm vụ theo nghị quyết (cuộc họp từ 01/10/2026, cùng mọi nhiệm vụ chưa xong): 2 xong đúng hạn, 3 trễ hạn, 1 đang làm; 1 chi bộ họp mà không ghi kết luận",
        "• Chi bộ RA: 2 đúng hạn, 3 trễ hạn, 1 đang làm; 0 chi bộ không ghi kết luận",
        "• Chi bộ RB: 0 đúng hạn, 0 trễ hạn, 0 đang làm; 1 chi bộ không ghi kết luận",
        "Cuộc họp không ghi kết luận (1):",
        "• Chi bộ RB, 05/11/2026",
      ]),
    );
    expect(digestText(translate, "en", digest, ZONE)).toContain(
      "📌 Tasks from resolutions (meetings since 01/10/2026, and every task not yet done): 2 done on time, 3 late, 1 open; 1 cell met without recording a conclusion",
    );
  });

  it("cuts the same figures from the province's loaded input as it loads for the commune alone", async () => {
    const committees = [await committee("P"), await committee("C")];
    for await (const [c, input] of digestInputsOf(db(), committees, () => resolveSettings([]), NOW)) {
      expect(buildDigest(input).resolutions, c.code).toEqual((await digestOf(c.code)).resolutions);
    }
  });

  it("puts them in the digest's workbook: a sheet of counts and one of the meetings without a conclusion", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await digestWorkbook(translate, "vi", await digestOf("C"), ZONE)) as unknown as ArrayBuffer);
    const rows = (name: string) => {
      const ws = workbook.getWorksheet(name)!;
      return Array.from({ length: ws.rowCount - 2 }, (_, i) => (ws.getRow(i + 3).values as ExcelJS.CellValue[]).slice(1));
    };
    expect(rows("Nhiệm vụ")).toEqual([
      ["Toàn bộ – Đảng uỷ xã C", "C", 2, 3, 1, 1],
      ["Chi bộ RA", "RA", 2, 3, 1, 0],
      ["Chi bộ RB", "RB", 0, 0, 0, 1],
    ]);
    expect(rows("Không ghi kết luận")).toEqual([[new Date(Date.UTC(2026, 10, 5, 19, 30)), "RB", "Chi bộ RB"]]);
  });

  it("shows them in /report to a committee member", async () => {
    const chair = await linkUser(running, db(), 9101, "C", "+84903000010");
    await chair.send("/report");
    const text = chair.lastMessage()!.text;
    expect(text).toMatch(/^📊 BÁO CÁO TUẦN – Đảng uỷ xã C/);
    expect(text).toContain("2 xong đúng hạn, 3 trễ hạn, 1 đang làm; 1 chi bộ họp mà không ghi kết luận");
    expect(text).toContain("• Chi bộ RB, 05/11/2026");
  });

  it("gives scripts the same figures with `chibo resolutions --json`, and a table without", async () => {
    const env = { DATABASE_URL: database.url };
    const at = ["--now", "2026-11-23T07:30:00+07:00"];
    const json = await runChibo(["resolutions", "C", "--json", ...at], env);
    expect(json.code).toBe(0);
    const { org, at: when, ...figures } = JSON.parse(json.stdout);
    expect(org).toMatchObject({ code: "C", name: "Đảng uỷ xã C" });
    expect(when).toBe(NOW.toISOString());
    expect(figures).toEqual(JSON.parse(JSON.stringify((await digestOf("C")).resolutions)));

    const table = await runChibo(["resolutions", "C", ...at], env);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")).toEqual([
      "Nghị quyết và nhiệm vụ – Đảng uỷ xã C (C): cuộc họp từ 01/10/2026, cùng mọi nhiệm vụ chưa xong",
      "Đơn vị     Mã  Đúng hạn  Trễ hạn  Đang làm  CB không kết luận",
      "Chi bộ RA  RA         2        3         1                  0",
      "Chi bộ RB  RB         0        0         0                  1",
      "Tổng cộng  C          2        3         1                  1",
      "",
      "Cuộc họp không ghi kết luận (1):",
      "• Chi bộ RB (RB), 05/11/2026",
      "",
    ]);

    const unknown = await runChibo(["resolutions", "KHONGCO", ...at], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Không có tổ chức mã KHONGCO.");
    expect((await runChibo(["resolutions"], env)).code).toBe(2);
  });

  it("adds a sheet of the year's tasks to the register export, with their status when the file was made", async () => {
    const c = await committee("C");
    const file = await buildAttendanceXlsx(registerSheets(db(), c.path, 2026, "vi"), "vi", translate, "Sổ theo dõi 2026", NOW);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(["RA", "RB", "Nhiệm vụ"]);
    const ws = workbook.getWorksheet("Nhiệm vụ")!;
    // Nine columns; exceljs leaves out the empty ones at a row's end.
    const values = (row: number) => Array.from({ length: 9 }, (_, j) => ws.getRow(row).getCell(j + 1).value ?? null);
    expect(values(3)).toEqual(["Mã", "Chi bộ", "Tháng họp", "Nhiệm vụ", "Người thực hiện", "Hạn", "Trạng thái", "Hoàn thành lúc", "Ghi chú tiến độ"]);
    const date = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));
    const rows = Array.from({ length: ws.rowCount - 3 }, (_, i) => values(i + 4));
    expect(rows).toEqual([
      ["RA", "Chi bộ RA", "6/2026", "Khảo sát đường liên xóm", "An Văn Xong", date(2026, 6, 20), "Đã xong", date(2026, 6, 15, 9), null],
      ["RA", "Chi bộ RA", "6/2026", "Vận động hiến đất", "Bùi Thị Muộn", date(2026, 6, 30), "Quá hạn", null, null],
      ["RA", "Chi bộ RA", "10/2026", "Lập danh sách hộ khó khăn", "An Văn Xong", date(2026, 10, 20), "Đã xong", date(2026, 10, 18, 10), null],
      ["RA", "Chi bộ RA", "10/2026", "Báo cáo chi đoàn", "Bùi Thị Muộn", date(2026, 10, 25), "Xong muộn", date(2026, 10, 26, 8), null],
      ["RA", "Chi bộ RA", "10/2026", "Sửa loa truyền thanh", "An Văn Xong", date(2026, 11, 10), "Quá hạn", null, null],
      ["RA", "Chi bộ RA", "10/2026", "Dọn vệ sinh nhà văn hoá", "Cả chi bộ", date(2026, 12, 15), "Đang làm", null, "Bùi Thị Muộn (01/11/2026): Đã liên hệ đoàn thanh niên"],
      ["RA", "Chi bộ RA", "10/2026", "Trồng cây đầu ngõ", "An Văn Xong, Cao Văn Đi", date(2026, 10, 20), "Đã xong", date(2026, 10, 19, 17), null],
    ]);
  });
});
