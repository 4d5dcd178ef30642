// Long polling with updates handled concurrently (grammY's runner): up to `concurrency`
// at once, while createBot's sequentialize keeps one chat's (and one person's) updates
// in order. Stopping finishes the updates in hand and confirms them to Telegram, so a
// restart neither loses nor repeats them.
import { run } from "@grammyjs/runner";
import type { Update, UserFromGetMe } from "grammy/types";
import type { Logger } from "../logger.js";
import type { CreatedBot } from "./create-bot.js";

export interface Polling {
  /** Stops fetching, waits for the updates in hand, confirms them; resolves when done. */
  stop(): Promise<void>;
  /** Settles when polling has ended: after stop(), or with the error that ended it (a revoked token, a second instance). */
  ended: Promise<void>;
}

export interface PollingOptions {
  concurrency: number;
  logger: Logger;
  dropPendingUpdates?: boolean;
  onStart?: (me: UserFromGetMe) => void;
}

export async function startPolling(created: CreatedBot, options: PollingOptions): Promise<Polling> {
  const { bot } = created;
  const { logger } = options;
  let lastFetched: number | undefined;
  bot.api.config.use(async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    try {
      const response = await prev(method, payload, signal);
      if (response.ok) lastFetched = (response.result as Update[]).at(-1)?.update_id ?? lastFetched;
      else logger.warn({ err: response.description, code: response.error_code }, "getUpdates failed; retrying");
      return response;
    } catch (error) {
      if (!signal?.aborted) logger.warn({ err: error instanceof Error ? error.message : error }, "getUpdates failed; retrying");
      throw error;
    }
  });
  await bot.init();
  await bot.api.deleteWebhook({ drop_pending_updates: options.dropPendingUpdates ?? false });
  options.onStart?.(bot.botInfo);
  // silent: failures are logged above, one line each, instead of on the console.
  const handle = run(bot, { runner: { silent: true }, sink: { concurrency: options.concurrency } });
  const fetching = handle.task() ?? Promise.resolve();

  const finish = async () => {
    let failure: unknown;
    await fetching.catch((error: unknown) => (failure = error));
    while (handle.size() > 0 || created.inFlight() > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    // Telegram forgets updates only when asked for the ones after them.
    if (lastFetched !== undefined && failure === undefined) {
      await bot.api.getUpdates({ offset: lastFetched + 1, limit: 1, timeout: 0 }).catch((error: unknown) =>
        logger.warn({ err: error instanceof Error ? error.message : error }, "could not confirm the last updates"),
      );
    }
    if (failure !== undefined) throw failure;
  };
  const ended = finish();
  return {
    async stop() {
      // Stopping a runner that already ended fails; `ended` says how it ended.
      await handle.stop()?.catch(() => undefined);
      await ended;
    },
    ended,
  };
}
