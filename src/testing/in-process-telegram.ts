// FakeTelegram's in-process counterpart, for fast tests: no HTTP server and no long
// polling. The bot's Bot API calls are answered by an API transformer on bot.api
// (grammY's way to mock the Bot API) and recorded; what users send is handed to
// bot.handleUpdate. The conversations plugin calls the API through an Api of its own,
// made from the client options without bot.api's transformers: those calls reach
// `fetch` (give it to createBot as `client.fetch`), which answers them the same way.
// The same FakeUser drives both, and what is recorded has telegram-test-api's shapes
// (server.storage, botMessages(), documents, callbackAnswers), so a test body reads the
// same on either tier. Anything that needs HTTP itself (webhooks, `chibo` as a child
// process, raw requests) stays on FakeTelegram.
import { randomInt } from "node:crypto";
import { InputFile, type Bot, type BotError, type Context, type Transformer } from "grammy";
import type { Update } from "grammy/types";
import { parseMultipart, isUploadedFile, type UploadedFile } from "../server/multipart.js";
import { FakeUser, toBotMessage, type BotMessage, type Busy, type StoredBot, type UserChannel } from "./fake-telegram.js";

/** What telegram-test-api keeps of an update a user sent; FakeTelegram's tests read it. */
interface StoredUpdate {
  time: number;
  botToken: string;
  updateId: number;
  messageId: number;
  /** Handed to the bot (as getUpdates marks it); settle() delivers the unread ones. */
  isRead: boolean;
  message?: Record<string, unknown>;
  callbackQuery?: Record<string, unknown>;
  callbackId?: number;
}

type Answer = { ok: true; result: unknown } | { ok: false; error_code: number; description: string };

/** The bot telegram-test-api's getMe describes. */
const BOT_USER = { id: 666, is_bot: true, first_name: "Test First name", username: "TestNameBot" };
/** Methods that only say yes. */
const TRUE_METHODS = new Set([
  "setMyCommands",
  "deleteMyCommands",
  "setChatMenuButton",
  "setWebhook",
  "deleteWebhook",
  "sendChatAction",
  "close",
  "logOut",
]);

async function collect(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === "string") return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function bytesOf(file: InputFile): Promise<Buffer> {
  const raw = await file.toRaw();
  return raw instanceof Uint8Array ? Buffer.from(raw) : collect(raw);
}

export class InProcessTelegram implements UserChannel {
  /** Files the bot sent, by chat: name and content (as FakeTelegram.documents). */
  readonly documents: { chatId: string; filename: string; content: string; caption: string; method: string; bytes: Buffer }[] = [];
  /** What the bot answered to each button tap, by callback id. */
  readonly callbackAnswers = new Map<string, { text: string; showAlert: boolean }>();
  /** Every Bot API call the bot made, in order. */
  readonly calls: { method: string; payload: Record<string, unknown> }[] = [];
  /** telegram-test-api's storage, same shapes: what users sent and what the bot sent. */
  readonly server = { storage: { userMessages: [] as StoredUpdate[], botMessages: [] as StoredBot[] } };

  // Telegram's update ids are large and never restart at 1 (see FakeTelegram.start).
  private updateId = randomInt(1, 2 ** 30);
  private messageId = 1;
  private callbackId = 1;
  private consume: ((update: Update) => Promise<void>) | undefined;
  private readonly pending = new Set<Promise<void>>();
  private delivered = 0;
  private busy: Busy = () => 0;
  private handled: () => number = () => Number.POSITIVE_INFINITY;

  constructor(readonly token = "123456:TEST-token_for-local-server") {}

  /** Answers every call of bot.api (and of each update's ctx.api) here; feeds updates to bot.handleUpdate. */
  attach<C extends Context>(bot: Bot<C>) {
    const transformer: Transformer = async (_prev, method, payload) => (await this.answer(method, (payload ?? {}) as Record<string, unknown>)) as never;
    bot.api.config.use(transformer);
    // As grammY's runner does: a failed update goes to bot.catch's handler.
    this.consume = (update) => bot.handleUpdate(update).catch(async (error: unknown) => {
        await bot.errorHandler(error as BotError<C>);
      });
  }

  /**
   * A `fetch` for createBot's client options: answers the calls of Api instances made
   * without bot.api's transformers (the conversations plugin's), as the transformer does.
   */
  readonly fetch = async (url: unknown, init?: { body?: unknown; headers?: unknown }): Promise<Response> => {
    const method = /\/([A-Za-z]+)$/.exec(String(url))?.[1] ?? "";
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const contentType = headers["content-type"] ?? headers["Content-Type"] ?? "";
    const body = await collect(init?.body);
    let payload: Record<string, unknown> = {};
    if (contentType.includes("multipart")) {
      const fields = parseMultipart(body, contentType);
      // grammY sends objects (reply_markup...) as JSON text in a multipart body.
      for (const [key, value] of Object.entries(fields)) payload[key] = typeof value === "string" && /^[[{]/.test(value) ? JSON.parse(value) : value;
    } else if (body.length > 0) {
      payload = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
    }
    return new Response(JSON.stringify(await this.answer(method, payload)), { headers: { "content-type": "application/json" } });
  };

  /** As FakeTelegram.watch: the bot's work in hand and its count of handled updates. */
  watch(busy: Busy, handled?: () => number) {
    this.busy = busy;
    if (handled) this.handled = handled;
  }

  /** Waits for the updates in hand; nothing is delivered after it. */
  async stop() {
    this.consume = undefined;
    await Promise.allSettled([...this.pending]);
  }

  user(profile: { id: number; firstName: string; lastName?: string; languageCode?: string; username?: string }) {
    return new FakeUser(this, profile);
  }

  botMessages(): BotMessage[] {
    return this.server.storage.botMessages.filter((stored) => stored.botToken === this.token).map(toBotMessage);
  }

  async pushMessage(message: Record<string, unknown>) {
    this.store({ message: { ...message, date: Math.floor(Date.now() / 1000) } });
    this.messageId++;
  }

  async pushCallback(callback: Record<string, unknown>): Promise<string> {
    const callbackId = this.callbackId++;
    this.store({ callbackQuery: callback, callbackId });
    return String(callbackId);
  }

  /** Waits until every update sent has been handled and the bot has nothing else in hand. */
  async settle(timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    let quiet = 0;
    while (quiet < 2) {
      if (Date.now() > deadline) throw new Error("the bot did not finish handling its updates in time");
      this.deliver();
      if (this.pending.size > 0) {
        await Promise.allSettled([...this.pending]);
        quiet = 0;
        continue;
      }
      const idle = this.delivered <= this.handled() && (await this.busy()) === 0;
      quiet = idle ? quiet + 1 : 0;
      // The outbox sender wakes on its own interval: poll it briefly.
      await new Promise((resolve) => setTimeout(resolve, idle ? 1 : 5));
    }
  }

  private store(update: { message?: Record<string, unknown>; callbackQuery?: Record<string, unknown>; callbackId?: number }) {
    this.server.storage.userMessages.push({ time: Date.now(), botToken: this.token, updateId: this.updateId++, messageId: this.messageId, isRead: false, ...update });
  }

  /** Hands every unread update to the bot, concurrently (createBot keeps one chat's in order). */
  private deliver() {
    if (!this.consume) return;
    for (const stored of this.server.storage.userMessages) {
      if (stored.isRead || stored.botToken !== this.token) continue;
      stored.isRead = true;
      this.delivered++;
      const handling = this.consume(this.format(stored)).finally(() => this.pending.delete(handling));
      this.pending.add(handling);
    }
  }

  /** The update as Telegram (and telegram-test-api's getUpdates) would give it. */
  private format(stored: StoredUpdate): Update {
    if (stored.callbackQuery) {
      const { from, message, data } = stored.callbackQuery;
      return { update_id: stored.updateId, callback_query: { id: String(stored.callbackId), from, message, data, chat_instance: "0" } } as Update;
    }
    return { update_id: stored.updateId, message: { ...stored.message, message_id: stored.messageId } } as unknown as Update;
  }

  private async answer(method: string, payload: Record<string, unknown>): Promise<Answer> {
    this.calls.push({ method, payload });
    switch (method) {
      case "getMe":
        return { ok: true, result: BOT_USER };
      case "getUpdates":
        return { ok: true, result: [] };
      case "getWebhookInfo":
        return { ok: true, result: { url: "", has_custom_certificate: false, pending_update_count: 0 } };
      case "answerCallbackQuery": {
        const id = String(payload.callback_query_id ?? "");
        if (id) this.callbackAnswers.set(id, { text: String(payload.text ?? ""), showAlert: payload.show_alert === true });
        return { ok: true, result: true };
      }
      case "sendMessage":
        return { ok: true, result: this.addBotMessage(JSON.parse(JSON.stringify(payload)) as Record<string, unknown>) };
      case "sendDocument":
      case "sendPhoto":
        return { ok: true, result: await this.addDocument(method, payload) };
      case "editMessageText":
      case "editMessageReplyMarkup":
        return { ok: true, result: this.edit(method, JSON.parse(JSON.stringify(payload)) as Record<string, unknown>) };
      case "deleteMessage": {
        const index = this.server.storage.botMessages.findIndex((m) => this.isMessage(m, payload));
        if (index < 0) return { ok: false, error_code: 400, description: "Bad Request: message to delete not found" };
        this.server.storage.botMessages.splice(index, 1);
        return { ok: true, result: true };
      }
      default:
        if (TRUE_METHODS.has(method)) return { ok: true, result: true };
        return { ok: false, error_code: 404, description: `Not Found: ${method} is not answered by the in-process Telegram` };
    }
  }

  private addBotMessage(message: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    const messageId = this.messageId++;
    this.updateId++;
    this.server.storage.botMessages.push({ messageId, botToken: this.token, message });
    const chatId = Number(message.chat_id);
    return {
      ...message,
      ...extra,
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: chatId < 0 ? { id: chatId, type: "group", title: "" } : { id: chatId, type: "private", first_name: "" },
      from: BOT_USER,
    };
  }

  /** As FakeTelegram's front: the file recorded, and shown in the chat as "[file name] caption". */
  private async addDocument(method: string, payload: Record<string, unknown>) {
    const chatId = String(payload.chat_id ?? "");
    let file = payload.document ?? payload.photo;
    // Through `fetch`, a multipart upload refers to its file part as attach://<name>.
    const attached = typeof file === "string" ? /^attach:\/\/(.+)$/.exec(file) : null;
    if (attached) file = payload[attached[1]!];
    const filename = file instanceof InputFile ? (file.filename ?? "") : isUploadedFile(file) ? file.filename : String(file ?? "");
    const bytes = file instanceof InputFile ? await bytesOf(file) : isUploadedFile(file) ? (file as UploadedFile).data : Buffer.alloc(0);
    const caption = typeof payload.caption === "string" ? payload.caption : "";
    this.documents.push({ chatId, filename, content: bytes.toString("utf8"), caption, method, bytes });
    return this.addBotMessage({ chat_id: chatId, text: `[${filename}] ${caption}`.trim() }, { document: { file_name: filename } });
  }

  /** As telegram-test-api: the edit is merged into the stored message; a markup edit counts only with an inline keyboard. */
  private edit(method: string, payload: Record<string, unknown>) {
    const stored = this.server.storage.botMessages.find((m) => this.isMessage(m, payload));
    const markup = payload.reply_markup as { inline_keyboard?: unknown } | undefined;
    if (!stored || (method === "editMessageReplyMarkup" && !markup?.inline_keyboard)) return true;
    stored.message = { ...stored.message, ...payload };
    return { ...stored.message, message_id: stored.messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(payload.chat_id), type: "private" } };
  }

  private isMessage(stored: StoredBot, payload: Record<string, unknown>) {
    return String(stored.messageId) === String(payload.message_id) && String(stored.message.chat_id) === String(payload.chat_id) && stored.botToken === this.token;
  }
}
