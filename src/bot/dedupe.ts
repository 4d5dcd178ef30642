// Each Telegram update is handled once, even when it is delivered twice: a webhook
// retry, a restart before the polling offset was confirmed, two instances on one
// database. The first to record the update's id (a unique key in the database) takes it;
// any other copy is dropped before a feature sees it.
//
// The id is recorded before the update is handled: a process that dies halfway loses
// that update rather than risking a second answer, a second notice, a second row.
// One exception: when the handling fails because the database went away, the webhook
// answers 503 and Telegram delivers the update again. Its id is then released (deleted)
// as soon as the database answers again, so that the new delivery is handled, not
// dropped as a copy.
import type { Context, NextFunction } from "grammy";
import type { BotDeps } from "./context.js";
import { databaseReachable, type Db } from "../db/client.js";

/** Telegram does not redeliver an update this late; older rows are deleted. */
export const KEEP_HANDLED_MS = 86_400_000;
/** Each instance deletes old rows once every this many updates: cheap, and bounded. */
const PRUNE_EVERY = 500;
/** How often ids left to release are retried while the database is away. */
const RELEASE_RETRY_MS = 1_000;

/**
 * The ids of updates whose handling the database's outage cut short. Deleted before
 * this instance handles anything else, and by a timer meanwhile, since the update's
 * next delivery may go to another instance.
 */
class PendingReleases {
  private readonly keys = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Db) {}

  add(key: string): void {
    this.keys.add(key);
    this.timer ??= setInterval(() => void this.flush(), RELEASE_RETRY_MS).unref();
  }

  /** Deletes the ids if the database answers; keeps them for the next try if not. */
  async flush(): Promise<void> {
    if (this.keys.size === 0) return;
    const keys = [...this.keys];
    try {
      await this.db.handledUpdate.deleteMany({ where: { key: { in: keys } } });
    } catch {
      return;
    }
    for (const key of keys) this.keys.delete(key);
    if (this.keys.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

export function dedupe(deps: Pick<BotDeps, "db" | "logger" | "now">) {
  let sincePrune = 0;
  const releases = new PendingReleases(deps.db);
  return async (ctx: Context, next: NextFunction) => {
    await releases.flush();
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
    try {
      await next();
    } catch (error) {
      if (!(await databaseReachable(deps.db))) {
        releases.add(key);
        deps.logger.warn({ update_id: ctx.update.update_id }, "database lost mid-update; its id is released for the redelivery");
      }
      throw error;
    }
  };
}
