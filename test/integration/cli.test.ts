// The `chibo` command as an operator runs it: real process, real files, SQLite.
import { createServer, type Server } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runChibo } from "../helpers/cli.js";
import { openDatabase } from "../../src/db/client.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";
import { tempDir } from "../helpers/temp-dirs.js";

describe("the chibo CLI", () => {
  const dir = tempDir("cli");
  const env = { DATABASE_URL: `file:${path.join(dir, "cli.db")}`, BOT_USERNAME: "chibo_test_bot" };
  let refusing: Server;
  let refusingRoot = "";

  beforeAll(async () => {
    // A Bot API server that refuses every token, as Telegram does a wrong one.
    refusing = createServer((_req, res) => {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error_code: 401, description: "Unauthorized" }));
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    refusingRoot = `http://127.0.0.1:${(refusing.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => refusing.close(() => resolve())));

  it("imports on a dry run without writing, then for real, then changes nothing on a second run", async () => {
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    const dry = await runChibo(["import", files["orgs.csv"], files["members.csv"], "--dry-run"], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Tổ chức: tạo mới 6, cập nhật 0, không đổi 0");
    expect(dry.stdout).toContain("Chạy thử (--dry-run): không có gì được ghi.");
    const members = await runChibo(["members", "A1"], env);
    expect(members.code).toBe(1);
    expect(members.stderr).toContain("Không có tổ chức mã A1.");

    const real = await runChibo(["import", files["orgs.csv"], files["members.csv"]], env);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain("Người: tạo mới 11, cập nhật 0, không đổi 0");
    const again = await runChibo(["import", files["orgs.csv"], files["members.csv"]], { ...env, CHIBO_LANG: "en" });
    expect(again.stdout).toContain("Organisations: created 0, updated 0, unchanged 6");
    expect(again.stdout).toContain("Memberships: created 0, updated 0, unchanged 11");
  });

  it("lists every bad row with file and line and exits non-zero", async () => {
    const files = csvFiles({
      "orgs.csv": `${ORGS}A1,Trùng,cell,C1\n`,
      "members.csv": `${MEMBERS}A1,Ai Đó,12,official,member\nA1,Người Khác,0912 999 999,official,boss\n`,
    });
    const result = await runChibo(["import", files["orgs.csv"], files["members.csv"]], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Có 3 lỗi; không có gì được ghi:");
    expect(result.stderr).toContain("members.csv:13: phone \"12\" is not a phone number");
    expect(result.stderr).toContain("members.csv:14: role must be one of member, secretary, deputy, committee");
    expect(result.stderr).toContain("orgs.csv:8: duplicate code A1 (first on line 5)");
  });

  it("lists the roster with link status, as text and as JSON", async () => {
    const text = await runChibo(["members", "A1"], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Chi bộ Ấp Một (A1): 5 người, 0 đã liên kết");
    expect(text.stdout).toMatch(/\[chưa liên kết\] Nguyễn Văn Bí {2}0912 000 101 {2}bí thư {2}chính thức/);
    const json = await runChibo(["members", "A1", "--json"], env);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.org).toEqual({ code: "A1", name: "Chi bộ Ấp Một", kind: "cell" });
    expect(parsed.members).toHaveLength(5);
    expect(parsed.members[0]).toMatchObject({ fullName: "Nguyễn Văn Bí", phone: "+84912000101", role: "secretary", linked: false });
    // Both reads are in the audit log, like an export.
    const database = await openDatabase(env.DATABASE_URL);
    try {
      const reads = await database.db.auditLog.findMany({ where: { action: "read.members" }, orderBy: { id: "asc" } });
      expect(reads.map((r) => [r.actor, JSON.parse(r.detail)])).toEqual([
        ["cli", { org: "A1", json: false }],
        ["cli", { org: "A1", json: true }],
      ]);
    } finally {
      await database.close();
    }
  });

  it("prints an invite deep link and the bare code, personal or for the organisation", async () => {
    const org = await runChibo(["invite", "A1", "--expires", "3d", "--now", "2026-11-20T10:00:00+07:00"], env);
    expect(org.stdout).toContain("hiệu lực đến 23/11/2026 10:00 (Asia/Ho_Chi_Minh)");
    expect(org.code).toBe(0);
    const link = /https:\/\/t\.me\/chibo_test_bot\?start=([A-Za-z0-9_-]+)/.exec(org.stdout);
    expect(link).not.toBeNull();
    expect(org.stdout.split("\n")).toContain(link![1]);
    expect(org.stdout).toContain("(tối đa 500 lượt)");
    const personal = await runChibo(["invite", "A1", "--person", "84912000103"], env);
    expect(personal.code).toBe(0);
    expect(personal.stdout).toContain("dành riêng cho Lê Văn Một");
    expect(personal.stdout).toContain("(tối đa 1 lượt)");
  });

  it.each([
    [["invite", "NOPE"], 1, "Không có tổ chức mã NOPE."],
    [["invite", "A1", "--person", "0912 999 000"], 1, "Không có người có số 0912 999 000 trong A1."],
    [["invite", "A1", "--expires", "soon"], 2, "Thời hạn «soon» không hợp lệ"],
    [["invite"], 2, "Tham số không đúng"],
    [["frobnicate"], 2, "Không có lệnh «frobnicate»."],
  ])("refuses %j clearly", async (args, code, message) => {
    const result = await runChibo(args as string[], env);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
  });

  it("prints a cell's calendar link, and revokes it for a new one", async () => {
    expect((await runChibo(["calendar", "A1"], env)).stderr).toContain("cần PUBLIC_URL và CHIBO_SECRET");
    const withFeeds = { ...env, PUBLIC_URL: "https://chibo.example.org", CHIBO_SECRET: "a-test-secret-of-enough-length" };
    const first = await runChibo(["calendar", "A1"], withFeeds);
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toMatch(/^https:\/\/chibo\.example\.org\/calendar\/\d+-[A-Za-z0-9_-]{24}\.ics$/);
    const revoked = await runChibo(["calendar", "A1", "--revoke"], withFeeds);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain("Đã thu hồi đường dẫn lịch cũ của Chi bộ Ấp Một");
    const link = revoked.stdout.trim().split("\n").at(-1)!;
    expect(link).toMatch(/\/calendar\/\d+-2-[A-Za-z0-9_-]{24}\.ics$/);
    expect((await runChibo(["calendar", "A1"], withFeeds)).stdout.trim()).toBe(link);
    expect((await runChibo(["calendar", "C1"], withFeeds)).code).toBe(1);
  });

  it("says what to do when start has no token, and exits non-zero", async () => {
    const result = await runChibo(["start"], { DATABASE_URL: env.DATABASE_URL });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Chưa có BOT_TOKEN");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("gives a clear message for a token Telegram refuses, not a stack trace", async () => {
    const result = await runChibo(["start"], { ...env, BOT_TOKEN: "123:wrong", TELEGRAM_API_ROOT: refusingRoot });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Telegram từ chối BOT_TOKEN (401 Unauthorized)");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("reports bad configuration field by field", async () => {
    const result = await runChibo(["members", "A1"], { DATABASE_URL: "mysql://x", LOG_LEVEL: "loud", BOT_TOKEN: "nope" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("DATABASE_URL: must start with file: (SQLite) or postgresql:// (PostgreSQL)");
    expect(result.stderr).toMatch(/LOG_LEVEL: /);
    expect(result.stderr).toMatch(/BOT_TOKEN: looks wrong/);
  });
});
