// `chibo outbox` after the sender met Telegram's faults (against the Bot API stand-in):
// what was sent, what was not and why, who is unreachable, what still waits; and the
// line `chibo doctor` adds when something failed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api } from "grammy";
import { runCli } from "../../src/cli.js";
import { ZALO_ID_BASE } from "../../src/bot/channels.js";
import type { OutboxReport } from "../../src/cli/outbox.js";
import { dropPending, enqueue, type OutboxItem } from "../../src/delivery/outbox.js";
import { Sender, type SenderOptions } from "../../src/delivery/sender.js";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createLogger } from "../../src/logger.js";
import { BotApiStandin } from "../../src/testing/bot-api-standin.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS, IMPORTED_AT } from "../helpers/files.js";

const MINUTE = 60_000;
const ZALO_CHAT = String(ZALO_ID_BASE + 5);

describe.each(PROVIDERS)("chibo outbox on %s", (provider) => {
  let database: TestDatabase;
  let standin: BotApiStandin;

  async function chibo(args: string[], env: Record<string, string> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, { out: (line) => out.push(line), err: (line) => err.push(line), env: { DATABASE_URL: database.url, LOG_LEVEL: "silent", ...env }, now: () => new Date() });
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
  }
  const report = async (...args: string[]) => JSON.parse((await chibo(["outbox", "--json", ...args])).stdout) as OutboxReport;

  function sender(options: Partial<SenderOptions>): Sender {
    return new Sender({
      db: database.db,
      api: new Api("123456:TEST", { apiRoot: standin.apiRoot, timeoutSeconds: 5 }),
      logger: createLogger("silent"),
      channel: "telegram",
      limits: { perSecond: 200, perChatPerSecond: 50, perGroupPerMinute: 600, maxAttempts: 2, leaseSeconds: 30 },
      backoff: { baseMs: 20, maxMs: 50 },
      now: () => new Date(),
      ...options,
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    standin = await BotApiStandin.start();
    const db = database.db;
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    const mot = await db.person.findUniqueOrThrow({ where: { phone: "+84912000103" } });
    const hai = await db.person.findUniqueOrThrow({ where: { phone: "+84912000104" } });
    const now = Date.now();
    const item = (key: string, chatId: string, extra: Partial<OutboxItem> = {}): OutboxItem => ({
      key,
      chatId,
      kind: "reminder",
      payload: { text: `text of ${key}` },
      notBefore: new Date(now - MINUTE),
      ...extra,
    });
    await enqueue(db, [
      item("ok:1", "9104", { personId: hai.id }),
      item("ok:2", "9101"),
      item("blocked:1", "9103", { personId: mot.id }),
      item("blocked:2", "9103", { personId: mot.id }),
      item("no-chat", "9999"),
      item("server", "9998"),
      item("expired", "9104", { expiresAt: new Date(now - MINUTE) }),
      item("moved", "9104", { meetingId: 4242 }),
      item("later", "9104", { notBefore: new Date(now + 180 * MINUTE) }),
      item("zalo", ZALO_CHAT),
    ], new Date());
    await dropPending(db, { meetingId: 4242 });
    // Queued for Zalo an hour and a half ago; no Zalo sender has taken it.
    await db.outboxMessage.update({ where: { key: "zalo" }, data: { createdAt: new Date(now - 90 * MINUTE), notBefore: new Date(now - 90 * MINUTE) } });
    standin.failChat("9103", { status: 403, description: "Forbidden: bot was blocked by the user" });
    standin.failChat("9999", { status: 400, description: "Bad Request: chat not found" });
    standin.failChat("9998", { status: 500 });
    await sender({}).drainUntilIdle({ timeoutMs: 10_000 });

    // One message met a 502 and waits ten minutes for its next attempt.
    await enqueue(db, [item("retrying", "9997")], new Date());
    standin.failChat("9997", { status: 502 });
    await sender({ limits: { maxAttempts: 8 }, backoff: { baseMs: 10 * MINUTE, maxMs: 10 * MINUTE } }).drainOnce();

    // A failure three days ago: outside the default window.
    await enqueue(db, [item("old", "9999")], new Date());
    await db.outboxMessage.update({
      where: { key: "old" },
      data: { status: "failed", lastError: "400: Bad Request: chat not found", createdAt: new Date(now - 3 * 1440 * MINUTE) },
    });
  });
  afterAll(async () => {
    await standin?.stop();
    await database?.drop();
  });

  it("counts the last 24 hours by status and messenger, and groups what was not delivered by reason", async () => {
    const figures = await report();
    expect(figures.byStatus).toEqual({ sent: 2, failed: 4, dropped: 2, pending: 3 });
    expect(figures.byChannel).toEqual({ telegram: { sent: 2, failed: 4, dropped: 2, pending: 2 }, zalo: { pending: 1 } });
    expect(figures.notDelivered.map(({ status, reason, count }) => [status, reason, count]).sort()).toEqual([
      ["dropped", "expired", 1],
      ["dropped", "meeting-changed", 1],
      ["failed", "blocked", 1],
      ["failed", "chat-not-found", 1],
      ["failed", "gave-up-server", 1],
      ["failed", "unreachable-earlier", 1],
    ]);
    expect(figures.faults).toBe(5);
    expect(figures.unreachable.map((p) => [p.name, p.orgs])).toEqual([["Lê Văn Một", ["A1"]]]);
  });

  it("lists what is due and not sent yet, with the next attempt, and what waits for later", async () => {
    const { waiting, scheduledLater } = await report();
    expect(scheduledLater).toBe(1);
    expect(waiting.count).toBe(2);
    expect(waiting.oldestWaitingMinutes).toBeGreaterThanOrEqual(90);
    expect(waiting.oldestWaitingMinutes).toBeLessThan(100);
    const retrying = waiting.rows.find((row) => row.key === "retrying")!;
    expect(retrying).toMatchObject({ status: "pending", attempts: 1, lastError: "502: Bad Gateway" });
    expect(new Date(retrying.nextAttemptAt).getTime()).toBeGreaterThan(Date.now() + 5 * MINUTE);
    expect(waiting.rows.find((row) => row.key === "zalo")).toMatchObject({ channel: "zalo", attempts: 0 });
  });

  it("widens the window with --since", async () => {
    const week = await report("--since", "7d");
    expect(week.byStatus.failed).toBe(5);
    expect(week.notDelivered.find((entry) => entry.reason === "chat-not-found")?.count).toBe(2);
    const fromIso = await report("--since", new Date(Date.now() - 4 * 1440 * MINUTE).toISOString());
    expect(fromIso.faults).toBe(6);
    const bad = await chibo(["outbox", "--since", "yesterday"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("is neither a duration");
  });

  it("prints the summary for the operator", async () => {
    const { code, stdout } = await chibo(["outbox"], { CHIBO_LANG: "en" });
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(/^Messages queued since \d\d\/\d\d\/\d{4} \d\d:\d\d \(Asia\/Ho_Chi_Minh\): 11$/);
    expect(lines).toContain("  telegram: sent 2 · failed 4 · dropped 2 · waiting 2");
    expect(lines).toContain("  zalo: waiting 1");
    expect(lines).toContain("  1 × failed: the person blocked the bot (403)");
    expect(lines).toContain("  1 × failed: given up after repeated server errors (5xx)");
    expect(lines).toContain("  1 × dropped: dropped because the meeting was moved or cancelled");
    expect(lines).toContain("People marked unreachable: 1");
    expect(stdout).toMatch(/ {2}Lê Văn Một \(A1\), since \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    expect(stdout).toMatch(/^Due and not sent yet: 2; the oldest has waited 9\d min\.$/m);
    expect(stdout).toMatch(/reminder to 9997 \(telegram\): 1 attempt failed \(502: Bad Gateway\); next attempt \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    expect(lines).toContain("1 more is queued for later (quiet hours or a set time).");
  });

  it("makes chibo doctor point to chibo outbox", async () => {
    const { stdout } = await chibo(["doctor"]);
    expect(stdout).toContain("⚠️ 5 tin trong 24 giờ qua chưa đến tay người nhận. Chạy `chibo outbox` để xem lý do.");
  });

  it("says nothing of paid broadcasts while they are off, then what a paid drain spent against its budget", async () => {
    const before = await chibo(["outbox"], { CHIBO_LANG: "en" });
    expect(before.stdout).not.toContain("Paid broadcasts");
    const half = await chibo(["outbox"], { TELEGRAM_PAID_BROADCAST_PER_SECOND: "50" });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain("paid broadcasts need both a rate");

    const now = Date.now();
    const bulk = Array.from({ length: 12 }, (_, i): OutboxItem => ({ key: `paid:${i}`, chatId: String(9200 + i), kind: "reminder", payload: { text: "nhắc họp" }, notBefore: new Date(now - MINUTE) }));
    await enqueue(database.db, bulk, new Date());
    // 2 a second free, 50 paid, a budget of 1 Star: 10 messages with the flag at most.
    const paid = { perSecond: 50, starsPerMonth: 1, bot: "123456" };
    await sender({ limits: { perSecond: 2, perChatPerSecond: 50, perGroupPerMinute: 600, maxAttempts: 2, leaseSeconds: 30 }, paidBroadcast: paid }).drainUntilIdle({ timeoutMs: 20_000 });
    const delivered = standin.sent.filter((sent) => Number(sent.chatId) >= 9200 && Number(sent.chatId) < 9212);
    expect(delivered).toHaveLength(12);
    const flagged = delivered.filter((sent) => sent.paid).length;
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThanOrEqual(10);

    const env = { CHIBO_LANG: "en", BOT_TOKEN: "123456:TEST", TELEGRAM_PAID_BROADCAST_PER_SECOND: "50", TELEGRAM_PAID_BROADCAST_STARS_PER_MONTH: "1" };
    const month = new Date().toISOString().slice(0, 7);
    const stars = flagged / 10;
    const { stdout } = await chibo(["outbox"], env);
    expect(stdout).toContain(`Paid broadcasts (allow_paid_broadcast): up to 50 more messages a second, a budget of 1 Stars a month; ${month} (UTC) so far: ${stars} Stars.`);
    expect(stdout).toContain(`  ${month}, bot 123456: ${flagged} paid messages = ${stars} Stars`);
    const figures = JSON.parse((await chibo(["outbox", "--json"], env)).stdout) as OutboxReport;
    expect(figures.paidBroadcast).toEqual({ allowed: { perSecond: 50, starsPerMonth: 1 }, month, spent: [{ bot: "123456", month, messages: flagged, stars }] });
  });
});
