// Several instances on one database each fire the scheduler at the same slot: the first
// to claim the slot runs the tick, the others skip it (one "tick" event in the log per
// slot, not one per instance). Old claims are pruned; other plan marks are not.
import { Writable } from "node:stream";
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { claimOnce, handledKeys } from "../../src/db/plan-marks.js";
import { createLogger } from "../../src/logger.js";
import { startRuntime, tickClaimKey, type Runtime } from "../../src/runtime.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";

const DAY_MS = 86_400_000;

describe.each(PROVIDERS)("scheduled ticks on %s", (provider) => {
  let database: TestDatabase;
  let second: Database;
  let runtimes: Runtime[] = [];
  const events: { msg: string }[] = [];
  const ticksRun = () => events.filter((event) => event.msg === "tick").length;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    // The second instance has its own connection, as a second process would.
    second = await openDatabase(database.url, { migrate: false });
    const log = new Writable({
      write(chunk: Buffer, _encoding, done) {
        events.push(JSON.parse(chunk.toString("utf8")) as { msg: string });
        done();
      },
    });
    runtimes = [database.db, second.db].map((db) =>
      startRuntime({
        db,
        // Nothing is queued here, so nothing is ever sent to this address.
        api: new Api("1:unused", { apiRoot: "http://127.0.0.1:9" }),
        logger: createLogger("info", log),
        now: () => new Date(),
        timeZone: "Asia/Ho_Chi_Minh",
        schedule: false,
      }),
    );
  });
  afterAll(async () => {
    await Promise.all(runtimes.map((runtime) => runtime.stop()));
    await second?.close();
    await database?.drop();
  });

  it("runs a slot's tick on one instance only, and the next slot's again", async () => {
    const slot = new Date("2026-12-05T06:30:00.000Z");
    const ran = await Promise.all(runtimes.map((runtime) => runtime.tickScheduled(slot)));
    expect(ran.filter(Boolean)).toHaveLength(1);
    expect(ticksRun()).toBe(1);
    // An instance that fires late for the same slot (a slow or skewed clock) skips it too.
    expect(await runtimes[ran.indexOf(false)]!.tickScheduled(slot)).toBe(false);
    expect(ticksRun()).toBe(1);

    const next = new Date(slot.getTime() + 60_000);
    const ranNext = await Promise.all(runtimes.map((runtime) => runtime.tickScheduled(next)));
    expect(ranNext.filter(Boolean)).toHaveLength(1);
    expect(ticksRun()).toBe(2);
  });

  it("prunes claims older than two days, and only those", async () => {
    const slot = new Date("2026-12-10T06:30:00.000Z");
    const old = tickClaimKey(new Date(slot.getTime() - 3 * DAY_MS));
    const recent = tickClaimKey(new Date(slot.getTime() - DAY_MS));
    const other = "meeting:1:1:r60";
    for (const key of [old, recent, other]) expect(await claimOnce(database.db, key)).toBe(true);
    // A fresh instance prunes with its first claim (then once an hour).
    const fresh = startRuntime({
      db: database.db,
      api: new Api("1:unused", { apiRoot: "http://127.0.0.1:9" }),
      logger: createLogger("silent"),
      now: () => new Date(),
      timeZone: "Asia/Ho_Chi_Minh",
      schedule: false,
    });
    try {
      expect(await fresh.tickScheduled(slot)).toBe(true);
    } finally {
      await fresh.stop();
    }
    expect(await handledKeys(database.db, [old, recent, other, tickClaimKey(slot)])).toEqual(new Set([recent, other, tickClaimKey(slot)]));
  });
});
