// Runs the real bot (long polling) and its runtime (outbox sender, group tallies)
// against a local Bot API server and a test database, on a clock the test controls;
// startBotInProcess runs the same without HTTP (src/testing/in-process-telegram.ts).
import { createBot, setCommandMenus, type CreatedBot } from "../../src/bot/create-bot.js";
import type { ApiClientOptions } from "grammy";
import { startPolling } from "../../src/bot/polling.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { FakeTelegram, type FakeUser } from "../../src/testing/fake-telegram.js";
import { InProcessTelegram } from "../../src/testing/in-process-telegram.js";
import { createInvite } from "../../src/features/onboarding/mutations.js";
import { startRuntime, type Runtime } from "../../src/runtime.js";
import type { Db } from "../../src/db/client.js";
import { countUnsent } from "../../src/delivery/outbox.js";
import type { Metrics } from "../../src/metrics.js";

/** The Telegram a running bot talks to: over HTTP, or in process. */
export type TestTelegram = FakeTelegram | InProcessTelegram;

export interface RunningBot<T extends TestTelegram = FakeTelegram> {
  telegram: T;
  now: { value: Date };
  runtime: Runtime;
  /** Runs the scheduler at `at` (the clock moves there) and waits for the outbox. */
  tickAt(at: Date | string): Promise<void>;
  stop(): Promise<void>;
}

type Logger = ReturnType<typeof createLogger>;

/** The runtime as the tests run it: the outbox sender on bot.api, no schedule, no pacing. */
function startTestRuntime(db: Db, created: CreatedBot, telegram: TestTelegram, now: { value: Date }, logger: Logger, timeZone: string, metrics?: Metrics) {
  const runtime = startRuntime({
    db,
    api: created.bot.api,
    bot: created.bot.botInfo.username,
    metrics,
    logger,
    now: () => now.value,
    timeZone,
    schedule: false,
    senderIntervalMs: 20,
    backoff: { baseMs: 100, maxMs: 1000 },
    // Tests are not about throughput: no pacing between messages to one chat.
    limits: { perSecond: 10_000, perChatPerSecond: 10_000, perGroupPerMinute: 100_000 },
  });
  // Not idle while an update is in hand or the outbox has something to send now.
  telegram.watch(async () => created.inFlight() + (await countUnsent(db, now.value)), created.handled);
  return runtime;
}

/** `env`: more of the configuration (PUBLIC_URL, HTTP_PORT...) than the Bot API's address. */
export async function startBot(db: Db, options: { telegram?: FakeTelegram; now?: Date; env?: Record<string, string> } = {}): Promise<RunningBot> {
  const telegram = options.telegram ?? (await FakeTelegram.start());
  const config = loadConfig({ TELEGRAM_API_ROOT: telegram.apiRoot, LOG_LEVEL: "silent", ...options.env });
  const now = { value: options.now ?? new Date() };
  const logger = createLogger("silent");
  const created = createBot(telegram.token, { db, config, logger, now: () => now.value });
  const { bot, translate } = created;
  await bot.init();
  await setCommandMenus(bot, translate, logger);
  const runtime = startTestRuntime(db, created, telegram, now, logger, config.DEFAULT_TIMEZONE);
  // As `chibo start` runs it: concurrently across chats. Updates pushed before polling
  // starts would be dropped with the pending ones.
  const polling = await startPolling(created, { concurrency: config.BOT_CONCURRENCY, logger, dropPendingUpdates: true });
  return running(telegram, now, runtime, async () => {
    await polling.stop();
    await runtime.stop();
    if (!options.telegram) await telegram.stop();
  });
}

/** A started bot as the tests hold it; `tickAt` runs the scheduler and waits for the outbox. */
function running<T extends TestTelegram>(telegram: T, now: { value: Date }, runtime: Runtime, stop: () => Promise<void>): RunningBot<T> {
  return {
    telegram,
    now,
    runtime,
    async tickAt(at) {
      now.value = new Date(at);
      await runtime.tick(now.value);
      await telegram.settle();
    },
    stop,
  };
}

/**
 * The same bot and runtime as startBot, without HTTP: bot.api's calls are answered by
 * InProcessTelegram's API transformer (the outbox sender's too, as it sends through
 * bot.api) and users' updates go to bot.handleUpdate. Several times faster; for tests
 * that do not need the Bot API's HTTP itself (webhooks, long polling, the CLI).
 */
export async function startBotInProcess(
  db: Db,
  options: { telegram?: InProcessTelegram; now?: Date; metrics?: Metrics } = {},
): Promise<RunningBot<InProcessTelegram>> {
  const telegram = options.telegram ?? new InProcessTelegram();
  const config = loadConfig({ LOG_LEVEL: "silent" });
  const now = { value: options.now ?? new Date() };
  const logger = createLogger("silent");
  // client.fetch: the conversations plugin's own Api has no transformers (see InProcessTelegram).
  const client = { fetch: telegram.fetch as unknown as NonNullable<ApiClientOptions["fetch"]> };
  const created = createBot(telegram.token, { db, config, logger, now: () => now.value, metrics: options.metrics }, { client });
  const { bot, translate } = created;
  // Before bot.init: getMe is answered by the transformer too.
  telegram.attach(bot);
  await bot.init();
  await setCommandMenus(bot, translate, logger);
  await bot.api.deleteWebhook({ drop_pending_updates: true });
  const runtime = startTestRuntime(db, created, telegram, now, logger, config.DEFAULT_TIMEZONE, options.metrics);
  return running(telegram, now, runtime, async () => {
    await telegram.stop();
    await runtime.stop();
  });
}

/**
 * A Telegram user who joins as the roster's person with this phone, through a personal
 * invite to the organisation `code` (the way a secretary's link works), as the tests'
 * cast is set up.
 */
export async function linkUser(running: RunningBot<TestTelegram>, db: Db, userId: number, code: string, phone: string): Promise<FakeUser> {
  const user = running.telegram.user({ id: userId, firstName: "Đồng chí" });
  const org = await db.org.findUniqueOrThrow({ where: { code } });
  const person = await db.person.findUniqueOrThrow({ where: { phone } });
  const invite = await createInvite(db, { orgId: org.id, personId: person.id, expiresInMs: 86_400_000, now: running.now.value });
  await user.send(`/start ${invite.code}`);
  return user;
}
