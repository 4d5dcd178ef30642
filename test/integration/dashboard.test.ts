// The dashboard's data over HTTP, as the Mini App asks for it: who may see what (signed
// launch data or a signed link; 401 and 403 otherwise), the same digest as `chibo digest
// --json`, the year's heatmap by child and month, a cell's meetings and members' year,
// and an audit line per view.
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createHttpServer, listen } from "../../src/server/http.js";
import { createLogger } from "../../src/logger.js";
import { signInitData } from "../../src/features/digest/dashboard/init-data.js";
import { dashboardLink, verifyDashboardToken } from "../../src/server/signed-links.js";
import { linkUser, startBot, type RunningBot } from "../helpers/bot.js";
import { runTick } from "../../src/jobs/tick.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS, IMPORTED_AT } from "../helpers/files.js";
import { runChibo } from "../helpers/cli.js";

const TOKEN = "1000:dashboard-test_token";
const SECRET = "a-test-secret-of-enough-length";
const NOW = new Date("2026-12-07T05:00:00Z");
const vn = (local: string) => new Date(`${local}:00+07:00`);
const USERS = { province: 9001, secretaryA1: 9101 };

describe.each(PROVIDERS)("the dashboard's data on %s", (provider) => {
  let database: TestDatabase;
  let server: Server;
  let base = "";
  const db = () => database.db;
  const orgId = async (code: string) => (await db().org.findUniqueOrThrow({ where: { code } })).id;

  /** Launch data Telegram would give this user's Mini App, signed `at` with `token`. */
  const launchData = (userId: number, at = NOW, token = TOKEN) =>
    signInitData({ user: JSON.stringify({ id: userId, first_name: "Người xem", language_code: "vi" }), auth_date: String(Math.floor(at.getTime() / 1000)) }, token);
  const ask = (query: string, headers: Record<string, string>) => fetch(`${base}/app/api/view${query}`, { headers });
  const asUser = (userId: number, query = "") => ask(query, { "x-telegram-init-data": launchData(userId) });

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    await db().person.update({ where: { phone: "+84903000001" }, data: { telegramUserId: String(USERS.province), telegramChatId: String(USERS.province) } });
    await db().person.update({ where: { phone: "+84912000101" }, data: { telegramUserId: String(USERS.secretaryA1), telegramChatId: String(USERS.secretaryA1) } });
    // A1 met in October (attendance 80%) and November (100%); A2 met in November only; B1 never.
    for (const [code, month, startsAt, rate] of [
      ["A1", "2026-10", vn("2026-10-05T19:30"), 0.8],
      ["A1", "2026-11", vn("2026-11-05T19:30"), 1],
      ["A2", "2026-11", vn("2026-11-06T19:30"), 0.9],
    ] as const) {
      const meeting = await db().meeting.create({
        data: { orgId: await orgId(code), kind: "regular", forMonth: month, startsAt, durationMinutes: 120, place: "Hội trường", status: "confirmed" },
      });
      await db().meetingRecord.create({
        data: {
          meetingId: meeting.id,
          state: "submitted",
          startedAt: startsAt,
          endedAt: new Date(startsAt.getTime() + 120 * 60_000),
          checks: JSON.stringify({ attendanceRate: rate, meetsAttendanceTarget: rate >= 0.85, lengthOk: true }),
          submittedAt: startsAt,
        },
      });
      if (code === "A1") {
        const person = await db().person.findUniqueOrThrow({ where: { phone: "+84912000103" } });
        await db().attendanceEntry.create({ data: { meetingId: meeting.id, personId: person.id, memberStatus: "official", attendance: month === "2026-10" ? "unexcused" : "present" } });
      }
    }
    server = createHttpServer({ db: db(), logger: createLogger("silent"), secret: SECRET, now: () => NOW, botTokens: [TOKEN] });
    base = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await database?.drop();
  });

  it.each([
    ["no launch data", () => ({})],
    ["launch data signed with another bot's token", () => ({ "x-telegram-init-data": launchData(USERS.province, NOW, "2000:another") })],
    ["launch data two days old", () => ({ "x-telegram-init-data": launchData(USERS.province, new Date(NOW.getTime() - 2 * 86_400_000)) })],
    ["a link with a bad signature", () => ({ "x-chibo-link": "1.99999999999.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })],
  ])("answers 401 to %s, with nothing of the subtree", async (_case, headers: () => Record<string, string>) => {
    const response = await ask("", headers());
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unauthorized" });
  });

  it("answers 401 to a Telegram user who is nobody here", async () => {
    expect((await asUser(123_456)).status).toBe(401);
  });

  it("shows the province committee its whole subtree: the digest of `chibo digest --json`, gzipped", async () => {
    const response = await asUser(USERS.province);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    const body = await response.json();
    expect(body.locale).toBe("vi");
    expect(body.view.org).toMatchObject({ code: "P1", isCell: false });
    expect(body.view.parent).toBeNull();
    const cli = await runChibo(["digest", "P1", "--at", NOW.toISOString(), "--json"], { DATABASE_URL: database.url });
    expect(cli.code).toBe(0);
    expect(body.view.digest).toEqual(JSON.parse(cli.stdout));
    // B1 held nothing in November: it is on the list of missed meetings, in full.
    expect(body.view.digest.missedLastMonth.map((cell: { code: string }) => cell.code)).toEqual(["B1"]);
  });

  it("gives the year by child and month: regular meetings held, attendance, of how many cells", async () => {
    const { view } = await (await asUser(USERS.province)).json();
    expect(view.heatmap.months).toHaveLength(12);
    expect(view.heatmap.months.at(-1)).toBe("2026-12");
    const rows = Object.fromEntries(view.heatmap.rows.map((row: { code: string }) => [row.code, row]));
    expect(Object.keys(rows).sort()).toEqual(["C1", "C2"]);
    const month = (code: string, key: string) => rows[code].months[view.heatmap.months.indexOf(key)];
    expect(rows.C1.cells).toBe(2);
    expect(month("C1", "2026-10")).toEqual({ regular: 1, thematic: 0, attendance: 80, overdue: 0 });
    expect(month("C1", "2026-11")).toEqual({ regular: 2, thematic: 0, attendance: 95, overdue: 0 });
    expect(month("C2", "2026-11")).toEqual({ regular: 0, thematic: 0, attendance: null, overdue: 0 });
  });

  it("goes down to a cell: its meetings and its members' year", async () => {
    const response = await asUser(USERS.province, `?org=${await orgId("A1")}`);
    const { view, canGoUp } = await response.json();
    expect(canGoUp).toBe(true);
    expect(view.parent.code).toBe("C1");
    expect(view.cell.meetings.map((m: { held: boolean; attendance: number }) => [m.held, m.attendance])).toEqual([[true, 100], [true, 80]]);
    const member = view.cell.members.find((m: { name: string }) => m.name === "Lê Văn Một");
    expect(member.marks).toEqual(["unexcused", "present"]);
  });

  it("refuses a secretary the province (403) and shows them their own cell, with no way up", async () => {
    expect((await asUser(USERS.secretaryA1, `?org=${await orgId("P1")}`)).status).toBe(403);
    expect((await asUser(USERS.secretaryA1, `?org=${await orgId("B1")}`)).status).toBe(403);
    const own = await (await asUser(USERS.secretaryA1)).json();
    expect(own.view.org.code).toBe("A1");
    expect(own.canGoUp).toBe(false);
    expect((await asUser(USERS.secretaryA1, "?org=999999")).status).toBe(404);
  });

  it("opens from a signed link outside Telegram until it expires, and speaks English when asked", async () => {
    const person = await db().person.findUniqueOrThrow({ where: { phone: "+84903000001" } });
    const token = (expires: Date) => new URL(dashboardLink(SECRET, base, person.id, expires)).searchParams.get("s")!;
    const fresh = await ask("?lang=en", { "x-chibo-link": token(new Date(NOW.getTime() + 3_600_000)) });
    expect(fresh.status).toBe(200);
    const body = await fresh.json();
    expect(body.locale).toBe("en");
    expect(body.view.org.code).toBe("P1");
    expect((await ask("", { "x-chibo-link": token(new Date(NOW.getTime() - 1_000)) })).status).toBe(401);
  });

  it("writes each view in the audit log, as exports are", async () => {
    const before = await db().auditLog.count({ where: { action: "read.dashboard" } });
    await asUser(USERS.province, `?org=${await orgId("C2")}`);
    const entries = await db().auditLog.findMany({ where: { action: "read.dashboard" }, orderBy: { id: "desc" }, take: 1 });
    expect(await db().auditLog.count({ where: { action: "read.dashboard" } })).toBe(before + 1);
    expect(JSON.parse(entries[0].detail)).toEqual({ org: "C2", via: "telegram" });
  });
});

describe("the dashboard's button under /report", () => {
  let database: TestDatabase;
  const started: RunningBot[] = [];
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
  });
  afterAll(async () => {
    for (const running of started) await running.stop();
    await database?.drop();
  });
  const reportButtons = async (publicUrl: string) => {
    const running = await startBot(database.db, { now: NOW, env: { PUBLIC_URL: publicUrl, HTTP_PORT: "8080", CHIBO_SECRET: SECRET } });
    started.push(running);
    const committee = await linkUser(running, database.db, USERS.province, "P1", "+84903000001");
    await committee.send("/report");
    return committee.lastMessage()!.buttons;
  };

  it("opens it as a Mini App at the organisation when the server is on https", async () => {
    const p1 = await database.db.org.findUniqueOrThrow({ where: { code: "P1" } });
    const button = (await reportButtons("https://chibo.example.org")).find((b) => b.webApp);
    expect(button).toEqual({ text: "📊 Mở bảng theo dõi", data: "", webApp: `https://chibo.example.org/app/?org=${p1.id}` });
  });

  it("comes with the weekly digest too, under its last part", async () => {
    await reportButtons("https://chibo.example.org");
    const p1 = await database.db.org.findUniqueOrThrow({ where: { code: "P1" } });
    await runTick(database.db, NOW, createLogger("silent"), { links: { base: "https://chibo.example.org", secret: SECRET } });
    const texts = await database.db.outboxMessage.findMany({ where: { kind: "digest", chatId: String(USERS.province), orgId: p1.id, key: { contains: ":text:" } }, orderBy: { key: "asc" } });
    expect(texts.length).toBeGreaterThan(0);
    const markups = texts.map((row) => (JSON.parse(row.payload) as { replyMarkup?: unknown }).replyMarkup);
    expect(markups.at(-1)).toEqual({ inline_keyboard: [[{ text: "📊 Mở bảng theo dõi", web_app: { url: `https://chibo.example.org/app/?org=${p1.id}` } }]] });
    expect(markups.slice(0, -1).every((markup) => markup === undefined)).toBe(true);
  });

  it("gives a signed link elsewhere, which opens the person's view until it expires", async () => {
    const button = (await reportButtons("http://127.0.0.1:8080")).find((b) => b.url);
    const link = new URL(button!.url!);
    expect(link.pathname).toBe("/app/");
    const person = await database.db.person.findUniqueOrThrow({ where: { phone: "+84903000001" } });
    expect(verifyDashboardToken(SECRET, link.searchParams.get("s")!, NOW)).toBe(person.id);
    expect(verifyDashboardToken(SECRET, link.searchParams.get("s")!, new Date(NOW.getTime() + 25 * 3_600_000))).toBeUndefined();
  });
});
