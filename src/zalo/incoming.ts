// Zalo updates, made into the Telegram updates the bot's features understand, and
// handed to the Zalo bot (a grammY Bot built by the same createBot as Telegram's).
// - ids: the Zalo chat gets a row (ZaloChat) and a bridged id 2^52 + row id, used as
//   chat.id and from.id (src/bot/channels.ts); message ids are counted per chat;
// - a text that names one of the options the bot last offered becomes that option's
//   tap (a callback query with its data) or, for a reply keyboard, the button's text.
//   Inside a guided conversation only the options of the bot's latest message count
//   (an older list must not swallow the answer to the question asked since); outside
//   one, the last list stays answerable ("attend", later "absent after all");
// - outside a guided conversation, a reply to the latest message's options that names
//   none of them gets the options again (inside one, the conversation decides: a free
//   answer may be just what it asks for);
// - images, stickers and unsupported messages arrive as such, without text;
// - a message already received (same Zalo message_id) is dropped;
// - one chat's updates are handled in order, different chats' at the same time.
import type { Update, UserFromGetMe } from "grammy/types";
import type { Logger } from "../logger.js";
import type { CreatedBot } from "../bot/create-bot.js";
import type { ZaloMessage, ZaloUpdate } from "./api.js";
import { matchChoice } from "./choices.js";
import type { PendingChoices, ZaloChatRef, ZaloStore } from "./store.js";
import type { ZaloOutgoing } from "./outgoing.js";

export type Bridged =
  | { kind: "update"; chat: ZaloChatRef; update: Update }
  | { kind: "reprompt"; chat: ZaloChatRef; pending: PendingChoices }
  | { kind: "ignored"; reason: string };

/** Telegram marks a leading /command with an entity; grammY's bot.command needs it. */
function commandEntities(text: string) {
  if (!text.startsWith("/")) return undefined;
  const end = text.search(/\s/);
  return [{ type: "bot_command" as const, offset: 0, length: end === -1 ? text.length : end }];
}

/** The content of a Zalo message in Telegram's fields (no text for images and stickers). */
function contentOf(event: string, message: ZaloMessage): Record<string, unknown> {
  if (event === "message.text.received" && typeof message.text === "string") {
    return { text: message.text, entities: commandEntities(message.text) };
  }
  if (event === "message.image.received") {
    const url = message.photo ?? message.url ?? "";
    return { photo: [{ file_id: url, file_unique_id: url, width: 0, height: 0 }], caption: message.caption };
  }
  if (event === "message.sticker.received") {
    const id = message.sticker ?? message.url ?? "";
    return { sticker: { file_id: id, file_unique_id: id, type: "regular", width: 0, height: 0, is_animated: false, is_video: false } };
  }
  // message.unsupported.received and anything newer: a message the bot cannot read.
  return {};
}

export async function bridgeUpdate(store: ZaloStore, me: UserFromGetMe, incoming: ZaloUpdate, now: Date): Promise<Bridged> {
  const message = incoming.message;
  if (!message?.from?.id || !message.chat?.id || !message.message_id) return { kind: "ignored", reason: `no message in ${incoming.event_name}` };
  if (message.from.is_bot) return { kind: "ignored", reason: "from a bot" };
  if (message.chat.chat_type === "GROUP") return { kind: "ignored", reason: "group chats are not supported on Zalo" };
  const updateId = await store.receive(String(message.message_id), now);
  if (updateId === undefined) return { kind: "ignored", reason: "received before" };
  const name = (message.from.display_name ?? "").trim();
  const chat = await store.chatOf(String(message.chat.id), name, now);
  const user = { id: chat.bridgedId, is_bot: false as const, first_name: name || "Zalo" };
  const telegramChat = { id: chat.bridgedId, type: "private" as const, first_name: user.first_name };
  const date = Math.floor((Number(message.date) || now.getTime()) / 1000);
  const content = contentOf(incoming.event_name, message);
  const text = typeof content.text === "string" ? content.text : undefined;
  const state = await store.state(chat.rowId);
  const pending = state.pending;
  const latest = pending !== undefined && pending.messageId === state.lastBotMessageId;
  const inConversation = pending !== undefined && (await store.conversationActive(chat.bridgedId, now));

  if (pending && (latest || !inConversation) && !text?.startsWith("/")) {
    const choice = text === undefined ? undefined : matchChoice(text, pending.choices);
    if (choice?.data !== undefined) {
      const update = {
        update_id: updateId,
        callback_query: {
          id: `z${chat.rowId}:${updateId}`,
          from: user,
          chat_instance: String(chat.bridgedId),
          data: choice.data,
          message: { message_id: pending.messageId, date, chat: telegramChat, from: me, text: pending.text },
        },
      } as Update;
      return { kind: "update", chat, update };
    }
    if (choice?.text !== undefined) content.text = choice.text;
    else if (latest && !inConversation) return { kind: "reprompt", chat, pending };
  }
  const messageId = await store.nextMessage(chat.rowId, (current) => current);
  const update = { update_id: updateId, message: { message_id: messageId, date, chat: telegramChat, from: user, ...content } } as Update;
  return { kind: "update", chat, update };
}

export interface ZaloReceiverOptions {
  created: CreatedBot;
  store: ZaloStore;
  outgoing: ZaloOutgoing;
  logger: Logger;
  now: () => Date;
  /** Updates handled at once (different chats; one chat's are always in order). */
  concurrency: number;
}

/** Takes Zalo updates from polling or the webhook and has the Zalo bot handle them. */
export class ZaloReceiver {
  private readonly chats = new Map<string, Promise<void>>();
  private running = 0;
  private inHand = 0;
  private total = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: ZaloReceiverOptions) {}

  /** Queues an update behind its chat's earlier ones; settles once it is handled. */
  accept(incoming: ZaloUpdate): Promise<void> {
    const key = String(incoming.message?.chat?.id ?? "");
    this.inHand++;
    this.total++;
    const previous = this.chats.get(key) ?? Promise.resolve();
    const run = previous.then(() => this.limited(() => this.handle(incoming)));
    const settled = run
      .catch((error: unknown) => this.options.logger.error({ err: error, event: incoming.event_name }, "zalo update failed"))
      .finally(() => this.inHand--);
    this.chats.set(key, settled);
    void settled.then(() => {
      if (this.chats.get(key) === settled) this.chats.delete(key);
    });
    return settled;
  }

  /** Updates received and not yet handled (the tests and the demo wait for zero). */
  pending(): number {
    return this.inHand;
  }

  /** Updates received since start. */
  received(): number {
    return this.total;
  }

  /** Waits until every update received so far is handled. */
  async idle(): Promise<void> {
    while (this.chats.size > 0) await Promise.allSettled([...this.chats.values()]);
  }

  private async handle(incoming: ZaloUpdate): Promise<void> {
    const { store, outgoing, created, logger, now } = this.options;
    const bridged = await bridgeUpdate(store, created.bot.botInfo, incoming, now());
    if (bridged.kind === "ignored") {
      logger.info({ event: incoming.event_name, reason: bridged.reason }, "zalo update ignored");
      return;
    }
    if (bridged.kind === "reprompt") {
      logger.info({ update: "zalo", chat: bridged.chat.bridgedId, outcome: "not an option" }, "update");
      await outgoing.reprompt(bridged.chat, bridged.pending);
      return;
    }
    await outgoing.during(bridged.chat, () => created.bot.handleUpdate(bridged.update));
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    while (this.running >= this.options.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
