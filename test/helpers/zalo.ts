// Runs the real bot on Zalo (and, when asked, on Telegram too, in the same process)
// against local stand-ins of both Bot APIs, with the HTTP server for webhooks and file
// links, on a clock the test controls.
import type { Server } from "node:http";
import { createBot, setCommandMenus, type CreatedBot } from "../../src/bot/create-bot.js";
import { startPolling, type Polling } from "../../src/bot/polling.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { FakeTelegram } from "../../src/testing/fake-telegram.js";
import { FakeZalo } from "../../src/testing/fake-zalo.js";
import { startRuntime, type Runtime } from "../../src/runtime.js";
import { countUnsent } from "../../src/delivery/outbox.js";
import { createHttpServer, listen } from "../../src/server/http.js";
import { checkZaloToken, createZaloChannel, startZaloUpdates, type ZaloChannel, type ZaloUpdates } from "../../src/zalo/channel.js";
import type { Db } from "../../src/db/client.js";

export const TEST_SECRET = "test-secret-for-signed-links";
export const WEBHOOK_SECRET = "zalo-webhook-secret";

export interface RunningZalo {
  zalo: FakeZalo;
  telegram?: FakeTelegram;
  channel: ZaloChannel;
  now: { value: Date };
  runtime: Runtime;
  /** The bot's HTTP server (webhook, file links). */
  httpUrl: string;
  /** Waits until both messengers' stand-ins and the outbox are quiet. */
  settle(): Promise<void>;
  tickAt(at: Date | string): Promise<void>;
  stop(): Promise<void>;
}

export async function startZaloBot(
  db: Db,
  options: { now?: Date; telegram?: boolean; webhook?: boolean; files?: boolean; pollSeconds?: number } = {},
): Promise<RunningZalo> {
  const zalo = await FakeZalo.start();
  const telegram = options.telegram ? await FakeTelegram.start() : undefined;
  const config = loadConfig({
    LOG_LEVEL: "silent",
    ZALO_BOT_TOKEN: zalo.token,
    ZALO_API_ROOT: zalo.apiRoot,
    ...(telegram ? { BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot } : {}),
  });
  const now = { value: options.now ?? new Date() };
  const logger = createLogger("silent");
  const deps = { db, config, logger, now: () => now.value };

  let telegramBot: CreatedBot | undefined;
  if (telegram) {
    telegramBot = createBot(telegram.token, deps);
    await telegramBot.bot.init();
    await setCommandMenus(telegramBot.bot, telegramBot.translate, logger);
  }

  // The HTTP server first: the Zalo channel's file links point to it.
  let channel: ZaloChannel | undefined;
  const http: Server = createHttpServer({
    db,
    logger,
    secret: TEST_SECRET,
    now: () => now.value,
    zaloWebhook: options.webhook
      ? { path: config.ZALO_WEBHOOK_PATH, secret: WEBHOOK_SECRET, receiver: { accept: (update) => channel!.receiver.accept(update) } }
      : undefined,
  });
  const httpUrl = `http://127.0.0.1:${await listen(http, 0, "127.0.0.1")}`;

  const check = await checkZaloToken(zalo.token, zalo.apiRoot);
  if (!check.ok) throw new Error(`the Zalo stand-in refused the token: ${check.detail}`);
  channel = createZaloChannel({
    token: zalo.token,
    apiRoot: zalo.apiRoot,
    info: check.info,
    deps,
    concurrency: config.BOT_CONCURRENCY,
    files: options.files === false ? undefined : { publicUrl: httpUrl, secret: TEST_SECRET },
    telegram: () => telegramBot?.bot.api,
  });
  telegramBot?.bot.api.config.use(channel.outgoing.router);

  const tests = { perSecond: 10_000, perChatPerSecond: 10_000, perGroupPerMinute: 100_000 };
  const runtime = startRuntime({
    db,
    api: telegramBot?.bot.api,
    zalo: { api: channel.created.bot.api, limits: tests },
    logger,
    now: () => now.value,
    timeZone: config.DEFAULT_TIMEZONE,
    schedule: false,
    senderIntervalMs: 20,
    backoff: { baseMs: 100, maxMs: 1000 },
    limits: tests,
  });
  const zaloChannel = channel;
  const busy = async () =>
    zaloChannel.receiver.pending() + zaloChannel.created.inFlight() + (telegramBot?.inFlight() ?? 0) + (await countUnsent(db, now.value));
  zalo.watch(busy, () => zaloChannel.receiver.received());
  telegram?.watch(busy, telegramBot!.handled);

  const updates: ZaloUpdates = await startZaloUpdates(
    channel,
    options.webhook ? { kind: "webhook", url: `${httpUrl}${config.ZALO_WEBHOOK_PATH}`, secret: WEBHOOK_SECRET } : { kind: "polling", timeoutSeconds: options.pollSeconds ?? 5 },
    logger,
  );
  const polling: Polling | undefined = telegramBot
    ? await startPolling(telegramBot, { concurrency: config.BOT_CONCURRENCY, logger, dropPendingUpdates: true })
    : undefined;

  const settle = async () => {
    await zalo.settle();
    await telegram?.settle();
    await zalo.settle();
  };
  return {
    zalo,
    telegram,
    channel,
    now,
    runtime,
    httpUrl,
    settle,
    async tickAt(at) {
      now.value = new Date(at);
      await runtime.tick(now.value);
      await settle();
    },
    async stop() {
      await polling?.stop();
      await updates.stop();
      await runtime.stop();
      await new Promise((resolve) => http.close(resolve));
      await zalo.stop();
      await telegram?.stop();
    },
  };
}
