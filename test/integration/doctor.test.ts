// `chibo doctor`: each check as an operator reads it, and an exit code scripts can use.
import { createServer, type Server } from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { openDatabase } from "../../src/db/client.js";
import { FakeTelegram } from "../../src/testing/fake-telegram.js";
import { tempDir } from "../helpers/temp-dirs.js";

async function doctor(env: Record<string, string>) {
  const lines: string[] = [];
  const code = await runCli(["doctor"], { out: (line) => lines.push(line), err: (line) => lines.push(line), env: { LOG_LEVEL: "silent", ...env }, now: () => new Date() });
  return { code, text: lines.join("\n") };
}

describe("chibo doctor", () => {
  const dir = tempDir("doctor");
  const healthyUrl = `file:${path.join(dir, "healthy.db")}`;
  const behindUrl = `file:${path.join(dir, "behind.db")}`;
  let telegram: FakeTelegram;
  let refusing: Server;
  let refusingRoot = "";

  beforeAll(async () => {
    telegram = await FakeTelegram.start();
    for (const url of [healthyUrl, behindUrl]) await (await openDatabase(url)).close();
    // A database one migration behind, as after upgrading the code but before starting it.
    const behind = new Database(behindUrl.slice("file:".length));
    behind.exec(`DELETE FROM "_prisma_migrations" WHERE migration_name = (SELECT max(migration_name) FROM "_prisma_migrations")`);
    behind.close();
    refusing = createServer((_req, res) => {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error_code: 401, description: "Unauthorized" }));
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    refusingRoot = `http://127.0.0.1:${(refusing.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await telegram.stop();
    await new Promise<void>((resolve) => refusing.close(() => resolve()));
  });

  it("passes a healthy installation and exits 0, without printing the token", async () => {
    const result = await doctor({ DATABASE_URL: healthyUrl, BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot });
    expect(result.code).toBe(0);
    expect(result.text).toContain("✅ Cấu hình hợp lệ (chế độ nhận tin: polling).");
    expect(result.text).toContain("✅ Kết nối được cơ sở dữ liệu (sqlite).");
    expect(result.text).toMatch(/✅ Cấu trúc cơ sở dữ liệu đã cập nhật \(\d+ migration đã áp dụng\)\./);
    expect(result.text).toContain("✅ BOT_TOKEN hợp lệ: bot @TestNameBot.");
    expect(result.text).toContain("✅ Không có webhook nào");
    expect(result.text).toContain("Mọi thứ đều ổn.");
    expect(result.text).not.toContain(telegram.token);
  });

  it("explains a token Telegram refuses, and exits 1", async () => {
    const result = await doctor({ DATABASE_URL: healthyUrl, BOT_TOKEN: "123:wrong", TELEGRAM_API_ROOT: refusingRoot, CHIBO_LANG: "en" });
    expect(result.code).toBe(1);
    expect(result.text).toContain("❌ Telegram refused BOT_TOKEN (401 Unauthorized)");
    expect(result.text).toContain("1 problem to fix.");
  });

  it("counts migrations not applied, without applying them", async () => {
    const first = await doctor({ DATABASE_URL: behindUrl, BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot, CHIBO_LANG: "en" });
    expect(first.code).toBe(1);
    expect(first.text).toMatch(/❌ 1 migrations not applied \(\d+_\w+\)/);
    const again = await doctor({ DATABASE_URL: behindUrl, BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot, CHIBO_LANG: "en" });
    expect(again.text).toContain("❌ 1 migrations not applied");
  });

  it("lists what webhook mode lacks instead of stopping at the first problem", async () => {
    const result = await doctor({ DATABASE_URL: healthyUrl, BOT_MODE: "webhook", WEBHOOK_SECRET: "has spaces" });
    expect(result.code).toBe(1);
    expect(result.text).toContain("❌ Cấu hình không hợp lệ");
    expect(result.text).toContain("WEBHOOK_URL: is required when BOT_MODE=webhook");
    expect(result.text).toContain("WEBHOOK_SECRET: must be 1 to 256 characters");
    expect(result.text).toContain("PORT: is required when BOT_MODE=webhook");
  });

  it("in webhook mode, says when Telegram posts somewhere else", async () => {
    await fetch(`${telegram.apiRoot}/bot${telegram.token}/setWebhook`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: "https://old.example.org/hook" }),
    });
    const env = {
      DATABASE_URL: healthyUrl,
      BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://chibo.example.org/telegram/webhook",
      WEBHOOK_SECRET: "s3cret_value",
      PORT: "8080",
      CHIBO_SECRET: "a-test-secret-of-enough-length",
    };
    const result = await doctor(env);
    expect(result.code).toBe(1);
    expect(result.text).toContain("❌ Telegram đang gửi tin tới https://old.example.org/hook, không phải WEBHOOK_URL");
    expect(result.text).not.toContain("s3cret_value");
    const polling = await doctor({ DATABASE_URL: healthyUrl, BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot });
    expect(polling.code).toBe(0);
    expect(polling.text).toContain("⚠️ Telegram đang gửi tin tới webhook https://old.example.org/hook trong khi BOT_MODE=polling");
  });
});
