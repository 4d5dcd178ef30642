// One scheduler tick: everything due at `now`, as thin calls into the features.
// Idempotent (outbox keys), so a second run or a second instance queues nothing twice.
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import { runMeetingTick, type MeetingTickSummary } from "../features/meetings/planner.js";
import { runRecordsTick } from "../features/records/planner.js";
import { runDigestTick, type DigestTickSummary } from "../features/digest/planner.js";

export type TickSummary = MeetingTickSummary & DigestTickSummary & { recordOffers: number; recordNudges: number };

export async function runTick(db: Db, now: Date, logger: Logger): Promise<TickSummary> {
  const started = performance.now();
  const meetings = await runMeetingTick(db, now, logger);
  const records = await runRecordsTick(db, now);
  const committees = await runDigestTick(db, now, logger);
  const summary = { ...meetings, recordOffers: records.offers, recordNudges: records.nudges, ...committees };
  logger.info({ at: now.toISOString(), ...summary, ms: Math.round(performance.now() - started) }, "tick");
  return summary;
}
