// `chibo start` with BOT_MODE=webhook, run in-process against the fake Bot API: updates
// are posted over HTTP as Telegram would (with or without the secret header), and the
// bot's replies are read back from the fake server. A gate in front of the fake server
// holds one reply, so "an update in hand while stopping" is a state the test controls.
import { createServer, type Server } from "node:http";
import { freePort } from "../../src/testing/free-port.js";
import { randomInt } from "node:crypto";
import pg from "pg";
import { connect } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startCommand } from "../../src/cli/start.js";
import { cliTranslator, type CliContext } from "../../src/cli/io.js";
import { loadConfig } from "../../src/config.js";
import { FakeTelegram } from "../../src/testing/fake-telegram.js";
import { createTestDatabase, PG_ADMIN_URL, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { waitFor } from "../helpers/wait.js";

const SECRET = "webhook-secret_of-the-test";


/** A pass-through in front of the fake Bot API that can hold, or refuse, the next sendMessage. */
async function gatedApi(target: string) {
  let hold: { reached: () => void; opened: Promise<void> } | undefined;
  let refuseNext = false;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (refuseNext && req.url?.endsWith("/sendMessage")) {
      refuseNext = false;
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error_code: 400, description: "Bad Request: refused by the test" }));
      return;
    }
    if (hold && req.url?.endsWith("/sendMessage")) {
      const held = hold;
      hold = undefined;
      held.reached();
      await held.opened;
    }
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers: { "content-type": req.headers["content-type"] ?? "application/json" },
      body: req.method === "GET" ? undefined : Buffer.concat(chunks),
    });
    res.writeHead(upstream.status, { "content-type": "application/json" }).end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    root: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    /** The next sendMessage waits until open() is called; `reached` resolves when it arrives. */
    holdNext() {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      const reached = new Promise<void>((resolve) => (hold = { reached: resolve, opened }));
      return { open, reached };
    },
    /** The next sendMessage gets a 400, as a handler's ordinary failure. */
    refuseNext() {
      refuseNext = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(PROVIDERS)("webhook mode on %s", (provider) => {
  let database: TestDatabase;
  let telegram: FakeTelegram;
  let gate: Awaited<ReturnType<typeof gatedApi>>;
  let url = "";
  let running: Promise<number> | undefined;
  let sigterm: () => void = () => undefined;
  let nextUpdateId = randomInt(1, 2 ** 30);
  const output: string[] = [];

  beforeEach(async () => {
    database = await createTestDatabase(provider);
    telegram = await FakeTelegram.start();
    gate = await gatedApi(telegram.apiRoot);
    const port = await freePort();
    url = `http://127.0.0.1:${port}/telegram/webhook`;
    const env = {
      DATABASE_URL: database.url,
      BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: gate.root,
      BOT_MODE: "webhook",
      WEBHOOK_URL: url,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      CHIBO_SECRET: "a-test-secret-of-enough-length",
      LOG_LEVEL: "silent",
    };
    output.length = 0;
    const cli: CliContext = {
      io: { out: (line) => output.push(line), err: (line) => output.push(line), env, now: () => new Date() },
      config: loadConfig(env),
      say: cliTranslator("vi"),
      now: () => new Date(),
    };
    const before = new Set(process.listeners("SIGTERM"));
    running = startCommand(cli);
    await waitFor(() => output.some((line) => line.includes("(webhook ")));
    // The handler start registered: calling it is what a SIGTERM does.
    sigterm = process.listeners("SIGTERM").find((listener) => !before.has(listener)) as () => void;
  });
  afterEach(async () => {
    if (running) {
      sigterm();
      await running;
    }
    running = undefined;
    await gate.close();
    await telegram.stop();
    await database.drop();
  });

  const chatId = 7001;
  function startUpdate(updateId = nextUpdateId++) {
    return {
      update_id: updateId,
      message: {
        message_id: updateId % 100_000,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: "private", first_name: "Lan" },
        from: { id: chatId, is_bot: false, first_name: "Lan", language_code: "vi" },
        text: "/start",
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    };
  }
  const post = (body: unknown, secret: string | null = SECRET) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret === null ? {} : { "x-telegram-bot-api-secret-token": secret }) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const replies = () => telegram.botMessages().filter((message) => message.chatId === String(chatId));

  it("registers itself with Telegram, with the secret", () => {
    const webhooks = (telegram.server as unknown as { webhooks: Record<string, { url: string; secret_token?: string }> }).webhooks;
    expect(webhooks[telegram.token]).toMatchObject({ url, secret_token: SECRET });
  });

  it("refuses updates without the right secret, and handles nothing", async () => {
    expect((await post(startUpdate(), null)).status).toBe(401);
    expect((await post(startUpdate(), "wrong-secret")).status).toBe(401);
    expect((await post(startUpdate(), `${SECRET}x`)).status).toBe(401);
    expect(replies()).toHaveLength(0);
  });

  it("refuses an oversized body, a GET and a body that is not an update", async () => {
    expect((await post("x".repeat(1_100_000))).status).toBe(413);
    expect((await fetch(url)).status).toBe(405);
    expect((await post("not json")).status).toBe(400);
    expect(replies()).toHaveLength(0);
  });

  it("answers a /start and a tap, and handles a redelivered update once", async () => {
    const update = startUpdate();
    expect((await post(update)).status).toBe(200);
    const afterFirst = replies().length;
    expect(afterFirst).toBeGreaterThan(0);
    expect((await post(update)).status).toBe(200);
    expect(replies()).toHaveLength(afterFirst);

    const tap = {
      update_id: nextUpdateId++,
      callback_query: {
        id: "tap-1",
        chat_instance: "1",
        data: "m:old-button",
        from: { id: chatId, is_bot: false, first_name: "Lan", language_code: "vi" },
        message: { message_id: 1, date: 0, chat: { id: chatId, type: "private", first_name: "Lan" }, text: "" },
      },
    };
    expect((await post(tap)).status).toBe(200);
    expect(telegram.callbackAnswers.get("tap-1")?.text).toBeTruthy();
  });

  it("answers 200 to an update whose handler failed, and tells the user to try again", async () => {
    gate.refuseNext();
    // A redelivery would only fail again: Telegram is told the update is done.
    expect((await post(startUpdate())).status).toBe(200);
    expect(replies().map((message) => message.text)).toEqual([expect.stringMatching(/^Xin lỗi, đã có lỗi\. .* Mã tham chiếu: \w+$/)]);
  });

  it("on SIGTERM stops within a bound though a request's body never ends", async () => {
    const socket = connect(Number(new URL(url).port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.on("error", () => undefined);
    socket.write(`POST /telegram/webhook HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nx-telegram-bot-api-secret-token: ${SECRET}\r\ncontent-length: 1000\r\n\r\n{"update_id":`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    sigterm();
    expect(await running).toBe(0);
    running = undefined;
    const tookMs = performance.now() - started;
    socket.destroy();
    // The bound is 5 s (closeHttpServer); before, the stop waited for the body until Node's 5-minute request timeout.
    expect(tookMs).toBeLessThan(15_000);
  });

  it("on SIGTERM finishes the update in hand and refuses later ones with 503", async () => {
    const held = gate.holdNext();
    const inHand = post(startUpdate());
    await held.reached;
    sigterm();
    const later = await post(startUpdate());
    expect(later.status).toBe(503);
    expect((await fetch(url.replace("/telegram/webhook", "/readyz"))).status).toBe(503);
    held.open();
    expect((await inHand).status).toBe(200);
    expect(await running).toBe(0);
    running = undefined;
    // The held reply went out; the refused update left nothing behind.
    expect(replies()).toHaveLength(1);
    await expect(fetch(url, { method: "POST" })).rejects.toThrow();
  });

  // An outage that can be made and ended on demand: PostgreSQL refusing connections.
  if (provider === "postgresql") it("answers 503 while the database is down, so Telegram redelivers, and nothing is lost", async () => {
    const name = new URL(database.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
      const update = startUpdate();
      expect((await post(update)).status).toBe(503);
      expect(replies()).toHaveLength(0);
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      // Telegram's redelivery of the same update, once the database is back.
      expect((await post(update)).status).toBe(200);
      expect(replies().length).toBeGreaterThan(0);
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
  });
});
