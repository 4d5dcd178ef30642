// Runs the real bot (long polling) against a local Bot API server and a test database.
import { createBot, setCommandMenus } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { FakeTelegram } from "../../src/testing/fake-telegram.js";
import type { Db } from "../../src/db/client.js";

export interface RunningBot {
  telegram: FakeTelegram;
  now: { value: Date };
  stop(): Promise<void>;
}

export async function startBot(db: Db, options: { telegram?: FakeTelegram } = {}): Promise<RunningBot> {
  const telegram = options.telegram ?? (await FakeTelegram.start());
  const config = loadConfig({ TELEGRAM_API_ROOT: telegram.apiRoot, LOG_LEVEL: "silent" });
  const now = { value: new Date() };
  const { bot, translate, inFlight } = createBot(telegram.token, {
    db,
    config,
    logger: createLogger("silent"),
    now: () => now.value,
  });
  telegram.watch(inFlight);
  await bot.init();
  await setCommandMenus(bot, translate, createLogger("silent"));
  const running = bot.start({ drop_pending_updates: true });
  return {
    telegram,
    now,
    async stop() {
      await bot.stop();
      await running;
      if (!options.telegram) await telegram.stop();
    },
  };
}
