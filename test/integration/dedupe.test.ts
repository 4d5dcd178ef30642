// The update-id dedupe across a database outage: an update whose handling the outage cut
// short is handled again when Telegram redelivers it, not dropped as a copy.
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Context } from "grammy";
import { dedupe } from "../../src/bot/dedupe.js";
import { createLogger } from "../../src/logger.js";
import { createTestDatabase, PG_ADMIN_URL, type TestDatabase } from "../helpers/databases.js";
import { waitFor } from "../helpers/wait.js";

const BOT_ID = 7000000001;
const contextOf = (updateId: number) => ({ me: { id: BOT_ID }, update: { update_id: updateId } }) as unknown as Context;

describe("dedupe on postgresql", () => {
  let database: TestDatabase;
  let admin: pg.Client;
  let name: string;

  beforeEach(async () => {
    database = await createTestDatabase("postgresql");
    name = new URL(database.url).pathname.slice(1);
    admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
  });
  afterEach(async () => {
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    await admin.end();
    await database.drop();
  });

  const cutConnections = async () => {
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
  };
  const handledKeys = async () => (await database.db.handledUpdate.findMany()).map((row) => row.key).sort();

  it("drops a second delivery of a handled update", async () => {
    const middleware = dedupe({ db: database.db, logger: createLogger("silent"), now: () => new Date() });
    let calls = 0;
    await middleware(contextOf(41), async () => void calls++);
    await middleware(contextOf(41), async () => void calls++);
    expect(calls).toBe(1);
  });

  it("handles the redelivery of an update the database's outage cut short", async () => {
    const middleware = dedupe({ db: database.db, logger: createLogger("silent"), now: () => new Date() });
    let handledFully = 0;
    // The update is recorded, then the database goes away while a feature works on it.
    const cutShort = middleware(contextOf(42), async () => {
      await cutConnections();
      await database.db.person.count();
      handledFully++;
    });
    await expect(cutShort).rejects.toThrow();
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    // The instance releases the id on its own once the database answers again...
    await waitFor(async () => !(await handledKeys()).includes(`${BOT_ID}:42`), 10_000);
    // ...so Telegram's redelivery is handled, and only once.
    await middleware(contextOf(42), async () => void handledFully++);
    await middleware(contextOf(42), async () => void handledFully++);
    expect(handledFully).toBe(1);
    expect(await handledKeys()).toEqual([`${BOT_ID}:42`]);
  });

  it("keeps the id of an update that failed for an ordinary reason: a redelivery would fail again", async () => {
    const middleware = dedupe({ db: database.db, logger: createLogger("silent"), now: () => new Date() });
    await expect(middleware(contextOf(43), async () => Promise.reject(new Error("a bug")))).rejects.toThrow("a bug");
    let calls = 0;
    await middleware(contextOf(43), async () => void calls++);
    expect(calls).toBe(0);
  });
});
