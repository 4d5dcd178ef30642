import { describe, expect, it } from "vitest";
import { ConfigError, httpPort, loadConfig, paidBroadcastConfig } from "../../src/config.js";

describe("configuration", () => {
  it("has defaults a newcomer can run with", () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe("file:./data/chibo.db");
    expect(config.TELEGRAM_API_ROOT).toBe("https://api.telegram.org");
    expect(config.BOT_TOKEN).toBeUndefined();
    expect(config.CHIBO_LANG).toBe("vi");
    expect(config.BOT_CONCURRENCY).toBe(16);
    expect(config.TICK_SCHEDULE).toBe("* * * * *");
  });

  it.each([
    [{ DATABASE_URL: "mysql://db" }, "DATABASE_URL: must start with file:"],
    [{ BOT_TOKEN: "not a token" }, "BOT_TOKEN: looks wrong"],
    [{ TELEGRAM_API_ROOT: "nowhere" }, "TELEGRAM_API_ROOT:"],
    [{ CONVERSATION_TIMEOUT_MINUTES: "-5" }, "CONVERSATION_TIMEOUT_MINUTES:"],
    [{ CHIBO_LANG: "fr" }, "CHIBO_LANG:"],
    [{ BOT_CONCURRENCY: "0" }, "BOT_CONCURRENCY:"],
    [{ BOT_CONCURRENCY: "2.5" }, "BOT_CONCURRENCY:"],
    [{ BOT_CONCURRENCY: "many" }, "BOT_CONCURRENCY:"],
    [{ BOT_CONCURRENCY: "501" }, "BOT_CONCURRENCY:"],
    [{ TICK_SCHEDULE: "every minute" }, "TICK_SCHEDULE: must be a cron expression"],
    [{ TICK_SCHEDULE: "61 * * * *" }, "TICK_SCHEDULE: must be a cron expression"],
    [{ TELEGRAM_PAID_BROADCAST_PER_SECOND: "100" }, "TELEGRAM_PAID_BROADCAST_STARS_PER_MONTH: paid broadcasts need both"],
    [{ TELEGRAM_PAID_BROADCAST_STARS_PER_MONTH: "500" }, "TELEGRAM_PAID_BROADCAST_STARS_PER_MONTH: paid broadcasts need both"],
    [{ TELEGRAM_PAID_BROADCAST_PER_SECOND: "-1", TELEGRAM_PAID_BROADCAST_STARS_PER_MONTH: "500" }, "TELEGRAM_PAID_BROADCAST_PER_SECOND:"],
    [{ TELEGRAM_PAID_BROADCAST_PER_SECOND: "990", TELEGRAM_PAID_BROADCAST_STARS_PER_MONTH: "500" }, "TELEGRAM_PAID_BROADCAST_PER_SECOND: with TELEGRAM_PER_SECOND, at most 1000"],
  ])("reports %j field by field", (env, expected) => {
    try {
      loadConfig(env);
      expect.unreachable("the configuration should have been refused");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.join("\n")).toContain(expected);
    }
  });

  it("allows paid broadcasts only with a rate, a budget and a bot", () => {
    expect(paidBroadcastConfig(loadConfig({}))).toBeUndefined();
    const both = { TELEGRAM_PAID_BROADCAST_PER_SECOND: "200", TELEGRAM_PAID_BROADCAST_STARS_PER_MONTH: "1500" };
    expect(paidBroadcastConfig(loadConfig(both))).toBeUndefined();
    expect(paidBroadcastConfig(loadConfig({ ...both, BOT_TOKEN: "7001:AAbb-cc" }))).toEqual({ perSecond: 200, starsPerMonth: 1500, bot: "7001" });
  });

  it("reads how many updates may be handled at once", () => {
    expect(loadConfig({ BOT_CONCURRENCY: "1" }).BOT_CONCURRENCY).toBe(1);
    expect(loadConfig({ BOT_CONCURRENCY: " 32 " }).BOT_CONCURRENCY).toBe(32);
  });

  it("treats an empty BOT_TOKEN as not set", () => {
    expect(loadConfig({ BOT_TOKEN: "  " }).BOT_TOKEN).toBeUndefined();
  });

  const webhook = { BOT_MODE: "webhook", WEBHOOK_URL: "https://chibo.example.org/tg", WEBHOOK_SECRET: "Ab_9-z", PORT: "8080", CHIBO_SECRET: "sixteen-chars-xx" };
  it.each([
    [{ BOT_MODE: "push" }, "BOT_MODE:"],
    [{ ...webhook, WEBHOOK_URL: "" }, "WEBHOOK_URL: is required when BOT_MODE=webhook"],
    [{ ...webhook, WEBHOOK_URL: "http://chibo.example.org/tg" }, "WEBHOOK_URL: must start with https://"],
    [{ ...webhook, WEBHOOK_SECRET: "" }, "WEBHOOK_SECRET: is required when BOT_MODE=webhook"],
    [{ ...webhook, WEBHOOK_SECRET: "with space" }, "WEBHOOK_SECRET: must be 1 to 256 characters"],
    [{ ...webhook, WEBHOOK_SECRET: "a".repeat(257) }, "WEBHOOK_SECRET: must be 1 to 256 characters"],
    [{ ...webhook, PORT: undefined }, "PORT: is required when BOT_MODE=webhook"],
    [{ ...webhook, PORT: "70000" }, "PORT:"],
    [{ ...webhook, CHIBO_SECRET: "" }, "CHIBO_SECRET: is required when HTTP_PORT (or PORT) is set"],
  ])("refuses webhook settings %j", (env, expected) => {
    expect(() => loadConfig(env)).toThrow(expected);
  });

  it.each([
    [{}, "polling", undefined],
    [webhook, "webhook", 8080],
    [{ ...webhook, HTTP_PORT: "3000" }, "webhook", 3000],
    // A local Bot API server (tests, self-hosted) may post over plain http.
    [{ ...webhook, WEBHOOK_URL: "http://127.0.0.1:8080/tg", TELEGRAM_API_ROOT: "http://127.0.0.1:8081" }, "webhook", 8080],
    [{ ...webhook, WEBHOOK_SECRET: "a".repeat(256) }, "webhook", 8080],
  ])("accepts %j", (env, mode, port) => {
    const config = loadConfig(env);
    expect(config.BOT_MODE).toBe(mode);
    expect(httpPort(config)).toBe(port);
  });

  it("lists every bad field at once", () => {
    expect(() => loadConfig({ DATABASE_URL: "x", LOG_LEVEL: "loud" })).toThrow(/DATABASE_URL[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*DATABASE_URL/);
  });
});
