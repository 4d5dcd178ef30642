// Everything a running bot does besides answering updates: the outbox senders (one per
// messenger), the scheduler tick every minute, and the group tallies. Started after the
// bots, stopped before the database closes.
import cron from "node-cron";
import type { Api } from "grammy";
import type { Db } from "./db/client.js";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import { Sender, type SenderLimits } from "./delivery/sender.js";
import { runTick } from "./jobs/tick.js";
import { refreshGroupTallies } from "./features/meetings/group.js";
import { tellLeadersUnreachable } from "./features/meetings/unreachable.js";

/** The sender's limits from the configuration. */
export function sendLimits(config: Config): Partial<SenderLimits> {
  return {
    perSecond: config.TELEGRAM_PER_SECOND,
    perChatPerSecond: config.TELEGRAM_PER_CHAT_PER_SECOND,
    perGroupPerMinute: config.TELEGRAM_PER_GROUP_PER_MINUTE,
  };
}

/** The Zalo sender's limits (Zalo bots have private chats only). */
export function zaloSendLimits(config: Config): Partial<SenderLimits> {
  return { perSecond: config.ZALO_PER_SECOND, perChatPerSecond: config.ZALO_PER_CHAT_PER_SECOND };
}

export interface Runtime {
  /** Telegram's sender (Zalo's when only Zalo runs). */
  sender: Sender;
  senders: Sender[];
  /** Runs a tick now (the CLI's `tick`, tests, the demo). */
  tick(at?: Date): Promise<void>;
  stop(): Promise<void>;
}

export function startRuntime(options: {
  db: Db;
  /** The Telegram bot's Api; absent when only Zalo runs. */
  api?: Api;
  /** The Zalo bot's Api (calls become Zalo calls), with its own limits. */
  zalo?: { api: Api; limits?: Partial<SenderLimits> };
  logger: Logger;
  now: () => Date;
  timeZone: string;
  limits?: Partial<SenderLimits>;
  /** false in tests and the demo, which call tick() themselves. */
  schedule?: boolean;
  senderIntervalMs?: number;
  /** Retry backoff; the demo and tests use a short one. */
  backoff?: { baseMs?: number; maxMs?: number };
}): Runtime {
  const { db, api, logger, now } = options;
  const senderFor = (channel: "telegram" | "zalo", channelApi: Api, limits?: Partial<SenderLimits>) =>
    new Sender({
      db,
      api: channelApi,
      channel,
      logger,
      now,
      limits,
      backoff: options.backoff,
      onUnreachable: (row) => tellLeadersUnreachable(db, row, now()),
    });
  const senders = [
    ...(api ? [senderFor("telegram", api, options.limits)] : []),
    ...(options.zalo ? [senderFor("zalo", options.zalo.api, options.zalo.limits)] : []),
  ];
  if (senders.length === 0) throw new Error("startRuntime: neither a Telegram nor a Zalo Api");
  for (const sender of senders) sender.start(options.senderIntervalMs ?? 1000);
  let ticking: Promise<unknown> = Promise.resolve();
  const tick = async (at?: Date) => {
    ticking = ticking.then(() => runTick(db, at ?? now(), logger)).catch((error) => logger.error({ err: error }, "tick failed"));
    await ticking;
  };
  const task = options.schedule === false ? undefined : cron.schedule("* * * * *", () => void tick(), { timezone: options.timeZone });
  // One refresh at a time: a slow post must not be made twice by the next interval.
  let refreshing = false;
  // Group tallies are Telegram's only: Zalo bots have no group chats here.
  const tallies = setInterval(() => {
    if (refreshing || !api) return;
    refreshing = true;
    refreshGroupTallies(db, api, now(), logger)
      .catch((error) => logger.error({ err: error }, "group tallies failed"))
      .finally(() => (refreshing = false));
  }, 1000);
  return {
    sender: senders[0],
    senders,
    tick,
    async stop() {
      task?.stop();
      clearInterval(tallies);
      await ticking;
      await Promise.all(senders.map((sender) => sender.stop()));
    },
  };
}
