// Everything a running bot does besides answering updates: the outbox senders (one per
// messenger), the scheduler tick every minute, and the group tallies. Started after the
// bots, stopped before the database closes.
import cron from "node-cron";
import type { Api } from "grammy";
import type { Db } from "./db/client.js";
import type { Config, TelegramBotSetup } from "./config.js";
import { ZALO_SENDER } from "./delivery/outbox-store.js";
import { failureStreak, type Logger } from "./logger.js";
import { Sender, type SenderLimits } from "./delivery/sender.js";
import type { PaidBroadcast } from "./delivery/paid-broadcast.js";
import { runTick } from "./jobs/tick.js";
import type { TickContext } from "./features/feature.js";
import { claimOnce, pruneMarks } from "./db/plan-marks.js";
import { refreshGroupTallies } from "./features/meetings/group-planner.js";
import { tellLeadersUnreachable } from "./features/meetings/messages.js";
import type { Metrics } from "./metrics.js";

/** The sender's limits from the configuration: the default bot's, or those a province's bot is given. */
export function sendLimits(config: Config, bot?: TelegramBotSetup): Partial<SenderLimits> {
  return {
    perSecond: bot?.limits.perSecond ?? config.TELEGRAM_PER_SECOND,
    perChatPerSecond: bot?.limits.perChatPerSecond ?? config.TELEGRAM_PER_CHAT_PER_SECOND,
    perGroupPerMinute: bot?.limits.perGroupPerMinute ?? config.TELEGRAM_PER_GROUP_PER_MINUTE,
    leaseSeconds: config.SENDER_LEASE_SECONDS,
  };
}

/** A province's Telegram bot (config TELEGRAM_BOTS_FILE): its rows go out through its own sender. */
export interface ProvinceSender {
  api: Api;
  /** Org.bot and OutboxMessage.bot of its rows: the bot's id. */
  route: string;
  /** Its label in /metrics (its username). */
  bot: string;
  limits?: Partial<SenderLimits>;
  paidBroadcast?: PaidBroadcast;
}

/** The Zalo sender's limits (Zalo bots have private chats only). */
export function zaloSendLimits(config: Config): Partial<SenderLimits> {
  return { perSecond: config.ZALO_PER_SECOND, perChatPerSecond: config.ZALO_PER_CHAT_PER_SECOND, leaseSeconds: config.SENDER_LEASE_SECONDS };
}

const TICK_CLAIM_PREFIX = "tick:";
/** A slot's claim outlives any clock skew between instances many times over. */
const KEEP_TICK_CLAIMS_MS = 2 * 86_400_000;
const PRUNE_TICK_CLAIMS_EVERY_MS = 3_600_000;

/** `tick:<slot>`, the slot to the second (node-cron's slots are whole seconds): one key per slot on every instance. */
export function tickClaimKey(slot: Date): string {
  return `${TICK_CLAIM_PREFIX}${new Date(Math.floor(slot.getTime() / 1000) * 1000).toISOString()}`;
}

export interface Runtime {
  /** Telegram's sender (Zalo's when only Zalo runs). */
  sender: Sender;
  senders: Sender[];
  /** Runs a tick now (the CLI's `tick`, tests, the demo). */
  tick(at?: Date): Promise<void>;
  /**
   * What node-cron calls at each slot: runs the tick only if this instance is the first
   * to claim the slot, so of several instances on one database one does the work.
   * Resolves to whether it ran here.
   */
  tickScheduled(slot: Date): Promise<boolean>;
  stop(): Promise<void>;
}

export function startRuntime(options: {
  db: Db;
  /** The Telegram bot's Api; absent when only Zalo runs. */
  api?: Api;
  /** The Telegram bot's label in /metrics (its username); "default" when absent. */
  bot?: string;
  /** The Zalo bot's Api (calls become Zalo calls), with its own limits and label in /metrics. */
  zalo?: { api: Api; limits?: Partial<SenderLimits>; bot?: string };
  /** Counts each sender's outcomes and times the ticks (src/metrics.ts); none when absent. */
  metrics?: Metrics;
  logger: Logger;
  now: () => Date;
  timeZone: string;
  limits?: Partial<SenderLimits>;
  /** Paid broadcasts for the Telegram sender's bulk rows (config: paidBroadcastConfig); off when absent. */
  paidBroadcast?: PaidBroadcast;
  /** One bot per province besides the default one (`api`): each sends its province's rows. */
  provinces?: ProvinceSender[];
  /** false: another instance sends the default bot's rows (config SEND_FOR_BOTS); `api` still posts group tallies. */
  sendsForMain?: boolean;
  /** What the ticks know of the deployment (links to the HTTP server for the digest's dashboard button). */
  tickContext?: TickContext;
  /** false in tests and the demo, which call tick() themselves. */
  schedule?: boolean;
  /** node-cron expression of the ticks (config TICK_SCHEDULE); every minute by default. */
  tickSchedule?: string;
  senderIntervalMs?: number;
  /** Retry backoff; the demo and tests use a short one. */
  backoff?: { baseMs?: number; maxMs?: number };
}): Runtime {
  const { db, api, logger, now, metrics } = options;
  const senderFor = (channel: "telegram" | "zalo", route: string, channelApi: Api, limits: Partial<SenderLimits> | undefined, bot?: string, paidBroadcast?: PaidBroadcast) =>
    new Sender({
      db,
      api: channelApi,
      channel,
      bot: route,
      logger,
      now,
      limits,
      backoff: options.backoff,
      onUnreachable: (row) => tellLeadersUnreachable(db, row, now()),
      counters: metrics?.sender({ messenger: channel, bot, route }),
      paidBroadcast,
    });
  const provinces = api ? (options.provinces ?? []) : [];
  const senders = [
    ...(api && options.sendsForMain !== false ? [senderFor("telegram", "", api, options.limits, options.bot, options.paidBroadcast)] : []),
    ...provinces.map((province) => senderFor("telegram", province.route, province.api, province.limits, province.bot, province.paidBroadcast)),
    ...(options.zalo ? [senderFor("zalo", ZALO_SENDER, options.zalo.api, options.zalo.limits, options.zalo.bot)] : []),
  ];
  if (!api && !options.zalo) throw new Error("startRuntime: neither a Telegram nor a Zalo Api");
  for (const sender of senders) sender.start(options.senderIntervalMs ?? 1000);
  // A cell's group hears its own province's bot; the default bot when that bot is not run here.
  const provinceApis = new Map(provinces.map((province) => [province.route, province.api]));
  const apiOf = (bot: string) => provinceApis.get(bot) ?? api!;
  let ticking: Promise<unknown> = Promise.resolve();
  const timedTick = async (at: Date) => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      await runTick(db, at, logger, options.tickContext);
      metrics?.tickDone(seconds(), "ok");
    } catch (error) {
      metrics?.tickDone(seconds(), "error");
      throw error;
    }
  };
  const tick = async (at?: Date) => {
    ticking = ticking.then(() => timedTick(at ?? now())).catch((error) => logger.error({ err: error }, "tick failed"));
    await ticking;
  };
  let prunedAt = Number.NEGATIVE_INFINITY;
  const tickScheduled = async (slot: Date): Promise<boolean> => {
    try {
      if (!(await claimOnce(db, tickClaimKey(slot)))) return false;
    } catch (error) {
      // The database is down: the next slot's tick catches up on what this one missed.
      logger.error({ err: error, slot: slot.toISOString() }, "tick failed");
      return false;
    }
    await tick();
    if (slot.getTime() - prunedAt >= PRUNE_TICK_CLAIMS_EVERY_MS) {
      prunedAt = slot.getTime();
      const before = tickClaimKey(new Date(slot.getTime() - KEEP_TICK_CLAIMS_MS));
      await pruneMarks(db, TICK_CLAIM_PREFIX, before).catch((error) => logger.error({ err: error }, "pruning tick claims failed"));
    }
    return true;
  };
  const task =
    options.schedule === false
      ? undefined
      : cron.schedule(options.tickSchedule ?? "* * * * *", (context) => void tickScheduled(context.date), { timezone: options.timeZone });
  // One refresh at a time: a slow post must not be made twice by the next interval.
  let refreshing = false;
  const tallyFailures = failureStreak(logger, "group tallies failed");
  // Group tallies are Telegram's only: Zalo bots have no group chats here.
  const tallies = setInterval(() => {
    if (refreshing || !api) return;
    refreshing = true;
    refreshGroupTallies(db, apiOf, now(), logger)
      .then(() => tallyFailures.succeeded(), (error) => tallyFailures.failed(error))
      .finally(() => (refreshing = false));
  }, 1000);
  return {
    sender: senders[0],
    senders,
    tick,
    tickScheduled,
    async stop() {
      task?.stop();
      clearInterval(tallies);
      await ticking;
      await Promise.all(senders.map((sender) => sender.stop()));
    },
  };
}
