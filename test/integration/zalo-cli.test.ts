// The operator's side of Zalo: `chibo start` with only ZALO_BOT_TOKEN, `chibo invite
// --zalo`, and the demo on Zalo, each as a child process against the Zalo stand-in.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { FakeZalo } from "../../src/testing/fake-zalo.js";
import { runChibo } from "../helpers/cli.js";
import { csvFiles, MEMBERS, ORGS, IMPORTED_AT } from "../helpers/files.js";
import { waitFor } from "../helpers/wait.js";
import { spawnChibo } from "../../src/testing/chibo-process.js";


describe("Zalo from the command line", () => {
  let zalo: FakeZalo;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    zalo = await FakeZalo.start();
    dir = mkdtempSync(path.join(tmpdir(), "chibo-zalo-cli-"));
    env = { DATABASE_URL: `file:${path.join(dir, "chibo.db")}`, ZALO_BOT_TOKEN: zalo.token, ZALO_API_ROOT: zalo.apiRoot };
    const database = await openDatabase(env.DATABASE_URL);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    await database.close();
  });
  afterAll(async () => {
    await zalo?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints a personal Zalo invite: the bot's link and the message to type", async () => {
    const result = await runChibo(["invite", "A1", "--zalo", "--person", "0912 000 103"], env);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[1]).toContain("mở https://zalo.me/1459232241454765289 (bot Zalo «bot.chibo»)");
    expect(lines[2]).toMatch(/^\/start [A-Za-z0-9]{12}$/);
  });

  it("refuses --zalo without a Zalo token or link", async () => {
    const result = await runChibo(["invite", "A1", "--zalo"], { DATABASE_URL: env.DATABASE_URL });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cần ZALO_BOT_TOKEN");
  });

  it("serves Zalo alone with `start`, and stops on SIGTERM", async () => {
    const chibo = spawnChibo(["start"], { LOG_LEVEL: "silent", ...env });
    const stdout = () => chibo.stdout.join("\n");
    try {
      await waitFor(() => stdout().includes("Bot Zalo bot.chibo đang chạy (long polling)."), 30_000);
      // Files cannot go to Zalo without a public HTTP server: the operator is told.
      expect(chibo.stderr.join("\n")).toContain("tệp (biên bản, sổ theo dõi, biểu đồ) không gửi được qua Zalo");
      const stranger = zalo.user({ name: "Người lạ" });
      await zalo.push({
        event_name: "message.text.received",
        message: { message_id: "cli-1", from: { id: stranger.id, display_name: stranger.name }, chat: { id: stranger.id, chat_type: "PRIVATE" }, date: Date.now(), text: "xin chào" },
      });
      await waitFor(() => stranger.messages().length > 0, 30_000);
      expect(stranger.lastMessage()?.text).toMatch(/^Tài khoản Zalo này chưa được liên kết/);
    } finally {
      chibo.child.kill("SIGTERM");
    }
    expect(await chibo.exit).toBe(0);
  });

  it("plays the demo on Zalo with --zalo", async () => {
    const result = await runChibo(["demo", "--zalo", "--database", `file:${path.join(dir, "demo.db")}`], {}, 120_000);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toContain("🤖 → Cường Lê: Bí thư đã duyệt: tài khoản của đồng chí được liên kết với hồ sơ Lê Văn Cường");
    expect(out).toContain("🤖 → Nguyễn Văn An: Đã xác nhận. Thông báo đang được gửi tới 4 người.");
    expect(out).toContain("🤖 → Cường Lê: Câu trả lời không khớp lựa chọn nào. Hãy trả lời bằng một số từ 1 đến 5:");
    expect(out).toContain("🤖 → Nguyễn Văn An: Vũ Thị Giang báo vắng cuộc họp 19:30, Thứ Bảy 05/12/2026: Công tác – «Đi công tác Hải Phòng».");
    expect(out).toMatch(/📎 bien-ban-\d+\.docx: http:\/\/127\.0\.0\.1:\d+\/files\/shared\//);
    expect(out).toContain("1 cuộc họp: có mặt 1 (muộn 0)");
  });
});
