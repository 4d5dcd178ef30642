// Crash safety: `chibo tick` sends one cell's reminder to 2,000 members through a Bot
// API stand-in that lives in this process, and is killed with SIGKILL three times at
// random points (after a random share of what is left has arrived), restarted each time,
// then left to finish. The harness is bench/crash.ts, whose `crash` benchmark is the long
// version (10,000 members, 10 kills).
//
// Duplicates are bounded by what was in flight at each kill: messages the stand-in
// accepted during the killed run whose rows were not yet recorded as sent. That is
// measured at each kill rather than derived from the sender's concurrency, because sent
// rows are recorded in small batches after their answers arrive.
import { describe, expect, it } from "vitest";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { BotApiStandin } from "../../src/testing/bot-api-standin.js";
import { crashRun, seedFanOut, seededRandom, tally, type CrashOptions, type FanOut } from "../../bench/crash.js";

/** Sends at 500/s, so a batch claims up to 500 rows (the sender takes 4 s' worth). */
const PER_SECOND = 500;
/** A killed run's rows are taken over after 6 s instead of the default minute: longer than a restart takes. */
const LEASE_SECONDS = 6;

async function withFanOut<T>(
  provider: (typeof PROVIDERS)[number],
  members: number,
  run: (scenario: { database: TestDatabase; standin: BotApiStandin; fanOut: FanOut }) => Promise<T>,
): Promise<T> {
  const database = await createTestDatabase(provider);
  const standin = await BotApiStandin.start();
  try {
    return await run({ database, standin, fanOut: await seedFanOut(database.db, members) });
  } finally {
    await standin.stop();
    await database.drop();
  }
}

function options(scenario: { database: TestDatabase; standin: BotApiStandin; fanOut: FanOut }, seed: number): CrashOptions {
  const { database, standin, fanOut } = scenario;
  return { db: database.db, databaseUrl: database.url, standin, fanOut, kills: 1, perSecond: PER_SECOND, leaseSeconds: LEASE_SECONDS, random: seededRandom(seed) };
}

describe.each(PROVIDERS)("a reminder fan-out killed and restarted on %s", (provider) => {
  it("reaches every member, twice at most for what was in flight at a kill, and loses nothing stored", async () => {
    const members = 2_000;
    const kills = 3;
    await withFanOut(provider, members, async (scenario) => {
      const seed = Date.now() % 1_000_000;
      const outcome = await crashRun({ ...options(scenario, seed), kills, spareRetakenRows: true });
      const result = await tally(scenario.database.db, scenario.standin, scenario.fanOut, outcome);
      const context = `seed ${seed}, in flight at the kills: ${outcome.kills.map((k) => k.inFlight.length).join(", ")}`;

      expect(outcome.kills, context).toHaveLength(kills);
      expect(outcome.kills.every((kill) => kill.delivered > 0), context).toBe(true);
      expect(outcome.final.code, outcome.final.stderr).toBe(0);
      expect(result.lost, context).toEqual([]);
      expect(result.copies.size, context).toBe(members);
      expect(result.maxCopies, context).toBeLessThanOrEqual(2);
      expect(result.overBound, context).toEqual([]);
      expect(result.duplicates, context).toBeLessThanOrEqual(result.inFlightBound);
      expect(result.unsent, context).toEqual([]);
      expect(result.changedAfterKill, context).toEqual([]);
    });
  });

  it("takes over what a killed run had claimed when nothing else is left to send", async () => {
    // 300 rows fit one batch: the kill leaves every unsent row held under its lease.
    await withFanOut(provider, 300, async (scenario) => {
      const seed = Date.now() % 1_000_000;
      const outcome = await crashRun({ ...options(scenario, seed), killAfterShare: [0.05, 0.1] });
      const result = await tally(scenario.database.db, scenario.standin, scenario.fanOut, outcome);
      const [kill] = outcome.kills;

      expect(kill!.held).toBe(300 - kill!.recordedSent);
      expect(outcome.final.code, outcome.final.stderr).toBe(0);
      expect(outcome.final.stdout).toContain(`Đã gửi ${kill!.held},`);
      expect(result.unsent).toEqual([]);
      expect(result.lost).toEqual([]);
      expect(result.duplicates).toBeLessThanOrEqual(result.inFlightBound);
      expect(result.changedAfterKill).toEqual([]);
    });
  });
});
