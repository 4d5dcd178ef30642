// A database as the release before membership history left it, upgraded in place:
// every membership is carried into the new model as a current period lasting since
// always (so past meetings keep expecting their members), and every meeting, answer and
// record is kept as it was.
import path from "node:path";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../../src/db/migrate.js";
import { openDatabase } from "../../src/db/client.js";
import { listRoster } from "../../src/features/roster/data.js";
import { recipientsOf } from "../../src/org/people.js";
import { PG_ADMIN_URL, PROVIDERS, type TestProvider } from "../helpers/databases.js";
import { tempDir } from "../helpers/temp-dirs.js";

const BEFORE_HISTORY = "20261207030414_calendar_link";
const T = "2026-11-20 10:00:00";

/** The rows an older release wrote: a cell, three members (one exempt who asked for notices), a recorded meeting. */
const OLD_ROWS = [
  `INSERT INTO "Org" ("id", "code", "name", "kind", "path", "updatedAt") VALUES (1, 'A1', 'Chi bộ Ấp Một', 'cell', '/1/', '${T}')`,
  `INSERT INTO "Person" ("id", "fullName", "phone", "updatedAt") VALUES (1, 'Nguyễn Văn Bí', '+84912000101', '${T}'), (2, 'Lê Văn Một', '+84912000103', '${T}'), (3, 'Hoàng Văn Ba', '+84912000105', '${T}')`,
  `INSERT INTO "Membership" ("id", "orgId", "personId", "status", "role", "noticeOptIn", "updatedAt") VALUES (1, 1, 1, 'official', 'secretary', false, '${T}'), (2, 1, 2, 'probationary', 'member', false, '${T}'), (3, 1, 3, 'exempt', 'member', true, '${T}')`,
  `INSERT INTO "Meeting" ("id", "orgId", "kind", "forMonth", "startsAt", "durationMinutes", "place", "status", "updatedAt") VALUES (1, 1, 'regular', '2026-11', '2026-11-05 12:30:00', 90, 'Hội trường', 'confirmed', '${T}')`,
  `INSERT INTO "MeetingAnswer" ("meetingId", "personId", "answer", "reasonCategory", "reasonText", "revision") VALUES (1, 2, 'absent', 'work', 'đi công tác', 1)`,
  `INSERT INTO "MeetingRecord" ("meetingId", "state", "startedAt", "endedAt", "updatedAt") VALUES (1, 'submitted', '2026-11-05 12:30:00', '2026-11-05 14:05:00', '${T}')`,
  `INSERT INTO "AttendanceEntry" ("meetingId", "personId", "memberStatus", "attendance") VALUES (1, 1, 'official', 'present'), (1, 2, 'probationary', 'excused')`,
];

async function oldDatabase(provider: TestProvider): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === "sqlite") {
    const url = `file:${path.join(tempDir("upgrade"), "old.db")}`;
    await applyMigrations(url, { until: BEFORE_HISTORY });
    const sqlite = new Database(url.slice("file:".length));
    // SQLite keeps booleans as integers.
    for (const sql of OLD_ROWS) sqlite.exec(sql.replaceAll("false", "0").replaceAll("true", "1"));
    sqlite.close();
    return { url, drop: async () => undefined };
  }
  const name = `chibo_upgrade_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  await applyMigrations(url, { until: BEFORE_HISTORY });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const sql of OLD_ROWS) await client.query(sql);
  await client.query(`SELECT setval(pg_get_serial_sequence('"Membership"', 'id'), 3)`);
  await client.end();
  return {
    url,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

describe.each(PROVIDERS)("upgrading a database in place on %s", (provider) => {
  it("carries every membership into history and keeps meetings, answers and records", async () => {
    const old = await oldDatabase(provider);
    const database = await openDatabase(old.url);
    try {
      const db = database.db;
      const memberships = await db.membership.findMany({ orderBy: { id: "asc" } });
      expect(memberships.map((m) => [m.personId, m.status, m.role, m.noticeOptIn, m.kind, m.startedOn, m.endedOn])).toEqual([
        [1, "official", "secretary", false, "home", null, null],
        [2, "probationary", "member", false, "home", null, null],
        [3, "exempt", "member", true, "home", null, null],
      ]);
      expect((await listRoster(db, 1)).map((e) => e.fullName).sort()).toEqual(["Hoàng Văn Ba", "Lê Văn Một", "Nguyễn Văn Bí"]);
      expect((await recipientsOf(db, 1)).map((r) => r.fullName).sort()).toEqual(["Hoàng Văn Ba", "Lê Văn Một", "Nguyễn Văn Bí"]);
      expect(await db.meeting.count()).toBe(1);
      expect(await db.meetingAnswer.findFirst()).toMatchObject({ answer: "absent", reasonText: "đi công tác" });
      expect(await db.meetingRecord.findFirst()).toMatchObject({ state: "submitted" });
      expect((await db.attendanceEntry.findMany({ orderBy: { personId: "asc" } })).map((e) => [e.personId, e.attendance])).toEqual([
        [1, "present"],
        [2, "excused"],
      ]);
      // The new model works on the old rows: a new period gets the next id.
      const added = await db.membership.create({ data: { orgId: 1, personId: 2, status: "official", role: "member", startedOn: new Date("2026-12-01T00:00:00Z") } });
      expect(added.id).toBe(4);
    } finally {
      await database.close();
      await old.drop();
    }
  });
});
