// Zalo's numbered options, the ids that tell the messengers apart, what a chat's
// options become after each message, and the signed links files travel by.
import { describe, expect, it } from "vitest";
import { markupOf, matchChoice, normalizeWords, renderWithChoices, type Choice } from "../../src/zalo/choices.js";
import { afterEdit, afterSend } from "../../src/zalo/outgoing.js";
import type { ChatState } from "../../src/zalo/store.js";
import { bridgedZaloId, channelOf, zaloRowId, ZALO_ID_BASE } from "../../src/bot/channels.js";
import { sharedFileLink, verifySharedFilePath } from "../../src/server/signed-links.js";
import { loadConfig } from "../../src/config.js";

const NOTICE: Choice[] = [
  { label: "✅ Tham dự", data: "m:att:1:1" },
  { label: "❌ Vắng (có lý do)", data: "m:abs:1:1" },
  { label: "📖 Đã đọc nội dung", data: "m:read:1:1" },
];

describe("matchChoice", () => {
  it.each([
    ["1", "m:att:1:1"],
    [" 2 ", "m:abs:1:1"],
    ["3.", "m:read:1:1"],
    ["#1", "m:att:1:1"],
    ["số 2", "m:abs:1:1"],
    ["tham dự", "m:att:1:1"],
    ["THAM DU", "m:att:1:1"],
    ["vắng (có lý do)", "m:abs:1:1"],
    ["da doc noi dung", "m:read:1:1"],
    ["0", undefined],
    ["4", undefined],
    ["12", undefined],
    ["-1", undefined],
    ["có", undefined],
    ["tham", undefined],
    ["", undefined],
    ["1 và 2", undefined],
  ])("%j → %s", (reply, data) => {
    expect(matchChoice(reply, NOTICE)?.data).toBe(data);
  });

  it("matches no words shared by two options", () => {
    expect(matchChoice("có", [{ label: "Có", data: "a" }, { label: "có!", data: "b" }])).toBeUndefined();
  });
});

describe("normalizeWords", () => {
  it.each([
    ["Đã đọc nội dung", "da doc noi dung"],
    ["✅  Tham   dự ", "tham du"],
    ["Ốm đau", "om dau"],
  ])("%j → %j", (text, words) => {
    expect(normalizeWords(text)).toBe(words);
  });
});

describe("markupOf", () => {
  it.each([
    ["nothing", undefined, { kind: "none", choices: [], links: [] }],
    [
      "an inline keyboard: callback buttons numbered, URL buttons as links",
      { inline_keyboard: [[{ text: "Có", callback_data: "y" }, { text: "Xem", url: "https://x.example" }], [{ text: "Không", callback_data: "n" }]] },
      { kind: "inline", choices: [{ label: "Có", data: "y" }, { label: "Không", data: "n" }], links: [{ label: "Xem", url: "https://x.example" }] },
    ],
    [
      "a reply keyboard without the contact button Zalo cannot offer",
      { keyboard: [[{ text: "📱 Chia sẻ", request_contact: true }], [{ text: "✍️ Nhập họ tên" }], ["Khác"]] },
      { kind: "reply", choices: [{ label: "✍️ Nhập họ tên", text: "✍️ Nhập họ tên" }, { label: "Khác", text: "Khác" }], links: [] },
    ],
    ["a keyboard removal", { remove_keyboard: true }, { kind: "remove", choices: [], links: [] }],
  ])("%s", (_, markup, expected) => {
    expect(markupOf(markup)).toEqual(expected);
  });
});

describe("renderWithChoices", () => {
  it.each([
    ["text only", "Xin chào", markupOf(undefined), "Xin chào"],
    ["options numbered, then the hint", "Chọn?", markupOf({ inline_keyboard: [[{ text: "A", callback_data: "a" }, { text: "B", callback_data: "b" }]] }), "Chọn?\n\n1. A\n2. B\n\n(số)"],
    ["links without a hint", "Tài liệu", markupOf({ inline_keyboard: [[{ text: "Mở", url: "https://x.example" }]] }), "Tài liệu\n\n🔗 Mở: https://x.example"],
  ])("%s", (_, text, markup, expected) => {
    expect(renderWithChoices(text, markup, "(số)")).toBe(expected);
  });
});

describe("the chat's options after each message", () => {
  const list = markupOf({ inline_keyboard: [[{ text: "A", callback_data: "a" }]] });
  const plain = markupOf(undefined);
  const pending = { messageId: 5, text: "Chọn?", kind: "inline" as const, choices: [{ label: "A", data: "a" }] };
  const withList: ChatState = { pending, lastBotMessageId: 5, recent: [{ id: 5, text: "Chọn?" }] };

  it.each([
    ["a list becomes the options", { recent: [] }, () => afterSend({ recent: [] }, 5, "Chọn?", list), pending],
    ["a plain message keeps them (no longer the latest)", withList, () => afterSend(withList, 6, "Đã ghi nhận", plain), pending],
    ["removing a reply keyboard ends them", withList, () => afterSend(withList, 6, "Huỷ", markupOf({ remove_keyboard: true })), undefined],
    ["an edit of the list's message without options ends them", withList, () => afterSend(withList, 6, "→ A", plain, 5), undefined],
    ["an edit that only took the options away ends them", withList, () => afterEdit(withList, 5, "Chọn?\n→ A", plain), undefined],
    ["an edit of another message leaves them", withList, () => afterEdit(withList, 4, "cũ", plain), pending],
  ])("%s", (_, __, change, expected) => {
    expect(change().pending).toEqual(expected);
  });

  it("remembers the bot's latest message and the recent texts", () => {
    const state = afterSend(withList, 6, "Đã ghi nhận", plain);
    expect(state.lastBotMessageId).toBe(6);
    expect(state.recent.map((r) => r.id)).toEqual([5, 6]);
  });
});

describe("channels", () => {
  it.each([
    [123456789, "telegram", undefined],
    ["-1001234567890", "telegram", undefined],
    [ZALO_ID_BASE - 1, "telegram", undefined],
    [bridgedZaloId(1), "zalo", 1],
    [String(bridgedZaloId(42)), "zalo", 42],
    ["not a number", "telegram", undefined],
  ])("%j is a %s id (Zalo row %s)", (id, channel, row) => {
    expect(channelOf(id)).toBe(channel);
    expect(zaloRowId(id)).toBe(row);
  });
});

describe("shared file links", () => {
  const secret = "a-secret-of-sixteen+";
  const now = new Date("2026-12-01T00:00:00Z");
  const link = sharedFileLink(secret, "https://bot.example/", 7, new Date("2026-12-08T00:00:00Z"), "biên bản.docx");
  const path = new URL(link).pathname;

  it.each([
    ["the link itself", path, now, 7],
    ["after it expired", path, new Date("2026-12-09T00:00:00Z"), undefined],
    ["another file's id", path.replace("/shared/7/", "/shared/8/"), now, undefined],
    ["a forged signature", path.replace(/\/[A-Za-z0-9_-]{32}\//, "/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB/"), now, undefined],
  ])("%s → %s", (_, given, at, id) => {
    expect(verifySharedFilePath(secret, given, at)).toBe(id);
  });
});

describe("Zalo settings", () => {
  const web = { ZALO_BOT_TOKEN: "1:z", ZALO_WEBHOOK_SECRET: "long-enough-secret" };
  it.each([
    ["defaults", { ZALO_BOT_TOKEN: "1:z" }, undefined],
    ["a webhook with its server and public address", { ...web, HTTP_PORT: "8080", CHIBO_SECRET: "sixteen-characters!", PUBLIC_URL: "https://bot.example" }, undefined],
    ["a webhook without a server", web, "ZALO_WEBHOOK_SECRET: needs HTTP_PORT (or PORT) and PUBLIC_URL"],
    ["a webhook secret too short", { ZALO_WEBHOOK_SECRET: "short" }, "ZALO_WEBHOOK_SECRET: must be 8 to 256 characters"],
    ["a webhook path that is not a path", { ZALO_WEBHOOK_PATH: "zalo" }, "ZALO_WEBHOOK_PATH: must be a path such as /zalo/webhook"],
  ])("%s", (_, env, problem) => {
    if (problem === undefined) {
      const config = loadConfig(env);
      expect(config).toMatchObject({ ZALO_API_ROOT: "https://bot-api.zaloplatforms.com", ZALO_WEBHOOK_PATH: "/zalo/webhook", ZALO_PER_SECOND: 5, ZALO_PER_CHAT_PER_SECOND: 1 });
      return;
    }
    expect(() => loadConfig(env)).toThrow(problem);
  });
});
