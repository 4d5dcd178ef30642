// A local Telegram Bot API stand-in (telegram-test-api from npm) and simulated users,
// for the demo and the integration tests. The real bot talks to it over HTTP.
// telegram-test-api answers 500 to methods it lacks (sendDocument, setMyCommands...);
// a small front server handles those (a document shows in the chat as "[file name]")
// and passes everything else through.
import { randomInt } from "node:crypto";
import { createServer as createHttpServer, type Server } from "node:http";
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { parseMultipart } from "./bot-api-standin.js";
import { freePort } from "./free-port.js";

/** Methods the front server answers itself. setMyCommands stays unsupported on purpose:
 * startup must survive a server without it. */
const FRONT_METHODS = new Set(["sendDocument", "sendPhoto", "sendChatAction"]);

export interface BotMessage {
  /** Index in the server's store: stable order of everything the bot sent. */
  seq: number;
  messageId: number;
  chatId: string;
  text: string;
  /** Inline buttons: callback data, or the page a link or Mini App button opens. */
  buttons: { text: string; data: string; url?: string; webApp?: string }[];
  replyKeyboard: string[];
}


export type StoredBot = { messageId: number; botToken: string; message: Record<string, unknown> };

export function toBotMessage(stored: StoredBot, seq: number): BotMessage {
  const m = stored.message as {
    chat_id: string | number;
    text?: string;
    reply_markup?: {
      inline_keyboard?: { text: string; callback_data?: string; url?: string; web_app?: { url: string } }[][];
      keyboard?: ({ text: string } | string)[][];
    };
  };
  return {
    seq,
    messageId: stored.messageId,
    chatId: String(m.chat_id),
    text: m.text ?? "",
    buttons: (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => ({
      text: b.text,
      data: b.callback_data ?? "",
      ...(b.url ? { url: b.url } : {}),
      ...(b.web_app ? { webApp: b.web_app.url } : {}),
    })),
    replyKeyboard: (m.reply_markup?.keyboard ?? []).flat().map((b) => (typeof b === "string" ? b : b.text)),
  };
}

export type Busy = () => number | Promise<number>;

/**
 * What a FakeUser needs from the Telegram it writes through: FakeTelegram (over HTTP)
 * or InProcessTelegram (in-process-telegram.ts: no server, the bot's calls intercepted).
 */
export interface UserChannel {
  readonly callbackAnswers: Map<string, { text: string; showAlert: boolean }>;
  pushMessage(message: Record<string, unknown>): Promise<void>;
  pushCallback(callback: Record<string, unknown>): Promise<string>;
  settle(timeoutMs?: number): Promise<void>;
  botMessages(): BotMessage[];
}


export class FakeTelegram implements UserChannel {
  /** Files the bot sent, by chat: name and content. */
  readonly documents: { chatId: string; filename: string; content: string; caption: string; method: string; bytes: Buffer }[] = [];
  /** What the bot answered to each button tap (the toast or alert a person sees), by callback id. */
  readonly callbackAnswers = new Map<string, { text: string; showAlert: boolean }>();

  private constructor(
    readonly server: TelegramServer,
    private readonly front: Server,
    readonly apiRoot: string,
    readonly token: string,
    private busy: Busy,
    /** Bots other than the first, by token: the username and id getMe gives each (bot()). */
    private readonly otherBots = new Map<string, string>(),
    /** The first bot's view owns the servers; another bot's view stops nothing. */
    private readonly owner = true,
  ) {}

  /**
   * Another bot on the same server (a deployment with one bot per province): its own
   * token, and a getMe that gives its username and the id its token starts with. Users
   * of this view talk to that bot, and see only its messages.
   */
  bot(token: string, username: string): FakeTelegram {
    this.otherBots.set(token, username);
    return new FakeTelegram(this.server, this.front, this.apiRoot, token, this.busy, this.otherBots, false);
  }

  static async start(token = "123456:TEST-token_for-local-server", busy: Busy = () => 0) {
    const port = await freePort();
    const server = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 3600 /* seconds */ });
    await server.start();
    // Telegram's update ids are large and never restart at 1: a bot that remembers the
    // ids it handled (src/bot/dedupe.ts) must not take a fresh server's ids for repeats.
    (server as unknown as { updateId: number }).updateId = randomInt(1, 2 ** 30);
    let self: FakeTelegram | undefined;
    const front = createHttpServer((req, res) => {
      void self!.handleFront(req, res);
    });
    await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
    const apiRoot = `http://127.0.0.1:${(front.address() as { port: number }).port}`;
    self = new FakeTelegram(server, front, apiRoot, token, busy);
    return self;
  }

  private async handleFront(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const [, token = "", method = ""] = /\/bot([^/]+)\/([A-Za-z]+)/.exec(req.url ?? "") ?? [];
    if (method === "getMe" && this.otherBots.has(token)) return this.answerGetMe(token, res);
    if (method === "answerCallbackQuery") this.recordCallbackAnswer(body);
    if (method === "getWebhookInfo") return this.answerWebhookInfo(req.url ?? "", res);
    try {
      if (FRONT_METHODS.has(method)) {
        const contentType = req.headers["content-type"] ?? "";
        // A file already on Telegram is sent by id as plain JSON; an upload is multipart.
        const form = contentType.includes("json")
          ? (JSON.parse(body.toString("utf8") || "{}") as Record<string, string>)
          : parseMultipart(body, contentType);
        const chatId = String(form.chat_id ?? "");
        let file = form.document ?? form.photo;
        // grammY sends the file as its own part and refers to it as attach://<name>.
        const attached = typeof file === "string" ? /^attach:\/\/(.+)$/.exec(file) : null;
        if (attached) file = form[attached[1]];
        const filename = typeof file === "string" ? file : (file?.filename ?? "");
        const bytes = typeof file === "string" || !file ? Buffer.alloc(0) : file.data;
        const content = bytes.toString("utf8");
        const caption = typeof form.caption === "string" ? form.caption : "";
        if (method !== "sendChatAction") {
          this.documents.push({ chatId, filename, content, caption, method, bytes });
          const message = this.server.addBotMessage({ chat_id: chatId, text: `[${filename}] ${caption}`.trim() } as never, token);
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ ok: true, result: { ...message, document: { file_name: filename } } }));
          return;
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: true, result: true }));
        return;
      }
      const upstream = await fetch(`${this.server.config.apiURL}${req.url}`, {
        method: req.method,
        headers: { "content-type": req.headers["content-type"] ?? "application/json" },
        body: req.method === "GET" ? undefined : body,
      });
      res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch (error) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error_code: 500, description: String(error) }));
    }
  }

  /** telegram-test-api gives every token the same bot; another bot's view has its own. */
  private answerGetMe(token: string, res: import("node:http").ServerResponse) {
    const result = { id: Number(token.split(":")[0]), is_bot: true, first_name: this.otherBots.get(token), username: this.otherBots.get(token) };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
  }

  /** telegram-test-api keeps setWebhook's url but has no getWebhookInfo (`chibo doctor` asks). */
  private answerWebhookInfo(url: string, res: import("node:http").ServerResponse) {
    const token = /\/bot([^/]+)\//.exec(url)?.[1] ?? "";
    const webhooks = (this.server as unknown as { webhooks: Record<string, { url?: string }> }).webhooks;
    const result = { url: webhooks[token]?.url ?? "", has_custom_certificate: false, pending_update_count: 0 };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
  }

  private handled: () => number = () => Number.POSITIVE_INFINITY;

  /**
   * Lets the caller tell how much work the bot has in hand and how many updates it has
   * finished (set after the bot exists): settle() waits until every update this server
   * delivered has been handled, and nothing else is in hand.
   */
  watch(busy: Busy, handled?: () => number) {
    this.busy = busy;
    if (handled) this.handled = handled;
  }

  async stop() {
    if (!this.owner) return;
    await new Promise<void>((resolve) => this.front.close(() => resolve()));
    await this.server.stop();
  }

  user(profile: { id: number; firstName: string; lastName?: string; languageCode?: string; username?: string }) {
    return new FakeUser(this, profile);
  }

  botMessages(): BotMessage[] {
    return (this.server.storage.botMessages as unknown as StoredBot[])
      .filter((stored) => stored.botToken === this.token)
      .map(toBotMessage);
  }

  /** Sends a raw update from a user (anything Telegram could send in `message`). */
  async pushMessage(message: Record<string, unknown>) {
    await this.server.addUserMessage({ ...message, botToken: this.token, date: Math.floor(Date.now() / 1000) } as never);
  }

  private recordCallbackAnswer(body: Buffer) {
    try {
      const answer = JSON.parse(body.toString("utf8") || "{}") as { callback_query_id?: string; text?: string; show_alert?: boolean };
      if (answer.callback_query_id) this.callbackAnswers.set(answer.callback_query_id, { text: answer.text ?? "", showAlert: answer.show_alert ?? false });
    } catch {
      // Not JSON: nothing to record; the server below answers it as it would.
    }
  }

  /** Pushes a button tap; returns its callback id (see callbackAnswers). */
  async pushCallback(callback: Record<string, unknown>): Promise<string> {
    await this.server.addUserCallback({ ...callback, botToken: this.token, date: Math.floor(Date.now() / 1000) } as never);
    const stored = this.server.storage.userMessages.at(-1) as { callbackId?: number } | undefined;
    return String(stored?.callbackId ?? "");
  }

  /** Waits until the bot has read every update and finished handling them. */
  async settle(timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    let quiet = 0;
    while (quiet < 3) {
      if (Date.now() > deadline) throw new Error("the bot did not finish handling its updates in time");
      const mine = this.server.storage.userMessages.filter((u: { botToken: string }) => u.botToken === this.token) as { isRead: boolean }[];
      const unread = mine.some((u) => !u.isRead);
      // An update is read (fetched by getUpdates) a moment before the bot starts on it.
      const unhandled = mine.filter((u) => u.isRead).length > this.handled();
      quiet = unread || unhandled || (await this.busy()) > 0 ? 0 : quiet + 1;
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }
}

export class FakeUser {
  constructor(
    private readonly telegram: UserChannel,
    readonly profile: { id: number; firstName: string; lastName?: string; languageCode?: string; username?: string },
  ) {}

  get chatId(): string {
    return String(this.group?.id ?? this.profile.id);
  }

  private from() {
    return {
      id: this.profile.id,
      is_bot: false,
      first_name: this.profile.firstName,
      last_name: this.profile.lastName,
      username: this.profile.username,
      language_code: this.profile.languageCode ?? "vi",
    };
  }

  private chat(): Record<string, unknown> {
    return this.group
      ? { id: this.group.id, type: "group", title: this.group.title }
      : { id: this.profile.id, type: "private", first_name: this.profile.firstName };
  }

  private group: { id: number; title: string } | undefined;

  /** The same person writing in a group chat (negative id) instead of privately. */
  inGroup(id: number, title = "Nhóm chi bộ"): FakeUser {
    const member = new FakeUser(this.telegram, this.profile);
    member.group = { id, title };
    return member;
  }

  async send(text: string) {
    const entities = text.startsWith("/")
      ? [{ type: "bot_command", offset: 0, length: text.includes(" ") ? text.indexOf(" ") : text.length }]
      : undefined;
    await this.telegram.pushMessage({ from: this.from(), chat: this.chat(), text, entities });
    await this.telegram.settle();
  }

  /** Shares a contact with Telegram's button; `ownerId` is the contact's user (default: self). */
  async shareContact(phoneNumber: string, ownerId: number | undefined = this.profile.id) {
    await this.telegram.pushMessage({
      from: this.from(),
      chat: this.chat(),
      contact: { phone_number: phoneNumber, first_name: this.profile.firstName, user_id: ownerId },
    });
    await this.telegram.settle();
  }

  async sendRaw(message: Record<string, unknown>) {
    await this.telegram.pushMessage({ from: this.from(), chat: this.chat(), ...message });
    await this.telegram.settle();
  }

  messages(): BotMessage[] {
    return this.telegram.botMessages().filter((m) => m.chatId === this.chatId);
  }

  lastMessage(): BotMessage | undefined {
    return this.messages().at(-1);
  }

  /** Taps the inline button with this label on the newest message that has it. */
  async tap(label: string | RegExp) {
    const matches = (text: string) => (typeof label === "string" ? text === label : label.test(text));
    const message = [...this.messages()].reverse().find((m) => m.buttons.some((b) => matches(b.text)));
    if (!message) throw new Error(`no button ${String(label)} in ${this.profile.firstName}'s chat`);
    const button = message.buttons.find((b) => matches(b.text))!;
    return this.tapData(button.data, message);
  }

  /**
   * Sends callback data as if from a button (forged data included, for tests); returns
   * the bot's answer to the tap (its toast or alert), if it gave one.
   */
  async tapData(data: string, message?: BotMessage) {
    const callbackId = await this.telegram.pushCallback({
      from: this.from(),
      data,
      message: { message_id: message?.messageId ?? 1, chat: this.chat(), text: message?.text ?? "", date: 0 },
    });
    await this.telegram.settle();
    return this.telegram.callbackAnswers.get(callbackId);
  }
}
