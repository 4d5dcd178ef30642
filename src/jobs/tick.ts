// One scheduler tick: everything due at `now`, the features' tick jobs in the list's
// order. Idempotent (outbox keys), so a second run or a second instance queues nothing twice.
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import { FEATURES } from "../features/index.js";
import type { TickContext } from "../features/feature.js";

/** Each feature's counts (reminders queued, digests sent...), merged. */
export type TickSummary = Record<string, number>;

export async function runTick(db: Db, now: Date, logger: Logger, context: TickContext = {}): Promise<TickSummary> {
  const started = performance.now();
  const summary: TickSummary = {};
  for (const feature of FEATURES) if (feature.tick) Object.assign(summary, await feature.tick(db, now, logger, context));
  logger.info({ at: now.toISOString(), ...summary, ms: Math.round(performance.now() - started) }, "tick");
  return summary;
}
