// The outbox and its sender against the local Bot API stand-in, on SQLite and
// PostgreSQL: idempotent enqueue, limits, retries, refusals, expiry, leases, and two
// senders sharing one database.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Api, InputFile } from "grammy";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { openDatabase, type Database, type Db } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { dropPending, enqueue, type OutboxItem } from "../../src/delivery/outbox.js";
import { OutboxStore } from "../../src/delivery/outbox-store.js";
import { Sender, type SenderLimits, type SenderOptions, type UnreachableRow } from "../../src/delivery/sender.js";
import { BotApiStandin } from "../../src/testing/bot-api-standin.js";

const FAST: SenderLimits = { perSecond: 200, perChatPerSecond: 50, perGroupPerMinute: 600, maxAttempts: 5, leaseSeconds: 30 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let phoneSeq = 0;

function item(key: string, chatId: string, extra: Partial<OutboxItem> = {}): OutboxItem {
  return { key, chatId, kind: "test", payload: { text: `text of ${key}` }, notBefore: new Date(Date.now() - 1000), ...extra };
}

describe.each(PROVIDERS)("outbox and sender on %s", (provider) => {
  let database: TestDatabase;
  let second: Database;
  let db: Db;
  let standin: BotApiStandin;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.db;
    // A second client on the same database: what a second process would have.
    second = await openDatabase(database.url, { migrate: false });
  });
  afterAll(async () => {
    await second?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    await db.outboxMessage.deleteMany();
    standin = await BotApiStandin.start();
  });
  afterEach(async () => {
    await standin.stop();
  });

  function api(timeoutSeconds = 5): Api {
    return new Api("123456:TEST", { apiRoot: standin.apiRoot, timeoutSeconds });
  }

  function sender(options: Partial<SenderOptions> & { limits?: Partial<SenderLimits> } = {}): Sender {
    return new Sender({
      db,
      api: api(),
      logger: createLogger("silent"),
      backoff: { baseMs: 50, maxMs: 200 },
      now: () => new Date(),
      ...options,
      limits: { ...FAST, ...options.limits },
    });
  }

  async function person(name: string): Promise<number> {
    phoneSeq += 1;
    const created = await db.person.create({
      data: { fullName: name, phone: `+849120${String(phoneSeq).padStart(5, "0")}` },
    });
    return created.id;
  }

  it("enqueues each key once, also when two calls race", async () => {
    const items = Array.from({ length: 1200 }, (_, i) =>
      item(`idem:${i}`, String(6_000_000 + i), {
        personId: i % 7 === 0 ? i : undefined,
        orgId: 3,
        meetingId: 9,
        expiresAt: new Date(Date.now() + 3_600_000),
        payload: { text: `xin chào ${i} — “quoted” 'single' \\ back`, replyMarkup: { inline_keyboard: [[{ text: "ok", callback_data: `a:${i}` }]] } },
      }),
    );
    expect(await enqueue(db, items, new Date())).toBe(1200);
    expect(await enqueue(db, items, new Date())).toBe(0);
    expect(await enqueue(db, [...items.slice(0, 10), item("idem:new", "42")], new Date())).toBe(1);

    const race = Array.from({ length: 700 }, (_, i) => item(`race:${i}`, String(7_000_000 + i)));
    const [a, b] = await Promise.all([enqueue(db, race, new Date()), enqueue(second.db, race, new Date())]);
    expect(a + b).toBe(700);
    expect(await db.outboxMessage.count({ where: { key: { startsWith: "race:" } } })).toBe(700);

    const row = await db.outboxMessage.findUniqueOrThrow({ where: { key: "idem:7" } });
    expect(row).toMatchObject({ chatId: "6000007", personId: 7, orgId: 3, meetingId: 9, kind: "test", status: "pending", attempts: 0 });
    expect(JSON.parse(row.payload)).toEqual(items[7]!.payload);
    expect(row.notBefore.getTime()).toBe(items[7]!.notBefore.getTime());
    expect(row.nextAttemptAt.getTime()).toBe(items[7]!.notBefore.getTime());
    expect(row.expiresAt?.getTime()).toBe(items[7]!.expiresAt!.getTime());
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { key: "idem:8" } })).personId).toBeNull();
  });

  it("delivers a fan-out of 200 exactly once, documents and keyboards included", async () => {
    const items = Array.from({ length: 197 }, (_, i) =>
      item(`fan:${i}`, String(5_000_000 + i), {
        payload: { text: `notice ${i}`, replyMarkup: { inline_keyboard: [[{ text: "Yes", callback_data: `ans:${i}` }]] } },
      }),
    );
    items.push(
      item("fan:doc", "5100000", {
        payload: { text: "", document: { filename: "bien-ban.pdf", contentBase64: Buffer.from("%PDF-1.4 hello").toString("base64"), caption: "Biên bản" } },
      }),
      // Three to one chat: in order, spaced by the per-chat limit.
      item("fan:same:1", "5200000"),
      item("fan:same:2", "5200000"),
    );
    await enqueue(db, items, new Date());
    const sentRows: string[] = [];
    const s = sender({
      limits: { perChatPerSecond: 10 },
      onSent: async (row) => {
        sentRows.push(row.key);
      },
    });
    const summary = await s.drainUntilIdle({ timeoutMs: 20_000 });

    expect(summary).toEqual({ sent: 200, retried: 0, failed: 0, dropped: 0 });
    expect(standin.sent).toHaveLength(200);
    expect(new Set(standin.sent.map((m) => m.text)).size).toBe(200);
    expect(new Set(sentRows).size).toBe(200);
    const doc = standin.sent.find((m) => m.method === "sendDocument");
    expect(doc).toMatchObject({ chatId: "5100000", documentName: "bien-ban.pdf", text: "Biên bản" });
    const same = standin.sentTo("5200000");
    expect(same.map((m) => m.text)).toEqual(["text of fan:same:1", "text of fan:same:2"]);
    expect(same[1]!.at - same[0]!.at).toBeGreaterThanOrEqual(90);

    const rows = await db.outboxMessage.findMany();
    expect(rows.every((r) => r.status === "sent" && r.sentAt !== null && r.attempts === 1 && r.leaseUntil === null)).toBe(true);
    const byId = new Map(standin.sent.map((m) => [m.messageId, m]));
    for (const r of rows) expect(byId.get(r.telegramMessageId!)?.chatId).toBe(r.chatId);
  });

  it("keeps a group chat within its per-minute limit", async () => {
    await enqueue(db, Array.from({ length: 5 }, (_, i) => item(`grp:${i}`, "-100200300")), new Date());
    const s = sender({ limits: { perGroupPerMinute: 3 } });
    const summary = await s.drainOnce();
    expect(summary.sent).toBe(3);
    const waiting = await db.outboxMessage.findMany({ where: { status: "pending" } });
    expect(waiting).toHaveLength(2);
    // Released, not retried: no attempt was spent; they wait for the minute to pass.
    for (const r of waiting) {
      expect(r.attempts).toBe(0);
      expect(r.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    }
    expect(standin.sent).toHaveLength(3);
  });

  it("obeys a 429's retry_after: everything waits, nothing is lost", async () => {
    await enqueue(db, Array.from({ length: 12 }, (_, i) => item(`rl:${i}`, String(5_300_000 + i))), new Date());
    standin.failNext(1, { status: 429, retryAfter: 1 });
    const s = sender({ limits: { perSecond: 5 } });
    const summary = await s.drainUntilIdle({ timeoutMs: 20_000 });

    expect(summary.sent).toBe(12);
    expect(summary.retried).toBe(1);
    expect(standin.sent).toHaveLength(12);
    expect(new Set(standin.sent.map((m) => m.chatId)).size).toBe(12);
    const [refused] = standin.failures;
    expect(refused).toMatchObject({ fault: "429" });
    // Only requests already on their way when the 429 came back may land inside the pause
    // (the sender sends one every 200 ms here; 300 ms leaves room for a slow machine).
    const inPause = standin.sent.filter((m) => m.at > refused!.at + 300 && m.at < refused!.at + 1000);
    expect(inPause).toEqual([]);
    const retried = standin.sentTo(refused!.chatId!);
    expect(retried).toHaveLength(1);
    expect(retried[0]!.at).toBeGreaterThanOrEqual(refused!.at + 990);
    // The 429 spent no attempt.
    const row = await db.outboxMessage.findFirstOrThrow({ where: { chatId: refused!.chatId! } });
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("sending faster than the server allows loses nothing and exhausts no attempts", async () => {
    await standin.stop();
    standin = await BotApiStandin.start({ ratePerSecond: 30 });
    await enqueue(db, Array.from({ length: 80 }, (_, i) => item(`fast:${i}`, String(5_350_000 + i))), new Date());
    const summary = await sender({ limits: { perSecond: 100, maxAttempts: 2 } }).drainUntilIdle({ timeoutMs: 20_000 });
    expect(summary).toMatchObject({ sent: 80, failed: 0 });
    expect(summary.retried).toBeGreaterThan(0);
    expect(standin.failures.every((f) => f.rateLimited)).toBe(true);
    expect(standin.sent).toHaveLength(80);
    expect(new Set(standin.sent.map((m) => m.chatId)).size).toBe(80);
  });

  it("retries 500 and 502 with backoff, then sends; gives up after maxAttempts", async () => {
    await enqueue(db, [item("5xx:a", "5400001")], new Date());
    standin.failNext(2, { status: 500 });
    standin.failNext(1, { status: 502 });
    const s = sender();
    const summary = await s.drainUntilIdle({ timeoutMs: 10_000 });
    expect(summary).toMatchObject({ sent: 1, retried: 3, failed: 0 });
    expect(standin.sent).toHaveLength(1);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { key: "5xx:a" } })).toMatchObject({ status: "sent", attempts: 4 });

    await enqueue(db, [item("5xx:b", "5400002")], new Date());
    standin.failChat("5400002", { status: 500 });
    const gaveUp = await sender({ limits: { maxAttempts: 3 } }).drainUntilIdle({ timeoutMs: 10_000 });
    expect(gaveUp).toMatchObject({ sent: 0, retried: 2, failed: 1 });
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { key: "5xx:b" } });
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    expect(row.lastError).toMatch(/gave up after 3 attempts/);
    expect(standin.failures.filter((f) => f.chatId === "5400002")).toHaveLength(3);
  });

  it("retries a request that times out and one whose connection is reset", async () => {
    await enqueue(db, [item("net:a", "5500001")], new Date());
    standin.failNext(1, "timeout");
    standin.failNext(1, "reset");
    const s = sender({ api: api(1) });
    const summary = await s.drainUntilIdle({ timeoutMs: 15_000 });
    expect(summary).toMatchObject({ sent: 1, retried: 2, failed: 0 });
    expect(standin.sent).toHaveLength(1);
    expect(standin.failures.map((f) => f.fault)).toEqual(["timeout", "reset"]);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { key: "net:a" } })).toMatchObject({ status: "sent", attempts: 3 });
  });

  it("a 403 marks the person unreachable once and stops sending to them", async () => {
    const blocked = await person("Nguyễn Văn Chặn");
    const fine = await person("Trần Thị Ổn");
    await enqueue(db, [
      item("403:a", "5600001", { personId: blocked, orgId: 4 }),
      item("403:b", "5600001", { personId: blocked, orgId: 4 }),
      item("403:c", "5600002", { personId: fine, orgId: 4 }),
    ], new Date());
    standin.failChat("5600001", { status: 403, description: "Forbidden: bot was blocked by the user" });
    const told: UnreachableRow[] = [];
    const onUnreachable = async (row: UnreachableRow) => {
      told.push(row);
    };
    const s = sender({ limits: { perChatPerSecond: 2 }, onUnreachable });
    const summary = await s.drainUntilIdle({ timeoutMs: 10_000 });

    expect(summary).toMatchObject({ sent: 1, failed: 2, retried: 0 });
    expect(told).toEqual([{ personId: blocked, chatId: "5600001", orgId: 4 }]);
    expect(standin.failures.filter((f) => f.chatId === "5600001")).toHaveLength(1);
    const rows = await db.outboxMessage.findMany({ where: { personId: blocked } });
    expect(rows.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect((await db.person.findUniqueOrThrow({ where: { id: blocked } })).unreachableAt).not.toBeNull();
    expect((await db.person.findUniqueOrThrow({ where: { id: fine } })).unreachableAt).toBeNull();

    // Later messages to them fail without a call; a second sender does not tell again.
    await enqueue(db, [item("403:d", "5600001", { personId: blocked, orgId: 4 })], new Date());
    const later = await sender({ onUnreachable }).drainUntilIdle({ timeoutMs: 5_000 });
    expect(later).toMatchObject({ sent: 0, failed: 1 });
    expect(standin.failures.filter((f) => f.chatId === "5600001")).toHaveLength(1);
    expect(told).toHaveLength(1);
    expect(await s.drainUntilIdle({ timeoutMs: 1_000 })).toEqual({ sent: 0, retried: 0, failed: 0, dropped: 0 });
  });

  it("400 chat not found fails that row only", async () => {
    await enqueue(db, [item("400:a", "5700001"), item("400:b", "5700002"), item("400:c", "5700003")], new Date());
    standin.failChat("5700002", { status: 400, description: "Bad Request: chat not found" });
    const summary = await sender().drainUntilIdle({ timeoutMs: 5_000 });
    expect(summary).toMatchObject({ sent: 2, failed: 1, retried: 0 });
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { key: "400:b" } });
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.lastError).toMatch(/chat not found/);
    expect(standin.sent.map((m) => m.chatId).sort()).toEqual(["5700001", "5700003"]);
  });

  it("drops expired rows and rows of a changed meeting; does not send before notBefore", async () => {
    const past = new Date(Date.now() - 60_000);
    await enqueue(db, [
      item("exp:old", "5800001", { expiresAt: past }),
      item("exp:fresh", "5800002", { expiresAt: new Date(Date.now() + 60_000) }),
      item("exp:later", "5800003", { notBefore: new Date(Date.now() + 3_600_000) }),
      item("m77:reminder:1", "5800004", { meetingId: 77, kind: "reminder" }),
      item("m77:reminder:2", "5800005", { meetingId: 77, kind: "reminder" }),
      item("m77:notice:1", "5800006", { meetingId: 77, kind: "notice" }),
      item("m78:summary:1", "5800007", { meetingId: 78, kind: "summary" }),
      item("m78:notice:1", "5800008", { meetingId: 78, kind: "notice" }),
    ], new Date());
    expect(await dropPending(db, { meetingId: 77, keyPrefix: "m77:reminder:" })).toBe(2);
    expect(await dropPending(db, { meetingId: 78, kinds: ["summary"] })).toBe(1);
    const summary = await sender().drainUntilIdle({ timeoutMs: 5_000 });
    expect(summary).toMatchObject({ sent: 3, dropped: 1, failed: 0 });
    expect(standin.sent.map((m) => m.chatId).sort()).toEqual(["5800002", "5800006", "5800008"]);
    const status = Object.fromEntries((await db.outboxMessage.findMany()).map((r) => [r.key, r.status]));
    expect(status).toEqual({
      "exp:old": "dropped",
      "exp:fresh": "sent",
      "exp:later": "pending",
      "m77:reminder:1": "dropped",
      "m77:reminder:2": "dropped",
      "m77:notice:1": "sent",
      "m78:summary:1": "dropped",
      "m78:notice:1": "sent",
    });
  });

  it("two senders on one database send every message exactly once", async () => {
    const count = 300;
    await enqueue(db, Array.from({ length: count }, (_, i) => item(`two:${i}`, String(5_900_000 + (i % 150)))), new Date());
    const one = sender({ batchSize: 20 });
    const two = sender({ db: second.db, batchSize: 20 });
    const [a, b] = await Promise.all([one.drainUntilIdle({ timeoutMs: 20_000 }), two.drainUntilIdle({ timeoutMs: 20_000 })]);
    expect(a.sent + b.sent).toBe(count);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    expect(standin.sent).toHaveLength(count);
    expect(new Set(standin.sent.map((m) => m.text)).size).toBe(count);
    expect(await db.outboxMessage.count({ where: { status: "sent" } })).toBe(count);
  });

  it("takes over rows a killed process held once their lease ends", async () => {
    await enqueue(db, [item("lease:a", "6100001"), item("lease:b", "6100002")], new Date());
    const now = Date.now();
    await db.outboxMessage.update({ where: { key: "lease:a" }, data: { status: "sending", leaseUntil: new Date(now + 1500) } });
    await db.outboxMessage.update({ where: { key: "lease:b" }, data: { status: "sending", leaseUntil: new Date(now - 1000) } });
    const s = sender();
    expect(await s.drainOnce()).toMatchObject({ sent: 1 });
    expect(standin.sent.map((m) => m.chatId)).toEqual(["6100002"]);
    await sleep(Math.max(0, now + 1600 - Date.now()));
    expect(await s.drainOnce()).toMatchObject({ sent: 1 });
    expect(standin.sent.map((m) => m.chatId)).toEqual(["6100002", "6100001"]);
  });

  it("runs in the background; stop waits for the batch in hand and gives back the rest", async () => {
    const s = sender({ limits: { perChatPerSecond: 5 } });
    s.start(20);
    await enqueue(db, [item("bg:a", "6200001"), item("bg:b", "6200002")], new Date());
    for (let i = 0; i < 100 && standin.sent.length < 2; i++) await sleep(20);
    expect(standin.sent).toHaveLength(2);

    await enqueue(db, Array.from({ length: 10 }, (_, i) => item(`bg:same:${i}`, "6200003")), new Date());
    for (let i = 0; i < 100 && standin.sent.length < 3; i++) await sleep(20);
    await s.stop();
    const rows = await db.outboxMessage.findMany({ where: { chatId: "6200003" } });
    expect(rows.filter((r) => r.status === "sending")).toEqual([]);
    const sent = rows.filter((r) => r.status === "sent").length;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(10);
    expect(standin.sentTo("6200003")).toHaveLength(sent);
  });

  it("works with a clock that stands still (the CLI's tick) and logs one event per drain", async () => {
    const lines: string[] = [];
    const logger = createLogger("info", { write: (line: string) => void lines.push(line) } as never);
    const fixed = new Date(Date.now() + 5_000);
    await enqueue(db, [item("clock:a", "6300001"), item("clock:b", "6300002"), item("clock:c", "6300003")], new Date());
    standin.failChat("6300001", { status: 500 });
    const s = sender({ now: () => fixed, logger });
    const first = await s.drainOnce();
    expect(first).toMatchObject({ sent: 2, retried: 1 });
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.event === "outbox.drain");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ claimed: 3, sent: 2, retried: 1, failed: 0, dropped: 0 });
    standin.failChat("6300001", null);
    const rest = await s.drainUntilIdle({ timeoutMs: 5_000 });
    expect(rest).toMatchObject({ sent: 1 });
    expect(standin.sentTo("6300001")).toHaveLength(1);
  });

  it("sends bulk rows beyond the free rate with allow_paid_broadcast only when allowed, within its rate and the month's budget", async () => {
    const limited = await BotApiStandin.start({ ratePerSecond: 10 });
    try {
      const paidApi = new Api("123456:TEST", { apiRoot: limited.apiRoot, timeoutSeconds: 5 });
      const bulk = Array.from({ length: 60 }, (_, i) => item(`paid:bulk:${i}`, String(6_600_000 + i), { kind: "reminder" }));
      await enqueue(db, [...bulk, item("paid:absence", "6699999", { kind: "absence" })], new Date());
      // 8 a second free (the stand-in allows 10), up to 40 more paid, a budget of 3 Stars: 30 messages with the flag.
      const paid = { perSecond: 40, starsPerMonth: 3, bot: "123456" };
      const summary = await sender({ api: paidApi, limits: { perSecond: 8 }, paidBroadcast: paid }).drainUntilIdle({ timeoutMs: 30_000 });
      expect(summary.sent).toBe(61);
      expect(limited.failures.filter((f) => f.rateLimited)).toEqual([]);
      expect(new Set(limited.sent.map((sent) => sent.chatId)).size).toBe(61);
      const flagged = limited.sent.filter((sent) => sent.paid);
      expect(flagged).toHaveLength(30);
      expect(limited.sentTo("6699999")[0]!.paid).toBe(false);
      // Within its rate: at most 40 (and the first token) in any second.
      for (const first of flagged) expect(flagged.filter((sent) => sent.at >= first.at && sent.at < first.at + 1000).length).toBeLessThanOrEqual(41);
      const month = new Date().toISOString().slice(0, 7);
      expect(await db.paidBroadcastMonth.findUnique({ where: { bot_month: { bot: "123456", month } } })).toMatchObject({ messages: 30 });

      // The budget is spent: the next bulk goes at the free rate, without the flag; so does a sender not allowed to pay.
      await enqueue(db, Array.from({ length: 5 }, (_, i) => item(`paid:after:${i}`, String(6_610_000 + i), { kind: "reminder" })), new Date());
      await sender({ api: paidApi, limits: { perSecond: 8 }, paidBroadcast: paid }).drainUntilIdle({ timeoutMs: 30_000 });
      await enqueue(db, Array.from({ length: 5 }, (_, i) => item(`paid:off:${i}`, String(6_620_000 + i), { kind: "reminder" })), new Date());
      await sender({ api: paidApi, limits: { perSecond: 8 } }).drainUntilIdle({ timeoutMs: 30_000 });
      expect(limited.sent).toHaveLength(71);
      expect(limited.sent.filter((sent) => sent.paid)).toHaveLength(30);
      expect(await db.paidBroadcastMonth.findUnique({ where: { bot_month: { bot: "123456", month } } })).toMatchObject({ messages: 30 });
    } finally {
      await limited.stop();
      await db.paidBroadcastMonth.deleteMany();
    }
  });

  it("claims a person's message to another first, then the rows whose meeting starts first", async () => {
    const now = Date.now();
    const inHours = (hours: number) => new Date(now + hours * 3_600_000);
    await enqueue(
      db,
      [
        item("order:later-meeting", "6400001", { kind: "reminder", expiresAt: inHours(2) }),
        item("order:no-meeting", "6400002", { kind: "digest" }),
        item("order:earlier-meeting", "6400003", { kind: "reminder", expiresAt: inHours(1) }),
        item("order:absence", "6400004", { kind: "absence", expiresAt: inHours(3) }),
      ],
      new Date(now - 1000),
    );
    const store = new OutboxStore({ db, provider, batchSize: 2 });
    const lease = new Date(now + 60_000);
    const claimed = [...(await store.claim(new Date(now), lease)), ...(await store.claim(new Date(now), lease))];
    expect(claimed.map((row) => row.key)).toEqual(["order:absence", "order:earlier-meeting", "order:later-meeting", "order:no-meeting"]);
  });

  it("sends a member's absence to the secretary before the bulk already queued, while it drains", async () => {
    const bulk = Array.from({ length: 90 }, (_, i) => item(`lane:bulk:${i}`, String(6_500_000 + i), { kind: "reminder", expiresAt: new Date(Date.now() + 3_600_000) }));
    await enqueue(db, bulk, new Date());
    // 30 a second: the 90 take three seconds, claimed as one batch.
    const s = sender({ limits: { perSecond: 30 } });
    s.start(20);
    for (let i = 0; i < 100 && standin.sent.length < 5; i++) await sleep(20);
    await enqueue(db, [item("lane:absence", "6599999", { kind: "absence" })], new Date());
    for (let i = 0; i < 400 && standin.sent.length < 91; i++) await sleep(20);
    await s.stop();
    expect(standin.sent).toHaveLength(91);
    const position = standin.sent.findIndex((sent) => sent.chatId === "6599999");
    // Without the lane it would go 91st, after every reminder queued before it; it goes
    // out at the sender's next look (half a second: ~15 reminders at this rate).
    expect(position).toBeGreaterThan(0);
    expect(position).toBeLessThan(50);
  });
});

describe("the Bot API stand-in", () => {
  it("answers the bot's methods, reads grammY's uploads and injects faults", async () => {
    const standin = await BotApiStandin.start();
    try {
      const api = new Api("123456:TEST", { apiRoot: standin.apiRoot, timeoutSeconds: 5 });
      expect((await api.getMe()).is_bot).toBe(true);
      const doc = await api.sendDocument("-100777", new InputFile(Buffer.from("abc"), "Biên bản họp tháng 11.pdf"), { caption: "Tài liệu" });
      expect(doc.document.file_name).toBe("Biên bản họp tháng 11.pdf");
      const photo = await api.sendPhoto("42", "https://example.com/p.jpg");
      const edited = await api.editMessageText("42", photo.message_id, "edited", { reply_markup: { inline_keyboard: [] } });
      expect(edited).toMatchObject({ message_id: photo.message_id, text: "edited" });
      await api.editMessageReplyMarkup("42", photo.message_id, { reply_markup: { inline_keyboard: [] } });
      expect(await api.answerCallbackQuery("q1")).toBe(true);
      expect(await api.setMyCommands([{ command: "help", description: "help" }])).toBe(true);
      expect(await api.deleteMessage("42", photo.message_id)).toBe(true);

      standin.failChat("43", { status: 403, description: "Forbidden: bot was blocked by the user" });
      await expect(api.sendMessage("43", "x")).rejects.toMatchObject({ error_code: 403 });
      standin.failChat("43", null);
      standin.failNext(1, { status: 429, retryAfter: 7 });
      await expect(api.sendMessage("43", "x")).rejects.toMatchObject({ error_code: 429, parameters: { retry_after: 7 } });
      await api.sendMessage("43", "y");
      expect(standin.sent.map((m) => [m.method, m.chatId, m.text, m.documentName])).toEqual([
        ["sendDocument", "-100777", "Tài liệu", "Biên bản họp tháng 11.pdf"],
        ["sendPhoto", "42", undefined, "https://example.com/p.jpg"],
        ["editMessageText", "42", "edited", undefined],
        ["editMessageReplyMarkup", "42", undefined, undefined],
        ["sendMessage", "43", "y", undefined],
      ]);
      expect(standin.failures.map((f) => f.fault)).toEqual(["403", "429"]);
    } finally {
      await standin.stop();
    }
  });
});
