// The dashboard in a real browser (Debian's chromium through playwright-core), opened as
// Telegram opens a Mini App: launch data signed with the bot's token and the theme in
// the hash. The figures it shows are those of `chibo digest --json`; it goes down to a
// commune and a cell (its meetings and members' year) and back up; it switches to
// English; forged launch data and an organisation outside the viewer's subtree get
// their messages. Screenshots of the main views at a phone's size are taken each run, and
// kept in docs/screenshots/ for the README with `npm run screenshots`.
import { existsSync, mkdirSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createMeeting } from "../../src/features/meetings/mutations.js";
import { openAttendance, setAttendance, submitAttendance } from "../../src/features/records/mutations.js";
import { signInitData } from "../../src/features/digest/dashboard/init-data.js";
import { translate } from "../../src/bot/i18n.js";
import { createHttpServer, listen } from "../../src/server/http.js";
import { createLogger } from "../../src/logger.js";
import type { Digest } from "../../src/domain/digest.js";
import { createTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS, IMPORTED_AT } from "../helpers/files.js";
import { runChibo } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp-dirs.js";
import { root } from "../helpers/source-scan.js";

const CHROMIUM = "/usr/bin/chromium";
const TOKEN = "1000:dashboard-browser_token";
const SECRET = "a-test-secret-of-enough-length";
/** A Viet Nam wall time. */
const vn = (local: string) => new Date(`${local}:00+07:00`);
const NOW = vn("2026-11-23T09:00");
const PHONE = { width: 390, height: 844 };
/** The README's copies only when asked (CHIBO_SCREENSHOTS=1): a test run leaves the tree as it was. */
const SCREENSHOTS = process.env.CHIBO_SCREENSHOTS === "1" ? path.join(root, "docs", "screenshots") : tempDir("screenshots");
const USERS = { province: 9001, commune: 9002, secretaryB1: 9005 };
// Three more cells under the first commune that never meet.
const EXTRA_CELLS = [3, 4, 5].map((n) => `A${n},Chi bộ Ấp Số ${n},cell,C1`).join("\n");
// Telegram's light theme, as a phone passes it to the Mini App.
const THEME: Record<string, string> = {
  bg_color: "#ffffff",
  text_color: "#000000",
  hint_color: "#707579",
  link_color: "#3390ec",
  button_color: "#3390ec",
  button_text_color: "#ffffff",
  secondary_bg_color: "#f4f4f5",
  header_bg_color: "#ffffff",
};

// Telegram's night theme.
const DARK_THEME: Record<string, string> = {
  bg_color: "#18222d",
  text_color: "#ffffff",
  hint_color: "#b1c3d5",
  link_color: "#62bcf9",
  button_color: "#2ea6ff",
  button_text_color: "#ffffff",
  secondary_bg_color: "#131415",
  header_bg_color: "#131415",
};

describe("the dashboard in a browser", () => {
  let database: TestDatabase;
  let server: Server;
  let context: BrowserContext;
  let base = "";
  const db = () => database.db;
  const orgId = async (code: string) => (await db().org.findUniqueOrThrow({ where: { code } })).id;
  const personId = async (phone: string) => (await db().person.findUniqueOrThrow({ where: { phone } })).id;

  /** A meeting held and recorded as the secretary would, with these members absent without excuse. */
  async function held(code: string, kind: "regular" | "thematic", startsAt: Date, unexcused: string[] = []) {
    const input = { orgId: await orgId(code), kind, startsAt, durationMinutes: 120, place: "Hội trường", agenda: "", documents: [] };
    const meeting = await createMeeting(db(), input, "confirmed", new Date(startsAt.getTime() - 10 * 86_400_000));
    const after = new Date(startsAt.getTime() + 3 * 3_600_000);
    const opened = await openAttendance(db(), meeting.id, "test", after);
    if (opened.kind !== "opened") throw new Error(`could not open the attendance of ${code}: ${opened.kind}`);
    for (const phone of unexcused) await setAttendance(db(), meeting.id, opened.version, await personId(phone), "unexcused", "test", after);
    const endedAt = new Date(startsAt.getTime() + 120 * 60_000);
    await submitAttendance(db(), meeting.id, opened.version, { startedAt: startsAt, endedAt, guests: [] }, "test", null, after);
  }
  async function scheduled(code: string, startsAt: Date) {
    const input = { orgId: await orgId(code), kind: "regular" as const, startsAt, durationMinutes: 120, place: "Hội trường", agenda: "", documents: [] };
    await createMeeting(db(), input, "confirmed", new Date(startsAt.getTime() - 10 * 86_400_000));
  }

  /** Launch data as Telegram gives this user's Mini App, signed with `token`. */
  const launchData = (userId: number, token = TOKEN, languageCode = "vi") =>
    signInitData(
      {
        query_id: "AAHdF6IQAAAAAN0XohDhrOrc",
        user: JSON.stringify({ id: userId, first_name: "Đồng chí", language_code: languageCode }),
        auth_date: String(Math.floor(NOW.getTime() / 1000)),
      },
      token,
    );
  /** The address Telegram opens: the button's URL, the launch data and theme in the hash. */
  const miniAppUrl = (search: string, initData: string, theme: Record<string, string> = THEME) =>
    `${base}/app/${search}#tgWebAppData=${encodeURIComponent(initData)}&tgWebAppVersion=8.0&tgWebAppPlatform=android` +
    `&tgWebAppThemeParams=${encodeURIComponent(JSON.stringify(theme))}`;
  const api = (query: string, initData: string) => fetch(`${base}/app/api/view${query}`, { headers: { "x-telegram-init-data": initData } });
  const digestOf = async (code: string): Promise<Digest> => {
    const cli = await runChibo(["digest", code, "--at", NOW.toISOString(), "--json"], { DATABASE_URL: database.url });
    expect(cli.code, cli.stderr).toBe(0);
    return JSON.parse(cli.stdout);
  };

  async function openPage(url: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(url);
    return page;
  }
  const heading = (page: Page) => page.locator("#bar h1");
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  /** Every figure the page shows, by its key ("thisMonth.held"). */
  const figures = (page: Page) =>
    page.$$eval("[data-k]", (nodes) => Object.fromEntries(nodes.map((node) => [node.getAttribute("data-k"), Number(node.textContent)])));
  const names = (page: Page, list: string) => page.locator(`[data-list="${list}"] li .name`).allTextContents();

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is not installed at ${CHROMIUM}: this test needs Debian's chromium (apt-get install chromium; .ci/run installs it).`);
    }
    database = await createTestDatabase("sqlite");
    const files = csvFiles({ "orgs.csv": `${ORGS}${EXTRA_CELLS}\n`, "members.csv": MEMBERS });
    await importRoster(db(), files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    for (const [phone, userId] of [
      ["+84903000001", USERS.province],
      ["+84903000002", USERS.commune],
      ["+84912000301", USERS.secretaryB1],
    ] as const) {
      await db().person.update({ where: { phone }, data: { telegramUserId: String(userId), telegramChatId: String(userId) } });
    }
    // A1 meets every month, Lê Văn Một absent in October, and holds a thematic meeting in
    // November; A2 met in October with half its members and has not recorded November's
    // meeting (overdue); B1 met in October; A3–A5 never meet.
    await held("A1", "regular", vn("2026-09-10T19:30"));
    await held("A1", "regular", vn("2026-10-08T19:30"), ["+84912000103"]);
    await held("A1", "thematic", vn("2026-11-10T19:30"));
    await scheduled("A1", vn("2026-11-26T19:30"));
    await held("A2", "regular", vn("2026-10-12T19:30"), ["+84912000202"]);
    await scheduled("A2", vn("2026-11-05T19:30"));
    await held("B1", "regular", vn("2026-10-15T19:30"));

    server = createHttpServer({ db: db(), logger: createLogger("silent"), secret: SECRET, now: () => NOW, botTokens: [TOKEN] });
    base = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
    mkdirSync(SCREENSHOTS, { recursive: true });
    context = await chromium.launchPersistentContext(tempDir("chromium"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: "vi-VN",
      timezoneId: "Asia/Ho_Chi_Minh",
      // CI runs the suite under libfaketime; the browser needs no shifted clock (the
      // page's dates come from the server) and gets the real one.
      env: Object.fromEntries(Object.entries(process.env).filter(([key, value]) => value !== undefined && key !== "LD_PRELOAD" && !key.startsWith("FAKETIME"))) as Record<string, string>,
    });
  });
  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => server?.close(resolve));
    await database?.drop();
  });

  it("is a light page served whole by chibo", async () => {
    const sizes: Record<string, number> = {};
    for (const asset of ["", "app.js", "app.css"]) {
      const response = await fetch(`${base}/app/${asset}`, { headers: { "accept-encoding": "gzip" } });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-encoding")).toBe("gzip");
      sizes[asset || "index.html"] = Number(response.headers.get("content-length") ?? (await response.arrayBuffer()).byteLength);
    }
    const page = await openPage(miniAppUrl("", launchData(USERS.province)));
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.reload();
    await expect.poll(() => heading(page).textContent()).toBe("Đảng bộ tỉnh Thử");
    // Nothing from elsewhere: no CDN, no fonts, no telegram.org script.
    expect(requests.filter((url) => !url.startsWith(base))).toEqual([]);
    await page.close();
  });

  it("opens on the viewer's highest organisation with the figures of `chibo digest --json`", async () => {
    const page = await openPage(miniAppUrl("", launchData(USERS.province)));
    await expect.poll(() => heading(page).textContent()).toBe("Đảng bộ tỉnh Thử");
    const digest = await digestOf("P1");
    const shown = await figures(page);
    for (const which of ["thisMonth", "lastMonth"] as const) {
      for (const key of ["cells", "held", "scheduled", "notScheduled", "heldPercent"] as const) {
        expect(shown[`${which}.${key}`], `${which}.${key}`).toBe(digest.totals[which][key]);
      }
    }
    expect(await page.locator('[data-month="thisMonth"] h2').textContent()).toBe("Tháng 11/2026 (đến nay)");
    // The lists to act on, in full and in the digest's order.
    expect(await names(page, "missed")).toEqual(digest.missedLastMonth.map((c) => c.name));
    expect(await names(page, "not-scheduled")).toEqual(digest.notScheduledThisMonth.map((c) => c.name));
    expect(await names(page, "no-thematic")).toEqual(digest.noThematicThisQuarter.map((c) => c.name));
    expect(await names(page, "low-attendance")).toEqual(digest.lowAttendance.map((m) => m.name));
    expect(await names(page, "overdue")).toEqual(digest.overdueRecords.map((m) => m.name));
    expect(digest.lowAttendance.map((m) => [m.code, m.percent])).toEqual([["A1", 75], ["A2", 50]]);
    expect(digest.overdueRecords.map((m) => m.code)).toEqual(["A2"]);
    expect(await page.locator('[data-list="low-attendance"] li .meta').allTextContents()).toEqual(["08/10/2026 · 75%", "12/10/2026 · 50%"]);
    expect(await names(page, "children")).toEqual(digest.children.map((c) => c.org.name));
    expect(await page.locator('[data-list="children"] li .meta').allTextContents()).toEqual(
      digest.children.map((c) => `${c.compliantLastMonthPercent}% → ${c.compliantThisMonthPercent}% · ${c.thisMonth.cells} chi bộ`),
    );
    await shot(page, "dashboard-overview");
    await page.close();
  });

  it("draws the last twelve months by child: the API's heatmap, coloured by regular meetings held", async () => {
    const page = await openPage(miniAppUrl("", launchData(USERS.commune)));
    await expect.poll(() => heading(page).textContent()).toBe("Đảng bộ xã Một");
    const digest = await digestOf("C1");
    expect((await figures(page))["thisMonth.notScheduled"]).toBe(digest.totals.thisMonth.notScheduled);
    const { view } = await (await api("", launchData(USERS.commune))).json();
    const months = await page.locator("table.hm thead th[data-month]").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-month")));
    expect(months).toEqual(view.heatmap.months);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe("2025-12");
    expect(months.at(-1)).toBe(digest.thisMonth);
    const rows = page.locator("table.hm tbody tr");
    expect(await rows.locator("th .name").allTextContents()).toEqual(["Chi bộ Ấp Hai", "Chi bộ Ấp Một", "Chi bộ Ấp Số 3", "Chi bộ Ấp Số 4", "Chi bộ Ấp Số 5"]);
    expect((await rows.locator("th .name").allTextContents()).sort()).toEqual(digest.children.map((c) => c.org.name).sort());
    const cell = (name: string, month: string) => rows.filter({ hasText: name }).locator("td").nth(months.indexOf(month));
    const classes = async (name: string, month: string) => (await cell(name, month).getAttribute("class"))!.split(" ");
    expect(await classes("Chi bộ Ấp Một", "2026-10")).toContain("full");
    expect(await cell("Chi bộ Ấp Một", "2026-10").textContent()).toBe("75");
    expect(await classes("Chi bộ Ấp Một", "2026-11")).toEqual(expect.arrayContaining(["thematic"]));
    expect(await classes("Chi bộ Ấp Hai", "2026-10")).toContain("full");
    expect(await cell("Chi bộ Ấp Hai", "2026-10").textContent()).toBe("50");
    expect(await classes("Chi bộ Ấp Hai", "2026-11")).toEqual(expect.arrayContaining(["none", "overdue"]));
    expect(await classes("Chi bộ Ấp Số 3", "2026-10")).toContain("none");
    // Every coloured cell says what the API said.
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => Number(td.getAttribute("data-regular")))));
    const expected = view.heatmap.rows.map((row: { months: { regular: number }[] }) => row.months.map((m) => m.regular));
    expect(shown).toEqual(expected);
    await page.locator("section.heat").scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector("section.heat")!.scrollIntoView({ block: "start" }));
    await page.evaluate(() => window.scrollBy(0, -60));
    await shot(page, "dashboard-heatmap");
    await page.close();
  });

  it("goes down to a commune and a cell (its meetings and members' year), then back and up", async () => {
    const page = await openPage(miniAppUrl("", launchData(USERS.province)));
    await expect.poll(() => heading(page).textContent()).toBe("Đảng bộ tỉnh Thử");
    expect(await page.locator('[data-action="back"]').count()).toBe(0);
    expect(await page.locator('[data-action="up"]').count()).toBe(0);
    // A tap on the heatmap's row goes down to the commune…
    await page.locator("table.hm tbody tr", { hasText: "Đảng bộ xã Một" }).locator("th").click();
    await expect.poll(() => heading(page).textContent()).toBe("Đảng bộ xã Một");
    expect((await figures(page))["lastMonth.held"]).toBe((await digestOf("C1")).totals.lastMonth.held);
    // …and a tap on a list's row to the cell.
    await page.locator('[data-list="overdue"] li', { hasText: "Chi bộ Ấp Hai" }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Chi bộ Ấp Hai");
    await page.locator('[data-action="back"]').click();
    await expect.poll(() => heading(page).textContent()).toBe("Đảng bộ xã Một");
    await page.locator('[data-list="children"] li', { hasText: "Chi bộ Ấp Một" }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Chi bộ Ấp Một");
    const meetings = page.locator('[data-list="meetings"] li');
    expect(await meetings.evaluateAll((lis) => lis.map((li) => li.getAttribute("data-state")))).toEqual(["scheduled", "held", "held", "held"]);
    expect(await meetings.nth(1).textContent()).toBe("10/11/2026 19:30 · Chuyên đềđã họp · dự họp 100%");
    expect(await meetings.nth(2).locator(".meta").textContent()).toBe("đã họp · dự họp 75%");
    expect(await page.locator("table.marks thead th[data-meeting]").allTextContents()).toEqual(["10/09", "08/10", "10/11"]);
    const marks = (name: string) => page.locator(`table.marks tr[data-member="${name}"] td`).evaluateAll((tds) => tds.map((td) => td.getAttribute("data-mark")));
    expect(await marks("Lê Văn Một")).toEqual(["present", "unexcused", "present"]);
    expect(await marks("Nguyễn Văn Bí")).toEqual(["present", "present", "present"]);
    expect(await page.locator("table.marks tbody tr").count()).toBe(5);
    await page.locator("section.meetings").evaluate((node) => node.scrollIntoView({ block: "start" }));
    await page.evaluate(() => window.scrollBy(0, -60));
    await shot(page, "dashboard-cell");
    // Up to the commune from the cell, then back the way it came: the cell, the commune, the province.
    await page.locator('[data-action="up"]').click();
    await expect.poll(() => heading(page).textContent()).toBe("Đảng bộ xã Một");
    await page.locator('[data-action="back"]').click();
    await expect.poll(() => heading(page).textContent()).toBe("Chi bộ Ấp Một");
    await page.locator('[data-action="back"]').click();
    await expect.poll(() => heading(page).textContent()).toBe("Đảng bộ xã Một");
    await page.locator('[data-action="back"]').click();
    await expect.poll(() => heading(page).textContent()).toBe("Đảng bộ tỉnh Thử");
    expect(await page.locator('[data-action="back"]').count()).toBe(0);
    await page.close();
  });

  it("switches to English and back, asking the API with &lang=", async () => {
    const page = await openPage(miniAppUrl(`?org=${await orgId("C1")}`, launchData(USERS.commune)));
    await expect.poll(() => heading(page).textContent()).toBe("Đảng bộ xã Một");
    expect(await page.locator("section.heat h2").textContent()).toBe(translate("vi", "dashboard-heatmap"));
    const asked = page.waitForRequest((request) => request.url().includes("lang=en"));
    await page.locator('[data-action="lang"]').click();
    await asked;
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("section.heat h2").textContent()).toBe("The last 12 months");
    expect(await page.locator('[data-month="thisMonth"] h2').textContent()).toBe("Nov 2026 (so far)");
    expect(await page.locator('[data-list="missed"] summary').textContent()).toBe("No regular meeting in Oct 2026 (3)");
    expect(await page.locator('[data-action="lang"]').textContent()).toBe("Tiếng Việt");
    await shot(page, "dashboard-english");
    // The language stays as the viewer goes down.
    await page.locator('[data-list="children"] li', { hasText: "Chi bộ Ấp Một" }).click();
    await expect.poll(() => heading(page).textContent()).toBe("Chi bộ Ấp Một");
    expect(await page.locator("section.members h2").textContent()).toBe("Members across the meetings (5)");
    await page.locator('[data-action="lang"]').click();
    await expect.poll(() => page.locator("section.members h2").textContent()).toBe("Đảng viên qua các buổi họp (5)");
    await page.close();
  });

  it("takes Telegram's theme colours from the launch parameters", async () => {
    const page = await openPage(miniAppUrl(`?org=${await orgId("A1")}`, launchData(USERS.commune), DARK_THEME));
    await expect.poll(() => heading(page).textContent()).toBe("Chi bộ Ấp Một");
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(24, 34, 45)");
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe("rgb(255, 255, 255)");
    await shot(page, "dashboard-dark");
    await page.close();
  });

  it("says forged launch data is not accepted, as the API answers 401", async () => {
    const forged = launchData(USERS.province, "2000:another-bot");
    const page = await openPage(miniAppUrl("", forged));
    await expect.poll(() => page.locator('[data-problem="unauthorized"]').textContent()).toBe(translate("vi", "dashboard-error-unauthorized"));
    expect(await page.locator("table.hm").count()).toBe(0);
    expect((await api("", forged)).status).toBe(401);
    // Opened with nothing at all, the same.
    const bare = await openPage(`${base}/app/`);
    await expect.poll(() => bare.locator('[data-problem="unauthorized"]').count()).toBe(1);
    await bare.close();
    await page.close();
  });

  it("refuses an organisation outside the viewer's subtree, as the API answers 403", async () => {
    const secretary = launchData(USERS.secretaryB1, TOKEN, "en");
    const page = await openPage(miniAppUrl(`?org=${await orgId("C1")}`, secretary));
    await expect.poll(() => page.locator('[data-problem="forbidden"]').textContent()).toBe(translate("en", "dashboard-error-forbidden"));
    expect((await api(`?org=${await orgId("C1")}`, secretary)).status).toBe(403);
    // Their own cell, with no way up.
    const own = await openPage(miniAppUrl("", secretary));
    await expect.poll(() => heading(own).textContent()).toBe("Chi bộ Bản Ba");
    expect(await own.locator('[data-action="up"]').count()).toBe(0);
    await own.close();
    await page.close();
  });
});
