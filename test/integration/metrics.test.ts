// GET /metrics (src/metrics.ts, src/server/http.ts): the outbox by messenger and bot
// read at scrape time on the pinned clock, what a sender did (sent, failed, dropped,
// retried, 429s) against the Bot API stand-in, a running bot's ticks and updates, and
// METRICS_TOKEN. The text is parsed as Prometheus would read it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Server } from "node:http";
import { Api } from "grammy";
import { createHttpServer, listen } from "../../src/server/http.js";
import { createLogger } from "../../src/logger.js";
import { loadConfig, ConfigError } from "../../src/config.js";
import { enqueue, type OutboxItem } from "../../src/delivery/outbox.js";
import { Sender } from "../../src/delivery/sender.js";
import { bridgedZaloId } from "../../src/bot/channels.js";
import { createMetrics, type Metrics } from "../../src/metrics.js";
import { BotApiStandin } from "../../src/testing/bot-api-standin.js";
import type { InProcessTelegram } from "../../src/testing/in-process-telegram.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { startBotInProcess, type RunningBot } from "../helpers/bot.js";

const NOW = new Date("2026-11-20T03:00:00Z");
const MINUTE = 60_000;
const SECRET = "a-test-secret-of-enough-length";
const logger = createLogger("silent");

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a text exposition (comments left out). */
function parse(text: string): Sample[] {
  return text
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const match = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The value of the one sample with this name and (at least) these labels; undefined when there is none. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)}: ${found.length} samples`);
  return found[0]?.value;
}

async function serve(server: Server): Promise<string> {
  return `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
}

async function scrape(base: string, headers: Record<string, string> = {}): Promise<Sample[]> {
  const response = await fetch(`${base}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  return parse(await response.text());
}

function item(key: string, chatId: string | number, notBefore: Date, extra: Partial<OutboxItem> = {}): OutboxItem {
  return { key, chatId: String(chatId), kind: "test", payload: { text: `text of ${key}` }, notBefore, ...extra };
}

describe.each(PROVIDERS)("GET /metrics: the outbox and its sender on %s", (provider) => {
  let database: TestDatabase;
  let standin: BotApiStandin;
  let metrics: Metrics;
  let server: Server;
  let base = "";

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    standin = await BotApiStandin.start();
    metrics = createMetrics({ db: database.db, now: () => NOW, logger });
    server = createHttpServer({ db: database.db, logger, secret: SECRET, now: () => NOW, metrics });
    base = await serve(server);
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await standin?.stop();
    await database?.drop();
  });

  it("shows the due messages by messenger and bot, and counts what the sender did", async () => {
    const counters = metrics.sender({ messenger: "telegram", bot: "chibo_test_bot" });
    const tenAgo = new Date(NOW.getTime() - 10 * MINUTE);
    await enqueue(
      database.db,
      [
        item("t:1", 1001, tenAgo),
        item("t:2", 1002, new Date(NOW.getTime() - 4 * MINUTE)),
        item("t:3", 1003, new Date(NOW.getTime() - MINUTE)),
        item("t:refused", 1004, tenAgo),
        item("t:expired", 1005, tenAgo, { expiresAt: new Date(NOW.getTime() - MINUTE) }),
        // Not due yet (quiet hours): not in the depth.
        item("t:later", 1006, new Date(NOW.getTime() + 60 * MINUTE)),
        // No Zalo sender runs here: these wait, under the default bot.
        item("z:1", bridgedZaloId(1), new Date(NOW.getTime() - 5 * MINUTE)),
        item("z:2", bridgedZaloId(2), new Date(NOW.getTime() - 2 * MINUTE)),
      ],
      NOW,
    );

    const before = await scrape(base);
    const telegram = { messenger: "telegram", bot: "chibo_test_bot" };
    const zalo = { messenger: "zalo", bot: "default" };
    expect(valueOf(before, "chibo_outbox_depth", telegram)).toBe(5);
    expect(valueOf(before, "chibo_outbox_oldest_due_age_seconds", telegram)).toBe(600);
    expect(valueOf(before, "chibo_outbox_depth", zalo)).toBe(2);
    expect(valueOf(before, "chibo_outbox_oldest_due_age_seconds", zalo)).toBe(300);
    // Counters are there, at zero, before anything happened.
    for (const name of ["sent", "retried", "failed", "dropped", "rate_limited"]) {
      expect(valueOf(before, `chibo_outbox_${name}_total`, telegram)).toBe(0);
    }

    // The first call is paced (429, retry after 1 s); one chat has blocked the bot (403).
    standin.failNext(1, { status: 429, retryAfter: 1 });
    standin.failChat(1004, { status: 403, description: "Forbidden: bot was blocked by the user" });
    const sender = new Sender({
      db: database.db,
      api: new Api("123456:TEST", { apiRoot: standin.apiRoot, timeoutSeconds: 5 }),
      channel: "telegram",
      logger,
      now: () => NOW,
      backoff: { baseMs: 50, maxMs: 200 },
      limits: { perSecond: 200, perChatPerSecond: 50, perGroupPerMinute: 600, maxAttempts: 5, leaseSeconds: 30 },
      counters,
    });
    const summary = await sender.drainUntilIdle({ timeoutMs: 15_000 });
    expect(summary).toEqual({ sent: 3, retried: 1, failed: 1, dropped: 1 });

    const after = await scrape(base);
    expect(valueOf(after, "chibo_outbox_sent_total", telegram)).toBe(3);
    expect(valueOf(after, "chibo_outbox_rate_limited_total", telegram)).toBe(1);
    expect(valueOf(after, "chibo_outbox_retried_total", telegram)).toBe(1);
    expect(valueOf(after, "chibo_outbox_failed_total", telegram)).toBe(1);
    expect(valueOf(after, "chibo_outbox_dropped_total", telegram)).toBe(1);
    expect(valueOf(after, "chibo_outbox_depth", telegram)).toBe(0);
    expect(valueOf(after, "chibo_outbox_oldest_due_age_seconds", telegram)).toBe(0);
    expect(valueOf(after, "chibo_outbox_depth", zalo)).toBe(2);
    // The Zalo rows are counted under no sender's counters.
    expect(valueOf(after, "chibo_outbox_sent_total", { messenger: "zalo" })).toBeUndefined();
  });

  it("shows each province bot's own depth, and its sender sends only its province's rows", async () => {
    const province = await database.db.org.create({ data: { code: "HN", name: "Hà Nội", kind: "province", path: "/", bot: "2001" } });
    const counters = metrics.sender({ messenger: "telegram", bot: "chibo_hn_bot", route: "2001" });
    const due = new Date(NOW.getTime() - 3 * MINUTE);
    await enqueue(database.db, [item("hn:1", 2101, due, { orgId: province.id }), item("hn:2", 2102, due, { orgId: province.id }), item("main:1", 2103, due)], NOW);
    const hanoi = { messenger: "telegram", bot: "chibo_hn_bot" };
    const before = await scrape(base);
    expect(valueOf(before, "chibo_outbox_depth", hanoi)).toBe(2);
    expect(valueOf(before, "chibo_outbox_depth", { messenger: "telegram", bot: "chibo_test_bot" })).toBe(1);

    const sender = new Sender({
      db: database.db,
      api: new Api("2001:TEST", { apiRoot: standin.apiRoot, timeoutSeconds: 5 }),
      channel: "telegram",
      bot: "2001",
      logger,
      now: () => NOW,
      limits: { perSecond: 200, perChatPerSecond: 50, perGroupPerMinute: 600, maxAttempts: 5, leaseSeconds: 30 },
      counters,
    });
    expect(await sender.drainUntilIdle({ timeoutMs: 15_000 })).toEqual({ sent: 2, retried: 0, failed: 0, dropped: 0 });
    const after = await scrape(base);
    expect(valueOf(after, "chibo_outbox_sent_total", hanoi)).toBe(2);
    expect(valueOf(after, "chibo_outbox_depth", hanoi)).toBe(0);
    expect(valueOf(after, "chibo_outbox_depth", { messenger: "telegram", bot: "chibo_test_bot" })).toBe(1);
  });
});

describe("GET /metrics of a running bot: ticks, updates and its sender", () => {
  let database: TestDatabase;
  let running: RunningBot<InProcessTelegram>;
  let server: Server;
  let base = "";

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const metrics = createMetrics({ db: database.db, now: () => running.now.value, logger });
    running = await startBotInProcess(database.db, { now: NOW, metrics });
    server = createHttpServer({ db: database.db, logger, secret: SECRET, now: () => running.now.value, metrics });
    base = await serve(server);
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await running?.stop();
    await database?.drop();
  });

  it("times each tick and each update, and labels the runtime's sender with the bot's username", async () => {
    const bot = { messenger: "telegram", bot: "TestNameBot" };
    const quiet = await scrape(base);
    expect(valueOf(quiet, "chibo_tick_duration_seconds_count")).toBeUndefined();
    expect(valueOf(quiet, "chibo_update_duration_seconds_count")).toBeUndefined();
    expect(valueOf(quiet, "chibo_outbox_depth", bot)).toBe(0);

    await enqueue(database.db, [item("hello", 4242, NOW)], NOW);
    await running.tickAt(NOW);
    await running.telegram.user({ id: 4343, firstName: "Khách" }).send("/help");

    const samples = await scrape(base);
    expect(valueOf(samples, "chibo_tick_duration_seconds_count", { outcome: "ok" })).toBe(1);
    expect(valueOf(samples, "chibo_tick_duration_seconds_bucket", { outcome: "ok", le: "+Inf" })).toBe(1);
    expect(valueOf(samples, "chibo_update_duration_seconds_count", { ...bot, outcome: "ok" })).toBe(1);
    expect(valueOf(samples, "chibo_update_duration_seconds_sum", { ...bot, outcome: "ok" })).toBeGreaterThan(0);
    expect(valueOf(samples, "chibo_outbox_sent_total", bot)).toBe(1);
    expect(valueOf(samples, "chibo_outbox_depth", bot)).toBe(0);
  });
});

describe("METRICS_TOKEN", () => {
  const TOKEN = "metrics-token-0123456789";
  let database: TestDatabase;
  let server: Server;
  let base = "";

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const config = loadConfig({ METRICS_TOKEN: TOKEN, LOG_LEVEL: "silent" });
    const metrics = createMetrics({ db: database.db, now: () => NOW, logger });
    // A sender that was not told its bot's name.
    metrics.sender({ messenger: "telegram" });
    server = createHttpServer({ db: database.db, logger, secret: SECRET, now: () => NOW, metrics, metricsToken: config.METRICS_TOKEN });
    base = await serve(server);
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await database?.drop();
  });
  it.each([
    ["no Authorization header", {}],
    ["a wrong token", { authorization: "Bearer metrics-token-0123456780" }],
    ["the token without Bearer", { authorization: TOKEN }],
    ["another scheme", { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}` }],
  ])("answers 401 to %s", async (_case, headers: Record<string, string>) => {
    const response = await fetch(`${base}/metrics`, { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect(await response.text()).not.toContain("chibo_");
  });

  it("serves the metrics to the right token", async () => {
    const samples = await scrape(base, { authorization: `Bearer ${TOKEN}` });
    expect(valueOf(samples, "chibo_outbox_sent_total", { messenger: "telegram", bot: "default" })).toBe(0);
    expect(valueOf(samples, "chibo_outbox_depth", { messenger: "telegram", bot: "default" })).toBe(0);
    // Health stays open.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("is at least 16 characters, and optional", () => {
    expect(() => loadConfig({ METRICS_TOKEN: "short" })).toThrow(ConfigError);
    expect(loadConfig({ METRICS_TOKEN: "" }).METRICS_TOKEN).toBeUndefined();
    expect(loadConfig({}).METRICS_TOKEN).toBeUndefined();
  });
});
