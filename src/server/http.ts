// The HTTP server (node:http): health and readiness, and the cells' calendar feeds.
// Started by `chibo start` only when HTTP_PORT is set.
import { createServer, type Server } from "node:http";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import { cellCalendar, verifyCalendarPath } from "../features/meetings/calendar-feed.js";
import { minutesDataOf } from "../features/records/minutes-data.js";
import { buildMinutesDocx } from "../features/records/minutes.js";
import { translate } from "../bot/i18n.js";
import { verifyMinutesPath } from "./signed-links.js";

export interface HttpDeps {
  db: Db;
  logger: Logger;
  secret: string;
  now: () => Date;
}

export function createHttpServer(deps: HttpDeps): Server {
  return createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD" }).end();
        return;
      }
      if (path === "/healthz") {
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        return;
      }
      if (path === "/readyz") {
        await deps.db.$queryRawUnsafe("SELECT 1");
        res.writeHead(200, { "content-type": "text/plain" }).end("ready");
        return;
      }
      const minutesId = path.startsWith("/files/minutes/") ? verifyMinutesPath(deps.secret, path, deps.now()) : undefined;
      if (minutesId !== undefined) {
        const data = await minutesDataOf(deps.db, minutesId, "vi");
        if (data) {
          const file = await buildMinutesDocx(data, "vi", translate);
          res
            .writeHead(200, {
              "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "content-disposition": `attachment; filename="bien-ban-${minutesId}.docx"`,
              "cache-control": "private, no-store",
            })
            .end(file);
          return;
        }
      }
      const orgId = path.startsWith("/calendar/") ? verifyCalendarPath(deps.secret, path) : undefined;
      const body = orgId === undefined ? undefined : await cellCalendar(deps.db, orgId, deps.now());
      if (body === undefined) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      res.writeHead(200, { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, max-age=300" }).end(body);
    } catch (error) {
      deps.logger.error({ err: error, path }, "http request failed");
      if (!res.headersSent) res.writeHead(503, { "content-type": "text/plain" }).end("unavailable");
    }
  });
}

export async function listen(server: Server, port: number, host = "0.0.0.0"): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as { port: number }).port;
}
