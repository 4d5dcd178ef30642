// The bot as `chibo start` runs it: several chats at once, each chat in order, and a
// stop that still answers what is in hand. A gate holds the bot's first reply to one
// chat, so "while that reply is pending" is a state the test controls, not a timing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBot, type CreatedBot } from "../../src/bot/create-bot.js";
import { translate } from "../../src/bot/i18n.js";
import { startPolling, type Polling } from "../../src/bot/polling.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { FakeTelegram } from "../../src/testing/fake-telegram.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";

/** Holds the first sendMessage to `chatId` until open() is called. */
function gateFirstReply(created: CreatedBot, chatId: number) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let held = false;
  let holding!: () => void;
  const reached = new Promise<void>((resolve) => (holding = resolve));
  created.bot.api.config.use(async (prev, method, payload, signal) => {
    if (method === "sendMessage" && (payload as { chat_id: number }).chat_id === chatId && !held) {
      held = true;
      holding();
      await opened;
    }
    return prev(method, payload, signal);
  });
  return { open, reached };
}

async function until(condition: () => boolean) {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

describe.each(PROVIDERS)("long polling on %s", (provider) => {
  let database: TestDatabase;
  let telegram: FakeTelegram;
  let created: CreatedBot;
  let polling: Polling | undefined;

  beforeEach(async () => {
    database = await createTestDatabase(provider);
    telegram = await FakeTelegram.start();
    const config = loadConfig({ TELEGRAM_API_ROOT: telegram.apiRoot, LOG_LEVEL: "silent" });
    created = createBot(telegram.token, { db: database.db, config, logger: createLogger("silent"), now: () => new Date() });
    telegram.watch(() => created.inFlight(), created.handled);
    polling = undefined;
  });

  afterEach(async () => {
    await polling?.stop();
    await telegram.stop();
    await database.drop();
  });

  const start = async () => {
    polling = await startPolling(created, { concurrency: 16, logger: createLogger("silent"), dropPendingUpdates: true });
  };
  const say = (id: number, text: string) =>
    telegram.pushMessage({
      from: { id, is_bot: false, first_name: `User ${id}`, language_code: "vi" },
      chat: { id, type: "private", first_name: `User ${id}` },
      text,
      entities: text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.length }] : undefined,
    });
  const texts = (id: number) => telegram.botMessages().filter((m) => m.chatId === String(id)).map((m) => m.text);
  const nothingToCancel = translate("vi", "nothing-to-cancel");

  it("answers another chat while one chat waits, and keeps each chat's answers in order", async () => {
    const slow = gateFirstReply(created, 701);
    await start();
    await say(701, "/help");
    await slow.reached;
    await say(701, "/cancel");
    await say(702, "/cancel");
    await until(() => texts(702).length === 1);
    expect(texts(702)).toEqual([nothingToCancel]);
    expect(texts(701)).toEqual([]);
    slow.open();
    await telegram.settle();
    expect(texts(701)).toHaveLength(2);
    expect(texts(701)[1]).toBe(nothingToCancel);
  });

  it("finishes the update in hand before it stops", async () => {
    const slow = gateFirstReply(created, 703);
    await start();
    await say(703, "/cancel");
    await slow.reached;
    let stopped = false;
    const stopping = polling!.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    slow.open();
    await stopping;
    expect(texts(703)).toEqual([nothingToCancel]);
    expect(created.handled()).toBe(1);
  });
});
