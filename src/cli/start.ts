// `chibo start`: checks the tokens, opens the database (migrating it), and runs the bot
// on Telegram (long polling, BOT_CONCURRENCY updates at a time; with TELEGRAM_BOTS_FILE,
// one bot per province besides the default one), on Zalo (src/cli/zalo.ts), or both, until SIGINT/SIGTERM, shutting down in reverse order once the updates in hand
// are finished.
import { createLogger } from "../logger.js";
import { createBot, setCommandMenus } from "../bot/create-bot.js";
import { startPolling } from "../bot/polling.js";
import { checkToken, tokenProblemKey } from "./telegram.js";
import { sendLimits, startRuntime, zaloSendLimits } from "../runtime.js";
import { checkZalo, prepareZalo, startZalo } from "./zalo.js";
import { closeHttpServer, createHttpServer, listen } from "../server/http.js";
import { startWebhook, telegramWebhook } from "../server/webhook.js";
import { httpServerConfig, paidBroadcastConfig, publicLinks, sendsFor, telegramBots, type TelegramBotSetup } from "../config.js";
import { applyBotRoutes, routesOf } from "../delivery/bot-routes.js";
import type { Db } from "../db/client.js";
import type { UserFromGetMe } from "grammy/types";
import { GrammyError } from "grammy";
import { CliFailure, openCliDatabase, type CliContext } from "./io.js";
import { botLabel, createMetrics } from "../metrics.js";

/** A Telegram bot of the deployment with what getMe said of it; undefined (already said why) when one fails. */
async function checkTelegramBots(cli: CliContext, setups: TelegramBotSetup[]): Promise<{ setup: TelegramBotSetup; me: UserFromGetMe }[] | undefined> {
  const { config } = cli;
  const checks = await Promise.all(setups.map(async (setup) => ({ setup, check: await checkToken(setup.token, config.TELEGRAM_API_ROOT) })));
  const failed = checks.find(({ check }) => !check.ok);
  if (failed && !failed.check.ok) {
    const which = failed.setup.org ? `${failed.setup.org}: ` : "";
    cli.io.err(which + cli.say(tokenProblemKey[failed.check.problem], { detail: failed.check.detail, root: config.TELEGRAM_API_ROOT }));
    return undefined;
  }
  return checks.map(({ setup, check }) => ({ setup, me: (check as { me: UserFromGetMe }).me }));
}

/**
 * Org.bot from TELEGRAM_BOTS_FILE, or back to the main bot everywhere without it (a file
 * dropped must not leave rows to bots nobody runs); a province the database lacks is
 * said, and its bot speaks for nobody yet. Other commands write the routes only when
 * they are given the file: an operator's shell may lack it.
 */
async function routeProvinces(cli: CliContext, db: Db, setups: TelegramBotSetup[]): Promise<void> {
  const applied = await applyBotRoutes(db, routesOf(setups));
  for (const code of applied.missing) cli.io.err(cli.say("cli-bots-org-missing", { code }));
}

export async function startCommand(cli: CliContext): Promise<number> {
  const { config } = cli;
  if (!config.BOT_TOKEN && !config.ZALO_BOT_TOKEN) {
    cli.io.err(cli.say("zalo-cli-missing-token"));
    return 2;
  }
  const checked = await checkTelegramBots(cli, telegramBots(config));
  if (!checked) return 2;
  const zaloToken = config.ZALO_BOT_TOKEN;
  const zaloInfo = zaloToken ? await checkZalo(cli, zaloToken) : undefined;
  if (zaloToken && !zaloInfo) return 2;
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openCliDatabase(cli);
  await routeProvinces(cli, database.db, checked.map(({ setup }) => setup));
  // Counted for GET /metrics on the HTTP server (src/metrics.ts).
  const metrics = createMetrics({ db: database.db, now: cli.now, logger });
  const telegramBotNames = checked.length > 1 ? new Map(checked.map(({ setup, me }) => [setup.route, me.username])) : undefined;
  const deps = { db: database.db, config, logger, now: cli.now, metrics, telegramBots: telegramBotNames };
  // The default bot first (BOT_TOKEN), then one per province.
  const bots = checked.map(({ setup, me }) => ({ setup, created: createBot(setup.token, deps, { botInfo: me }) }));
  for (const { created } of bots) await setCommandMenus(created.bot, created.translate, logger);
  const created = bots[0]?.created;
  const zalo = zaloToken && zaloInfo ? prepareZalo(cli, deps, { token: zaloToken, info: zaloInfo }, () => created?.bot.api) : undefined;
  // A Telegram bot's calls for a Zalo chat (a secretary's answer to a Zalo member) go to Zalo.
  if (zalo) for (const { created: each } of bots) each.bot.api.config.use(zalo.channel.outgoing.router);
  const runtime = startRuntime({
    db: database.db,
    api: created?.bot.api,
    bot: created && botLabel(created.bot.botInfo),
    sendsForMain: bots[0] === undefined || sendsFor(config, bots[0].setup),
    provinces: bots.slice(1).filter(({ setup }) => sendsFor(config, setup)).map(({ setup, created: province }) => ({
      api: province.bot.api,
      route: setup.route,
      bot: botLabel(province.bot.botInfo),
      limits: sendLimits(config, setup),
      paidBroadcast: setup.paidBroadcast,
    })),
    zalo: zalo ? { api: zalo.channel.created.bot.api, limits: zaloSendLimits(config), bot: botLabel(zalo.channel.created.bot.botInfo) } : undefined,
    metrics,
    logger,
    now: cli.now,
    timeZone: config.DEFAULT_TIMEZONE,
    limits: sendLimits(config),
    paidBroadcast: paidBroadcastConfig(config),
    tickSchedule: config.TICK_SCHEDULE,
    tickContext: { links: publicLinks(config) },
  });
  // BOT_MODE=webhook: Telegram posts each bot's updates to its path on the HTTP server (config requires its port).
  const webhooks = bots.flatMap(({ setup, created: each }) =>
    setup.webhook ? [{ created: each, registration: setup.webhook, webhook: telegramWebhook(each, { ...setup.webhook, db: database.db, logger }) }] : [],
  );
  const server = httpServerConfig(config);
  const http = server
    ? createHttpServer({
        db: database.db,
        logger,
        secret: server.secret,
        now: cli.now,
        zaloWebhook: zalo?.webhook,
        telegramWebhooks: webhooks.map(({ webhook }) => webhook),
        metrics,
        metricsToken: config.METRICS_TOKEN,
        botTokens: checked.map(({ setup }) => setup.token),
      })
    : undefined;
  if (http && server) cli.io.out(cli.say("cli-http-listening", { port: await listen(http, server.port) }));
  // The signal handlers come first: a bot says it is running as soon as it is, and a
  // SIGTERM from then on (while the next bots start) must stop what has started, not
  // kill the process.
  const started: { stop(): Promise<unknown>; ended: Promise<unknown> }[] = [];
  let stopping = false;
  const stopUpdates = () => Promise.all(started.map((each) => each.stop()));
  const stop = async () => {
    stopping = true;
    cli.io.err(cli.say("cli-stopping"));
    await stopUpdates();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    if (zalo) started.push(await startZalo(cli, zalo, logger));
    for (const { created: each, webhook, registration } of webhooks) {
      started.push(await startWebhook(each, webhook, { ...registration, concurrency: config.BOT_CONCURRENCY }));
      cli.io.out(cli.say("doctor-started-webhook", { username: each.bot.botInfo.username, url: registration.url }));
    }
    if (webhooks.length === 0) {
      for (const { created: each } of bots) {
        started.push(
          await startPolling(each, {
            concurrency: config.BOT_CONCURRENCY,
            logger,
            onStart: (me) => cli.io.out(cli.say("cli-started", { username: me.username })),
          }),
        );
      }
    }
    // A signal that came while the bots were starting stopped only those started by then.
    if (stopping) await stopUpdates();
    // Any bot ending (a signal, a revoked token) ends them all.
    await Promise.race(started.map((each) => each.ended));
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
