// What GET /metrics shows (src/server/http.ts), in Prometheus's text format through
// prom-client. One registry per running instance, never prom-client's global one: two
// bots in one process (the tests) count apart. The senders count outcomes as they
// record them (delivery/sender.ts), the runtime times ticks (runtime.ts), createBot's
// first middleware times updates; the outbox's depth and its oldest due message are read
// from the database when scraped, with one aggregate statement on the injected clock.
// Loaded by `chibo start` (and tests) only: nothing else imports prom-client.
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { UserFromGetMe } from "grammy/types";
import type { Db } from "./db/client.js";
import type { Logger } from "./logger.js";
import { channelOf, type Channel } from "./bot/channels.js";
import { outboxBacklog } from "./delivery/outbox.js";
import { ZALO_SENDER } from "./delivery/outbox-store.js";
import type { DeliveryCounters } from "./delivery/sender.js";

/** The bot label when nobody said which bot: one bot per messenger, its name unknown. */
export const DEFAULT_BOT = "default";

/** A bot's label: its username, else its id, else "default". */
export function botLabel(me?: Pick<UserFromGetMe, "id" | "username"> | undefined): string {
  if (!me) return DEFAULT_BOT;
  return me.username || String(me.id);
}

/** The labels of everything counted per bot. */
export interface BotLabels {
  messenger: Channel;
  bot: string;
}

export type Outcome = "ok" | "error";

export interface Metrics {
  readonly registry: Registry;
  /**
   * Counters for one sender: the messenger whose rows it sends and the bot it sends them
   * through ("default" when not given), and its route (OutboxMessage.bot: "" for the
   * default Telegram bot, "zalo" for Zalo's). The labels also mark that sender's outbox
   * depth and oldest due message.
   */
  sender(labels: { messenger: Channel; bot?: string; route?: string }): DeliveryCounters;
  /** A scheduler tick took this long. */
  tickDone(seconds: number, outcome: Outcome): void;
  /** An update was handled (createBot) by this bot in this long. */
  updateDone(me: Pick<UserFromGetMe, "id" | "username">, seconds: number, outcome: Outcome): void;
  /** The text GET /metrics answers (the outbox is read now) and its content type. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

/** Ticks: a quiet minute takes milliseconds, the busiest evening's a few seconds. */
const TICK_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Updates: a tap is a few milliseconds, an export or a chart a second or more. */
const UPDATE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const BOT_LABELS = ["messenger", "bot"] as const;

export function createMetrics(options: { db: Db; now: () => Date; logger: Logger }): Metrics {
  const { db, now, logger } = options;
  const registry = new Registry();
  const registers = [registry];

  const counter = (name: string, help: string) => new Counter({ name, help, labelNames: BOT_LABELS, registers });
  const sent = counter("chibo_outbox_sent_total", "Outbox messages sent.");
  const retried = counter("chibo_outbox_retried_total", "Failed sends put back for a retry (429s included).");
  const failed = counter("chibo_outbox_failed_total", "Outbox messages failed for good (refused, or out of attempts).");
  const dropped = counter("chibo_outbox_dropped_total", "Outbox messages dropped because they expired before they could be sent.");
  const rateLimited = counter("chibo_outbox_rate_limited_total", "429 answers from the messenger (each pauses that sender).");

  /** Each sender's labels by its messenger and route (OutboxMessage.bot). */
  const bots = new Map<string, BotLabels>();
  const senderKey = (messenger: Channel, route: string) => `${messenger} ${route}`;
  const depth = new Gauge({
    name: "chibo_outbox_depth",
    help: "Outbox messages due and not yet sent (pending or being sent, notBefore passed, retries included).",
    labelNames: BOT_LABELS,
    registers,
    collect: () => readBacklog(),
  });
  const oldestDue = new Gauge({
    name: "chibo_outbox_oldest_due_age_seconds",
    help: "How long the oldest due, unsent outbox message has been due (0 when none is).",
    labelNames: BOT_LABELS,
    registers,
    collect: () => readBacklog(),
  });
  // Both gauges are collected in one scrape: they share one statement.
  let reading: Promise<void> | undefined;
  const readBacklog = () => (reading ??= backlog().finally(() => (reading = undefined)));
  async function backlog(): Promise<void> {
    const at = now();
    let rows: Awaited<ReturnType<typeof outboxBacklog>>;
    try {
      rows = await outboxBacklog(db, at);
    } catch (error) {
      // The database is away: the gauges are left out of this scrape, the rest is served.
      logger.warn({ err: error }, "metrics: reading the outbox failed");
      depth.reset();
      oldestDue.reset();
      return;
    }
    depth.reset();
    oldestDue.reset();
    const bySender = new Map(rows.map((row) => [senderKey(row.channel, row.bot), row]));
    for (const key of new Set([...bots.keys(), ...bySender.keys()])) {
      const row = bySender.get(key);
      // Rows of a bot no sender here sends: labelled by the bot's id.
      const labels = bots.get(key) ?? { messenger: row!.channel, bot: row!.bot === "" || row!.bot === ZALO_SENDER ? DEFAULT_BOT : row!.bot };
      depth.set(labels, row?.due ?? 0);
      oldestDue.set(labels, row ? Math.max(0, (at.getTime() - row.oldestDue.getTime()) / 1000) : 0);
    }
  }

  const ticks = new Histogram({
    name: "chibo_tick_duration_seconds",
    help: "Scheduler ticks run on this instance, by outcome.",
    labelNames: ["outcome"],
    buckets: TICK_BUCKETS,
    registers,
  });
  const updates = new Histogram({
    name: "chibo_update_duration_seconds",
    help: "Updates handled (from arrival at the first middleware to the end of the last), by outcome.",
    labelNames: [...BOT_LABELS, "outcome"],
    buckets: UPDATE_BUCKETS,
    registers,
  });

  return {
    registry,
    sender({ messenger, bot = DEFAULT_BOT, route = messenger === "zalo" ? ZALO_SENDER : "" }) {
      const labels: BotLabels = { messenger, bot };
      if (!bots.has(senderKey(messenger, route))) bots.set(senderKey(messenger, route), labels);
      // Zero from the start: a rate of nothing is 0, not absent.
      for (const metric of [sent, retried, failed, dropped, rateLimited]) metric.inc(labels, 0);
      return {
        sent: (count) => sent.inc(labels, count),
        retried: (count) => retried.inc(labels, count),
        failed: (count) => failed.inc(labels, count),
        dropped: (count) => dropped.inc(labels, count),
        rateLimited: () => rateLimited.inc(labels),
      };
    },
    tickDone(seconds, outcome) {
      ticks.observe({ outcome }, seconds);
    },
    updateDone(me, seconds, outcome) {
      updates.observe({ messenger: channelOf(me.id), bot: botLabel(me), outcome }, seconds);
    },
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
