// One outbox row's payload as one Bot API call (sendMessage, sendDocument, sendPhoto),
// its result as an Outcome. The Api is the messenger's: Telegram's, or Zalo's behind
// the same shape (src/zalo/outgoing.ts).
import { InputFile, type Api } from "grammy";
import type { ForceReply, InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from "grammy/types";
import type { OutboxPayload } from "./outbox.js";
import { classifyError, type Outcome } from "./outcomes.js";

type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;
// grammY's Node typings name the abort-controller package's AbortSignal; the native one works.
type Signal = Parameters<Api["sendMessage"]>[3];

/**
 * Sends one row's payload to its chat; never throws. Each call is aborted after timeoutMs.
 * paidBroadcast: sent with Telegram's allow_paid_broadcast (paid-broadcast.ts).
 */
export async function deliver(api: Api, row: { chatId: string; payload: string }, timeoutMs: number, paidBroadcast = false): Promise<Outcome> {
  let payload: OutboxPayload;
  try {
    payload = JSON.parse(row.payload) as OutboxPayload;
  } catch {
    return { kind: "failed", error: "payload is not valid JSON" };
  }
  const signal = AbortSignal.timeout(timeoutMs) as unknown as Signal;
  try {
    const messageId = await send(api, row.chatId, payload, signal, paidBroadcast ? { allow_paid_broadcast: true } : {});
    return { kind: "sent", messageId };
  } catch (error) {
    return classifyError(error);
  }
}

/** The call the payload asks for; its message id. */
async function send(api: Api, chatId: string, payload: OutboxPayload, signal: Signal, paid: { allow_paid_broadcast?: true }): Promise<number> {
  // The payload holds Telegram's reply_markup JSON as given by the caller.
  const replyMarkup = (payload.replyMarkup ?? undefined) as ReplyMarkup | undefined;
  // An empty text is no caption.
  const caption = (own: string | undefined) => own ?? (payload.text ? payload.text : undefined);
  if (payload.document) {
    const { filename, contentBase64, fileId } = payload.document;
    // A file already on Telegram (a secretary's upload) is sent again by its id.
    const file = fileId ?? new InputFile(Buffer.from(contentBase64 ?? "", "base64"), filename);
    const options = { caption: caption(payload.document.caption), reply_markup: replyMarkup, ...paid };
    return (await api.sendDocument(chatId, file, options, signal)).message_id;
  }
  if (payload.photo) {
    const { filename, contentBase64 } = payload.photo;
    const photo = new InputFile(Buffer.from(contentBase64, "base64"), filename);
    const options = { caption: caption(payload.photo.caption), reply_markup: replyMarkup, ...paid };
    return (await api.sendPhoto(chatId, photo, options, signal)).message_id;
  }
  return (await api.sendMessage(chatId, payload.text, { reply_markup: replyMarkup, ...paid }, signal)).message_id;
}
