// Runs the real bot (long polling) and its runtime (outbox sender, group tallies)
// against a local Bot API server and a test database, on a clock the test controls.
import { createBot, setCommandMenus } from "../../src/bot/create-bot.js";
import { startPolling } from "../../src/bot/polling.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { FakeTelegram, type FakeUser } from "../../src/testing/fake-telegram.js";
import { createInvite } from "../../src/features/onboarding/mutations.js";
import { startRuntime, type Runtime } from "../../src/runtime.js";
import type { Db } from "../../src/db/client.js";
import { countUnsent } from "../../src/delivery/outbox.js";

export interface RunningBot {
  telegram: FakeTelegram;
  now: { value: Date };
  runtime: Runtime;
  /** Runs the scheduler at `at` (the clock moves there) and waits for the outbox. */
  tickAt(at: Date | string): Promise<void>;
  stop(): Promise<void>;
}


export async function startBot(db: Db, options: { telegram?: FakeTelegram; now?: Date } = {}): Promise<RunningBot> {
  const telegram = options.telegram ?? (await FakeTelegram.start());
  const config = loadConfig({ TELEGRAM_API_ROOT: telegram.apiRoot, LOG_LEVEL: "silent" });
  const now = { value: options.now ?? new Date() };
  const logger = createLogger("silent");
  const created = createBot(telegram.token, { db, config, logger, now: () => now.value });
  const { bot, translate, inFlight, handled } = created;
  await bot.init();
  await setCommandMenus(bot, translate, logger);
  const runtime = startRuntime({
    db,
    api: bot.api,
    logger,
    now: () => now.value,
    timeZone: config.DEFAULT_TIMEZONE,
    schedule: false,
    senderIntervalMs: 20,
    backoff: { baseMs: 100, maxMs: 1000 },
    // Tests are not about throughput: no pacing between messages to one chat.
    limits: { perSecond: 10_000, perChatPerSecond: 10_000, perGroupPerMinute: 100_000 },
  });
  // Not idle while an update is in hand or the outbox has something to send now.
  telegram.watch(async () => inFlight() + (await countUnsent(db, now.value)), handled);
  // As `chibo start` runs it: concurrently across chats. Updates pushed before polling
  // starts would be dropped with the pending ones.
  const polling = await startPolling(created, { concurrency: config.BOT_CONCURRENCY, logger, dropPendingUpdates: true });
  return {
    telegram,
    now,
    runtime,
    async tickAt(at) {
      now.value = new Date(at);
      await runtime.tick(now.value);
      await telegram.settle();
    },
    async stop() {
      await polling.stop();
      await runtime.stop();
      if (!options.telegram) await telegram.stop();
    },
  };
}

/**
 * A Telegram user who joins as the roster's person with this phone, through a personal
 * invite to the organisation `code` (the way a secretary's link works), as the tests'
 * cast is set up.
 */
export async function linkUser(running: RunningBot, db: Db, userId: number, code: string, phone: string): Promise<FakeUser> {
  const user = running.telegram.user({ id: userId, firstName: "Đồng chí" });
  const org = await db.org.findUniqueOrThrow({ where: { code } });
  const person = await db.person.findUniqueOrThrow({ where: { phone } });
  const invite = await createInvite(db, { orgId: org.id, personId: person.id, expiresInMs: 86_400_000, now: running.now.value });
  await user.send(`/start ${invite.code}`);
  return user;
}
