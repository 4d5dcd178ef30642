// `chibo attendance`, `chibo meetings --json` with the record, `chibo dues` and
// `chibo export attendance` as an operator runs them; the exported files read back.
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { runChibo } from "../helpers/cli.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";
import { tempDir } from "../helpers/temp-dirs.js";

describe("chibo attendance, dues and export", () => {
  const dir = tempDir("cli-records");
  const env = { DATABASE_URL: `file:${path.join(dir, "cli.db")}` };
  const NOW = "2026-11-20T10:00:00+07:00";

  beforeAll(async () => {
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    expect((await runChibo(["import", files["orgs.csv"], files["members.csv"]], env)).code).toBe(0);
    for (const at of ["2026-12-05T19:30:00+07:00", "2026-12-19T19:30:00+07:00"]) {
      expect((await runChibo(["schedule", "A1", "--at", at, "--place", "Hội trường", "--now", NOW], env)).code).toBe(0);
    }
  });

  it("refuses to record a meeting that has not started", async () => {
    const result = await runChibo(["attendance", "1", "--present", "0912000101", "--now", "2026-12-01T10:00:00+07:00"], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Cuộc họp chưa bắt đầu");
  });

  it("refuses a phone that is not on the meeting's list, and an end before the start", async () => {
    const stranger = await runChibo(["attendance", "1", "--present", "0912 000 301", "--now", "2026-12-06T10:00:00+07:00"], env);
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain("0912 000 301 không có trong danh sách cuộc họp này.");
    const backwards = await runChibo(["attendance", "1", "--start", "2026-12-05T21:00:00+07:00", "--end", "2026-12-05T19:30:00+07:00", "--now", "2026-12-06T10:00:00+07:00"], env);
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toContain("Giờ kết thúc phải sau giờ bắt đầu.");
  });

  it("records attendance with phones in any format and shows the rule checks", async () => {
    const result = await runChibo(
      ["attendance", "1", "--present", "0912 000 101,+84912000103", "--late", "84912000104", "--unexcused", "0912000102", "--now", "2026-12-06T10:00:00+07:00"],
      env,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Đã ghi nhận cuộc họp #1: có mặt 3/4 (75%), vắng không lý do 1, 90 phút");
    expect(result.stdout).toContain("✅ Chi bộ đã sinh hoạt thường kỳ tháng 12/2026.");
    const json = JSON.parse((await runChibo(["meetings", "A1", "--json"], env)).stdout);
    expect(json.meetings[0].record).toMatchObject({ state: "submitted", notHeld: false, checks: { expected: 4, present: 3, late: 1, unexcused: 1, meetsAttendanceTarget: false } });
    expect(json.meetings[1].record).toBeNull();
    await runChibo(["attendance", "2", "--unexcused", "0912000102", "--now", "2026-12-20T10:00:00+07:00"], env);
  });

  it("marks dues unpaid and validates the month", async () => {
    expect((await runChibo(["dues", "A1", "0912000102", "2026-13"], env)).code).toBe(2);
    const marked = await runChibo(["dues", "A1", "0912000102", "2026-11", "--now", "2026-12-20T10:00:00+07:00"], env);
    expect(marked.stdout).toContain("Đã đánh dấu Trần Thị Phó chưa đóng đảng phí tháng 11/2026.");
  });

  it("exports the year as XLSX, one sheet per cell, with marks, totals and the flag", async () => {
    const out = path.join(dir, "so-theo-doi.xlsx");
    const result = await runChibo(["export", "attendance", "C1", "--year", "2026", "--out", out], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("2 chi bộ, 7 đảng viên");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    // A sheet per cell, then the year's tasks (none recorded here).
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["A1", "A2", "Nhiệm vụ"]);
    expect(workbook.getWorksheet("Nhiệm vụ")!.getCell(4, 1).value).toBe("Chưa có nhiệm vụ nào được giao trong năm.");
    const sheet = workbook.getWorksheet("A1")!;
    const rows: string[] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? "")).join("|")));
    const pho = rows.find((r) => r.startsWith("Trần Thị Phó"))!;
    expect(pho).toContain("|K|K|");
    // Two meetings in December are one month; unpaid November makes the second.
    expect(pho).toContain("Lưu ý: 2 tháng vắng không lý do/chưa đóng đảng phí (11/2026, 12/2026)");
    expect(rows.some((r) => r.includes("Họ và tên"))).toBe(true);
  });

  it("prints the digest a committee would get, as JSON with every figure and as text", async () => {
    const json = JSON.parse((await runChibo(["digest", "P1", "--at", "2026-12-21T10:00:00+07:00", "--json"], env)).stdout);
    expect(json.totals.thisMonth).toEqual({ cells: 3, held: 1, scheduled: 0, notScheduled: 2, heldPercent: 33 });
    expect(json.totals.lastMonth).toMatchObject({ cells: 3, held: 0 });
    expect(json.children.map((c: { org: { code: string } }) => c.org.code).sort()).toEqual(["C1", "C2"]);
    expect(json.missedLastMonth.map((c: { code: string }) => c.code)).toEqual(["A1", "A2", "B1"]);
    expect(json.lowAttendance.map((m: { code: string; percent: number }) => [m.code, m.percent])).toEqual([["A1", 75], ["A1", 75]]);
    const text = await runChibo(["digest", "P1", "--at", "2026-12-21T10:00:00+07:00"], env);
    expect(text.stdout).toMatch(/^📊 BÁO CÁO TUẦN – Đảng bộ tỉnh Thử \(21\/12\/2026\)/);
    expect(text.stdout).toContain("Tháng 12/2026 (đến nay): đã họp 1, đã lên lịch 0, chưa lên lịch 2 / 3 chi bộ (33% đã họp)");
    expect(text.stdout).toContain("Chi bộ không sinh hoạt thường kỳ tháng trước (3):");
    const missing = await runChibo(["digest", "NOPE"], env);
    expect(missing.code).toBe(1);
  });

  it("exports the year of --now when no --year is given, and writes that instant in the file", async () => {
    const out = path.join(dir, "as-at.xlsx");
    const result = await runChibo(["export", "attendance", "A1", "--out", out, "--now", "2027-01-02T09:00:00+07:00"], env);
    expect(result.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet("A1")!.getCell("A1").value).toBe("Sổ theo dõi sinh hoạt chi bộ năm 2027 – Chi bộ Ấp Một");
    expect(workbook.created).toEqual(new Date("2027-01-02T02:00:00Z"));
  });

  it.each([
    ["members", ["members", "A1"]],
    ["meetings", ["meetings", "A1", "--json"]],
    ["digest", ["digest", "P1", "--json"]],
    ["outbox", ["outbox", "--json"]],
    ["follows", ["follows", "A1"]],
    ["broadcasts", ["broadcasts", "P1"]],
  ])("%s takes --now like every command that acts at a moment", async (_name, args) => {
    const result = await runChibo([...args, "--now", "2026-12-21T10:00:00+07:00"], env);
    expect(result.stderr).not.toContain("--now");
    expect(result.code).toBe(0);
  });

  it.each([
    [["members", "A1", "--now", "tomorrow"], "--now: \"tomorrow\" is not an ISO time with its offset"],
    [["members", "A1", "--now", "2026-12-21T10:00"], "--now: \"2026-12-21T10:00\" is not an ISO time with its offset"],
    [["members", "A1", "--now"], "--now needs an ISO time"],
    [["tick", "--at", "2026-12-21"], "--at: \"2026-12-21\" is not an ISO time with its offset"],
  ])("refuses %j clearly", async (args, message) => {
    const result = await runChibo(args, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it("exports CSV too, readable back", async () => {
    const out = path.join(dir, "so-theo-doi.csv");
    expect((await runChibo(["export", "attendance", "A1", "--year", "2026", "--out", out], env)).code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const records = parse(text, { bom: true, relax_column_count: true }) as string[][];
    expect(records.some((r) => r[0] === "Lê Văn Một")).toBe(true);
  });
});
