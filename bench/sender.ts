// "sender": how close the outbox sender gets to Telegram's global limit without losing
// or duplicating a message. The Bot API stand-in enforces 30 accepted requests in any
// sliding second and answers 429 with retry_after beyond that, as Telegram does; the
// sender is configured for the same 30/s. Every message goes to its own chat, so the
// per-chat spacing never holds anything back: only the global limit matters.
//
// Sustained rate = (accepted − 1) / (last acceptance − first acceptance), on the
// stand-in's clock: the rate Telegram would see, not counting the database work before
// the first send or after the last.
//
// A second, informational run ("window-paced") puts a sliding-window gate in front of
// the API (an API transformer, so src/ is untouched): no request starts while 30
// others started within the last second plus a small margin. That is the accounting
// the stand-in (and Telegram) applies, so it is the reference for the sender's own
// pacing: if the shipped sender falls well behind it, its pacing is at fault, not the
// database. (Until 18:04 on 2026-11-23 the sender's token bucket allowed a burst of a
// full second, which tripped the window: see bench/RESULTS.md.)
import { Api, type Transformer } from "grammy";
import { createLogger } from "../src/logger.js";
import { enqueue, type OutboxItem } from "../src/delivery/outbox.js";
import { Sender } from "../src/delivery/sender.js";
import { BotApiStandin } from "../src/testing/bot-api-standin.js";
import { withDatabase, type BenchStore } from "./databases.js";
import { count, seconds, table, type BenchOptions, type BenchResult } from "./report.js";

const STORES: BenchStore[] = ["sqlite", "postgresql"];
const LIMIT_PER_SECOND = 30;
const TARGET_SHARE = 0.95;
/** Slack for the time between a request's start here and its acceptance at the stand-in. */
const WINDOW_MARGIN_MS = 25;

type Variant = "as shipped" | "window-paced";

/**
 * At most `limit` request starts in any `windowMs`: a request waits for the start
 * `limit` places back to leave the window. Starts are assigned in call order.
 */
function slidingWindowGate(limit: number, windowMs: number): Transformer {
  const starts: number[] = [];
  let queue: Promise<void> = Promise.resolve();
  return async (prev, method, payload, signal) => {
    const slot = queue.then(async () => {
      if (starts.length >= limit) {
        const wait = starts[starts.length - limit]! + windowMs - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      starts.push(performance.now());
      if (starts.length > limit) starts.shift();
    });
    queue = slot;
    await slot;
    return prev(method, payload, signal);
  };
}

interface Measurement {
  store: BenchStore;
  variant: Variant;
  messages: number;
  accepted: number;
  drainMs: number;
  sustained: number;
  throttled: number;
  otherFailures: number;
  lost: number;
  duplicates: number;
  /** Longest gap between two acceptances: where a 429 pause shows. */
  longestGapMs: number;
  summary: { sent: number; retried: number; failed: number; dropped: number };
}

async function measure(store: BenchStore, variant: Variant, messages: number, options: BenchOptions): Promise<Measurement> {
  return withDatabase(store, async ({ db }) => {
    const standin = await BotApiStandin.start({ ratePerSecond: LIMIT_PER_SECOND });
    const api = new Api("123456:BENCH", { apiRoot: standin.apiRoot });
    if (variant === "window-paced") api.config.use(slidingWindowGate(LIMIT_PER_SECOND, 1000 + WINDOW_MARGIN_MS));
    const sender = new Sender({
      db,
      api,
      logger: createLogger("silent"),
      now: () => new Date(),
      channel: "telegram",
      bot: "",
      limits: { perSecond: LIMIT_PER_SECOND, perChatPerSecond: 1 },
    });
    try {
      const notBefore = new Date(Date.now() - 1_000);
      const items: OutboxItem[] = Array.from({ length: messages }, (_, i) => ({
        key: `bench:${i}`,
        chatId: String(900_000_000 + i),
        kind: "bench",
        payload: { text: `Nhắc họp chi bộ ${i}`, replyMarkup: { inline_keyboard: [[{ text: "✅", callback_data: `m:att:${i}:1` }]] } },
        notBefore,
      }));
      await enqueue(db, items, new Date());

      const started = performance.now();
      // Generous: at 30/s the drain needs messages/30 s, plus a second per 429 pause.
      const summary = await sender.drainUntilIdle({ timeoutMs: Math.max(60_000, (messages / LIMIT_PER_SECOND) * 3_000) });
      const drainMs = performance.now() - started;

      const accepted = standin.sent.filter((s) => s.method === "sendMessage");
      const times = accepted.map((s) => s.at).sort((a, b) => a - b);
      const span = times.length > 1 ? times[times.length - 1]! - times[0]! : 0;
      let longestGapMs = 0;
      for (let i = 1; i < times.length; i++) longestGapMs = Math.max(longestGapMs, times[i]! - times[i - 1]!);

      // Lost: a key not recorded as sent, or a chat the stand-in never heard from.
      // Duplicate: a chat (one message each) that received more than one.
      const perChat = new Map<string, number>();
      for (const s of accepted) perChat.set(s.chatId, (perChat.get(s.chatId) ?? 0) + 1);
      const unsentRows = await db.outboxMessage.count({ where: { status: { not: "sent" } } });
      const silentChats = items.filter((item) => !perChat.has(item.chatId)).length;
      const duplicates = [...perChat.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);

      const m: Measurement = {
        store,
        variant,
        messages,
        accepted: accepted.length,
        drainMs,
        sustained: span > 0 ? ((times.length - 1) * 1000) / span : Number.NaN,
        throttled: standin.failures.filter((f) => f.rateLimited).length,
        otherFailures: standin.failures.filter((f) => !f.rateLimited).length,
        lost: Math.max(unsentRows, silentChats),
        duplicates,
        longestGapMs,
        summary,
      };
      options.log(
        `  [sender ${store}, ${variant}] ${count(m.accepted)}/${count(messages)} accepted in ${seconds(drainMs)}, sustained ${m.sustained.toFixed(2)}/s, ${m.throttled} × 429, lost ${m.lost}, duplicates ${m.duplicates}`,
      );
      return m;
    } finally {
      await sender.stop();
      await standin.stop();
    }
  });
}

export async function runSender(options: BenchOptions): Promise<BenchResult> {
  const messages = options.quick ? 150 : 1_500;
  const measured: Measurement[] = [];
  for (const store of STORES) measured.push(await measure(store, "as shipped", messages, options));
  // The database hardly matters to pacing: the prototype runs on SQLite only.
  const paced = await measure("sqlite", "window-paced", messages, options);
  const all = [...measured, paced];
  const floor = LIMIT_PER_SECOND * TARGET_SHARE;
  return {
    name: "sender",
    setup: [
      `${count(messages)} messages, one per chat, enqueued before the drain; BotApiStandin.start({ ratePerSecond: ${LIMIT_PER_SECOND} }) over HTTP on 127.0.0.1`,
      `Sender limits: perSecond ${LIMIT_PER_SECOND}, perChatPerSecond 1, other limits default, pacing as src/delivery/sender.ts does it ("as shipped"); drained with drainUntilIdle`,
      `sustained rate measured on the stand-in's acceptance times (Date.now(), ms), first to last accepted`,
      `window-paced (information, not the target): the same sender behind an API transformer that starts at most ${LIMIT_PER_SECOND} requests per ${1000 + WINDOW_MARGIN_MS} ms sliding window`,
    ],
    figures: table(
      ["store", "sender pacing", "accepted", "drain wall", "sustained", "% of 30/s", "429s", "other failures", "longest gap", "lost", "duplicates", "retried rows"],
      all.map((m) => [
        m.store,
        m.variant,
        `${count(m.accepted)}/${count(m.messages)}`,
        seconds(m.drainMs),
        `${m.sustained.toFixed(2)}/s`,
        `${((m.sustained / LIMIT_PER_SECOND) * 100).toFixed(1)}%`,
        String(m.throttled),
        String(m.otherFailures),
        `${m.longestGapMs} ms`,
        String(m.lost),
        String(m.duplicates),
        String(m.summary.retried),
      ]),
    ),
    targets: measured.map((m) => ({
      name: `sustained rate on ${m.store}`,
      goal: `≥ ${floor.toFixed(1)}/s (95% of ${LIMIT_PER_SECOND}/s)`,
      actual: `${m.sustained.toFixed(2)}/s`,
      met: m.sustained >= floor,
    })),
    checks: all.flatMap((m) => [
      { name: `nothing lost on ${m.store} (${m.variant})`, ok: m.lost === 0, detail: `${m.lost} lost` },
      { name: `no duplicates on ${m.store} (${m.variant})`, ok: m.duplicates === 0, detail: `${m.duplicates} duplicate sends` },
    ]),
  };
}
