// A local stand-in for Zalo's Bot API, for the demo and the integration tests, with
// simulated people. It follows the documented shapes: POST /bot<TOKEN>/<method> with
// JSON, answers { ok, result } or { ok: false, error_code, description }; getUpdates
// gives one update per call or error 408 after its timeout; setWebhook makes it post
// each update to the URL with the X-Bot-Api-Secret-Token header instead; sendMessage
// refuses text over 2,000 characters; there are no buttons.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { ZaloUpdate } from "../zalo/api.js";

export const ZALO_TEST_TOKEN = "1459232241:zalo-test-token";
const BOT_ID = "1459232241454765289";

export interface ZaloBotMessage {
  seq: number;
  chatId: string;
  text: string;
  /** sendPhoto: the image's URL. */
  photo?: string;
}

type Busy = () => number | Promise<number>;

interface Waiter {
  respond: (update: ZaloUpdate | undefined) => void;
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

export class FakeZalo {
  readonly sent: ZaloBotMessage[] = [];
  /** Webhook posts made and the status each got. */
  readonly webhookStatuses: number[] = [];
  /** getUpdates calls answered 408 (no update before their timeout). */
  noUpdateAnswers = 0;
  private readonly queue: ZaloUpdate[] = [];
  private readonly waiters: Waiter[] = [];
  private webhook: { url: string; secret: string } | undefined;
  private delivered = 0;
  private posting = 0;
  private busy: Busy = () => 0;
  private received: () => number = () => Number.POSITIVE_INFINITY;
  /** Chats that refuse messages (a person who blocked the bot): code and description. */
  private readonly refusing = new Map<string, { code: number; description: string }>();
  private seq = 0;

  private constructor(
    private readonly server: Server,
    readonly apiRoot: string,
    readonly token: string,
  ) {}

  static async start(token = ZALO_TEST_TOKEN): Promise<FakeZalo> {
    let self: FakeZalo | undefined;
    const server = createServer((req, res) => void self!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    self = new FakeZalo(server, `http://127.0.0.1:${(server.address() as { port: number }).port}`, token);
    return self;
  }

  /** How much work the bot has in hand, and how many updates it has taken (see settle). */
  watch(busy: Busy, received: () => number) {
    this.busy = busy;
    this.received = received;
  }

  webhookUrl(): string | undefined {
    return this.webhook?.url;
  }

  refuse(chatId: string, code = 403, description = "Forbidden: the user blocked the bot") {
    this.refusing.set(chatId, { code, description });
  }

  async stop() {
    for (const waiter of this.waiters.splice(0)) waiter.respond(undefined);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  user(profile: { name: string; id?: string }): FakeZaloUser {
    return new FakeZaloUser(this, profile.id ?? hex(10), profile.name);
  }

  /** Everything the bot sent, in order. */
  botMessages(): ZaloBotMessage[] {
    return [...this.sent];
  }

  /** Delivers an update: to the webhook when one is set, else to the next getUpdates. */
  async push(update: ZaloUpdate): Promise<void> {
    if (this.webhook) {
      await this.post(update, this.webhook.secret);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter.respond(update);
    else this.queue.push(update);
  }

  /** Posts an update to the webhook with any secret (or none), as an impostor would. */
  async post(update: unknown, secret: string | undefined): Promise<number> {
    if (!this.webhook) throw new Error("no webhook is set");
    this.posting++;
    try {
      const response = await fetch(this.webhook.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(secret === undefined ? {} : { "x-bot-api-secret-token": secret }) },
        body: JSON.stringify({ ok: true, result: update }),
      });
      await response.arrayBuffer();
      this.webhookStatuses.push(response.status);
      if (response.status === 200 && secret === this.webhook.secret) this.delivered++;
      return response.status;
    } finally {
      this.posting--;
    }
  }

  /** Waits until every update was taken and handled, and the bot has nothing in hand. */
  async settle(timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    let quiet = 0;
    while (quiet < 3) {
      const busy = await this.busy();
      if (Date.now() > deadline) {
        const state = `queued ${this.queue.length}, posting ${this.posting}, delivered ${this.delivered}, taken ${this.received()}, busy ${busy}`;
        throw new Error(`the Zalo bot did not finish handling its updates in time (${state})`);
      }
      const idle = this.queue.length === 0 && this.posting === 0 && this.received() >= this.delivered && busy === 0;
      quiet = idle ? quiet + 1 : 0;
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? "/", "http://x").pathname);
    const reply = (status: number, body: unknown) => {
      if (!res.writableEnded) res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (!match) return reply(404, { ok: false, error_code: 404, description: "Not Found" });
    if (match[1] !== this.token) return reply(401, { ok: false, error_code: 401, description: "Unauthorized" });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let params: Record<string, unknown>;
    try {
      params = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
    } catch {
      return reply(400, { ok: false, error_code: 400, description: "Bad Request: body is not JSON" });
    }
    const method = match[2];
    switch (method) {
      case "getMe":
        return reply(200, { ok: true, result: { id: BOT_ID, account_name: "bot.chibo", account_type: "BASIC", can_join_groups: false } });
      case "getUpdates":
        return this.getUpdates(Number(params.timeout ?? 30), res, reply);
      case "setWebhook": {
        const url = String(params.url ?? "");
        const secret = String(params.secret_token ?? "");
        if (!/^https?:\/\//.test(url) || secret.length < 8 || secret.length > 256) {
          return reply(400, { ok: false, error_code: 400, description: "Bad Request: url and a secret_token of 8 to 256 characters are required" });
        }
        this.webhook = { url, secret };
        // Updates waiting for getUpdates go to the webhook from now on.
        for (const update of this.queue.splice(0)) void this.push(update);
        return reply(200, { ok: true, result: { url, updated_at: Date.now() } });
      }
      case "deleteWebhook":
        this.webhook = undefined;
        return reply(200, { ok: true, result: { url: "", updated_at: Date.now() } });
      case "getWebhookInfo":
        return reply(200, { ok: true, result: { url: this.webhook?.url ?? "", updated_at: Date.now() } });
      case "sendMessage":
      case "sendPhoto":
      case "sendSticker":
        return this.send(method, params, reply);
      case "sendChatAction":
        return reply(200, { ok: true });
      default:
        return reply(404, { ok: false, error_code: 404, description: `Not Found: ${method}` });
    }
  }

  private getUpdates(timeoutSeconds: number, res: ServerResponse, reply: (status: number, body: unknown) => void) {
    if (this.webhook) return reply(400, { ok: false, error_code: 400, description: "Bad Request: a webhook is set; delete it to use getUpdates" });
    const respond = (update: ZaloUpdate | undefined) => {
      if (update) {
        this.delivered++;
        return reply(200, { ok: true, result: update });
      }
      this.noUpdateAnswers++;
      return reply(408, { ok: false, error_code: 408, description: "Request timeout" });
    };
    const next = this.queue.shift();
    if (next) return respond(next);
    const waiter: Waiter = {
      respond: (update) => {
        clearTimeout(timer);
        // A client that went away must not swallow an update.
        if (update && (closed || res.writableEnded)) {
          this.queue.unshift(update);
          return;
        }
        respond(update);
      },
    };
    const timer = setTimeout(() => {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      respond(undefined);
    }, Math.max(0, timeoutSeconds) * 1000);
    let closed = false;
    res.once("close", () => {
      closed = true;
      clearTimeout(timer);
      const at = this.waiters.indexOf(waiter);
      if (at !== -1) this.waiters.splice(at, 1);
    });
    this.waiters.push(waiter);
  }

  private send(method: string, params: Record<string, unknown>, reply: (status: number, body: unknown) => void) {
    const chatId = String(params.chat_id ?? "");
    if (!chatId) return reply(400, { ok: false, error_code: 400, description: "Bad Request: chat_id is required" });
    const refused = this.refusing.get(chatId);
    if (refused) return reply(200, { ok: false, error_code: refused.code, description: refused.description });
    const text = String(params.text ?? params.caption ?? "");
    if (method === "sendMessage" && (text.length < 1 || text.length > 2000)) {
      return reply(200, { ok: false, error_code: 400, description: "Bad Request: text must be 1 to 2000 characters" });
    }
    const photo = method === "sendPhoto" ? String(params.photo ?? "") : undefined;
    this.sent.push({ seq: this.seq++, chatId, text: method === "sendSticker" ? `[sticker ${String(params.sticker ?? "")}]` : text, photo });
    return reply(200, { ok: true, result: { message_id: hex(10), date: Date.now() } });
  }
}

/** A person chatting with the bot on Zalo. */
export class FakeZaloUser {
  private last: ZaloUpdate | undefined;

  constructor(
    private readonly zalo: FakeZalo,
    readonly id: string,
    readonly name: string,
  ) {}

  private update(event: string, content: Record<string, unknown>): ZaloUpdate {
    this.last = {
      event_name: event,
      message: {
        message_id: hex(10),
        from: { id: this.id, display_name: this.name, is_bot: false },
        chat: { id: this.id, chat_type: "PRIVATE" },
        date: Date.now(),
        ...content,
      },
    } as ZaloUpdate;
    return this.last;
  }

  async send(text: string) {
    await this.zalo.push(this.update("message.text.received", { text }));
    await this.zalo.settle();
  }

  async sendSticker() {
    await this.zalo.push(this.update("message.sticker.received", { sticker: "0e078a2fb66a5f34067b", url: "https://zalo.example/sticker.png" }));
    await this.zalo.settle();
  }

  async sendImage(url = "https://zalo.example/photo.jpg") {
    await this.zalo.push(this.update("message.image.received", { photo: url }));
    await this.zalo.settle();
  }

  /** What Zalo sends for a message it will not show the bot (a protected account...). */
  async sendUnsupported() {
    await this.zalo.push(this.update("message.unsupported.received", {}));
    await this.zalo.settle();
  }

  /** The last message again, same message_id: what a redelivery looks like. */
  async redeliverLast() {
    if (!this.last) throw new Error(`${this.name} has sent nothing yet`);
    await this.zalo.push(this.last);
    await this.zalo.settle();
  }

  messages(): ZaloBotMessage[] {
    return this.zalo.botMessages().filter((m) => m.chatId === this.id);
  }

  lastMessage(): ZaloBotMessage | undefined {
    return this.messages().at(-1);
  }

  /** The numbered options of the newest message that has any: number → label. */
  options(): Map<number, string> {
    for (const message of [...this.messages()].reverse()) {
      const options = optionsOf(message.text);
      if (options.size > 0) return options;
    }
    return new Map();
  }

  /** Answers the newest list by the number of the option with this label. */
  async choose(label: string | RegExp) {
    const matches = (text: string) => (typeof label === "string" ? text === label : label.test(text));
    const found = [...this.options()].find(([, text]) => matches(text));
    if (!found) throw new Error(`no option ${String(label)} in ${this.name}'s chat: ${[...this.options().values()].join(" | ")}`);
    await this.send(String(found[0]));
  }
}

/** "1. Attend" lines of a message, as a person reads them. */
export function optionsOf(text: string): Map<number, string> {
  const options = new Map<number, string>();
  for (const line of text.split("\n")) {
    const match = /^(\d{1,3})\. (.+)$/.exec(line);
    if (match) options.set(Number(match[1]), match[2]);
  }
  return options;
}
