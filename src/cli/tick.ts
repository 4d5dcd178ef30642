// `chibo tick [--at <ISO time>]`: one scheduler tick of every feature, then the Telegram
// outbox drained, each bot's rows through that bot (or left for the running bot when
// there is no token). Zalo's rows are left for the running bot.
import { parseArgs } from "node:util";
import { Api } from "grammy";
import { createLogger } from "../logger.js";
import { Sender } from "../delivery/sender.js";
import { runTick } from "../jobs/tick.js";
import { sendLimits } from "../runtime.js";
import { publicLinks, telegramBots } from "../config.js";
import { applyBotRoutes, routesOf } from "../delivery/bot-routes.js";
import { parseInstant, type CliContext, openCliDatabase } from "./io.js";

export async function tickCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { at: { type: "string" } } });
  const at = parseInstant(values.at, "--at") ?? cli.now();
  const logger = createLogger(cli.config.LOG_LEVEL);
  const database = await openCliDatabase(cli);
  try {
    const bots = telegramBots(cli.config);
    // Rows queued now take their province's bot (`chibo start` writes the same).
    if (cli.config.TELEGRAM_BOTS_FILE) await applyBotRoutes(database.db, routesOf(bots));
    const summary = await runTick(database.db, at, logger, { links: publicLinks(cli.config) });
    cli.io.out(cli.say("cli-tick", { at: at.toISOString(), ...summary }));
    if (!cli.config.BOT_TOKEN) {
      const waiting = await database.db.outboxMessage.count({ where: { status: "pending" } });
      cli.io.err(cli.say("cli-tick-no-token", { count: waiting }));
      return 0;
    }
    const drains = await Promise.all(
      bots.map((bot) =>
        new Sender({
          db: database.db,
          api: new Api(bot.token, { apiRoot: cli.config.TELEGRAM_API_ROOT }),
          channel: "telegram",
          bot: bot.route,
          logger,
          now: () => at,
          limits: sendLimits(cli.config, bot),
          paidBroadcast: bot.paidBroadcast,
        }).drainUntilIdle({ timeoutMs: 120_000 }),
      ),
    );
    const drained = drains.reduce((sum, each) => ({
      sent: sum.sent + each.sent,
      retried: sum.retried + each.retried,
      failed: sum.failed + each.failed,
      dropped: sum.dropped + each.dropped,
    }));
    cli.io.out(cli.say("cli-tick-sent", { ...drained }));
    return 0;
  } finally {
    await database.close();
  }
}
