// The HTTP server (node:http): health and readiness, metrics, the features' routes
// (calendar feeds, signed file links), files kept for Zalo chats, and the webhooks.
// Started by `chibo start` only when HTTP_PORT (or PORT) is set.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { gunzipSync } from "node:zlib";
import type { HttpAnswer } from "../features/feature.js";
import { databaseReachable, type Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import { FEATURES } from "../features/index.js";
import { verifySharedFilePath } from "./signed-links.js";
import { sharedFile } from "../zalo/store.js";
import { acceptWebhookBody, webhookSecretMatches, type ZaloWebhook } from "../zalo/channel.js";
import type { TelegramWebhook } from "./webhook.js";
import type { Metrics } from "../metrics.js";

export interface HttpDeps {
  db: Db;
  logger: Logger;
  secret: string;
  now: () => Date;
  /** Zalo's updates arrive here when ZALO_WEBHOOK_SECRET is set. */
  zaloWebhook?: ZaloWebhook;
  /** Telegram's updates arrive here when BOT_MODE=webhook (src/server/webhook.ts). */
  /** Telegram's webhooks, one per bot, each on its own path. */
  telegramWebhooks?: TelegramWebhook[];
  /** GET /metrics (src/metrics.ts); 404 when absent. */
  metrics?: Metrics;
  /** METRICS_TOKEN: /metrics then asks for `Authorization: Bearer <token>`; open when absent. */
  metricsToken?: string;
  /** Every Telegram bot's token, for the routes that check a Mini App's launch data (features/digest/dashboard). */
  botTokens?: string[];
}

/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time. */
function bearerMatches(token: string, header: string | undefined): boolean {
  const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(header ?? "")?.[1]?.trim() ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The features' GET routes (features/feature.ts). */
const ROUTES = FEATURES.flatMap((feature) => feature.routes ?? []);

/** A webhook body is one small JSON update. */
const MAX_BODY_BYTES = 1_048_576;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RangeError("body too large");
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

/** Zalo's webhook: 401 without the secret header, 400 for a body that is not JSON. */
async function zaloWebhook(deps: HttpDeps, webhook: ZaloWebhook, req: IncomingMessage, res: import("node:http").ServerResponse) {
  if (!webhookSecretMatches(webhook.secret, req.headers["x-bot-api-secret-token"])) {
    deps.logger.warn({ path: webhook.path }, "zalo webhook without the right secret");
    res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ message: "Unauthorized" }));
    return;
  }
  let body: unknown;
  try {
    body = await readJson(req);
  } catch {
    res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ message: "Bad Request" }));
    return;
  }
  await acceptWebhookBody(webhook, body);
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ message: "Success" }));
}

/**
 * Idle keep-alive connections stay open longer than a reverse proxy's (nginx: 60 s):
 * with Node's default of 5 s the server may close one just as the proxy reuses it,
 * and that request fails with a reset (a 502 for Telegram, which then redelivers).
 */
const KEEP_ALIVE_MS = 65_000;

export function createHttpServer(deps: HttpDeps): Server {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    try {
      if (deps.zaloWebhook && path === deps.zaloWebhook.path && req.method === "POST") {
        await zaloWebhook(deps, deps.zaloWebhook, req, res);
        return;
      }
      const telegramWebhook = deps.telegramWebhooks?.find((webhook) => webhook.path === path);
      if (telegramWebhook) {
        await telegramWebhook.handle(req, res);
        return;
      }
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD" }).end();
        return;
      }
      if (path === "/healthz") {
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        return;
      }
      if (path === "/readyz") {
        // A draining instance is alive but takes no more updates: the proxy should route
        // around it. Not ready is an answer, not an error: probes come every few seconds
        // and an outage is logged once by the loops that need the database.
        const ready = (deps.telegramWebhooks ?? []).every((webhook) => webhook.accepting()) && (await databaseReachable(deps.db));
        res.writeHead(ready ? 200 : 503, { "content-type": "text/plain" }).end(ready ? "ready" : "unavailable");
        return;
      }
      if (path === "/metrics" && deps.metrics) {
        if (deps.metricsToken !== undefined && !bearerMatches(deps.metricsToken, req.headers.authorization)) {
          res.writeHead(401, { "content-type": "text/plain", "www-authenticate": "Bearer" }).end("unauthorized");
          return;
        }
        const { contentType, body } = await deps.metrics.scrape();
        res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" }).end(body);
        return;
      }
      const route = ROUTES.find((r) => path.startsWith(r.prefix));
      const answer = route ? await route.serve(path, deps, { query: url.searchParams, headers: req.headers }) : undefined;
      if (answer) {
        const { headers, body } = acceptedEncoding(answer, req.headers["accept-encoding"]);
        res.writeHead(answer.status, headers).end(body);
        return;
      }
      const fileId = path.startsWith("/files/shared/") ? verifySharedFilePath(deps.secret, path, deps.now()) : undefined;
      const file = fileId === undefined ? undefined : await sharedFile(deps.db, fileId, deps.now());
      if (file) {
        res
          .writeHead(200, {
            "content-type": file.contentType,
            // A chart opens in the browser; a document is downloaded under its own name.
            "content-disposition": `${file.contentType.startsWith("image/") ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
            "cache-control": "private, no-store",
          })
          .end(Buffer.from(file.content));
        return;
      }
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    } catch (error) {
      deps.logger.error({ err: error, path }, "http request failed");
      if (!res.headersSent) res.writeHead(503, { "content-type": "text/plain" }).end("unavailable");
    }
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Headers must be allowed to take longer than an idle connection lasts.
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  // A whole request (an update is one small JSON body) that takes longer is dropped.
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  return server;
}

/** A route's gzipped answer, unzipped for a client that does not take gzip (rare: every browser does). */
function acceptedEncoding(answer: HttpAnswer, acceptEncoding: string | undefined): Pick<HttpAnswer, "headers" | "body"> {
  if (answer.headers["content-encoding"] !== "gzip" || /\bgzip\b/.test(acceptEncoding ?? "")) return answer;
  const { "content-encoding": _gzip, ...headers } = answer.headers;
  return { headers, body: gunzipSync(answer.body) };
}

/** A request, body included, must arrive within this. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Closes the server on shutdown within a bound: idle keep-alive connections at once,
 * and after `graceMs` any request still coming in (a body that never ends).
 */
export function closeHttpServer(server: Server, graceMs = 5_000): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  cut.unref();
  return closed.finally(() => clearTimeout(cut));
}

export async function listen(server: Server, port: number, host = "0.0.0.0"): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as { port: number }).port;
}
