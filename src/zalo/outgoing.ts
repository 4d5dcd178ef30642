// The Zalo bot's API calls, turned into Zalo calls. The features call Telegram's methods
// (sendMessage with a keyboard, editMessageText, sendDocument...) on a grammY Api; this
// adapter answers every one of them in Telegram's shapes, doing on Zalo what comes
// closest:
// - a keyboard becomes a numbered list under the text; the options are remembered per
//   chat so a reply "2" becomes the tap of the second one (src/zalo/incoming.ts);
// - an edit becomes a new message (only the new part, when the edit appends);
// - a toast (answerCallbackQuery with text) becomes a message, unless the handler said
//   the same thing anyway;
// - a document or a photo becomes a signed, expiring link to the bot's HTTP server;
// - text longer than Zalo's 2,000 characters goes as several messages cut at line breaks.
// Calls for a Telegram chat (a Zalo member's join request to a secretary on Telegram) go
// on to the Telegram bot's Api, and the Telegram bot sends Zalo chats' calls here.
//
// It plugs into the Zalo bot as grammY's `fetch`, not as an API transformer: the
// conversations plugin builds its own Api from the bot's client options for every
// conversation step (dropping transformers), and `fetch` is one of those options. So
// every call, from a handler or from inside a conversation, arrives here as the HTTP
// request grammY would have sent to Telegram, and never leaves the process.
import { GrammyError, InputFile, type Api, type Transformer } from "grammy";
import type { Message, UserFromGetMe } from "grammy/types";
import type { Logger } from "../logger.js";
import type { Translate } from "../bot/i18n.js";
import { channelOf, zaloRowId } from "../bot/channels.js";
import { splitAtLineBreaks } from "../domain/split-text.js";
import { sharedFileLink } from "../server/signed-links.js";
import { ZALO_TEXT_LIMIT, type ZaloApi, type ZaloEnvelope } from "./api.js";
import { markupOf, renderWithChoices, type Markup } from "./choices.js";
import { isUploadedFile, parseMultipart } from "../server/multipart.js";
import type { ChatState, PendingChoices, ZaloChatRef, ZaloStore } from "./store.js";

/** How long a file link works. */
export const SHARED_FILE_DAYS = 7;

export interface FileLinks {
  publicUrl: string;
  secret: string;
}

export interface ZaloOutgoingOptions {
  store: ZaloStore;
  api: ZaloApi;
  logger: Logger;
  now: () => Date;
  translate: Translate;
  /** The Zalo bot as the features see it (ctx.me, message.from). */
  me: UserFromGetMe;
  /** Without them a file is announced but cannot be sent (no HTTP server to fetch it from). */
  files?: FileLinks;
  /** The Telegram bot's Api, when one runs in this process. */
  telegram?: () => Api | undefined;
}

type CallResult = { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: unknown };

/** What one update of a chat has said so far, so a toast that repeats it is not sent. */
interface UpdateScope {
  said: Set<string>;
  toasts: string[];
}

const ok = (result: unknown): CallResult => ({ ok: true, result });
const refuse = (description: string, error_code = 400): CallResult => ({ ok: false, error_code, description });

const CONTENT_TYPES: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ics: "text/calendar; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  pdf: "application/pdf",
  txt: "text/plain; charset=utf-8",
};

export function contentTypeOf(filename: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase() ?? "";
  return CONTENT_TYPES[extension] ?? "application/octet-stream";
}

async function bytesOf(file: InputFile): Promise<Uint8Array> {
  const raw = await file.toRaw();
  if (raw instanceof Uint8Array) return raw;
  const chunks: Uint8Array[] = [];
  for await (const chunk of raw as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Bot API fields grammY sends as JSON text inside a multipart body. */
const JSON_FIELDS = new Set(["reply_markup", "entities", "caption_entities", "link_preview_options", "reply_parameters"]);

/** The call's parameters from grammY's request: JSON, or multipart with files (InputFile again). */
async function payloadOf(init: { body?: unknown; headers?: unknown } | undefined): Promise<Record<string, unknown>> {
  const body = init?.body;
  if (body === undefined || body === null) return {};
  if (typeof body === "string") return JSON.parse(body) as Record<string, unknown>;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  const headers = (init?.headers ?? {}) as Record<string, string>;
  const contentType = headers["content-type"] ?? headers["Content-Type"] ?? "";
  if (!contentType.includes("multipart/")) return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
  const fields = parseMultipart(Buffer.concat(chunks), contentType);
  const payload: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (isUploadedFile(value)) continue;
    const attached = /^attach:\/\/(.+)$/.exec(value)?.[1];
    const file = attached === undefined ? undefined : fields[attached];
    if (file && isUploadedFile(file)) payload[key] = new InputFile(file.data, file.filename);
    else payload[key] = JSON_FIELDS.has(key) ? (JSON.parse(value) as unknown) : value;
  }
  return payload;
}

/** A Zalo refusal as a Telegram one: grammY throws it as a GrammyError with that code. */
function refusal(envelope: ZaloEnvelope): CallResult {
  const code = envelope.error_code ?? 500;
  // Codes outside HTTP's error range say nothing about retrying: treat them as transient,
  // so the outbox tries again a few times before it gives up.
  return refuse(envelope.description ?? "Zalo refused the call", code >= 400 && code < 600 ? code : 500);
}

function chatIdOf(payload: unknown): string | number | undefined {
  const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
  return typeof chatId === "string" || typeof chatId === "number" ? chatId : undefined;
}

export class ZaloOutgoing {
  private readonly scopes = new Map<number, UpdateScope>();

  constructor(private readonly options: ZaloOutgoingOptions) {}

  /**
   * The Zalo bot's `fetch` (client option): answers each Bot API request grammY makes
   * with what `call` did on Zalo.
   */
  readonly fetch = async (input: unknown, init?: { body?: unknown; headers?: unknown }): Promise<Response> => {
    const method = /\/([A-Za-z]+)$/.exec(new URL(String(input)).pathname)?.[1] ?? "";
    const result = await this.call(method, await payloadOf(init));
    return new Response(JSON.stringify(result), { status: 200, headers: { "content-type": "application/json" } });
  };

  /** For the Telegram bot's Api: calls for a Zalo chat come here, the rest go on as before. */
  readonly router: Transformer = (prev, method, payload, signal) => {
    const chatId = chatIdOf(payload);
    if (chatId !== undefined && channelOf(chatId) === "zalo") {
      return this.call(method, payload as Record<string, unknown>) as never;
    }
    return prev(method, payload, signal);
  };

  /**
   * Runs the handling of one update of a chat. While it runs, toasts are held back; at
   * the end, each one the handler did not also say in a message is sent.
   */
  async during<T>(chat: ZaloChatRef, work: () => Promise<T>): Promise<T> {
    const scope: UpdateScope = { said: new Set(), toasts: [] };
    this.scopes.set(chat.rowId, scope);
    try {
      return await work();
    } finally {
      this.scopes.delete(chat.rowId);
      for (const toast of scope.toasts) {
        if (scope.said.has(toast)) continue;
        await this.deliver(chat, toast).catch((error: unknown) => this.options.logger.warn({ err: error }, "zalo: a toast could not be sent"));
      }
    }
  }

  /** Shows the pending options again, with how to answer; the options stay as they were. */
  async reprompt(chat: ZaloChatRef, pending: PendingChoices): Promise<void> {
    const locale = await this.localeOf(chat);
    const { translate: t } = this.options;
    const markup: Markup = { kind: pending.kind, choices: pending.choices, links: [] };
    const text = renderWithChoices(t(locale, "zalo-not-an-option", { count: pending.choices.length }), markup, t(locale, "zalo-choose-hint"));
    const sent = await this.deliver(chat, text);
    if (!sent.ok) this.options.logger.warn({ err: sent.description }, "zalo: the options could not be shown again");
  }

  async call(method: string, payload: Record<string, unknown>, signal?: AbortSignal): Promise<CallResult> {
    switch (method) {
      case "getMe":
        return ok(this.options.me);
      case "setMyCommands":
      case "deleteMyCommands":
      case "setChatMenuButton":
      case "setMyDescription":
      case "setMyShortDescription":
        // Zalo has no command menu: nothing to set.
        return ok(true);
      case "answerCallbackQuery":
        return this.answerCallback(payload);
    }
    const chatId = chatIdOf(payload);
    if (chatId === undefined) return refuse(`Bad Request: ${method} is not available on Zalo`);
    if (channelOf(chatId) === "telegram") return this.toTelegram(method, payload, signal);
    const rowId = zaloRowId(chatId);
    const zaloChatId = rowId === undefined ? undefined : await this.options.store.zaloChatIdOf(rowId);
    if (rowId === undefined || zaloChatId === undefined) return refuse("Bad Request: chat not found");
    const chat: ZaloChatRef = { rowId, bridgedId: Number(chatId), zaloChatId };
    const messageId = Number(payload.message_id);
    switch (method) {
      case "sendMessage":
        return this.sendText(chat, String(payload.text ?? ""), markupOf(payload.reply_markup), {}, signal);
      case "editMessageText":
        return this.edit(chat, messageId, String(payload.text ?? ""), payload.reply_markup, signal);
      case "editMessageCaption":
        return this.edit(chat, messageId, String(payload.caption ?? ""), payload.reply_markup, signal);
      case "editMessageReplyMarkup":
        return this.editMarkup(chat, messageId, payload.reply_markup);
      case "deleteMessage":
        // Zalo cannot take a message back; the next one says what is current.
        return ok(true);
      case "sendChatAction": {
        const sent = await this.options.api.sendChatAction(zaloChatId, "typing");
        return sent.ok ? ok(true) : refusal(sent);
      }
      case "sendDocument":
        return this.sendFile(chat, "document", payload.document, payload.caption, payload.reply_markup, signal);
      case "sendPhoto":
        return this.sendFile(chat, "photo", payload.photo, payload.caption, payload.reply_markup, signal);
      default:
        return refuse(`Bad Request: ${method} is not available on Zalo`);
    }
  }

  private async toTelegram(method: string, payload: Record<string, unknown>, signal?: AbortSignal): Promise<CallResult> {
    const api = this.options.telegram?.();
    if (!api) return refuse("Bad Request: chat not found (no Telegram bot runs here)");
    try {
      const raw = api.raw as unknown as Record<string, (payload: unknown, signal?: AbortSignal) => Promise<unknown>>;
      return ok(await raw[method](payload, signal));
    } catch (error) {
      if (error instanceof GrammyError) {
        return { ok: false, error_code: error.error_code, description: error.description, parameters: error.parameters };
      }
      throw error;
    }
  }

  private async answerCallback(payload: Record<string, unknown>): Promise<CallResult> {
    const text = typeof payload.text === "string" ? payload.text : "";
    if (text === "") return ok(true);
    const rowId = Number(/^z(\d+):/.exec(String(payload.callback_query_id ?? ""))?.[1]);
    const scope = this.scopes.get(rowId);
    if (scope) {
      scope.toasts.push(text);
      return ok(true);
    }
    const zaloChatId = Number.isSafeInteger(rowId) ? await this.options.store.zaloChatIdOf(rowId) : undefined;
    if (zaloChatId === undefined) return ok(true);
    const sent = await this.deliver({ rowId, bridgedId: 0, zaloChatId }, text);
    return sent.ok ? ok(true) : sent;
  }

  /**
   * Sends text with its options; `record` is the text a later edit or tap sees (the
   * whole message, when only a part was sent), `replaces` the message an edit stands for.
   */
  private async sendText(
    chat: ZaloChatRef,
    text: string,
    markup: Markup,
    how: { record?: string; replaces?: number; extra?: Partial<Message> },
    signal?: AbortSignal,
  ): Promise<CallResult> {
    const locale = await this.localeOf(chat);
    const shown = renderWithChoices(text, markup, this.options.translate(locale, "zalo-choose-hint"));
    if (shown === "") return refuse("Bad Request: message text is empty");
    const sent = await this.deliver(chat, shown, signal);
    if (!sent.ok) return sent;
    this.scopes.get(chat.rowId)?.said.add(text);
    const record = how.record ?? text;
    const messageId = await this.options.store.nextMessage(chat.rowId, (state, id) => afterSend(state, id, record, markup, how.replaces));
    return ok({ ...this.message(chat, messageId, record), ...how.extra });
  }

  private async edit(chat: ZaloChatRef, messageId: number, text: string, replyMarkup: unknown, signal?: AbortSignal): Promise<CallResult> {
    const markup = markupOf(replyMarkup);
    const before = (await this.options.store.state(chat.rowId)).recent.find((r) => r.id === messageId)?.text;
    // An edit that appends to a message ("… → Attend", "… approved by An") shows what is new.
    const shown = before !== undefined && before !== "" && text.startsWith(before) ? text.slice(before.length).trim() : text;
    if (shown === "" && markup.choices.length === 0) {
      await this.options.store.update(chat.rowId, (state) => afterEdit(state, messageId, text, markup));
      return ok(this.message(chat, messageId, text));
    }
    return this.sendText(chat, shown, markup, { record: text, replaces: messageId }, signal);
  }

  private async editMarkup(chat: ZaloChatRef, messageId: number, replyMarkup: unknown): Promise<CallResult> {
    const markup = markupOf(replyMarkup);
    const state = await this.options.store.state(chat.rowId);
    const text = state.recent.find((r) => r.id === messageId)?.text ?? "";
    // New marks on the same options (✓ read, ✓ following) need no new message: the
    // options keep answering, with their new data.
    await this.options.store.update(chat.rowId, (current) => afterEdit(current, messageId, text, markup));
    return ok(this.message(chat, messageId, text));
  }

  private async sendFile(
    chat: ZaloChatRef,
    kind: "document" | "photo",
    file: unknown,
    caption: unknown,
    replyMarkup: unknown,
    signal?: AbortSignal,
  ): Promise<CallResult> {
    const { translate: t, files, store, now } = this.options;
    const locale = await this.localeOf(chat);
    const name = file instanceof InputFile ? (file.filename ?? "file") : "file";
    const note = typeof caption === "string" ? caption : "";
    let link: string | undefined;
    if (typeof file === "string" && /^https?:\/\//.test(file)) link = file;
    else if (file instanceof InputFile && files) {
      const expiresAt = new Date(now().getTime() + SHARED_FILE_DAYS * 86_400_000);
      const id = await store.shareFile({ filename: name, contentType: contentTypeOf(name), content: await bytesOf(file), expiresAt }, now());
      link = sharedFileLink(files.secret, files.publicUrl, id, expiresAt, name);
    }
    const extra = kind === "document" ? { document: { file_id: link ?? "", file_unique_id: link ?? "", file_name: name } } : {};
    if (!link) {
      const text = [note, t(locale, "zalo-file-unavailable", { name })].filter(Boolean).join("\n");
      return this.sendText(chat, text, markupOf(replyMarkup), { extra }, signal);
    }
    if (kind === "photo") {
      const sent = await this.options.api.sendPhoto(chat.zaloChatId, link, note ? note.slice(0, ZALO_TEXT_LIMIT) : undefined, signal);
      if (!sent.ok) return refusal(sent);
      const markup = markupOf(replyMarkup);
      if (markup.choices.length > 0 || markup.links.length > 0) return this.sendText(chat, "", markup, {}, signal);
      const messageId = await store.nextMessage(chat.rowId, (state, id) => afterSend(state, id, note, markup));
      return ok({ ...this.message(chat, messageId, note), photo: [{ file_id: link, file_unique_id: link, width: 0, height: 0 }] });
    }
    const text = [note, `📎 ${name}: ${link}`, t(locale, "zalo-file-link-days", { days: SHARED_FILE_DAYS })].filter(Boolean).join("\n");
    return this.sendText(chat, text, markupOf(replyMarkup), { extra }, signal);
  }

  /** Sends text as is (split at Zalo's limit), without touching the chat's state. */
  private async deliver(chat: ZaloChatRef, text: string, signal?: AbortSignal): Promise<CallResult> {
    for (const part of splitAtLineBreaks(text, ZALO_TEXT_LIMIT)) {
      const sent = await this.options.api.sendMessage(chat.zaloChatId, part, signal);
      if (!sent.ok) return refusal(sent);
    }
    this.scopes.get(chat.rowId)?.said.add(text);
    return ok(true);
  }

  private message(chat: ZaloChatRef, messageId: number, text: string): Message {
    return {
      message_id: messageId,
      date: Math.floor(this.options.now().getTime() / 1000),
      chat: { id: chat.bridgedId, type: "private", first_name: "" },
      from: this.options.me,
      text,
    } as Message;
  }

  private async localeOf(chat: ZaloChatRef): Promise<string> {
    const person = await this.options.store.db.person.findUnique({ where: { zaloUserId: String(chat.bridgedId) }, select: { locale: true } });
    return person?.locale ?? "vi";
  }
}

/**
 * The chat's state after a new message. Its options become the ones a reply answers. A
 * message without options leaves the last list in place (whether a reply may still
 * answer it is decided on arrival: src/zalo/incoming.ts), unless it removes a reply
 * keyboard or stands for an edit of the list's own message.
 */
export function afterSend(state: ChatState, messageId: number, text: string, markup: Markup, replaces?: number): ChatState {
  const recent = [...state.recent.map((r) => (r.id === replaces ? { id: r.id, text } : r)), { id: messageId, text }];
  const base = { recent, lastBotMessageId: messageId };
  if (markup.choices.length > 0) {
    return { ...base, pending: { messageId, text, kind: markup.kind === "reply" ? "reply" : "inline", choices: markup.choices } };
  }
  const endsPending = markup.kind === "remove" || (replaces !== undefined && state.pending?.messageId === replaces);
  return { ...base, pending: endsPending ? undefined : state.pending };
}

/** The state after an edit that sent nothing new: that message's options change or end. */
export function afterEdit(state: ChatState, messageId: number, text: string, markup: Markup): ChatState {
  const recent = state.recent.map((r) => (r.id === messageId ? { id: r.id, text } : r));
  if (state.pending?.messageId !== messageId) return { ...state, recent };
  if (markup.choices.length === 0) return { ...state, recent, pending: undefined };
  return { ...state, recent, pending: { ...state.pending, text, choices: markup.choices } };
}
