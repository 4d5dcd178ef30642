// Two instances of the bot on one database (as behind a load balancer in webhook mode)
// each get an answer to the same question of one conversation at the same moment: the
// chat's lease makes the second wait for the first to save, so they are handled one
// after the other; a lease left by a dead instance is taken over when it expires. And
// the versioned storage on its own: a write based on a stale read changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { createBot, type CreatedBot } from "../../src/bot/create-bot.js";
import { ConversationConflictError, databaseConversationStorage } from "../../src/bot/conversation-storage.js";
import { loadConfig } from "../../src/config.js";
import type { Db } from "../../src/db/client.js";
import { importRoster } from "../../src/features/roster/import-mutations.js";
import { createLogger } from "../../src/logger.js";
import { BotApiStandin } from "../../src/testing/bot-api-standin.js";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "../helpers/databases.js";
import { csvFiles, MEMBERS, ORGS } from "../helpers/files.js";

const NOW = new Date("2026-11-20T03:00:00Z"); // Friday 20/11/2026, 10:00 in Hanoi
/** The bots' clock: it stands at NOW unless a test moves it. */
const clock = { value: NOW };
const SECRETARY = 7101;

/**
 * Holds each conversation-state read of the armed updates until `release` lets it go:
 * both instances then read the same version before either saves.
 */
function heldReads(db: Db) {
  let held: { arrived: number; expected: number; all: () => void; gates: Map<number, Promise<void>> } | undefined;
  const states = new Proxy(db.conversationState, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (typeof value !== "function") return value;
      if (prop !== "findUnique") return value.bind(target);
      return async (...args: unknown[]) => {
        const row = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (held) {
          const turn = held.arrived++;
          if (held.arrived === held.expected) held.all();
          await held.gates.get(turn);
        }
        return row;
      };
    },
  });
  const wrapped = new Proxy(db, {
    get(target, prop) {
      if (prop === "conversationState") return states;
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return {
    db: wrapped as Db,
    /** The next `gates.length` reads wait for their gate; resolves when all have read. */
    arm(gates: Promise<void>[]) {
      return new Promise<void>((all) => (held = { arrived: 0, expected: gates.length, all, gates: new Map(gates.map((g, i) => [i, g])) }));
    },
    disarm: () => (held = undefined),
    /** Reads that have arrived since the last arm(). */
    arrived: () => held?.arrived ?? 0,
  };
}

describe.each(PROVIDERS)("conversation state across instances on %s", (provider) => {
  let database: TestDatabase;
  let standin: BotApiStandin;
  let reads: ReturnType<typeof heldReads>;
  let first: CreatedBot;
  let second: CreatedBot;
  let updateId = 1;
  let messageId = 1;

  const chat = { id: SECRETARY, type: "private" as const, first_name: "Bí" };
  const from = { id: SECRETARY, is_bot: false, first_name: "Bí" };
  const text = (value: string): Update => ({
    update_id: updateId++,
    message: {
      message_id: messageId++,
      date: Math.floor(NOW.getTime() / 1000),
      chat,
      from,
      text: value,
      ...(value.startsWith("/") ? { entities: [{ type: "bot_command" as const, offset: 0, length: value.split(" ")[0]!.length }] } : {}),
    },
  });
  /** A tap on a button the bot sent last (the conversations only look at the data). */
  const tap = (data: string): Update => ({
    update_id: updateId++,
    callback_query: {
      id: `cb${updateId}`,
      from,
      chat_instance: "ci",
      data,
      message: { message_id: standin.sent.at(-1)?.messageId ?? 1, date: Math.floor(NOW.getTime() / 1000), chat, text: "…" },
    },
  });
  const sentTexts = () => standin.sentTo(SECRETARY).filter((s) => s.method === "sendMessage").map((s) => s.text);
  const conversationRow = () => database.db.conversationState.findUnique({ where: { key: String(SECRETARY) } });

  async function instance(db: Db): Promise<CreatedBot> {
    const config = loadConfig({ TELEGRAM_API_ROOT: standin.apiRoot, LOG_LEVEL: "silent" });
    const created = createBot("123456:TEST", { db, config, logger: createLogger("silent"), now: () => clock.value });
    await created.bot.init();
    return created;
  }

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const files = csvFiles({ "orgs.csv": ORGS, "members.csv": MEMBERS });
    await importRoster(database.db, files["orgs.csv"], files["members.csv"], { now: NOW });
    await database.db.person.update({
      where: { phone: "+84912000101" },
      data: { telegramUserId: String(SECRETARY), telegramChatId: String(SECRETARY), linkedAt: NOW },
    });
    standin = await BotApiStandin.start();
    reads = heldReads(database.db);
    first = await instance(reads.db);
    second = await instance(reads.db);
  });
  afterAll(async () => {
    await standin?.stop();
    await database?.drop();
  });

  it("handles two simultaneous answers at two instances one after the other, never both on one state", async () => {
    await first.bot.handleUpdate(text("/schedule"));
    await second.bot.handleUpdate(tap("sc:act:new"));
    await first.bot.handleUpdate(tap("sc:kind:regular"));
    expect(sentTexts().at(-1)).toMatch(/^Ngày họp\?/);
    const before = await conversationRow();

    // The same question answered twice at once, one answer at each instance. The first
    // is held right after it read the state; the second must wait for the chat's lease
    // instead of reading the same state.
    let releaseFirst!: () => void;
    const firstRead = reads.arm([new Promise((resolve) => (releaseFirst = resolve))]);
    const answeredFirst = first.bot.handleUpdate(text("05/12"));
    await firstRead;
    const answeredSecond = second.bot.handleUpdate(text("06/12"));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(reads.arrived()).toBe(1);
    reads.disarm();
    releaseFirst();
    await Promise.all([answeredFirst, answeredSecond]);

    // Both were saved, one after the other: the first answered the date, the second
    // met the next question (the time) and was re-prompted there. Nobody was told to
    // answer again, and the lease is gone.
    expect(sentTexts().filter((t) => t?.startsWith("Câu trả lời này đến cùng lúc"))).toEqual([]);
    const after = await conversationRow();
    expect(after!.version).toBe(before!.version + 2);
    expect(await database.db.conversationState.count({ where: { key: { startsWith: "lease:" } } })).toBe(0);

    await second.bot.handleUpdate(text("19:30"));
    await first.bot.handleUpdate(tap("sc:min"));
    await second.bot.handleUpdate(text("Hội trường ấp"));
    await first.bot.handleUpdate(tap("sc:skip"));
    await second.bot.handleUpdate(tap("sc:docs"));
    await first.bot.handleUpdate(tap("sc:ok:yes"));
    const meetings = await database.db.meeting.findMany({ where: { org: { code: "A1" } } });
    expect(meetings.map((m) => m.startsAt.toISOString())).toEqual(["2026-12-05T12:30:00.000Z"]);
    expect(await conversationRow()).toBeNull();
  });

  it("takes over a chat's lease when its holder died, once the lease has expired", async () => {
    await first.bot.handleUpdate(text("/schedule"));
    const asked = sentTexts().length;
    // An instance died holding the chat: its lease ends a minute after the bots' "now".
    await database.db.conversationState.create({
      data: { key: `lease:${SECRETARY}`, value: "dead-instance", version: 0, expiresAt: new Date(clock.value.getTime() + 60_000) },
    });
    const cancelled = second.bot.handleUpdate(text("/cancel"));
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Still waiting for the lease: nothing answered yet.
    expect(sentTexts().length).toBe(asked);
    clock.value = new Date(NOW.getTime() + 61_000);
    try {
      await cancelled;
    } finally {
      clock.value = NOW;
    }
    expect(sentTexts().length).toBe(asked + 1);
    expect(await conversationRow()).toBeNull();
    expect(await database.db.conversationState.count({ where: { key: { startsWith: "lease:" } } })).toBe(0);
  });

  it("refuses a write based on a stale read and leaves the row as the other write left it", async () => {
    const storage = databaseConversationStorage<{ chatId?: number }, string>(database.db, 60_000, () => NOW);
    const state = (value: string) => ({ version: [0, 1] as [0, number], state: value });
    const seed = { chatId: 42 };
    await storage.read(seed);
    await storage.write(seed, state("asked the date"));

    const stale = { chatId: 42 };
    const other = { chatId: 42 };
    expect((await storage.read(stale))?.state).toBe("asked the date");
    expect((await storage.read(other))?.state).toBe("asked the date");
    await storage.write(other, state("answered 05/12"));
    const written = await database.db.conversationState.findUniqueOrThrow({ where: { key: "42" } });

    await expect(storage.write(stale, state("answered 06/12"))).rejects.toBeInstanceOf(ConversationConflictError);
    await expect(storage.delete(stale)).rejects.toBeInstanceOf(ConversationConflictError);
    expect(await database.db.conversationState.findUniqueOrThrow({ where: { key: "42" } })).toEqual(written);

    // Two first writes (no row read by either): one creates, the other conflicts.
    const one = { chatId: 43 };
    const two = { chatId: 43 };
    await storage.read(one);
    await storage.read(two);
    await storage.write(one, state("one"));
    await expect(storage.write(two, state("two"))).rejects.toBeInstanceOf(ConversationConflictError);
    expect(JSON.parse((await database.db.conversationState.findUniqueOrThrow({ where: { key: "43" } })).value).state).toBe("one");
  });
});
