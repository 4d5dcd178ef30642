// "drain": on time at 30 messages a second, on a province's busiest evening (issue 18).
// bench/evening.ts measures the tick that queues the 90,000 T−2h reminders; this one
// sends them. 3,000 cells × 30 linked members all meet at 19:30; at 17:30 the T−2h tick
// queues a reminder per member, and the real Sender (src/delivery/sender.ts), running in
// the background as `chibo start` runs it, drains them through BotApiStandin, which
// enforces Telegram's global limit (429 with retry_after beyond it). At 30 a second,
// 90,000 messages take 50 minutes: every one must still go out before its meeting
// begins (none dropped, none late past 19:30), and exactly once.
//
// Meanwhile members keep writing to their secretaries: every ~20 seconds a different
// member taps "absent" on the notice and goes through the absence conversation (reason
// button, then a note) through the real bot (createBot), which queues an "absence" row
// to the cell's secretary. Measured per tap: from the tap's last update handled to the
// stand-in accepting the message in the secretary's chat; the issue's target is a p99
// under 5 s. A person-to-person message must not wait for the bulk.
//
// Time is compressed by a factor F (COMPRESSION, 10): the sender's and the bot's row
// clock run F times faster than real time from 17:30, the sender's limits (30 × F a
// second overall, F a second per chat) and the stand-in's window (30 × F a second) are
// both scaled by F, and so are the sender's idle interval and the spacing of the taps:
// 30 messages per virtual second, 50 virtual minutes in 5 real ones. Every time figure
// is given in virtual (evening) time unless marked real. It is fair because what the
// rate decides scales exactly; what does not scale is the work per message (the
// database's claim and sent-marks, Prisma, HTTP, the bot's handling of a tap): it takes
// the same real time, so in virtual time it weighs F times more than it would in
// service. Compression makes the database's share look F times bigger: the
// conservative direction. If this machine cannot send 30 × F a real second on a store,
// COMPRESSION_OF lowers F for that store; the sustained rate is reported (in virtual
// messages a second) either way.
//
// Not compressed either, and so also weighing F times more (conservative), the real-time
// constants of the sender and of Telegram:
//   - its pacing: the token bucket waits whole milliseconds (ceil(1000 / rate)) and a
//     timer fires about a millisecond late; at 30/s that costs ~3% (bench/sender.ts:
//     ~29.3/s), at 300/s a third (3.33 ms → ~4.7 ms: ~21 virtual msg/s at F = 10). The
//     drain then looks longer than in service, never shorter;
//   - its look for direct-lane rows during a bulk batch (every 500 ms real, DIRECT_LOOK_MS
//     in src/delivery/sender.ts): up to 5 virtual seconds at F = 10. The tap → secretary
//     latency is therefore also given in real time, which is what that wait is in service;
//   - a 429's retry_after (at least one real second: F virtual seconds of pause);
//   - the T−2h tick itself, run before the clock starts: its wall time is reported (in
//     service the rows fall due that much after 17:30).
import { Api } from "grammy";
import type { InlineKeyboardMarkup, Message, Update } from "grammy/types";
import type { OutboxMessage } from "../src/generated/prisma/client.js";
import { createBot } from "../src/bot/create-bot.js";
import { translate } from "../src/bot/i18n.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { Sender, type DeliveryCounters } from "../src/delivery/sender.js";
import { meetingButton } from "../src/org/meeting-schema.js";
import { runTick } from "../src/jobs/tick.js";
import { BotApiStandin, type StandinSent } from "../src/testing/bot-api-standin.js";
import { withDatabase, type BenchStore } from "./databases.js";
import { confirmEveningMeeting, eveningTicks, seedPreviousResolutions, STARTS_AT } from "./evening.js";
import { seedProvince, telegramIdOf, TIME_ZONE } from "./seed.js";
import { BOT_INFO } from "./taps.js";
import { count, percentile, seconds, stopwatch, table, type BenchOptions, type BenchResult, type Check, type Target } from "./report.js";

const STORES: BenchStore[] = ["sqlite", "postgresql"];
/** Telegram's bulk limit, messages per (virtual) second: the sender's and the stand-in's, before compression. */
const RATE = 30;
/** Virtual seconds per real second. */
const COMPRESSION = 10;
/** A lower F for a store this machine cannot drive at RATE × COMPRESSION real messages a second (none so far). */
const COMPRESSION_OF: Partial<Record<BenchStore, number>> = {};
/** Telegram's 1 message a second per chat (the sender's default), before compression. */
const PER_CHAT_PER_SECOND = 1;
/** `chibo start` runs the sender with sender.start(1000) (src/runtime.ts): the idle interval, virtual. */
const SENDER_INTERVAL_MS = 1_000;
/** What the sender claims at once at 30/s by default (perSecond × 4, at most 500): rows, so it does not scale. */
const BATCH_SIZE = Math.min(500, RATE * 4);
/** A member taps "absent" this often (virtual). */
const TAP_EVERY_MS = 20_000;
const ABSENCE_P99_TARGET_MS = 5_000;
/** The reason button the tapping members choose, and the note they type. */
const REASON = "work";
const NOTE = "Em đi công tác tỉnh ngoài, xin phép vắng.";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** One member's absence, as the bench fed it and as it was delivered. */
interface Tap {
  personId: number;
  secretaryChat: string;
  /** Key prefix of the absence row(s) it queued: absence:<meeting>:<revision>:<person>: (org/meeting-messages.ts). */
  keyPrefix: string;
  /** Date.now() when the last of its updates was handled: the stand-in's clock. */
  doneWall: number;
  /** Real time the bot took over its three updates. */
  handledMs: number;
  /** The conversation went as expected: reason asked, note asked, absence recorded. */
  completed: boolean;
  error?: string;
  /** Set after the drain: real ms from doneWall to the stand-in's acceptance in the secretary's chat (× F: virtual). */
  realLatencyMs?: number;
  /** How many times the secretary's chat received its absence message. */
  deliveries?: number;
}

interface Measurement {
  store: BenchStore;
  factor: number;
  members: number;
  seedMs: number;
  confirmMs: number;
  earlierMs: number;
  /** Rows marked sent before the T−2h tick (notices, earlier reminders, summaries...). */
  previouslySent: number;
  tickMs: number;
  /** T−2h reminder rows the tick queued, and other rows pending when the drain began. */
  reminders: number;
  others: number;
  /** Outcomes of the T−2h reminder rows after the drain. */
  sent: number;
  dropped: number;
  failed: number;
  unsettled: number;
  /** Virtual ms from 17:30 to each reminder's acceptance at the stand-in. */
  lateness: number[];
  /** The same by the rows' sentAt (the sender's clock when it recorded the batch): a cross-check. */
  latenessBySentAt: number[];
  /** Accepted at or after the meeting's start. */
  afterStart: number;
  /** Virtual ms from 17:30 to the last reminder's acceptance. */
  drainMs: number;
  /** Reminder acceptances per virtual second, first to last. */
  sustained: number;
  /** Member chats that got no reminder, and surplus copies. */
  missing: number;
  duplicates: number;
  /** Rows recorded sent that the stand-in has no message for. */
  unaccounted: number;
  throttled: number;
  otherFailures: number;
  taps: Tap[];
  botReplies: number;
  loggedErrors: number;
  timedOut: boolean;
}

/**
 * The bot's own API calls (its answers to a tapping member) answered here, in-process:
 * only the sender's traffic goes to the stand-in and counts against its window (see the
 * setup lines). A `fetch` for grammY's client options rather than an API transformer:
 * the conversations plugin makes its own Api from the bot's token and options, without
 * the bot's transformers. Keeps the last message sent to each chat, whose buttons the
 * member taps next.
 */
function inProcessApi(clock: () => Date) {
  let nextId = 1_000_000_000;
  let calls = 0;
  const last = new Map<string, { messageId: number; text: string; replyMarkup?: InlineKeyboardMarkup }>();
  const answer = (method: string, p: { chat_id?: number | string; message_id?: number; text?: string; reply_markup?: InlineKeyboardMarkup }): unknown => {
    calls += 1;
    if (method === "answerCallbackQuery") return true;
    if (method !== "sendMessage" && method !== "editMessageText") throw new Error(`drain: unexpected bot API call ${method}`);
    const chatId = String(p.chat_id);
    const messageId = method === "sendMessage" ? nextId++ : Number(p.message_id);
    if (method === "sendMessage") last.set(chatId, { messageId, text: p.text ?? "", ...(p.reply_markup ? { replyMarkup: p.reply_markup } : {}) });
    return {
      message_id: messageId,
      date: Math.floor(clock().getTime() / 1000),
      chat: { id: Number(chatId), type: "private", first_name: "Member" },
      from: BOT_INFO,
      text: p.text ?? "",
      ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
    };
  };
  // grammY posts JSON to <apiRoot>/bot<token>/<method> (nothing here uploads a file) and reads res.json().
  const fetch = (async (url: string | URL, init?: { body?: unknown }) => {
    const method = String(url).slice(String(url).lastIndexOf("/") + 1);
    const payload = typeof init?.body === "string" ? (JSON.parse(init.body) as Parameters<typeof answer>[1]) : {};
    let body: unknown;
    try {
      body = { ok: true, result: answer(method, payload) };
    } catch (error) {
      body = { ok: false, error_code: 400, description: `Bad Request: ${(error as Error).message}` };
    }
    return { ok: true, status: 200, json: async () => body };
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls: () => calls, lastTo: (chatId: number) => last.get(String(chatId)) };
}

/** The buttons' callback data on a keyboard. */
function callbackData(markup: InlineKeyboardMarkup | undefined): string[] {
  return (markup?.inline_keyboard ?? []).flat().flatMap((button) => ("callback_data" in button && button.callback_data ? [button.callback_data] : []));
}

/**
 * One member's absence through the real bot, as Telegram would deliver it: "absent" on
 * the notice (meetingButton, as noticeKeyboard writes it), the reason button the bot then
 * offers, and the note typed in reply to its next question.
 */
async function tapAbsence(
  harness: { bot: ReturnType<typeof createBot>["bot"]; replies: ReturnType<typeof inProcessApi>; clock: () => Date; nextUpdateId: () => number },
  member: { personId: number; meetingId: number; revision: number; secretaryId: number },
): Promise<Tap> {
  const { bot, replies, clock } = harness;
  const tg = telegramIdOf(member.personId);
  const chat = { id: tg, type: "private" as const, first_name: "Member" };
  const from = { id: tg, is_bot: false, first_name: "Member", language_code: "vi" };
  const date = () => Math.floor(clock().getTime() / 1000);
  const botMessage = (messageId: number, text: string) => ({ message_id: messageId, date: date(), chat, from: BOT_INFO, text }) as Message;
  const tapOn = (data: string, message: Message): Update => {
    const id = harness.nextUpdateId();
    return { update_id: id, callback_query: { id: String(id), from, chat_instance: `ci${tg}`, data, message } } as Update;
  };
  const tap: Tap = {
    personId: member.personId,
    secretaryChat: String(telegramIdOf(member.secretaryId)),
    keyPrefix: `absence:${member.meetingId}:${member.revision}:${member.personId}:`,
    doneWall: 0,
    handledMs: 0,
    completed: false,
  };
  const started = performance.now();
  try {
    const notice = botMessage(1, translate("vi", "notice-title"));
    await bot.handleUpdate(tapOn(meetingButton.encode({ action: "abs", meetingId: member.meetingId, revision: member.revision }), notice));
    const askReason = replies.lastTo(tg);
    const reason = callbackData(askReason?.replyMarkup).find((data) => data === `ar:${REASON}`);
    if (!askReason || askReason.text !== translate("vi", "absence-ask-reason") || !reason) throw new Error(`no reason asked (last reply: ${askReason?.text})`);
    await bot.handleUpdate(tapOn(reason, botMessage(askReason.messageId, askReason.text)));
    const askNote = replies.lastTo(tg);
    if (!askNote || askNote.text !== translate("vi", "absence-ask-note")) throw new Error(`no note asked (last reply: ${askNote?.text})`);
    const id = harness.nextUpdateId();
    await bot.handleUpdate({ update_id: id, message: { message_id: id, date: date(), chat, from, text: NOTE } } as Update);
    tap.doneWall = Date.now();
    const recorded = replies.lastTo(tg);
    const expected = translate("vi", "answer-absent-recorded", { reason: translate("vi", `absence-reason-${REASON}`) });
    if (recorded?.text !== expected) throw new Error(`absence not confirmed (last reply: ${recorded?.text})`);
    tap.completed = true;
  } catch (error) {
    tap.doneWall ||= Date.now();
    tap.error = error instanceof Error ? error.message : String(error);
  }
  tap.handledMs = performance.now() - started;
  return tap;
}

async function measure(store: BenchStore, size: { cells: number; members: number }, options: BenchOptions): Promise<Measurement> {
  return withDatabase(store, async ({ db, provider }) => {
    const log = (line: string) => options.log(`  [drain ${store}] ${line}`);
    let loggedErrors = 0;
    const logger = createLogger("error", { write: () => void (loggedErrors += 1) });

    // The evening as bench/evening.ts builds it: province, last month's resolutions,
    // every meeting confirmed a week ahead, the earlier ticks.
    let watch = stopwatch();
    const province = await seedProvince(db, { cells: size.cells, membersPerCell: size.members });
    await seedPreviousResolutions(db, province.cells);
    const seedMs = watch().wallMs;
    watch = stopwatch();
    const meetingOf = new Map<number, { id: number; revision: number }>();
    for (const cell of province.cells) {
      const meeting = await confirmEveningMeeting(db, cell.id);
      meetingOf.set(cell.id, { id: meeting.id, revision: meeting.revision });
    }
    const confirmMs = watch().wallMs;
    const { last, earlier } = eveningTicks();
    watch = stopwatch();
    for (const { at } of earlier) await runTick(db, at, logger);
    const earlierMs = watch().wallMs;
    // Everything queued so far went out on the days before. On PostgreSQL the one UPDATE
    // leaves 339,000 dead row versions whose index entries still say "pending": every
    // claim would wade through them (~350 ms a claim instead of ~150). Sent over days in
    // service, autovacuum would have cleared them: VACUUM, as seedProvince ANALYZEs.
    const previouslySent = await db.$executeRawUnsafe(
      `UPDATE "OutboxMessage" SET "status" = 'sent', "sentAt" = "notBefore", "leaseUntil" = NULL WHERE "status" IN ('pending', 'sending')`,
    );
    if (provider === "postgresql") await db.$executeRawUnsafe(`VACUUM ANALYZE "OutboxMessage"`);
    log(`seeded ${count(province.persons)} members in ${seconds(seedMs)}, confirmed ${count(meetingOf.size)} meetings in ${seconds(confirmMs)}, ${earlier.length} earlier ticks in ${seconds(earlierMs)}; ${count(previouslySent)} earlier rows marked sent`);

    // 17:30: the T−2h tick.
    const dueMs = last.dueAt.getTime();
    watch = stopwatch();
    await runTick(db, last.dueAt, logger);
    const tickMs = watch().wallMs;
    const reminderWhere = { kind: "reminder", key: { contains: `:${last.key}:` } };
    const reminders = await db.outboxMessage.count({ where: { ...reminderWhere, status: "pending" } });
    const pendingAtStart = await db.outboxMessage.count({ where: { status: "pending" } });
    const lastBulkId = (await db.outboxMessage.aggregate({ _max: { id: true } }))._max.id ?? 0;
    log(`T−2h tick (${last.key}) queued ${count(reminders)} reminders in ${seconds(tickMs)}; ${count(pendingAtStart - reminders)} other rows pending`);

    // The drain, in compressed time.
    const factor = COMPRESSION_OF[store] ?? COMPRESSION;
    const standin = await BotApiStandin.start({ ratePerSecond: RATE * factor });
    const t0 = performance.now();
    const t0Wall = Date.now();
    const clock = () => new Date(dueMs + (performance.now() - t0) * factor);
    /** The stand-in's Date.now() as an evening instant. */
    const virtualOf = (wall: number) => dueMs + (wall - t0Wall) * factor;

    // Outcomes as the sender records them; onSent tells the bulk's rows (ids up to
    // lastBulkId) from the absences queued during the drain.
    const outcomes = { bulkSent: 0, laterSent: 0, failed: 0, dropped: 0, rateLimited: 0 };
    const counters: DeliveryCounters = {
      sent: () => {},
      retried: () => {},
      failed: (n) => void (outcomes.failed += n),
      dropped: (n) => void (outcomes.dropped += n),
      rateLimited: () => void (outcomes.rateLimited += 1),
    };
    const sender = new Sender({
      db,
      api: new Api("123456:BENCH", { apiRoot: standin.apiRoot }),
      logger,
      now: clock,
      channel: "telegram",
      // The default bot's rows, as the runtime's sender claims them.
      bot: "",
      limits: { perSecond: RATE * factor, perChatPerSecond: PER_CHAT_PER_SECOND * factor },
      batchSize: BATCH_SIZE,
      counters,
      // A hook the shipped runtime leaves unset: here only a counter, no database work.
      onSent: async (row: OutboxMessage) => {
        if (row.id <= lastBulkId) outcomes.bulkSent += 1;
        else outcomes.laterSent += 1;
      },
    });

    const replies = inProcessApi(clock);
    const { bot } = createBot("123456:BENCH", { db, config: loadConfig({ LOG_LEVEL: "silent" }), logger, now: clock }, { botInfo: BOT_INFO, client: { fetch: replies.fetch } });
    let updateId = 1;
    const harness = { bot, replies, clock, nextUpdateId: () => updateId++ };

    // Members to tap: a different cell each time (a stride coprime with the cell
    // count), never the secretary, who is the one told.
    const stride = [37, 41, 43, 47].find((s) => province.cells.length % s !== 0) ?? 1;
    const memberToTap = (k: number) => {
      const cell = province.cells[(k * stride) % province.cells.length]!;
      const meeting = meetingOf.get(cell.id)!;
      return { personId: cell.memberIds[1 + (k % (cell.memberIds.length - 1))]!, meetingId: meeting.id, revision: meeting.revision, secretaryId: cell.memberIds[0]! };
    };

    const bulkSettled = () => outcomes.bulkSent + outcomes.failed + outcomes.dropped >= pendingAtStart;
    // Generous: three times the drain at the full rate, plus a minute.
    const deadline = performance.now() + (pendingAtStart / (RATE * factor)) * 3_000 + 60_000;
    let timedOut = false;
    const taps: Tap[] = [];
    let tapping = true;
    sender.start(SENDER_INTERVAL_MS / factor);
    // Taps while the bulk drains and the meeting has not begun (after that the bot
    // rightly refuses an absence: the meeting has started).
    const lastTapAt = STARTS_AT.getTime() - TAP_EVERY_MS;
    const tapLoop = (async () => {
      for (let k = 0; tapping && dueMs + (k + 1) * TAP_EVERY_MS <= lastTapAt; k++) {
        await sleep((dueMs + (k + 1) * TAP_EVERY_MS - clock().getTime()) / factor);
        if (!tapping) break;
        taps.push(await tapAbsence(harness, memberToTap(k)));
      }
    })();
    try {
      let lastLog = performance.now();
      while (!bulkSettled() && performance.now() < deadline) {
        await sleep(100);
        if (performance.now() - lastLog >= 30_000) {
          lastLog = performance.now();
          const virtual = clock().getTime() - dueMs;
          log(`+${seconds(virtual)} (virtual): ${count(outcomes.bulkSent)}/${count(pendingAtStart)} sent, ${taps.length} taps, ${outcomes.rateLimited} × 429`);
        }
      }
      // The bulk is out: no more taps, then the absences still queued go.
      tapping = false;
      await tapLoop;
      const absences = await db.outboxMessage.count({ where: { kind: "absence" } });
      while (outcomes.laterSent < absences && performance.now() < deadline) await sleep(50);
      timedOut = !bulkSettled() || outcomes.laterSent < absences;
    } finally {
      tapping = false;
      await tapLoop;
      await sender.stop();
      await standin.stop();
    }
    const drainReal = performance.now() - t0;
    log(`drained in ${seconds(drainReal)} real (×${factor}), ${taps.length} taps${timedOut ? "; TIMED OUT" : ""}`);

    // What the stand-in accepted, by message id and by chat.
    const accepted = standin.sent.filter((s) => s.method === "sendMessage");
    const byMessageId = new Map<number, StandinSent>(accepted.map((s) => [s.messageId, s]));
    const perChat = new Map<string, StandinSent[]>();
    for (const s of accepted) {
      const list = perChat.get(s.chatId);
      if (list) list.push(s);
      else perChat.set(s.chatId, [s]);
    }

    // The reminders: outcome, lateness (acceptance, virtual, − 17:30), after the start.
    const rows = await db.outboxMessage.findMany({ where: reminderWhere, select: { status: true, sentAt: true, telegramMessageId: true } });
    const lateness: number[] = [];
    const latenessBySentAt: number[] = [];
    const times: number[] = [];
    let afterStart = 0;
    for (const row of rows) {
      if (row.status !== "sent") continue;
      const s = row.telegramMessageId !== null ? byMessageId.get(row.telegramMessageId) : undefined;
      if (s) {
        const at = virtualOf(s.at);
        lateness.push(at - dueMs);
        times.push(s.at);
        if (at >= STARTS_AT.getTime()) afterStart += 1;
      }
      if (row.sentAt) latenessBySentAt.push(row.sentAt.getTime() - dueMs);
    }
    times.sort((a, b) => a - b);
    const span = times.length > 1 ? times[times.length - 1]! - times[0]! : 0;
    const statusCount = (status: string) => rows.filter((row) => row.status === status).length;

    // The messages that are not the bulk (absences): their texts, per chat, tell them
    // apart from the reminders at the stand-in.
    const absenceRows = await db.outboxMessage.findMany({ where: { kind: "absence" }, select: { key: true, chatId: true, payload: true, status: true, telegramMessageId: true } });
    const otherTexts = new Map<string, Set<string>>();
    for (const row of absenceRows) {
      const text = (JSON.parse(row.payload) as { text: string }).text;
      otherTexts.set(row.chatId, (otherTexts.get(row.chatId) ?? new Set()).add(text));
    }
    for (const tap of taps) {
      const row = absenceRows.find((r) => r.key.startsWith(tap.keyPrefix) && r.chatId === tap.secretaryChat);
      if (!row) continue;
      const text = (JSON.parse(row.payload) as { text: string }).text;
      const delivered = (perChat.get(tap.secretaryChat) ?? []).filter((s) => s.text === text);
      tap.deliveries = delivered.length;
      if (delivered.length > 0) tap.realLatencyMs = Math.min(...delivered.map((s) => s.at)) - tap.doneWall;
    }

    // Every member's chat: exactly one reminder (what it received, less absences).
    let missing = 0;
    let duplicates = 0;
    for (const cell of province.cells) {
      for (const personId of cell.memberIds) {
        const chatId = String(telegramIdOf(personId));
        const others = otherTexts.get(chatId);
        const received = (perChat.get(chatId) ?? []).filter((s) => !others?.has(s.text ?? "")).length;
        if (received === 0) missing += 1;
        else duplicates += received - 1;
      }
    }
    // A row recorded sent whose message the stand-in never accepted (lost), or one the
    // stand-in accepted twice under one row, would show here as a mismatch.
    const unaccounted = rows.filter((row) => row.status === "sent" && (row.telegramMessageId === null || !byMessageId.has(row.telegramMessageId))).length;

    return {
      store,
      factor,
      members: province.persons,
      seedMs,
      confirmMs,
      earlierMs,
      previouslySent,
      tickMs,
      reminders,
      others: pendingAtStart - reminders,
      sent: statusCount("sent"),
      dropped: statusCount("dropped"),
      failed: statusCount("failed"),
      unsettled: statusCount("pending") + statusCount("sending"),
      lateness,
      latenessBySentAt,
      afterStart,
      drainMs: lateness.length > 0 ? Math.max(...lateness) : Number.NaN,
      sustained: span > 0 ? ((times.length - 1) * 1000) / span / factor : Number.NaN,
      missing,
      duplicates,
      unaccounted,
      throttled: standin.failures.filter((f) => f.rateLimited).length,
      otherFailures: standin.failures.filter((f) => !f.rateLimited).length,
      taps,
      botReplies: replies.calls(),
      loggedErrors,
      timedOut,
    };
  });
}

/** Virtual durations: seconds below ten minutes, else minutes and seconds. */
function virtual(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  if (Math.abs(ms) < 600_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}

export async function runDrain(options: BenchOptions): Promise<BenchResult> {
  const size = options.quick ? { cells: 300, members: 30 } : { cells: 3_000, members: 30 };
  const measured: Measurement[] = [];
  for (const store of STORES) measured.push(await measure(store, size, options));

  /** Tap → secretary, virtual ms (real × F). */
  const latencies = (m: Measurement) => m.taps.flatMap((t) => (t.realLatencyMs !== undefined ? [t.realLatencyMs * m.factor] : []));
  const realMs = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : "—");
  const figures = [
    ...table(
      ["store", "F", "reminders", "sent", "dropped", "failed", "drain (virtual)", "sustained", "of 30/s", "late p50", "p95", "max", "after 19:30", "429s"],
      measured.map((m) => [
        m.store,
        String(m.factor),
        count(m.reminders),
        count(m.sent),
        count(m.dropped),
        count(m.failed),
        virtual(m.drainMs),
        `${m.sustained.toFixed(2)}/s`,
        `${((m.sustained / RATE) * 100).toFixed(0)}%`,
        virtual(percentile(m.lateness, 50)),
        virtual(percentile(m.lateness, 95)),
        virtual(percentile(m.lateness, 100)),
        count(m.afterStart),
        count(m.throttled),
      ]),
    ),
    "(reminders: lateness = acceptance at the stand-in − 17:30, virtual; sustained = accepted reminders per virtual second, first to last (× F: real);",
    ` below 30/s by what does not scale: the sender's whole-millisecond pacing (at 30 × F a second it waits ${[...new Set(measured.map((m) => m.factor))].map((f) => `ceil(${(1000 / (RATE * f)).toFixed(2)})`).join(" or ")} ms + timer lateness per message: ~21/s virtual at F = 10 on its own;`,
    ` bench/sender.ts measures it at 30/s), and the database's real time per claim and per look for direct-lane rows, which grows with the rows pending)`,
    "",
    ...table(
      ["store", "absences", "tap → secretary p50", "p95", "p99", "max", "(real) p50", "p99", "max", "tap handled (real) p50", "max"],
      measured.map((m) => {
        const l = latencies(m);
        const real = l.map((v) => v / m.factor);
        const handled = m.taps.map((t) => t.handledMs);
        return [
          m.store,
          `${count(l.length)}/${count(m.taps.length)}`,
          virtual(percentile(l, 50)),
          virtual(percentile(l, 95)),
          virtual(percentile(l, 99)),
          virtual(percentile(l, 100)),
          realMs(percentile(real, 50)),
          realMs(percentile(real, 99)),
          realMs(percentile(real, 100)),
          realMs(percentile(handled, 50)),
          realMs(percentile(handled, 100)),
        ];
      }),
    ),
    "(absences: from the tap's last update handled to the stand-in accepting the message in the secretary's chat, virtual, then the same in real ms: the sender's 500 ms look for direct rows is real time in service too; handled: the bot's real time for the tap's three updates)",
    "",
    ...table(
      ["store", "seeding", "confirmations", "earlier ticks", "T−2h tick", "rows sent before", "lateness by sentAt p50", "max"],
      measured.map((m) => [
        m.store,
        seconds(m.seedMs),
        seconds(m.confirmMs),
        seconds(m.earlierMs),
        seconds(m.tickMs),
        count(m.previouslySent),
        virtual(percentile(m.latenessBySentAt, 50)),
        virtual(percentile(m.latenessBySentAt, 100)),
      ]),
    ),
    "(setup, real time; the T−2h tick runs before the clock starts: in service its rows are due that much after 17:30. By sentAt: the sender's clock when it recorded the row, a cross-check)",
  ];

  // Targets are what the issue asks of the evening (a miss is a finding: the absences'
  // p99 is expected to miss while bulk rows are claimed ahead of them); checks are what
  // must hold for the figures to mean anything (every reminder exactly once...).
  const targets: Target[] = measured.flatMap((m) => {
    const p99 = percentile(latencies(m), 99);
    return [
      { name: `reminders delivered after their meeting began on ${m.store}`, goal: "0", actual: count(m.afterStart), met: m.afterStart === 0 },
      { name: `reminders dropped on ${m.store}`, goal: "0", actual: count(m.dropped), met: m.dropped === 0 },
      { name: `tap → secretary p99 on ${m.store} (virtual)`, goal: "< 5 s", actual: virtual(p99), met: p99 < ABSENCE_P99_TARGET_MS },
    ];
  });
  const checks: Check[] = measured.flatMap((m) => {
    const broken = m.taps.filter((t) => !t.completed);
    const undelivered = m.taps.filter((t) => t.completed && t.deliveries !== 1);
    return [
      { name: `the T−2h tick queued a reminder per member on ${m.store}`, ok: m.reminders === m.members, detail: `${count(m.reminders)} (expected ${count(m.members)}); ${count(m.others)} other rows pending` },
      {
        name: `the drain finished on ${m.store}`,
        ok: !m.timedOut && m.unsettled === 0,
        detail: m.timedOut ? `timed out with ${count(m.unsettled)} reminders unsettled` : `${count(m.sent + m.dropped + m.failed)} reminders settled`,
      },
      {
        // Exactly once where it was sent at all: the rows dropped (expired) are the
        // target above, not a fault of the bookkeeping.
        name: `every reminder delivered exactly once (but those dropped) on ${m.store}`,
        ok: m.duplicates === 0 && m.unaccounted === 0 && m.missing === m.reminders - m.sent,
        detail: `at the stand-in, per member chat: ${count(m.members - m.missing)} got one, ${count(m.missing)} none (${count(m.reminders - m.sent)} rows not sent), ${count(m.duplicates)} surplus copies; ${count(m.unaccounted)} rows sent without a message`,
      },
      {
        name: `every absence conversation completed and reached the secretary once on ${m.store}`,
        ok: m.taps.length > 0 && broken.length === 0 && undelivered.length === 0,
        detail: `${m.taps.length} taps (${count(m.botReplies)} bot API calls, answered in-process), ${broken.length} not completed${broken[0]?.error ? ` (${broken[0].error})` : ""}, ${undelivered.length} not delivered exactly once`,
      },
      { name: `no errors logged on ${m.store}`, ok: m.loggedErrors === 0, detail: `${m.loggedErrors} error lines; ${m.otherFailures} stand-in failures other than 429` },
    ];
  });
  return {
    name: "drain",
    setup: [
      `${count(size.cells)} cells × ${size.members} linked members (${count(size.cells * size.members)}), every cell meets at 19:30 ${TIME_ZONE} with last month's review (as bench/evening.ts); confirmed a week ahead, the earlier ticks run, everything they queued marked sent (it went out on the days before; PostgreSQL then VACUUMed, as autovacuum would have done meanwhile)`,
      `17:30: the T−2h tick (runTick) queues a reminder per member; then the real Sender, started in the background (sender.start), drains them through BotApiStandin over HTTP`,
      `TIME COMPRESSED by F = ${COMPRESSION} (constant COMPRESSION${Object.keys(COMPRESSION_OF).length ? `; lowered for ${Object.entries(COMPRESSION_OF).map(([s, f]) => `${s} to ${f}`).join(", ")}` : ""}): row clock = 17:30 + real elapsed × F for the sender and the bot; sender perSecond ${RATE} × F, perChatPerSecond ${PER_CHAT_PER_SECOND} × F, idle interval ${SENDER_INTERVAL_MS} ms ÷ F, batch ${BATCH_SIZE} rows (its default at ${RATE}/s); stand-in ratePerSecond ${RATE} × F: ${RATE} messages per virtual second`,
      `every figure in virtual time, unless marked real; not scaled, so weighing F times more than in service (conservative): the work per message (database, HTTP, Prisma), the sender's whole-millisecond pacing, its 500 ms look for direct-lane rows during a bulk batch, a 429's retry_after (≥ 1 real s)`,
      `meanwhile, every ${TAP_EVERY_MS / 1000} virtual s a different member (a different cell) taps "absent" on the notice (m:abs:<meeting>:<revision>), picks "${REASON}" and types a note, through createBot (bot.handleUpdate; its own replies answered in-process, not through the stand-in's window): that queues an "absence" row to the cell's secretary`,
    ],
    figures,
    targets,
    checks,
  };
}
