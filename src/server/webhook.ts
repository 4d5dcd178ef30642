// Telegram's webhook (BOT_MODE=webhook), served on the HTTP server at WEBHOOK_URL's path.
// Telegram redelivers an update until it gets a 2xx, so the status says what happened:
//   401  no or wrong X-Telegram-Bot-Api-Secret-Token (nothing is handled)
//   405  not a POST · 413 body over the limit · 400 not an update
//   503  shutting down, or the database is unreachable: Telegram tries again later
//        (dedupe.ts releases the id of an update the outage cut short: nothing is lost)
//   200  handled, including an update whose handler failed for an ordinary reason: the
//        user was already told to try again, and a redelivery would only fail again
import type { IncomingMessage, ServerResponse } from "node:http";
import { API_CONSTANTS, BotError } from "grammy";
import type { Update } from "grammy/types";
import type { CreatedBot } from "../bot/create-bot.js";
import { databaseReachable, type Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import { webhookSecretMatches } from "../zalo/channel.js";

/** An update is one small JSON object; anything larger is not from Telegram. */
export const MAX_UPDATE_BYTES = 1_048_576;

export interface TelegramWebhook {
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** False once draining has begun: the instance is no longer ready for updates. */
  accepting(): boolean;
  /** Refuses new updates (503) and resolves once the updates in hand are finished. */
  drain(): Promise<void>;
}

export interface WebhookOptions {
  path: string;
  secret: string;
  db: Db;
  logger: Logger;
  maxBodyBytes?: number;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (Number(req.headers["content-length"] ?? 0) > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseUpdate(body: Buffer): Update | undefined {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as unknown;
    const updateId = (parsed as { update_id?: unknown } | null)?.update_id;
    return Number.isSafeInteger(updateId) ? (parsed as Update) : undefined;
  } catch {
    return undefined;
  }
}

function answer(res: ServerResponse, status: number, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "text/plain", ...headers }).end(status === 200 ? "ok" : "");
}

export function telegramWebhook(created: CreatedBot, options: WebhookOptions): TelegramWebhook {
  const { bot } = created;
  const { logger, db } = options;
  const limit = options.maxBodyBytes ?? MAX_UPDATE_BYTES;
  let accepting = true;
  let inHand = 0;

  // bot.handleUpdate throws a handler's error (as a BotError) instead of calling the
  // error handler: polling calls it, here it is called for ordinary failures only.
  async function handleUpdate(update: Update): Promise<number> {
    try {
      await bot.handleUpdate(update);
      return 200;
    } catch (error) {
      if (!(await databaseReachable(db))) {
        // No "try again" to the user: Telegram redelivers this update once we answer 503.
        // One short line per refused delivery; the outage itself is logged by the loops.
        const cause = error instanceof BotError ? error.error : error;
        logger.warn({ update_id: update.update_id, cause: cause instanceof Error ? cause.message.trim().split("\n").at(-1) : String(cause) }, "database unreachable; Telegram will redeliver");
        return 503;
      }
      try {
        // Anything but a handler's error (grammY itself failing) is not the user's to hear of.
        if (!(error instanceof BotError)) throw error;
        await bot.errorHandler(error);
        return 200;
      } catch (unhandled) {
        logger.error({ err: unhandled, update_id: update.update_id }, "webhook update failed");
        return 500;
      }
    }
  }

  return {
    path: options.path,
    accepting: () => accepting,
    async handle(req, res) {
      if (req.method !== "POST") return answer(res, 405, { allow: "POST" });
      if (!accepting) return answer(res, 503, { "retry-after": "5" });
      if (!webhookSecretMatches(options.secret, req.headers["x-telegram-bot-api-secret-token"])) {
        logger.warn({ path: options.path }, "telegram webhook without the right secret");
        return answer(res, 401);
      }
      // An update is in hand once its body is here: a body that never ends (a slow or
      // hostile client) must not hold up a shutdown. The server's request timeout and
      // the bounded close (http.ts) end such a request.
      let body: Buffer;
      try {
        body = await readBody(req, limit);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          answer(res, 413, { connection: "close" });
          // The rest is discarded so the client reads the answer; the connection then closes.
          req.resume();
          return;
        }
        throw error;
      }
      if (!accepting) return answer(res, 503, { "retry-after": "5" });
      inHand++;
      try {
        const update = parseUpdate(body);
        if (!update) return answer(res, 400);
        answer(res, await handleUpdate(update));
      } finally {
        inHand--;
      }
    },
    async drain() {
      accepting = false;
      // The updates in hand finish and get their answer; nothing is cut off half-way.
      while (inHand > 0 || created.inFlight() > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}

export interface WebhookUpdates {
  /** Refuses new updates, finishes those in hand; resolves when done. */
  stop(): Promise<void>;
  /** Settles after stop(). */
  ended: Promise<void>;
}

export interface WebhookRegistration {
  url: string;
  secret: string;
  concurrency: number;
}

/**
 * Tells Telegram where to post (with the secret it must send back) and returns the
 * handle `chibo start` stops on SIGTERM. Pending updates are kept: they arrive next.
 */
export async function startWebhook(created: CreatedBot, webhook: TelegramWebhook, registration: WebhookRegistration): Promise<WebhookUpdates> {
  await created.bot.api.setWebhook(registration.url, {
    secret_token: registration.secret,
    allowed_updates: [...API_CONSTANTS.DEFAULT_UPDATE_TYPES],
    drop_pending_updates: false,
    // Telegram allows 1 to 100 connections at once; each carries one update.
    max_connections: Math.min(100, registration.concurrency),
  });
  let finished: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (finished = resolve));
  return {
    async stop() {
      await webhook.drain();
      finished();
    },
    ended,
  };
}

export { webhookPath } from "../config.js";
