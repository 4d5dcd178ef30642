// `chibo start`: checks the token, opens the database (migrating it), and runs the bot
// with long polling (BOT_CONCURRENCY updates at a time) until SIGINT/SIGTERM, shutting
// down in reverse order once the updates in hand are finished.
import { openDatabase } from "../db/client.js";
import { createLogger } from "../logger.js";
import { createBot, setCommandMenus } from "../bot/create-bot.js";
import { startPolling } from "../bot/polling.js";
import { checkToken, tokenProblemKey } from "./telegram.js";
import { sendLimits, startRuntime } from "../runtime.js";
import { createHttpServer, listen } from "../server/http.js";
import type { CliContext } from "./io.js";

export async function startCommand(cli: CliContext): Promise<number> {
  const { config } = cli;
  if (!config.BOT_TOKEN) {
    cli.io.err(cli.say("cli-missing-token"));
    return 2;
  }
  const check = await checkToken(config.BOT_TOKEN, config.TELEGRAM_API_ROOT);
  if (!check.ok) {
    cli.io.err(cli.say(tokenProblemKey[check.problem], { detail: check.detail, root: config.TELEGRAM_API_ROOT }));
    return 2;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabase(config.DATABASE_URL);
  const created = createBot(
    config.BOT_TOKEN,
    { db: database.db, config, logger, now: () => new Date() },
    { botInfo: check.me },
  );
  const { bot, translate } = created;
  await setCommandMenus(bot, translate, logger);
  const runtime = startRuntime({
    db: database.db,
    api: bot.api,
    logger,
    now: () => new Date(),
    timeZone: config.DEFAULT_TIMEZONE,
    limits: sendLimits(config),
  });
  const http =
    config.HTTP_PORT !== undefined
      ? createHttpServer({ db: database.db, logger, secret: config.CHIBO_SECRET!, now: () => new Date() })
      : undefined;
  if (http) cli.io.out(cli.say("cli-http-listening", { port: await listen(http, config.HTTP_PORT!) }));
  const polling = await startPolling(created, {
    concurrency: config.BOT_CONCURRENCY,
    logger,
    onStart: (me) => cli.io.out(cli.say("cli-started", { username: me.username })),
  });
  const stop = async () => {
    cli.io.err(cli.say("cli-stopping"));
    await polling.stop();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    await polling.ended;
  } finally {
    await new Promise((resolve) => (http ? http.close(resolve) : resolve(undefined)));
    await runtime.stop();
    await database.close();
  }
  return 0;
}
