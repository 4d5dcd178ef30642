// The Mini App's launch data: accepted only when signed with a bot's token, recent, with a user.
import { describe, expect, it } from "vitest";
import { checkInitData, signInitData } from "../../src/features/digest/dashboard/init-data.js";

const TOKEN = "1000:main-bot_token";
const PROVINCE = "2001:province-bot_token";
const NOW = new Date("2026-12-07T12:00:00Z");
const seconds = (date: Date) => String(Math.floor(date.getTime() / 1000));
const user = JSON.stringify({ id: 7101, first_name: "Bí", language_code: "en" });
const fields = (authDate: Date, extra: Record<string, string> = {}) => ({ query_id: "AAE1", user, auth_date: seconds(authDate), ...extra });

describe("Mini App launch data", () => {
  it("gives the user and the bot whose token signed it, the default bot's or a province's", () => {
    expect(checkInitData(signInitData(fields(NOW), TOKEN), [TOKEN, PROVINCE], NOW)).toEqual({
      ok: true,
      user: { id: 7101, firstName: "Bí", languageCode: "en" },
      botToken: TOKEN,
    });
    const province = checkInitData(signInitData(fields(NOW), PROVINCE), [TOKEN, PROVINCE], NOW);
    expect(province.ok && province.botToken).toBe(PROVINCE);
  });

  it("does not depend on the order of the fields", () => {
    const signed = new URLSearchParams(signInitData(fields(NOW, { chat_type: "private" }), TOKEN));
    const reordered = new URLSearchParams([...signed.entries()].reverse()).toString();
    expect(checkInitData(reordered, [TOKEN], NOW).ok).toBe(true);
  });

  const signed = signInitData(fields(NOW), TOKEN);
  it.each([
    ["nothing", undefined, "missing"],
    ["an empty string", "", "missing"],
    ["no hash", new URLSearchParams(fields(NOW)).toString(), "missing"],
    ["another bot's signature", signInitData(fields(NOW), "3000:someone-else"), "forged"],
    ["another user put in", signed.replace("7101", "7102"), "forged"],
    ["a hash changed by one digit", signed.replace(/hash=(.)/, (_m, c: string) => `hash=${c === "0" ? "1" : "0"}`), "forged"],
    ["signed data without a user", signInitData({ auth_date: seconds(NOW) }, TOKEN), "forged"],
    ["a day and a second old", signInitData(fields(new Date(NOW.getTime() - 86_401_000)), TOKEN), "stale"],
    ["dated two minutes ahead", signInitData(fields(new Date(NOW.getTime() + 120_000)), TOKEN), "stale"],
    ["no date", signInitData({ user }, TOKEN), "stale"],
  ])("refuses %s", (_case, initData, problem) => {
    expect(checkInitData(initData, [TOKEN], NOW)).toEqual({ ok: false, problem });
  });

  it("accepts data a day old, and a minute ahead (clock skew)", () => {
    expect(checkInitData(signInitData(fields(new Date(NOW.getTime() - 86_400_000)), TOKEN), [TOKEN], NOW).ok).toBe(true);
    expect(checkInitData(signInitData(fields(new Date(NOW.getTime() + 59_000)), TOKEN), [TOKEN], NOW).ok).toBe(true);
  });
});
