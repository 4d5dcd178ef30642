// A small client for Zalo's Bot API (https://bot-api.zaloplatforms.com/bot<TOKEN>/<method>):
// JSON POST in, an envelope { ok, result, error_code, description } out. The shapes are
// the documented ones; nothing here knows about Telegram.

export interface ZaloEnvelope<T = unknown> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
}

export interface ZaloMessage {
  message_id: string;
  from: { id: string; display_name?: string; is_bot?: boolean };
  chat: { id: string; chat_type?: "PRIVATE" | "GROUP" | string };
  /** Milliseconds since the epoch (Telegram uses seconds). */
  date: number;
  text?: string;
  /** An image message: the image's URL. */
  photo?: string;
  caption?: string;
  sticker?: string;
  url?: string;
}

export interface ZaloUpdate {
  event_name: string;
  message?: ZaloMessage;
}

export interface ZaloBotInfo {
  id: string;
  account_name?: string;
  account_type?: string;
  can_join_groups?: boolean;
}

export interface ZaloSent {
  message_id: string;
  date: number;
}

export const ZALO_TEXT_LIMIT = 2000;
/** getUpdates answers this when no update came before its timeout. */
export const ZALO_NO_UPDATE = 408;

export class ZaloApi {
  private readonly base: string;

  constructor(
    token: string,
    apiRoot: string,
    private readonly timeoutMs = 30_000,
  ) {
    this.base = `${apiRoot.replace(/\/$/, "")}/bot${token}`;
  }

  /**
   * Calls a method. Zalo's refusals come back as an envelope with ok: false; network
   * failures and timeouts throw (the URL, which holds the token, is never in the error).
   */
  async call<T>(method: string, params: Record<string, unknown> = {}, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ZaloEnvelope<T>> {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    let response: Response;
    try {
      response = await fetch(`${this.base}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(params),
        signal,
      });
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error(`Zalo ${method} failed: ${reason}`);
    }
    // A body that is not JSON (a proxy's error page) is reported below, with the status.
    const body = (await response.json().catch(() => undefined)) as ZaloEnvelope<T> | undefined;
    if (body && typeof body.ok === "boolean") return body;
    return { ok: false, error_code: response.status, description: `HTTP ${response.status} without a Zalo envelope` };
  }

  getMe() {
    return this.call<ZaloBotInfo>("getMe");
  }

  /** One update, or error_code 408 when none came within `timeoutSeconds`. */
  getUpdates(timeoutSeconds: number, signal?: AbortSignal) {
    return this.call<ZaloUpdate>("getUpdates", { timeout: String(timeoutSeconds) }, { timeoutMs: (timeoutSeconds + 10) * 1000, signal });
  }

  setWebhook(url: string, secretToken: string) {
    return this.call<{ url: string }>("setWebhook", { url, secret_token: secretToken });
  }

  deleteWebhook() {
    return this.call<{ url: string }>("deleteWebhook");
  }

  sendMessage(chatId: string, text: string, signal?: AbortSignal) {
    return this.call<ZaloSent>("sendMessage", { chat_id: chatId, text }, { signal });
  }

  sendPhoto(chatId: string, photoUrl: string, caption: string | undefined, signal?: AbortSignal) {
    return this.call<ZaloSent>("sendPhoto", { chat_id: chatId, photo: photoUrl, ...(caption ? { caption } : {}) }, { signal });
  }

  sendChatAction(chatId: string, action: "typing" | "upload_photo") {
    return this.call<boolean>("sendChatAction", { chat_id: chatId, action });
  }
}

/** The update inside a webhook body: documented as { ok, result: update }, seen bare too. */
export function updateOfWebhookBody(body: unknown): ZaloUpdate | undefined {
  if (!body || typeof body !== "object") return undefined;
  const wrapped = (body as { result?: unknown }).result;
  const update = (wrapped && typeof wrapped === "object" ? wrapped : body) as Partial<ZaloUpdate>;
  return typeof update.event_name === "string" ? (update as ZaloUpdate) : undefined;
}
