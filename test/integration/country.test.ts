// A country: one `chibo start` serves a default bot and one bot per province
// (TELEGRAM_BOTS_FILE), on one database. A person joins through their province's bot,
// and what a province's cells send goes out through that bot, not the others.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { FakeTelegram, type FakeUser } from "../../src/testing/fake-telegram.js";
import { spawnChibo, type ChiboProcess } from "../../src/testing/chibo-process.js";
import { runChibo } from "../helpers/cli.js";
import { csvFiles, MEMBERS, ORGS, IMPORTED_AT } from "../helpers/files.js";
import { waitFor } from "../helpers/wait.js";
import { freePort } from "../../src/testing/free-port.js";

// In ORGS, communes C1 (cells A1, A2) and C2 (cell B1) stand for two provinces; P1 above
// them stays with the default bot.
const PROVINCES = [
  { org: "C1", token: "2220001:PROVINCE-one_token", username: "chibo_c1_bot" },
  { org: "C2", token: "3330001:PROVINCE-two_token", username: "chibo_c2_bot" },
];

describe("one bot per province", () => {
  let telegram: FakeTelegram;
  let dir: string;
  let env: Record<string, string>;
  let chibo: ChiboProcess;
  /** The stand-in's view of each bot: what its users send it and what it sent them. */
  let bots: Record<"main" | "c1" | "c2", FakeTelegram>;

  /** `chibo invite` as the operator runs it: the link it prints. */
  async function inviteLink(args: string[]): Promise<string> {
    const result = await runChibo(["invite", ...args], env);
    expect(result.stderr).toBe("");
    return result.stdout.split("\n").find((line) => line.startsWith("https://t.me/"))!;
  }

  /** The child process answers in its own time: waits for a message matching `text`. */
  async function hears(user: FakeUser, text: RegExp | string): Promise<void> {
    const matches = (message: string) => (typeof text === "string" ? message.includes(text) : text.test(message));
    await waitFor(() => user.messages().some((message) => matches(message.text)), 20_000);
  }

  beforeAll(async () => {
    telegram = await FakeTelegram.start();
    bots = { main: telegram, c1: telegram.bot(PROVINCES[0].token, PROVINCES[0].username), c2: telegram.bot(PROVINCES[1].token, PROVINCES[1].username) };
    dir = mkdtempSync(path.join(tmpdir(), "chibo-country-"));
    const botsFile = path.join(dir, "bots.json");
    writeFileSync(botsFile, JSON.stringify(PROVINCES.map(({ org, token }) => ({ org, token }))));
    env = {
      DATABASE_URL: `file:${path.join(dir, "chibo.db")}`,
      BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_BOTS_FILE: botsFile,
      LOG_LEVEL: "silent",
    };
    const database = await openDatabase(env.DATABASE_URL);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    await database.close();
    // The test runs at any hour of the day: no quiet hours, so messages go at once.
    expect((await runChibo(["settings", "P1", 'quietHours={"start":"00:00","end":"00:00"}'], env)).code).toBe(0);
  });
  afterAll(async () => {
    if (chibo?.alive()) await chibo.stop();
    await telegram?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints each organisation's invitations with its province's bot", async () => {
    expect(await inviteLink(["A1"])).toMatch(/^https:\/\/t\.me\/chibo_c1_bot\?start=\w+$/);
    expect(await inviteLink(["B1"])).toMatch(/^https:\/\/t\.me\/chibo_c2_bot\?start=\w+$/);
    // Above the provinces: the default bot (the stand-in calls every bot TestNameBot).
    expect(await inviteLink(["P1"])).toMatch(/^https:\/\/t\.me\/TestNameBot\?start=\w+$/);
  });

  it("runs every bot, joins people through their province's bot, and sends each province's messages through its own", async () => {
    chibo = spawnChibo(["start"], env);
    const stdout = () => chibo.stdout.join("\n");
    await waitFor(() => ["@TestNameBot", "@chibo_c1_bot", "@chibo_c2_bot"].every((name) => stdout().includes(`Bot ${name} đang chạy`)), 30_000);
    const { main, c1, c2 } = bots;

    // The secretary of A1 opens a personal invitation with the wrong bot: sent to the right one.
    const link = await inviteLink(["A1", "--person", "0912 000 101"]);
    const code = link.split("start=")[1];
    const secretaryAtMain = main.user({ id: 7101, firstName: "Bí" });
    await secretaryAtMain.send(`/start ${code}`);
    await hears(secretaryAtMain, `https://t.me/chibo_c1_bot?start=${code}`);
    const secretaryA1 = c1.user({ id: 7101, firstName: "Bí" });
    await secretaryA1.send(`/start ${code}`);
    await hears(secretaryA1, /^Đã liên kết! Chào mừng Nguyễn Văn Bí đến với Chi bộ Ấp Một/);

    const secretaryB1 = c2.user({ id: 7301, firstName: "Sáu" });
    await secretaryB1.send(`/start ${(await inviteLink(["B1", "--person", "0912 000 301"])).split("start=")[1]}`);
    await hears(secretaryB1, /^Đã liên kết! Chào mừng Bùi Văn Sáu/);

    // A newcomer to each cell types a name: the request reaches that cell's secretary
    // through the outbox and the province's sender.
    for (const [bot, cell, name, id] of [[c1, "A1", "Lê Văn Một", 7201], [c2, "B1", "Ngô Thị Bảy", 7302]] as const) {
      const newcomer = bot.user({ id, firstName: "Mới" });
      await newcomer.send(`/start ${(await inviteLink([cell])).split("start=")[1]}`);
      await hears(newcomer, "Nhập họ tên");
      await newcomer.send("✍️ Nhập họ tên");
      await hears(newcomer, /gõ họ và tên đầy đủ/);
      await newcomer.send(name);
      await hears(newcomer, /đã được gửi tới bí thư/);
    }
    await hears(secretaryA1, /Gõ họ tên: «Lê Văn Một»/);
    await hears(secretaryB1, /Gõ họ tên: «Ngô Thị Bảy»/);
    // Each request went through its province's bot only: the others' chats with these people hold nothing of it.
    expect(c2.user({ id: 7101, firstName: "Bí" }).messages()).toEqual([]);
    expect(c1.user({ id: 7301, firstName: "Sáu" }).messages()).toEqual([]);
    expect(main.user({ id: 7301, firstName: "Sáu" }).messages()).toEqual([]);
    expect(secretaryAtMain.messages().map((m) => m.text)).toHaveLength(1);

    // The secretary approves in the province's bot; the newcomer hears it there.
    await secretaryA1.tap("✅ Duyệt");
    const approved = c1.user({ id: 7201, firstName: "Mới" });
    await hears(approved, /^Bí thư đã duyệt/);
  });

  it("says at start which province of the file the database lacks", async () => {
    if (chibo?.alive()) await chibo.stop();
    const botsFile = path.join(dir, "bots-typo.json");
    writeFileSync(botsFile, JSON.stringify([{ org: "C1", token: PROVINCES[0].token }, { org: "C9", token: PROVINCES[1].token }]));
    const typo = spawnChibo(["start"], { ...env, TELEGRAM_BOTS_FILE: botsFile });
    try {
      await waitFor(() => typo.stdout.join("\n").includes("@chibo_c2_bot"), 30_000);
      expect(typo.stderr.join("\n")).toContain("không có tổ chức mã C9");
    } finally {
      await typo.stop();
    }
  });
});

describe("dropping the bots file", () => {
  it("gives every organisation back to the main bot at the next start, so nothing waits for a bot nobody runs", async () => {
    const telegram = await FakeTelegram.start();
    const dir = mkdtempSync(path.join(tmpdir(), "chibo-country-drop-"));
    const env = { DATABASE_URL: `file:${path.join(dir, "chibo.db")}`, BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot, LOG_LEVEL: "silent" };
    const botsFile = path.join(dir, "bots.json");
    writeFileSync(botsFile, JSON.stringify([{ org: "C1", token: PROVINCES[0].token }]));
    telegram.bot(PROVINCES[0].token, PROVINCES[0].username);
    const database = await openDatabase(env.DATABASE_URL);
    try {
      const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
      await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
      const botOf = async (code: string) => (await database.db.org.findUniqueOrThrow({ where: { code } })).bot;
      // Stopped once every bot runs (the signal handlers are in place by then).
      const startAndStop = async (extra: Record<string, string>, bots: string[]) => {
        const chibo = spawnChibo(["start"], { ...env, ...extra });
        await waitFor(() => bots.every((name) => chibo.stdout.join("\n").includes(`Bot @${name} đang chạy`)) || !chibo.alive(), 30_000);
        expect(await chibo.stop()).toBe(0);
      };
      await startAndStop({ TELEGRAM_BOTS_FILE: botsFile }, ["TestNameBot", PROVINCES[0].username]);
      expect([await botOf("C1"), await botOf("A1"), await botOf("B1")]).toEqual(["2220001", "2220001", ""]);
      await startAndStop({}, ["TestNameBot"]);
      expect([await botOf("C1"), await botOf("A1"), await botOf("B1")]).toEqual(["", "", ""]);
    } finally {
      await database.close();
      await telegram.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("one bot per province, on webhooks", () => {
  it("registers each bot's webhook on its own path and answers each bot's updates through it", async () => {
    const telegram = await FakeTelegram.start();
    const c1 = telegram.bot(PROVINCES[0].token, PROVINCES[0].username);
    const dir = mkdtempSync(path.join(tmpdir(), "chibo-country-webhook-"));
    const botsFile = path.join(dir, "bots.json");
    writeFileSync(botsFile, JSON.stringify([{ org: "C1", token: PROVINCES[0].token, webhookPath: "/telegram/c1" }]));
    const port = await freePort();
    const secret = "webhook-secret_of-the-country";
    const databaseUrl = `file:${path.join(dir, "chibo.db")}`;
    const database = await openDatabase(databaseUrl);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: IMPORTED_AT });
    await database.close();
    const chibo = spawnChibo(["start"], {
      DATABASE_URL: databaseUrl,
      BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_BOTS_FILE: botsFile,
      BOT_MODE: "webhook",
      WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
      WEBHOOK_SECRET: secret,
      PORT: String(port),
      CHIBO_SECRET: "a-test-secret-of-enough-length",
      LOG_LEVEL: "silent",
    });
    try {
      await waitFor(() => chibo.stdout.filter((line) => line.includes("(webhook ")).length === 2 || !chibo.alive(), 30_000);
      expect(chibo.stderr).toEqual([]);
      const webhooks = (telegram.server as unknown as { webhooks: Record<string, { url: string; secret_token?: string }> }).webhooks;
      expect(webhooks[telegram.token]).toMatchObject({ url: `http://127.0.0.1:${port}/telegram/webhook`, secret_token: secret });
      expect(webhooks[PROVINCES[0].token]).toMatchObject({ url: `http://127.0.0.1:${port}/telegram/c1`, secret_token: secret });
      const start = (updateId: number, chatId: number) => ({
        update_id: updateId,
        message: {
          message_id: updateId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: "private", first_name: "Lan" },
          from: { id: chatId, is_bot: false, first_name: "Lan", language_code: "vi" },
          text: "/start",
          entities: [{ type: "bot_command", offset: 0, length: 6 }],
        },
      });
      const post = (where: string, body: unknown) =>
        fetch(`http://127.0.0.1:${port}${where}`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret }, body: JSON.stringify(body) });
      expect((await post("/telegram/c1", start(1, 7501))).status).toBe(200);
      expect((await post("/telegram/webhook", start(2, 7502))).status).toBe(200);
      await waitFor(() => c1.botMessages().some((m) => m.chatId === "7501") && telegram.botMessages().some((m) => m.chatId === "7502"), 20_000);
      expect(c1.botMessages().some((m) => m.chatId === "7502")).toBe(false);
      expect(telegram.botMessages().some((m) => m.chatId === "7501")).toBe(false);
    } finally {
      await chibo.stop();
      await telegram.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
