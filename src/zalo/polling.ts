// Long polling for Zalo: getUpdates returns one update per call, or error 408 when none
// came before its timeout. Updates are handed to the receiver without waiting, so a slow
// chat does not hold up the others; stopping waits for the updates in hand.
import type { Logger } from "../logger.js";
import { ZALO_NO_UPDATE, type ZaloApi } from "./api.js";
import type { ZaloReceiver } from "./incoming.js";

export interface ZaloPolling {
  stop(): Promise<void>;
  /** Settles when polling has ended (after stop(), or when the token is refused). */
  ended: Promise<void>;
}

export interface ZaloPollingOptions {
  logger: Logger;
  /** Seconds each getUpdates may wait for an update (Zalo's default is 30). */
  timeoutSeconds?: number;
  /** Pauses after failures, growing to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export async function startZaloPolling(api: ZaloApi, receiver: ZaloReceiver, options: ZaloPollingOptions): Promise<ZaloPolling> {
  const { logger } = options;
  // getUpdates does not work while a webhook is set.
  const removed = await api.deleteWebhook();
  if (!removed.ok) logger.warn({ err: removed.description, code: removed.error_code }, "zalo: deleteWebhook failed");
  const stopping = new AbortController();
  const wake = new Set<() => void>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wake.add(done);
    });

  const loop = async () => {
    let failures = 0;
    while (!stopping.signal.aborted) {
      try {
        const answer = await api.getUpdates(options.timeoutSeconds ?? 30, stopping.signal);
        if (answer.ok && answer.result) {
          failures = 0;
          void receiver.accept(answer.result);
          continue;
        }
        if (answer.error_code === ZALO_NO_UPDATE) {
          failures = 0;
          continue;
        }
        // A refused token will not start working by asking again.
        if (answer.error_code === 401) throw new Error(`Zalo refused the token: ${answer.description ?? ""}`);
        logger.warn({ err: answer.description, code: answer.error_code }, "zalo: getUpdates failed; retrying");
      } catch (error) {
        if (stopping.signal.aborted) break;
        if (error instanceof Error && error.message.startsWith("Zalo refused the token")) throw error;
        logger.warn({ err: error instanceof Error ? error.message : error }, "zalo: getUpdates failed; retrying");
      }
      failures++;
      await pause(Math.min(options.maxBackoffMs ?? 30_000, (options.backoffMs ?? 1000) * 2 ** Math.min(failures - 1, 10)));
    }
  };
  const ended = loop().finally(() => receiver.idle());
  return {
    async stop() {
      stopping.abort();
      for (const done of [...wake]) done();
      // Whoever awaits `ended` hears how polling ended; stopping only waits for it.
      await ended.catch(() => undefined);
    },
    ended,
  };
}
