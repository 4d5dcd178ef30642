// A local Bot API stand-in on node:http, for the delivery tests and the benchmarks:
// answers the methods the bot uses, records what was sent, enforces a rate if asked
// (429 with parameters.retry_after, as Telegram does) and injects faults on demand.
// Point grammY at it with `client: { apiRoot: standin.apiRoot }` (any token works).
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { parseMultipart, type Fields, type UploadedFile } from "../server/multipart.js";

/** The multipart reader lives in src/server/multipart.ts (the Zalo adapter uses it too). */
export { parseMultipart };

export type StandinFault =
  | { status: 500 | 502; description?: string }
  | { status: 429; retryAfter: number }
  | { status: 400 | 403; description: string }
  /** Never answers (the client's timeout decides). */
  | "timeout"
  /** Destroys the connection without an answer. */
  | "reset";

export interface StandinSent {
  method: string;
  chatId: string;
  /** The text, or the caption of a document or photo. */
  text?: string;
  /** sendDocument / sendPhoto: the uploaded file's name, or the file_id/URL given. */
  documentName?: string;
  messageId: number;
  /** Date.now() when it was accepted. */
  at: number;
  /** Sent with allow_paid_broadcast: counted against Telegram's paid limit, not the free one. */
  paid: boolean;
}

export interface StandinFailure {
  method: string;
  chatId?: string;
  /** "500", "429", "403", "timeout", "reset"... */
  fault: string;
  /** Whether the configured rate (not an injected fault) caused it. */
  rateLimited: boolean;
  at: number;
}

const BOT_USER = { id: 7000000001, is_bot: true, first_name: "chibo", username: "chibo_standin_bot" };
/** Methods that answer with a Message and are recorded in `sent`. */
const MESSAGE_METHODS = new Set(["sendMessage", "sendDocument", "sendPhoto", "editMessageText", "editMessageReplyMarkup"]);

function isFile(value: unknown): value is UploadedFile {
  return typeof value === "object" && value !== null && "data" in value;
}

function faultName(fault: StandinFault): string {
  return typeof fault === "string" ? fault : String(fault.status);
}

export class BotApiStandin {
  readonly sent: StandinSent[] = [];
  readonly failures: StandinFailure[] = [];
  /** Every request received, answered or not. */
  requests = 0;
  /** answerCallbackQuery: how many times each callback_query_id was answered (Telegram accepts one). */
  readonly callbackAnswers = new Map<string, number>();
  /** What setWebhook registered (getWebhookInfo answers with it); deleteWebhook clears it. */
  webhook: { url: string; secretToken?: string } | undefined;
  private nextMessageId = 1;
  private readonly queued: { remaining: number; fault: StandinFault }[] = [];
  private readonly chatFaults = new Map<string, StandinFault>();
  private readonly sockets = new Set<Socket>();
  /** The configured rate, for requests without allow_paid_broadcast. */
  private readonly freeWindow: SlidingWindow | undefined;
  /** Telegram's limit for requests with allow_paid_broadcast, enforced with the configured rate. */
  private readonly paidWindow: SlidingWindow | undefined;

  private constructor(
    private readonly server: http.Server,
    readonly apiRoot: string,
    ratePerSecond: number | undefined,
  ) {
    if (ratePerSecond !== undefined) {
      this.freeWindow = new SlidingWindow(ratePerSecond);
      this.paidWindow = new SlidingWindow(PAID_BROADCAST_PER_SECOND);
    }
  }

  static async start(options: { ratePerSecond?: number } = {}): Promise<BotApiStandin> {
    let standin: BotApiStandin | undefined;
    const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
      standin!.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    standin = new BotApiStandin(server, `http://127.0.0.1:${port}`, options.ratePerSecond);
    server.on("connection", (socket: Socket) => {
      standin!.sockets.add(socket);
      socket.on("close", () => standin!.sockets.delete(socket));
    });
    return standin;
  }

  /** The next n requests (any method but getMe) get this fault. */
  failNext(n: number, fault: StandinFault): void {
    if (n > 0) this.queued.push({ remaining: n, fault });
  }

  /** Every request for this chat gets the fault, until failChat(chatId, null) or clearFaults(). */
  failChat(chatId: string | number, fault: StandinFault | null): void {
    if (fault === null) this.chatFaults.delete(String(chatId));
    else this.chatFaults.set(String(chatId), fault);
  }

  clearFaults(): void {
    this.queued.length = 0;
    this.chatFaults.clear();
  }

  /** What was sent to one chat, in order. */
  sentTo(chatId: string | number): StandinSent[] {
    return this.sent.filter((s) => s.chatId === String(chatId));
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.requests += 1;
    const url = new URL(req.url ?? "/", "http://standin");
    const match = /^\/bot[^/]+\/(?:test\/)?([A-Za-z]+)$/.exec(url.pathname);
    let fields: Fields;
    try {
      fields = await this.readFields(req, url);
    } catch (error) {
      this.reply(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${(error as Error).message}` });
      return;
    }
    if (!match) {
      this.reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    const method = match[1]!;
    const chatId = typeof fields.chat_id === "string" ? fields.chat_id : undefined;

    if (method !== "getMe") {
      const fault = this.takeFault(chatId);
      if (fault) {
        this.failures.push({ method, chatId, fault: faultName(fault), rateLimited: false, at: Date.now() });
        this.answerFault(req, res, fault);
        return;
      }
      const window = fields.allow_paid_broadcast === "true" ? this.paidWindow : this.freeWindow;
      if (window) {
        const retryAfter = window.admit(Date.now());
        if (retryAfter > 0) {
          this.failures.push({ method, chatId, fault: "429", rateLimited: true, at: Date.now() });
          this.answerFault(req, res, { status: 429, retryAfter });
          return;
        }
      }
    }
    let result: unknown;
    try {
      result = this.perform(method, chatId, fields);
    } catch (error) {
      this.reply(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${(error as Error).message}` });
      return;
    }
    if (result === undefined) {
      this.reply(res, 404, { ok: false, error_code: 404, description: "Not Found: method not found" });
      return;
    }
    this.reply(res, 200, { ok: true, result });
  }

  private async readFields(req: http.IncomingMessage, url: URL): Promise<Fields> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const fields: Fields = Object.fromEntries(url.searchParams);
    if (body.length === 0) return fields;
    const type = req.headers["content-type"] ?? "";
    if (type.includes("multipart/form-data")) return { ...fields, ...parseMultipart(body, type) };
    if (type.includes("application/x-www-form-urlencoded")) {
      return { ...fields, ...Object.fromEntries(new URLSearchParams(body.toString("utf8"))) };
    }
    const json = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
    for (const [key, value] of Object.entries(json)) {
      if (value === undefined || value === null) continue;
      fields[key] = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
    }
    return fields;
  }

  private takeFault(chatId: string | undefined): StandinFault | undefined {
    if (chatId !== undefined) {
      const fault = this.chatFaults.get(chatId);
      if (fault) return fault;
    }
    const head = this.queued[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) this.queued.shift();
    return head.fault;
  }

  private answerFault(req: http.IncomingMessage, res: http.ServerResponse, fault: StandinFault): void {
    if (fault === "timeout") return; // the socket stays open until the client gives up or stop()
    if (fault === "reset") {
      req.socket.destroy();
      return;
    }
    if (fault.status === 429) {
      this.reply(res, 429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${fault.retryAfter}`,
        parameters: { retry_after: fault.retryAfter },
      });
      return;
    }
    const description =
      "description" in fault && fault.description
        ? fault.description
        : fault.status === 502
          ? "Bad Gateway"
          : "Internal Server Error";
    this.reply(res, fault.status, { ok: false, error_code: fault.status, description });
  }

  private reply(res: http.ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  }

  private chat(chatId: string): Record<string, unknown> {
    const id = /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
    return chatId.startsWith("-100")
      ? { id, type: "supergroup", title: "Group" }
      : chatId.startsWith("-")
        ? { id, type: "group", title: "Group" }
        : { id, type: "private", first_name: "Member" };
  }

  private perform(method: string, chatId: string | undefined, fields: Fields): unknown {
    const text = typeof fields.text === "string" ? fields.text : undefined;
    const replyMarkup = typeof fields.reply_markup === "string" ? (JSON.parse(fields.reply_markup) as unknown) : undefined;
    const date = Math.floor(Date.now() / 1000);
    switch (method) {
      case "getMe":
        return { ...BOT_USER, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
      case "answerCallbackQuery":
        if (typeof fields.callback_query_id === "string") {
          this.callbackAnswers.set(fields.callback_query_id, (this.callbackAnswers.get(fields.callback_query_id) ?? 0) + 1);
        }
        return true;
      case "setWebhook":
        this.webhook = { url: String(fields.url ?? ""), secretToken: typeof fields.secret_token === "string" ? fields.secret_token : undefined };
        return true;
      case "deleteWebhook":
        this.webhook = undefined;
        return true;
      case "getWebhookInfo":
        return { url: this.webhook?.url ?? "", has_custom_certificate: false, pending_update_count: 0 };
      case "setMyCommands":
      case "deleteMyCommands":
      case "sendChatAction":
        return true;
      case "deleteMessage":
        return true;
    }
    if (!MESSAGE_METHODS.has(method)) return undefined;
    const chat = chatId ?? "0";
    const editing = method.startsWith("edit");
    const messageId = editing ? Number(fields.message_id ?? 0) : this.nextMessageId++;
    const message: Record<string, unknown> = {
      message_id: messageId,
      from: BOT_USER,
      chat: this.chat(chat),
      date,
      ...(editing ? { edit_date: date } : {}),
      ...(replyMarkup ? { reply_markup: replyMarkup } : {}),
    };
    let documentName: string | undefined;
    if (method === "sendDocument" || method === "sendPhoto") {
      const key = method === "sendDocument" ? "document" : "photo";
      const given = fields[key];
      const attached =
        typeof given === "string" && given.startsWith("attach://") ? fields[given.slice("attach://".length)] : given;
      const size = isFile(attached) ? attached.data.length : 0;
      documentName = isFile(attached) ? attached.filename : typeof attached === "string" ? attached : undefined;
      const fileId = `file-${messageId}`;
      if (method === "sendDocument") {
        message.document = { file_id: fileId, file_unique_id: fileId, file_name: documentName, file_size: size };
      } else {
        message.photo = [{ file_id: fileId, file_unique_id: fileId, width: 640, height: 480, file_size: size }];
      }
      if (typeof fields.caption === "string") message.caption = fields.caption;
    } else {
      message.text = text ?? "";
    }
    this.sent.push({
      method,
      chatId: chat,
      ...(text !== undefined ? { text } : typeof fields.caption === "string" ? { text: fields.caption } : {}),
      ...(documentName !== undefined ? { documentName } : {}),
      messageId,
      at: Date.now(),
      paid: fields.allow_paid_broadcast === "true",
    });
    return message;
  }
}

/** Telegram's limit for a bot's messages sent with allow_paid_broadcast. */
const PAID_BROADCAST_PER_SECOND = 1000;

/** At most `limit` accepted requests in any second, as Telegram counts them. */
class SlidingWindow {
  /** Acceptance times within the last second, oldest first (a ring via head index). */
  private times: number[] = [];
  private head = 0;
  constructor(private readonly limit: number) {}

  /** Seconds to wait if one more request would exceed the limit; 0 if it may go (and is counted). */
  admit(now: number): number {
    while (this.head < this.times.length && this.times[this.head]! <= now - 1000) this.head += 1;
    if (this.head > 4096) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    if (this.times.length - this.head >= this.limit) {
      const oldest = this.times[this.head]!;
      return Math.max(1, Math.ceil((oldest + 1000 - now) / 1000));
    }
    this.times.push(now);
    return 0;
  }
}
