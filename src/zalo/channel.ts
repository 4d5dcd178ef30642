// Zalo as a second channel of the same bot: a grammY Bot built by the same createBot()
// as Telegram's (every feature and conversation shared), whose API calls go to Zalo
// (src/zalo/outgoing.ts) and whose updates come from Zalo (src/zalo/incoming.ts), by
// long polling or by webhook (src/server/http.ts).
import { timingSafeEqual } from "node:crypto";
import type { Api } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { createBot, type CreatedBot } from "../bot/create-bot.js";
import type { BotDeps } from "../bot/context.js";
import { ZALO_ID_BASE } from "../bot/channels.js";
import { ZaloApi, updateOfWebhookBody, type ZaloBotInfo } from "./api.js";
import { ZaloOutgoing, type FileLinks } from "./outgoing.js";
import { ZaloReceiver } from "./incoming.js";
import { ZaloStore } from "./store.js";
import { startZaloPolling } from "./polling.js";

export const DEFAULT_ZALO_API_ROOT = "https://bot-api.zaloplatforms.com";
export const DEFAULT_ZALO_WEBHOOK_PATH = "/zalo/webhook";

export type ZaloTokenCheck =
  | { ok: true; info: ZaloBotInfo }
  | { ok: false; problem: "rejected" | "unreachable"; detail: string };

export async function checkZaloToken(token: string, apiRoot: string): Promise<ZaloTokenCheck> {
  try {
    const answer = await new ZaloApi(token, apiRoot, 15_000).getMe();
    if (answer.ok && answer.result) return { ok: true, info: answer.result };
    return { ok: false, problem: "rejected", detail: `${answer.error_code ?? ""} ${answer.description ?? ""}`.trim() };
  } catch (error) {
    return { ok: false, problem: "unreachable", detail: error instanceof Error ? error.message : String(error) };
  }
}

/** The link a member opens to chat with the bot (ZALO_BOT_LINK wins when set). */
export function zaloBotLink(info: ZaloBotInfo, configured?: string): string {
  return configured ?? `https://zalo.me/${info.id}`;
}

/** The Zalo bot as the features see it: a Telegram-shaped bot user with id 2^52. */
export function zaloBotUser(info: ZaloBotInfo): UserFromGetMe {
  const name = info.account_name ?? "zalo_bot";
  return {
    id: ZALO_ID_BASE,
    is_bot: true,
    first_name: name,
    username: name,
    can_join_groups: info.can_join_groups ?? false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  } as UserFromGetMe;
}

export interface ZaloChannelOptions {
  token: string;
  apiRoot: string;
  info: ZaloBotInfo;
  deps: BotDeps;
  concurrency: number;
  /** Where documents and charts are fetched from; without it they cannot be sent. */
  files?: FileLinks;
  /** The Telegram bot's Api when both run in one process. */
  telegram?: () => Api | undefined;
}

export interface ZaloChannel {
  created: CreatedBot;
  api: ZaloApi;
  store: ZaloStore;
  outgoing: ZaloOutgoing;
  receiver: ZaloReceiver;
}

export function createZaloChannel(options: ZaloChannelOptions): ZaloChannel {
  const { deps } = options;
  const api = new ZaloApi(options.token, options.apiRoot);
  const me = zaloBotUser(options.info);
  const store = new ZaloStore(deps.db);
  // The adapter needs the bot's translations, the bot needs the adapter as its fetch.
  let created: CreatedBot | undefined;
  const outgoing = new ZaloOutgoing({
    store,
    api,
    logger: deps.logger,
    now: deps.now,
    translate: (locale, key, vars) => created!.translate(locale, key, vars),
    me,
    files: options.files,
    telegram: options.telegram,
  });
  // Every call, from handlers and from inside conversations, goes through this fetch.
  created = createBot(options.token, deps, { botInfo: me, client: { apiRoot: "http://zalo.invalid", fetch: outgoing.fetch as never } });
  const receiver = new ZaloReceiver({ created, store, outgoing, logger: deps.logger, now: deps.now, concurrency: options.concurrency });
  return { created, api, store, outgoing, receiver };
}

export interface ZaloWebhook {
  path: string;
  secret: string;
  receiver: Pick<ZaloReceiver, "accept">;
}

/** Zalo sends the webhook's secret in this header; anything else is refused with 401. */
export function webhookSecretMatches(secret: string, header: string | string[] | undefined): boolean {
  const given = Buffer.from(typeof header === "string" ? header : "");
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Handles one webhook body: the update is handled before Zalo gets its answer. */
export async function acceptWebhookBody(webhook: ZaloWebhook, body: unknown): Promise<"accepted" | "no_update"> {
  const update = updateOfWebhookBody(body);
  if (!update) return "no_update";
  await webhook.receiver.accept(update);
  return "accepted";
}

export type ZaloUpdatesMode = { kind: "polling"; timeoutSeconds?: number } | { kind: "webhook"; url: string; secret: string };

export interface ZaloUpdates {
  stop(): Promise<void>;
  /** Settles when updates stop coming: after stop(), or when Zalo refuses the token. */
  ended: Promise<void>;
}

/**
 * Starts taking updates: long polling, or a webhook Zalo posts to (the HTTP server must
 * already serve the path, see src/server/http.ts).
 */
export async function startZaloUpdates(channel: ZaloChannel, mode: ZaloUpdatesMode, logger: BotDeps["logger"]): Promise<ZaloUpdates> {
  if (mode.kind === "polling") {
    return startZaloPolling(channel.api, channel.receiver, { logger, timeoutSeconds: mode.timeoutSeconds });
  }
  const set = await channel.api.setWebhook(mode.url, mode.secret);
  if (!set.ok) throw new Error(`Zalo refused the webhook: ${set.error_code ?? ""} ${set.description ?? ""}`.trim());
  let stopped: () => void = () => {};
  const ended = new Promise<void>((resolve) => (stopped = resolve));
  return {
    async stop() {
      // The webhook stays set: Zalo keeps its updates for the next start.
      await channel.receiver.idle();
      stopped();
    },
    ended,
  };
}
