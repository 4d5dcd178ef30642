// More cells than SQLite accepts bound values in one query (999): the scheduler, the
// digest and the export must still work (the benchmark found a tick failing there).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTick } from "../../src/jobs/tick.js";
import { createLogger } from "../../src/logger.js";
import { buildDigest } from "../../src/domain/digest.js";
import { digestInput } from "../../src/features/digest/data.js";
import { attendanceSheets } from "../../src/features/records/export-data.js";
import { createTestDatabase, type TestDatabase } from "../helpers/databases.js";

const CELLS = 1_100;

describe("a subtree of 1,100 cells on SQLite", () => {
  let database: TestDatabase;
  const now = new Date("2026-12-10T03:00:00Z");

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const { db } = database;
    const province = await db.org.create({ data: { code: "BIG", name: "Tỉnh lớn", kind: "province", path: "" } });
    await db.org.update({ where: { id: province.id }, data: { path: `/${province.id}/` } });
    await db.org.createMany({
      data: Array.from({ length: CELLS }, (_, i) => ({ code: `C${i}`, name: `Chi bộ ${i}`, kind: "cell", parentId: province.id, path: "" })),
    });
    const cells = await db.org.findMany({ where: { kind: "cell" } });
    await db.$executeRawUnsafe(`UPDATE "Org" SET "path" = '/${province.id}/' || "id" || '/' WHERE "kind" = 'cell'`);
    await db.person.createMany({
      data: cells.map((c, i) => ({ fullName: `Bí thư ${i}`, phone: `+849100${String(i).padStart(5, "0")}`, telegramUserId: String(10_000 + i), telegramChatId: String(10_000 + i) })),
    });
    const people = await db.person.findMany({ orderBy: { id: "asc" } });
    await db.membership.createMany({ data: cells.map((c, i) => ({ orgId: c.id, personId: people[i].id, status: "official", role: "secretary" })) });
    // Every cell has a meeting that ended three days ago and is not recorded.
    await db.meeting.createMany({
      data: cells.map((c) => ({ orgId: c.id, kind: "regular", forMonth: "2026-12", startsAt: new Date("2026-12-07T12:30:00Z"), durationMinutes: 90, place: "Hội trường", status: "confirmed" })),
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("runs a tick that nudges every secretary", async () => {
    const summary = await runTick(database.db, now, createLogger("silent"));
    expect(summary.recordNudges).toBe(CELLS);
    expect(await database.db.outboxMessage.count({ where: { kind: "record_nudge" } })).toBe(CELLS);
  });

  it("builds the province's digest and its export", async () => {
    const province = await database.db.org.findUniqueOrThrow({ where: { code: "BIG" } });
    const digest = buildDigest(await digestInput(database.db, province, now));
    expect(digest.totals.thisMonth).toMatchObject({ cells: CELLS, held: 0, scheduled: CELLS });
    const sheets = await attendanceSheets(database.db, province.path, 2026, "vi");
    expect(sheets).toHaveLength(CELLS);
  });
});
