// Two instances tick at the same minute, the minute a usual schedule's proposal falls
// due: each cell gets one proposed meeting for the month, and its secretary one
// message asking to confirm it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { setUsualSchedule } from "../../src/features/meetings/mutations.js";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { runTick } from "../../src/jobs/tick.js";
import { createLogger } from "../../src/logger.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS, IMPORTED_AT } from "../helpers/files.js";

// 10 days (the default lead) before Tuesday 05/01/2027 at 19:30 in Hanoi, and a bit.
const PROPOSAL_DUE = new Date("2026-12-26T13:00:00Z");
const SECRETARIES = { A1: "+84912000101", A2: "+84912000201" };

describe.each(PROVIDERS)("usual-schedule proposals from two ticks at once on %s", (provider) => {
  let database: TestDatabase;
  let second: Database;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    // PostgreSQL: a second client on the same database, as a second instance would have.
    // SQLite: the same client (two ticks overlapping in one process). A second SQLite
    // client in this process would wait for the first one's lock synchronously, which
    // blocks the very event loop the first needs to finish; two processes do not.
    second = provider === "postgresql" ? await openDatabase(database.url, { migrate: false }) : { ...database, close: async () => undefined };
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    for (const [code, phone] of Object.entries(SECRETARIES)) {
      const org = await database.db.org.findUniqueOrThrow({ where: { code } });
      await setUsualSchedule(database.db, org.id, { dayOfMonth: 5, time: "19:30", place: "Nhà văn hoá", durationMinutes: 90 });
      const chatId = phone.slice(-6);
      await database.db.person.update({ where: { phone }, data: { telegramUserId: chatId, telegramChatId: chatId, linkedAt: PROPOSAL_DUE } });
    }
  });
  afterAll(async () => {
    await second?.close();
    await database?.drop();
  });

  it("creates one proposed meeting per cell and one proposal message per secretary", async () => {
    const logger = createLogger("silent");
    const [one, two] = await Promise.all([runTick(database.db, PROPOSAL_DUE, logger), runTick(second.db, PROPOSAL_DUE, logger)]);
    expect(one.proposed + two.proposed).toBe(2);

    const meetings = await database.db.meeting.findMany({ include: { org: true }, orderBy: { orgId: "asc" } });
    expect(meetings.map((m) => [m.org.code, m.forMonth, m.status])).toEqual([
      ["A1", "2027-01", "proposed"],
      ["A2", "2027-01", "proposed"],
    ]);
    for (const phone of Object.values(SECRETARIES)) {
      const secretary = await database.db.person.findUniqueOrThrow({ where: { phone } });
      const proposals = await database.db.outboxMessage.findMany({ where: { personId: secretary.id, kind: "proposal" } });
      expect(proposals).toHaveLength(1);
      expect(meetings.map((m) => m.id)).toContain(proposals[0]!.meetingId);
    }

    // A later tick (either instance) proposes nothing more.
    const again = await runTick(second.db, new Date(PROPOSAL_DUE.getTime() + 60_000), logger);
    expect(again.proposed).toBe(0);
    expect(await database.db.meeting.count()).toBe(2);
  });
});
