// No token or secret in any output, log line, stored error or file, whatever the error.
// A network error's message holds the Bot API URL, and with it the token: each kind of
// transport error is fed here, and everything chibo wrote is searched for the secrets.
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue } from "../../src/delivery/outbox.js";
import { Sender } from "../../src/delivery/sender.js";
import { rememberSecrets, secretsOfEnv } from "../../src/lib/secrets.js";
import { createLogger } from "../../src/logger.js";
import { BotApiStandin } from "../../src/testing/bot-api-standin.js";
import { spawnChibo } from "../../src/testing/chibo-process.js";
import { freePort } from "../../src/testing/free-port.js";
import { runChibo } from "../helpers/cli.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { dumpTables, fileBytes } from "../helpers/dump.js";
import { waitFor } from "../helpers/wait.js";

const TOKEN = "123456:SUPERSECRET-token_abcdefghijklmn";
const ZALO_TOKEN = "zalo-SUPERSECRET-0123456789abcdef";
const WEBHOOK_SECRET = "webhook-SUPERSECRET-0123456789";
const CHIBO_SECRET = "chibo-SUPERSECRET-link-signing-key";
const SECRETS = [TOKEN, TOKEN.split(":")[1], ZALO_TOKEN, WEBHOOK_SECRET, CHIBO_SECRET, encodeURIComponent(TOKEN)];
const UNREACHABLE = "http://127.0.0.1:1";

/** The secrets found in a text (none, we hope), with the token's Bot API path form. */
function leaks(text: string): string[] {
  const found = SECRETS.filter((secret) => text.includes(secret));
  if (/\/bot\d+:[A-Za-z0-9_-]{6,}/.test(text)) found.push("a /bot<token> path");
  return found;
}

describe("no secret in what the CLI prints", () => {
  it.each([
    ["doctor", ["doctor"], { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: UNREACHABLE }],
    ["start, Telegram unreachable", ["start"], { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: UNREACHABLE }],
    ["start, Zalo unreachable", ["start"], { ZALO_BOT_TOKEN: ZALO_TOKEN, ZALO_API_ROOT: UNREACHABLE }],
    ["start with every secret set", ["start"], { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: UNREACHABLE, CHIBO_SECRET, HTTP_PORT: "1", LOG_LEVEL: "debug" }],
  ])("%s", async (_name, args, env) => {
    const result = await runChibo(args, { DATABASE_URL: "file::memory:", ...env });
    expect(result.code).not.toBe(0);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).toMatch(/127\.0\.0\.1:1/);
    expect(leaks(output)).toEqual([]);
  });
});

describe.each(PROVIDERS)("no secret in stored errors and logs on %s", (provider) => {
  let database: TestDatabase;
  let standin: BotApiStandin;
  const lines: string[] = [];
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    standin = await BotApiStandin.start();
    // What the composition root does with its environment (src/cli.ts).
    rememberSecrets(secretsOfEnv({ BOT_TOKEN: TOKEN, WEBHOOK_SECRET, CHIBO_SECRET }));
  });
  afterAll(async () => {
    await standin?.stop();
    await database?.drop();
  });

  function sender(apiRoot: string): Sender {
    return new Sender({
      db: db(),
      api: new Api(TOKEN, { apiRoot, timeoutSeconds: 1 }),
      logger: createLogger("debug", { write: (line: string) => void lines.push(line) } as never),
      now: () => new Date(),
      limits: { perSecond: 200, perChatPerSecond: 50, maxAttempts: 1, leaseSeconds: 4 },
      backoff: { baseMs: 20, maxMs: 50 },
    });
  }

  it("keeps every kind of transport error's text free of the token, in the database and the log", async () => {
    const item = (key: string, chatId: string) => ({ key, chatId, kind: "test", payload: { text: key }, notBefore: new Date(Date.now() - 1000) });
    await enqueue(db(), ["reset", "timeout", "502", "400", "401"].map((fault, i) => item(`secret:${fault}`, String(8_800_001 + i))), new Date());
    standin.failChat("8800001", "reset");
    standin.failChat("8800002", "timeout");
    // A proxy in front of the Bot API that echoes the URL, token and all.
    standin.failChat("8800003", { status: 502, description: `Bad Gateway: ${standin.apiRoot}/bot${TOKEN}/sendMessage` });
    standin.failChat("8800004", { status: 400, description: `Bad Request: token ${TOKEN} is not allowed here` });
    standin.failChat("8800005", { status: 500, description: `Internal error for ${encodeURIComponent(TOKEN)}` });
    await sender(standin.apiRoot).drainUntilIdle({ timeoutMs: 10_000 });
    await enqueue(db(), [item("secret:refused", "8800006")], new Date());
    await sender(UNREACHABLE).drainUntilIdle({ timeoutMs: 5_000 });

    const rows = await db().outboxMessage.findMany({ where: { key: { startsWith: "secret:" } }, orderBy: { key: "asc" } });
    expect(rows.map((r) => [r.key, r.status])).toEqual([
      ["secret:400", "failed"],
      ["secret:401", "failed"],
      ["secret:502", "failed"],
      ["secret:refused", "failed"],
      ["secret:reset", "failed"],
      ["secret:timeout", "failed"],
    ]);
    // Each error is still there to read, without the secret.
    expect(rows.every((r) => (r.lastError ?? "").length > 0)).toBe(true);
    expect(rows.find((r) => r.key === "secret:502")!.lastError).toContain("/bot[secret]/sendMessage");
    expect(rows.find((r) => r.key === "secret:refused")!.lastError).toMatch(/ECONNREFUSED/);
    expect(leaks(rows.map((r) => r.lastError).join("\n"))).toEqual([]);
    expect(lines.some((line) => line.includes("http://127.0.0.1:1/bot[secret]/sendMessage"))).toBe(true);
    expect(leaks(lines.join("\n"))).toEqual([]);
    expect(leaks((await dumpTables(db(), provider)).text)).toEqual([]);
    if (provider === "sqlite") {
      const file = database.url.slice("file:".length);
      expect(leaks(fileBytes([file, `${file}-wal`]).map((bytes) => bytes.toString("latin1")).join("\n"))).toEqual([]);
    }
  });

  it("prints stored errors without a secret, even one written before the scrubbing", async () => {
    await enqueue(db(), [{ key: "secret:legacy", chatId: "8800009", kind: "test", payload: { text: "x" }, notBefore: new Date() }], new Date());
    await db().outboxMessage.update({ where: { key: "secret:legacy" }, data: { status: "failed", lastError: `request to http://x/bot${TOKEN}/sendMessage failed` } });
    for (const args of [["outbox"], ["outbox", "--json"]]) {
      const result = await runChibo(args, { DATABASE_URL: database.url, BOT_TOKEN: TOKEN });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("/bot[secret]/sendMessage");
      expect(leaks(result.stdout + result.stderr)).toEqual([]);
    }
  });
});

describe("no secret in the log of a running bot", () => {
  let standin: BotApiStandin;
  let database: TestDatabase;
  afterAll(async () => {
    await standin?.stop();
    await database?.drop();
  });

  it("logs an update cut short by a reset connection at error level, without the token", async () => {
    standin = await BotApiStandin.start();
    database = await createTestDatabase("sqlite");
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const chibo = spawnChibo(["start"], {
      DATABASE_URL: database.url,
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: standin.apiRoot,
      BOT_MODE: "webhook",
      WEBHOOK_URL: `${base}/telegram/webhook`,
      WEBHOOK_SECRET,
      PORT: String(port),
      CHIBO_SECRET,
      LOG_LEVEL: "debug",
    });
    try {
      await waitFor(() => chibo.stdout.some((line) => line.includes("(webhook ")) || !chibo.alive(), 60_000);
      standin.failNext(5, "reset");
      const update = { update_id: 77, message: { message_id: 1, date: 0, chat: { id: 4242, type: "private", first_name: "A" }, from: { id: 4242, is_bot: false, first_name: "A" }, text: "/help" } };
      const response = await fetch(`${base}/telegram/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
        body: JSON.stringify(update),
      });
      expect(response.status).toBe(200);
      await waitFor(() => chibo.stderr.some((line) => line.includes('"level":50')), 20_000);
    } finally {
      await chibo.stop();
    }
    const errors = chibo.stderr.filter((line) => line.includes('"level":50'));
    expect(errors.length).toBeGreaterThan(0);
    expect(leaks([...chibo.stdout, ...chibo.stderr].join("\n"))).toEqual([]);
  });
});
