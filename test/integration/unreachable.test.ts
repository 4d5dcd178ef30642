// A member who blocked the bot: the notice fails with 403, the person is marked
// unreachable, no further attempts are made, and the secretary is told once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api } from "grammy";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createMeeting } from "../../src/features/meetings/mutations.js";
import { startRuntime, type Runtime } from "../../src/runtime.js";
import { createLogger } from "../../src/logger.js";
import { BotApiStandin } from "../../src/testing/bot-api-standin.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS, IMPORTED_AT } from "../helpers/files.js";
import { waitFor } from "../helpers/wait.js";

describe.each(PROVIDERS)("an unreachable member on %s", (provider) => {
  let database: TestDatabase;
  let standin: BotApiStandin;
  let runtime: Runtime;
  const now = new Date("2026-11-20T03:00:00Z");

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    for (const [phone, chat] of [["+84912000101", "9101"], ["+84912000103", "9103"], ["+84912000104", "9104"]]) {
      await database.db.person.update({ where: { phone }, data: { telegramUserId: chat, telegramChatId: chat } });
    }
    standin = await BotApiStandin.start();
    standin.failChat("9104", { status: 403, description: "Forbidden: bot was blocked by the user" });
    runtime = startRuntime({
      db: database.db,
      api: new Api("123:unreachable-test", { apiRoot: standin.apiRoot }),
      logger: createLogger("silent"),
      now: () => now,
      timeZone: "Asia/Ho_Chi_Minh",
      schedule: false,
      senderIntervalMs: 20,
      limits: { perSecond: 1000, perChatPerSecond: 1000 },
    });
  });
  afterAll(async () => {
    await runtime?.stop();
    await standin?.stop();
    await database?.drop();
  });

  it("tells the secretary once, and stops trying", async () => {
    const a1 = await database.db.org.findUniqueOrThrow({ where: { code: "A1" } });
    const input = { orgId: a1.id, kind: "regular" as const, durationMinutes: 90, place: "Hội trường", agenda: "", documents: [] };
    await createMeeting(database.db, { ...input, startsAt: new Date("2026-12-05T12:30:00Z") }, "confirmed", now);
    // The runtime's own sender loop delivers: wait until the secretary has heard.
    const told = () => standin.sentTo("9101").filter((s) => s.text?.startsWith("⚠️ Bot không gửi được tin cho Phạm Thị Hai"));
    await waitFor(() => told().length > 0);
    const hai = await database.db.person.findUniqueOrThrow({ where: { phone: "+84912000104" } });
    expect(hai.unreachableAt).not.toBeNull();
    expect(told()).toHaveLength(1);
    expect(told()[0].text).toContain("(Chi bộ Ấp Một)");

    const attemptsBefore = standin.failures.filter((f) => f.chatId === "9104").length;
    await createMeeting(database.db, { ...input, startsAt: new Date("2026-12-19T12:30:00Z") }, "confirmed", now);
    await waitFor(() => standin.sentTo("9103").filter((s) => s.text?.startsWith("📅 THÔNG BÁO")).length === 2);
    await waitFor(async () => (await database.db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } })) === 0);
    expect(standin.failures.filter((f) => f.chatId === "9104").length).toBe(attemptsBefore);
    expect(told()).toHaveLength(1);
    expect(standin.sentTo("9103").filter((s) => s.text?.startsWith("📅 THÔNG BÁO"))).toHaveLength(2);
  });
});
