// TELEGRAM_BOTS_FILE: one bot per province, read and checked with the rest of the configuration.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, sendsFor, telegramBots } from "../../src/config.js";
import { tempDir } from "../helpers/temp-dirs.js";

const MAIN = "1000:main-bot_token";
const HANOI = { org: "HN", token: "2001:hanoi-token" };
const SAIGON = { org: "HCM", token: "2002:saigon-token", username: "@chibo_hcm_bot", perSecond: 20, paidBroadcastPerSecond: 100, paidBroadcastStarsPerMonth: 3000 };

/** A bots file with this content (text as is, anything else as JSON). */
function botsFile(content: unknown): string {
  const file = path.join(tempDir("bots"), "bots.json");
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join("\n");
    throw error;
  }
  return expect.unreachable("the configuration should have been refused");
}

describe("one bot per province", () => {
  it("gives the default bot and each province's, with their limits, paid broadcasts and webhook paths", () => {
    const config = loadConfig({
      BOT_TOKEN: MAIN,
      TELEGRAM_BOTS_FILE: botsFile([HANOI, { ...SAIGON, webhookPath: "/tg/hcm" }]),
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://chibo.example.org/telegram/webhook",
      WEBHOOK_SECRET: "s3cret",
      PORT: "8080",
      CHIBO_SECRET: "a-long-enough-secret",
    });
    const bots = telegramBots(config);
    expect(bots.map((bot) => [bot.route, bot.org, bot.username, bot.limits.perSecond, bot.paidBroadcast?.perSecond, bot.webhook?.url])).toEqual([
      ["", undefined, undefined, 25, undefined, "https://chibo.example.org/telegram/webhook"],
      ["2001", "HN", undefined, 25, undefined, "https://chibo.example.org/telegram/2001"],
      ["2002", "HCM", "chibo_hcm_bot", 20, 100, "https://chibo.example.org/tg/hcm"],
    ]);
    expect(bots[2].paidBroadcast).toEqual({ perSecond: 100, starsPerMonth: 3000, bot: "2002" });
    expect(new Set(bots.map((bot) => bot.webhook?.secret))).toEqual(new Set(["s3cret"]));
  });

  it("has no province bots without the file, and no bot at all without BOT_TOKEN", () => {
    expect(telegramBots(loadConfig({ BOT_TOKEN: MAIN })).map((bot) => bot.route)).toEqual([""]);
    expect(telegramBots(loadConfig({}))).toEqual([]);
  });

  it.each([
    ["a file that is not there", () => "/nowhere/bots.json", "cannot be read as JSON"],
    ["a file that is not JSON", () => botsFile("org=HN"), "cannot be read as JSON"],
    ["an empty list", () => botsFile([]), "lists no bot"],
    ["a bad token", () => botsFile([{ org: "HN", token: "hanoi" }]), "0.token looks wrong"],
    ["a field nobody reads", () => botsFile([{ ...HANOI, tokne: "x" }]), "tokne"],
    ["two bots for one province", () => botsFile([HANOI, { ...HANOI, token: "2003:other" }]), "1.org HN has two bots"],
    ["one bot twice", () => botsFile([HANOI, { ...HANOI, org: "HP" }]), "1.token is listed twice"],
    ["two bots on one webhook path", () => botsFile([{ ...HANOI, webhookPath: "/tg" }, { ...SAIGON, webhookPath: "/tg" }]), "/tg is used by another bot"],
    ["a paid rate without a budget", () => botsFile([{ ...HANOI, paidBroadcastPerSecond: 100 }]), "paid broadcasts need both"],
    ["paid beyond Telegram's limit", () => botsFile([{ ...HANOI, paidBroadcastPerSecond: 990, paidBroadcastStarsPerMonth: 10 }]), "HN: with perSecond, paidBroadcastPerSecond is at most 1000"],
    ["the default bot as a province's", () => botsFile([{ ...HANOI, token: MAIN }]), "lists BOT_TOKEN's bot"],
  ])("refuses %s", (_case, file, expected) => {
    expect(problemsOf({ BOT_TOKEN: MAIN, TELEGRAM_BOTS_FILE: file() })).toContain(`TELEGRAM_BOTS_FILE: `);
    expect(problemsOf({ BOT_TOKEN: MAIN, TELEGRAM_BOTS_FILE: file() })).toContain(expected);
  });

  it("sends the outbox of the bots SEND_FOR_BOTS names (all without it), and refuses a name that is no bot here", () => {
    const file = botsFile([HANOI, SAIGON]);
    const routes = (env: Record<string, string>) => {
      const config = loadConfig({ BOT_TOKEN: MAIN, TELEGRAM_BOTS_FILE: file, ...env });
      return telegramBots(config).filter((bot) => sendsFor(config, bot)).map((bot) => bot.route);
    };
    expect(routes({})).toEqual(["", "2001", "2002"]);
    expect(routes({ SEND_FOR_BOTS: "main, HCM" })).toEqual(["", "2002"]);
    expect(routes({ SEND_FOR_BOTS: "HN" })).toEqual(["2001"]);
    expect(problemsOf({ BOT_TOKEN: MAIN, TELEGRAM_BOTS_FILE: file, SEND_FOR_BOTS: "HN,DN" })).toContain('SEND_FOR_BOTS: DN is not a bot here');
  });

  it("needs BOT_TOKEN: its bot speaks for everything above and outside the provinces", () => {
    expect(problemsOf({ TELEGRAM_BOTS_FILE: botsFile([HANOI]) })).toContain("TELEGRAM_BOTS_FILE: needs BOT_TOKEN too");
  });
});
