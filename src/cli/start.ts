// `chibo start`: checks the tokens, opens the database (migrating it), and runs the bot
// on Telegram (long polling, BOT_CONCURRENCY updates at a time), on Zalo (src/cli/zalo.ts),
// or both, until SIGINT/SIGTERM, shutting down in reverse order once the updates in hand
// are finished.
import { createLogger } from "../logger.js";
import { createBot, setCommandMenus } from "../bot/create-bot.js";
import { startPolling } from "../bot/polling.js";
import { checkToken, tokenProblemKey } from "./telegram.js";
import { sendLimits, startRuntime, zaloSendLimits } from "../runtime.js";
import { checkZalo, prepareZalo, startZalo } from "./zalo.js";
import { closeHttpServer, createHttpServer, listen } from "../server/http.js";
import { startWebhook, telegramWebhook, webhookPath } from "../server/webhook.js";
import { httpServerConfig, paidBroadcastConfig, telegramWebhookConfig } from "../config.js";
import { GrammyError } from "grammy";
import { CliFailure, openCliDatabase, type CliContext } from "./io.js";
import { botLabel, createMetrics } from "../metrics.js";

export async function startCommand(cli: CliContext): Promise<number> {
  const { config } = cli;
  if (!config.BOT_TOKEN && !config.ZALO_BOT_TOKEN) {
    cli.io.err(cli.say("zalo-cli-missing-token"));
    return 2;
  }
  const check = config.BOT_TOKEN ? await checkToken(config.BOT_TOKEN, config.TELEGRAM_API_ROOT) : undefined;
  if (check && !check.ok) {
    cli.io.err(cli.say(tokenProblemKey[check.problem], { detail: check.detail, root: config.TELEGRAM_API_ROOT }));
    return 2;
  }
  const zaloToken = config.ZALO_BOT_TOKEN;
  const zaloInfo = zaloToken ? await checkZalo(cli, zaloToken) : undefined;
  if (zaloToken && !zaloInfo) return 2;
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openCliDatabase(cli);
  // Counted for GET /metrics on the HTTP server (src/metrics.ts).
  const metrics = createMetrics({ db: database.db, now: cli.now, logger });
  const deps = { db: database.db, config, logger, now: cli.now, metrics };
  const created = check && config.BOT_TOKEN ? createBot(config.BOT_TOKEN, deps, { botInfo: check.me }) : undefined;
  if (created) await setCommandMenus(created.bot, created.translate, logger);
  const zalo = zaloToken && zaloInfo ? prepareZalo(cli, deps, { token: zaloToken, info: zaloInfo }, () => created?.bot.api) : undefined;
  // The Telegram bot's calls for a Zalo chat (a secretary's answer to a Zalo member) go to Zalo.
  if (zalo && created) created.bot.api.config.use(zalo.channel.outgoing.router);
  const runtime = startRuntime({
    db: database.db,
    api: created?.bot.api,
    bot: created && botLabel(created.bot.botInfo),
    zalo: zalo ? { api: zalo.channel.created.bot.api, limits: zaloSendLimits(config), bot: botLabel(zalo.channel.created.bot.botInfo) } : undefined,
    metrics,
    logger,
    now: cli.now,
    timeZone: config.DEFAULT_TIMEZONE,
    limits: sendLimits(config),
    paidBroadcast: paidBroadcastConfig(config),
    tickSchedule: config.TICK_SCHEDULE,
  });
  // BOT_MODE=webhook: Telegram posts updates to the HTTP server (config requires its port).
  const webhookConfig = telegramWebhookConfig(config);
  const webhook =
    created && webhookConfig
      ? telegramWebhook(created, { path: webhookPath(webhookConfig.url), secret: webhookConfig.secret, db: database.db, logger })
      : undefined;
  const server = httpServerConfig(config);
  const http = server
    ? createHttpServer({
        db: database.db,
        logger,
        secret: server.secret,
        now: cli.now,
        zaloWebhook: zalo?.webhook,
        telegramWebhook: webhook,
        metrics,
        metricsToken: config.METRICS_TOKEN,
      })
    : undefined;
  if (http && server) cli.io.out(cli.say("cli-http-listening", { port: await listen(http, server.port) }));
  const zaloUpdates = zalo ? await startZalo(cli, zalo, logger) : undefined;
  const webhookUpdates =
    created && webhook && webhookConfig
      ? await startWebhook(created, webhook, { ...webhookConfig, concurrency: config.BOT_CONCURRENCY })
      : undefined;
  if (created && webhookUpdates && webhookConfig) cli.io.out(cli.say("doctor-started-webhook", { username: created.bot.botInfo.username, url: webhookConfig.url }));
  const polling = created && !webhook
    ? await startPolling(created, {
        concurrency: config.BOT_CONCURRENCY,
        logger,
        onStart: (me) => cli.io.out(cli.say("cli-started", { username: me.username })),
      })
    : undefined;
  const stopUpdates = () => Promise.all([polling?.stop(), webhookUpdates?.stop(), zaloUpdates?.stop()]);
  const stop = async () => {
    cli.io.err(cli.say("cli-stopping"));
    await stopUpdates();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    // Either messenger ending (a signal, a revoked token) ends both.
    await Promise.race([polling?.ended, webhookUpdates?.ended, zaloUpdates?.ended].filter((ended) => ended !== undefined));
  } catch (error) {
    // Long polling allows one instance: Telegram answers a second one with 409.
    if (error instanceof GrammyError && error.error_code === 409) throw new CliFailure("cli-polling-conflict");
    throw error;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    // Already stopped by a signal, or ending on the error thrown above (the one to report).
    await stopUpdates().catch(() => undefined);
    if (http) await closeHttpServer(http);
    await runtime.stop();
    await database.close();
  }
  return 0;
}
