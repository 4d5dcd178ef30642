// `chibo tick [--at <ISO time>]`: one scheduler tick of every feature, then the outbox
// drained (or left for the running bot when there is no token).
import { parseArgs } from "node:util";
import { Api } from "grammy";
import { createLogger } from "../logger.js";
import { Sender } from "../delivery/sender.js";
import { runTick } from "../jobs/tick.js";
import { sendLimits } from "../runtime.js";
import { paidBroadcastConfig } from "../config.js";
import { parseInstant, type CliContext, openCliDatabase } from "./io.js";

export async function tickCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { at: { type: "string" } } });
  const at = parseInstant(values.at, "--at") ?? cli.now();
  const logger = createLogger(cli.config.LOG_LEVEL);
  const database = await openCliDatabase(cli);
  try {
    const summary = await runTick(database.db, at, logger);
    cli.io.out(cli.say("cli-tick", { at: at.toISOString(), ...summary }));
    if (!cli.config.BOT_TOKEN) {
      const waiting = await database.db.outboxMessage.count({ where: { status: "pending" } });
      cli.io.err(cli.say("cli-tick-no-token", { count: waiting }));
      return 0;
    }
    const api = new Api(cli.config.BOT_TOKEN, { apiRoot: cli.config.TELEGRAM_API_ROOT });
    const sender = new Sender({ db: database.db, api, logger, now: () => at, limits: sendLimits(cli.config), paidBroadcast: paidBroadcastConfig(cli.config) });
    const drained = await sender.drainUntilIdle({ timeoutMs: 120_000 });
    cli.io.out(cli.say("cli-tick-sent", { ...drained }));
    return 0;
  } finally {
    await database.close();
  }
}
