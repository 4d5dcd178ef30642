// PostgreSQL stops under a running `chibo start` (webhook mode, a child process, as an
// operator runs it) while updates and ticks keep coming: the bot stays up, refuses the
// updates with 503 so Telegram delivers them again, and its ticks fail quietly and
// resume when the database is back. The database is a throwaway cluster of its own
// (test/helpers/pg-cluster.ts: npm's PostgreSQL binaries, a free port, trust auth), so
// the server the rest of the suite uses is never stopped.
//
// The outage lasts TEST_OUTAGE_SECONDS (8 by default); run it by hand with 30 for the
// figures in bench/RESULTS.md: `TEST_OUTAGE_SECONDS=30 npx vitest run test/integration/outage.test.ts`.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { BotApiStandin } from "../../src/testing/bot-api-standin.js";
import { spawnChibo } from "../../src/testing/chibo-process.js";
import { waitFor } from "../helpers/wait.js";
import { throwawayCluster, type Cluster } from "../helpers/pg-cluster.js";
import { freePort } from "../../src/testing/free-port.js";
const OUTAGE_SECONDS = Number(process.env.TEST_OUTAGE_SECONDS ?? 8);
/** node-cron with a seconds field: a tick every 2 s instead of every minute. */
const TICK_EVERY_SECONDS = 2;
const SECRET = "outage-test-secret";
const TOKEN = "123456:outage-test-token";
const PLACE = "Nhà văn hoá thôn Đoài";
const SECRETARY = 9101;
const MEMBER_A = 9102;
const MEMBER_B = 9103;

/** `chibo start` as a child process; its standard error is pino's log, one JSON event a line. */
function startChibo(env: Record<string, string>) {
  const events: { msg?: string; level?: number; time?: number }[] = [];
  const otherStderr: string[] = [];
  const chibo = spawnChibo(["start"], env, {
    onLine: (line, stream) => {
      if (stream !== "stderr") return;
      try {
        events.push(JSON.parse(line) as (typeof events)[number]);
      } catch {
        otherStderr.push(line);
      }
    },
  });
  return { ...chibo, events, otherStderr };
}

describe("a PostgreSQL outage under `chibo start` in webhook mode", () => {
  let cluster: Cluster | undefined;
  let database: Database | undefined;
  let standin: BotApiStandin | undefined;
  let chibo: ReturnType<typeof startChibo> | undefined;
  let base = "";
  let nextUpdateId = 500_000;

  beforeAll(async () => {
    cluster = await throwawayCluster("chibo-outage");
    const admin = new pg.Client({ connectionString: cluster.url("postgres") });
    await admin.connect();
    await admin.query("CREATE DATABASE chibo");
    await admin.end();
    database = await openDatabase(cluster.url("chibo"));
    standin = await BotApiStandin.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    await seedCell(database);
    chibo = startChibo({
      DATABASE_URL: cluster.url("chibo"),
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: standin.apiRoot,
      BOT_MODE: "webhook",
      WEBHOOK_URL: `${base}/telegram/webhook`,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      CHIBO_SECRET: "a-test-secret-of-enough-length",
      TICK_SCHEDULE: `*/${TICK_EVERY_SECONDS} * * * * *`,
      LOG_LEVEL: "info",
    });
    await waitFor(() => chibo!.stdout.some((line) => line.includes("(webhook ")) || !chibo!.alive(), 60_000);
    if (!chibo.alive()) throw new Error(`chibo start exited:\n${chibo.otherStderr.join("\n")}\n${chibo.stdout.join("\n")}`);
  }, 120_000);

  afterAll(async () => {
    // A test that failed half-way may leave it waiting on the database: stop() ends in a SIGKILL.
    await chibo?.stop();
    await database?.close();
    await standin?.stop();
    await cluster?.remove();
  });

  const post = (update: unknown) =>
    fetch(`${base}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify(update),
    }).then((response) => response.status);
  const status = (route: string) => fetch(`${base}${route}`).then((response) => response.status);
  const from = (chatId: number) => ({ id: chatId, is_bot: false, first_name: "Đồng chí", language_code: "vi" });
  const chat = (chatId: number) => ({ id: chatId, type: "private", first_name: "Đồng chí" });
  const startUpdate = (chatId: number) => ({
    update_id: nextUpdateId++,
    message: { message_id: nextUpdateId, date: Math.floor(Date.now() / 1000), chat: chat(chatId), from: from(chatId), text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] },
  });
  const tapUpdate = (chatId: number, id: string, data: string) => ({
    update_id: nextUpdateId++,
    callback_query: { id, chat_instance: "1", data, from: from(chatId), message: { message_id: 1, date: 0, chat: chat(chatId), text: "" } },
  });
  const ticksLogged = (after = 0) => chibo!.events.filter((event) => event.msg === "tick" && (event.time ?? 0) > after);
  const reminders = (chatId: number) => standin!.sentTo(chatId).filter((sent) => sent.text?.includes("NHẮC LỊCH"));

  it(`stays up through ${OUTAGE_SECONDS} s without the database, loses no update and ticks again after`, { timeout: OUTAGE_SECONDS * 1000 + 120_000 }, async () => {
    const db = database!.db;
    const api = standin!;
    // Registered with the stand-in as with Telegram, with the secret.
    const info = (await fetch(`${api.apiRoot}/bot${TOKEN}/getWebhookInfo`).then((response) => response.json())) as { result: { url: string } };
    expect(info.result.url).toBe(`${base}/telegram/webhook`);
    expect(api.webhook?.secretToken).toBe(SECRET);
    // Before: an update is answered, and a tick queues and sends (the secretary's summary of the first meeting).
    expect(await post(startUpdate(SECRETARY))).toBe(200);
    await waitFor(() => api.sentTo(SECRETARY).some((sent) => sent.text?.includes(PLACE)), 30_000);

    // A meeting whose one reminder falls due halfway through the outage.
    const cell = await db.org.findUniqueOrThrow({ where: { code: "OUT1" } });
    const remindAt = Date.now() + (OUTAGE_SECONDS * 1000) / 2;
    const later = await db.meeting.create({
      data: { orgId: cell.id, kind: "regular", forMonth: "2026-12", startsAt: new Date(remindAt + 60 * 60_000), durationMinutes: 90, place: PLACE, status: "confirmed" },
    });
    const first = await db.meeting.findFirstOrThrow({ where: { orgId: cell.id, id: { not: later.id } } });
    await database!.close();
    database = undefined;

    const stoppedAt = Date.now();
    await cluster!.stop();
    // What Telegram would do: deliver the same updates again and again until one gets a 2xx.
    const refused = [startUpdate(MEMBER_A), tapUpdate(MEMBER_B, "tap-during-outage", `m:att:${first.id}:${first.revision}`)];
    const answers: number[] = [];
    while (Date.now() - stoppedAt < OUTAGE_SECONDS * 1000) {
      for (const update of refused) answers.push(await post(update));
      expect([await status("/healthz"), await status("/readyz")]).toEqual([200, 503]);
      expect(chibo!.alive()).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(new Set(answers)).toEqual(new Set([503]));
    const outageEnded = Date.now();
    const tickFailures = chibo!.events.filter((event) => event.msg === "tick failed" && (event.time ?? 0) >= stoppedAt).length;
    // Ticks were attempted and failed, but no error line repeats faster than the ticks do.
    expect(tickFailures).toBeGreaterThan(0);
    expect(tickFailures).toBeLessThanOrEqual(Math.ceil((outageEnded - stoppedAt) / (TICK_EVERY_SECONDS * 1000)) + 1);
    const errorsByMessage = new Map<string, number>();
    for (const event of chibo!.events) {
      if ((event.time ?? 0) < stoppedAt || (event.level ?? 0) < 50) continue;
      errorsByMessage.set(event.msg ?? "", (errorsByMessage.get(event.msg ?? "") ?? 0) + 1);
    }
    errorsByMessage.delete("tick failed");
    // Every other error is logged when the outage begins (and perhaps once more), not on every loop.
    expect([...errorsByMessage].filter(([, count]) => count > 2)).toEqual([]);

    await cluster!.start();
    const restartedAt = Date.now();
    await waitFor(async () => (await status("/readyz")) === 200, 30_000);
    // Telegram's next delivery of each refused update is handled; a later copy is not handled again.
    let redelivered = 0;
    for (const update of refused) {
      let answer = 0;
      while (answer !== 200) {
        answer = await post(update);
        redelivered++;
        if (answer !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(await post(update)).toBe(200);
    }
    expect(api.sentTo(MEMBER_A).filter((sent) => sent.text?.startsWith("Chào"))).toHaveLength(1);
    expect(api.callbackAnswers.get("tap-during-outage")).toBe(1);
    expect(api.sentTo(MEMBER_B).filter((sent) => sent.text?.startsWith("✅"))).toHaveLength(1);
    database = await openDatabase(cluster!.url("chibo"), { migrate: false });
    const memberB = await database.db.person.findUniqueOrThrow({ where: { telegramUserId: String(MEMBER_B) } });
    const stored = await database.db.meetingAnswer.findUnique({ where: { meetingId_personId: { meetingId: first.id, personId: memberB.id } } });
    expect(stored?.answer).toBe("attend");

    // The reminder that fell due during the outage goes out once, after the return.
    await waitFor(() => reminders(MEMBER_A).length > 0 && reminders(MEMBER_B).length > 0, 30_000);
    for (const member of [MEMBER_A, MEMBER_B]) {
      expect(reminders(member)).toHaveLength(1);
      expect(reminders(member)[0]!.at).toBeGreaterThanOrEqual(restartedAt);
    }
    expect(chibo!.alive()).toBe(true);
    // Standard error held log events only: no stack trace of a crash, no unhandled rejection.
    expect(chibo!.otherStderr).toEqual([]);
    if (process.env.TEST_OUTAGE_SECONDS) {
      const firstTick = ticksLogged(restartedAt)[0]?.time;
      console.info(
        JSON.stringify({
          outageSeconds: Math.round((restartedAt - stoppedAt) / 100) / 10,
          refused: answers.length,
          redelivered,
          handled: refused.length,
          tickFailures,
          otherErrors: Object.fromEntries(errorsByMessage),
          firstTickAfterReturnMs: firstTick === undefined ? null : firstTick - restartedAt,
          reminderAfterReturnMs: Math.max(...[MEMBER_A, MEMBER_B].map((member) => reminders(member)[0]!.at)) - restartedAt,
        }),
      );
    }
    // And it still stops cleanly.
    expect(await chibo!.stop()).toBe(0);
  });
});

/** A cell without quiet hours and with one reminder an hour ahead; a secretary and two members, linked; one meeting in three hours. */
async function seedCell(database: Database) {
  const { db } = database;
  const settings = JSON.stringify({ quietHours: { start: "00:00", end: "00:00" }, reminderOffsetsMinutes: [60] });
  const cell = await db.org.create({ data: { code: "OUT1", name: "Chi bộ Đoài", kind: "cell", path: "", settings } });
  await db.org.update({ where: { id: cell.id }, data: { path: `/${cell.id}/` } });
  const people = [
    { userId: SECRETARY, name: "Nguyễn Văn Bí", role: "secretary" },
    { userId: MEMBER_A, name: "Lê Văn Một", role: "member" },
    { userId: MEMBER_B, name: "Phạm Thị Hai", role: "member" },
  ];
  for (const [index, person] of people.entries()) {
    const created = await db.person.create({
      data: {
        fullName: person.name,
        phone: `+8491200090${index}`,
        telegramUserId: String(person.userId),
        telegramChatId: String(person.userId),
        linkedAt: new Date(),
      },
    });
    await db.membership.create({ data: { orgId: cell.id, personId: created.id, status: "official", role: person.role } });
  }
  await db.meeting.create({
    data: { orgId: cell.id, kind: "regular", forMonth: "2026-12", startsAt: new Date(Date.now() + 3 * 3_600_000), durationMinutes: 90, place: PLACE, status: "confirmed" },
  });
}
