// The HTTP server: health, readiness, and a cell's private calendar feed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Server } from "node:http";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { cancelMeeting, createMeeting } from "../../src/features/meetings/mutations.js";
import { calendarPath } from "../../src/features/meetings/routes.js";
import { revokeCalendarLink } from "../../src/features/meetings/mutations.js";
import { openAttendance, submitAttendance } from "../../src/features/records/mutations.js";
import { minutesLink } from "../../src/server/signed-links.js";
import { createHttpServer, listen } from "../../src/server/http.js";
import { createLogger } from "../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS, IMPORTED_AT } from "../helpers/files.js";

const SECRET = "a-test-secret-of-enough-length";

describe("the HTTP server", () => {
  let database: TestDatabase;
  let server: Server;
  let base = "";
  let cellId = 0;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    const now = new Date("2026-11-20T03:00:00Z");
    cellId = (await database.db.org.findUniqueOrThrow({ where: { code: "A1" } })).id;
    const input = { orgId: cellId, kind: "regular" as const, durationMinutes: 90, place: "Nhà văn hoá, thôn Một", agenda: "", documents: [] };
    await createMeeting(database.db, { ...input, startsAt: new Date("2026-12-05T12:30:00Z") }, "confirmed", now);
    const cancelled = await createMeeting(database.db, { ...input, startsAt: new Date("2026-12-12T12:30:00Z") }, "confirmed", now);
    await cancelMeeting(database.db, cancelled.id, "Mưa bão", now);
    server = createHttpServer({ db: database.db, logger: createLogger("silent"), secret: SECRET, now: () => now });
    base = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.drop();
  });

  it("answers /healthz and /readyz", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe("ready");
  });

  it("serves a cell's calendar at its signed path, cancelled meetings marked", async () => {
    const response = await fetch(`${base}${calendarPath(SECRET, { id: cellId, calendarLink: 1 })}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const body = await response.text();
    expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(body).toContain("DTSTART:20261205T123000Z");
    expect(body).toContain("LOCATION:Nhà văn hoá\\, thôn Một");
    expect(body).toContain("STATUS:CANCELLED");
    expect(body).toContain("X-WR-CALNAME:Chi bộ Ấp Một");
  });

  it.each([
    ["a forged signature", () => calendarPath(SECRET, { id: cellId, calendarLink: 1 }).replace(/-[^.]+\./, "-AAAAAAAAAAAAAAAAAAAAAAAA.")],
    ["another secret's path", () => calendarPath("another-secret-entirely-xx", { id: cellId, calendarLink: 1 })],
    ["a signed path of a cell that does not exist", () => calendarPath(SECRET, { id: 999_999, calendarLink: 1 })],
    ["garbage", () => "/calendar/../../etc/passwd"],
  ])("answers 404 to %s", async (_case, path) => {
    expect((await fetch(`${base}${path()}`)).status).toBe(404);
  });

  it("serves a recorded meeting's minutes at a signed, expiring link", async () => {
    const meeting = await database.db.meeting.findFirstOrThrow({ where: { orgId: cellId, status: "confirmed" } });
    const after = new Date("2026-12-06T03:00:00Z");
    await openAttendance(database.db, meeting.id, "test", after);
    await submitAttendance(database.db, meeting.id, 1, { startedAt: meeting.startsAt, endedAt: new Date(meeting.startsAt.getTime() + 5_400_000), guests: [] }, "test", null, after);
    const link = minutesLink(SECRET, base, meeting.id, new Date("2026-11-27T03:00:00Z"));
    const response = await fetch(link);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="bien-ban-${meeting.id}.docx"`);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.subarray(0, 2).toString()).toBe("PK");
    // Who fetched it is in the audit log, like an export.
    expect(await database.db.auditLog.count({ where: { action: "read.minutes", detail: { contains: `"meetingId":${meeting.id}` } } })).toBe(1);
    const expired = minutesLink(SECRET, base, meeting.id, new Date("2026-11-20T02:00:00Z"));
    expect((await fetch(expired)).status).toBe(404);
    expect((await fetch(link.replace(/\/[^/]+\.docx$/, "/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.docx"))).status).toBe(404);
  });

  it("audits a calendar feed's reads once a day, however often a calendar app fetches it", async () => {
    const reads = () => database.db.auditLog.count({ where: { action: "read.calendar" } });
    const before = await reads();
    for (let i = 0; i < 3; i++) expect((await fetch(`${base}${calendarPath(SECRET, { id: cellId, calendarLink: 1 })}`)).status).toBe(200);
    expect(await reads()).toBe(Math.max(before, 1));
  });

  it("revokes a feed link: the old one stops working, the new one works", async () => {
    const oldPath = calendarPath(SECRET, { id: cellId, calendarLink: 1 });
    const revoked = await revokeCalendarLink(database.db, cellId, "cli", new Date("2026-11-20T03:00:00Z"));
    expect(revoked.calendarLink).toBe(2);
    expect((await fetch(`${base}${oldPath}`)).status).toBe(404);
    const newPath = calendarPath(SECRET, revoked);
    expect(newPath).not.toBe(oldPath);
    expect((await fetch(`${base}${newPath}`)).status).toBe(200);
    // A link of a generation not yet reached is refused too.
    expect((await fetch(`${base}${calendarPath(SECRET, { id: cellId, calendarLink: 3 })}`)).status).toBe(404);
  });

  it("refuses methods other than GET", async () => {
    expect((await fetch(`${base}/healthz`, { method: "POST" })).status).toBe(405);
  });
});
