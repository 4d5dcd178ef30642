// Each Telegram update is handled once, even when it is delivered twice: a webhook
// retry, a restart before the polling offset was confirmed, two instances on one
// database. The first to record the update's id (a unique key in the database) takes it;
// any other copy is dropped before a feature sees it.
//
// The id is recorded before the update is handled: a process that dies halfway loses
// that update rather than risking a second answer, a second notice, a second row.
import type { Context, NextFunction } from "grammy";
import type { BotDeps } from "./context.js";

/** Telegram does not redeliver an update this late; older rows are deleted. */
export const KEEP_HANDLED_MS = 86_400_000;
/** Each instance deletes old rows once every this many updates: cheap, and bounded. */
const PRUNE_EVERY = 500;

export function dedupe(deps: Pick<BotDeps, "db" | "logger" | "now">) {
  let sincePrune = 0;
  return async (ctx: Context, next: NextFunction) => {
    const now = deps.now();
    // Update ids are per bot: the bot's id keeps two bots on one database apart.
    const key = `${ctx.me.id}:${ctx.update.update_id}`;
    // Raw SQL: this runs for every update, and Prisma's create costs three times the CPU
    // (bench/RESULTS.md, "taps"). No row written: another copy took the key first.
    const taken = await deps.db.$executeRaw`INSERT INTO "HandledUpdate" ("key", "createdAt") VALUES (${key}, ${now}) ON CONFLICT ("key") DO NOTHING`;
    if (taken === 0) {
      deps.logger.info({ update_id: ctx.update.update_id }, "update delivered again; already handled");
      return;
    }
    if (++sincePrune >= PRUNE_EVERY) {
      sincePrune = 0;
      await deps.db.handledUpdate.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - KEEP_HANDLED_MS) } } });
    }
    await next();
  };
}
