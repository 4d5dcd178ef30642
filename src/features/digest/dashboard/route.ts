// The dashboard on chibo's HTTP server: the page and its assets under /app/, and its data
// at /app/api/view. Who asks is proven by Telegram's signed launch data (the Mini App,
// header X-Telegram-Init-Data) or by a signed, expiring link chibo gave them (Zalo, a
// browser: header X-Chibo-Link); they see only what /report shows them.
//   401  no proof, a forged one, or one too old
//   403  an organisation outside their subtree (or none to show)
//   404  an organisation that does not exist
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { IncomingHttpHeaders } from "node:http";
import type { Db } from "../../../db/client.js";
import type { HttpAnswer } from "../../feature.js";
import { canManage, reportScopes, type Position } from "../../../domain/access.js";
import { loadSpeaker } from "../../../bot/identity.js";
import { DEFAULT_LOCALE, localesDirectory, pickLocale, translate } from "../../../bot/i18n.js";
import { auditRead } from "../../../db/audit.js";
import { positionsOf } from "../../../org/access.js";
import { reportOrg } from "../data.js";
import { checkInitData } from "./init-data.js";
import { verifyDashboardToken } from "../../../server/signed-links.js";
import { dashboardView } from "./data.js";

export const DASHBOARD_PREFIX = "/app/";

export interface DashboardRequest {
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface DashboardDeps {
  db: Db;
  secret: string;
  now: () => Date;
  /** Every Telegram bot's token: launch data signed by any of them is accepted. */
  botTokens?: string[];
}

/** The page and its assets, read once: every byte the page needs comes from chibo. */
const ASSETS: Record<string, { type: string; file: string }> = {
  "/app/": { type: "text/html; charset=utf-8", file: "index.html" },
  "/app/app.js": { type: "text/javascript; charset=utf-8", file: "app.js" },
  "/app/app.css": { type: "text/css; charset=utf-8", file: "app.css" },
};
/**
 * The page runs only its own script and talks only to chibo: nothing injected into a
 * name could load or send anything elsewhere. (Inline style attributes draw the bars.)
 */
const PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";
const assetCache = new Map<string, Buffer>();
function asset(path: string): Buffer {
  let body = assetCache.get(path);
  if (!body) {
    body = gzipSync(readFileSync(new URL(`./web/${ASSETS[path].file}`, import.meta.url)));
    assetCache.set(path, body);
  }
  return body;
}

function json(status: number, value: unknown): HttpAnswer {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "content-encoding": "gzip", "cache-control": "private, no-store" },
    body: gzipSync(JSON.stringify(value)),
  };
}

/**
 * Every `dashboard-*` message and the variables it uses (in either language): Fluent
 * throws on a variable it is not given, so each is given as its own placeholder.
 */
const textKeys = (() => {
  let keys: Map<string, Record<string, string>> | undefined;
  return () => {
    if (keys) return keys;
    keys = new Map();
    for (const locale of ["vi", "en"]) {
      for (const [, key, body] of readFileSync(`${localesDirectory}/${locale}.ftl`, "utf8").matchAll(/^(dashboard-[\w-]+) =(.*(?:\n[ \t]+.*)*)/gm)) {
        const variables = keys.get(key) ?? {};
        for (const [, name] of body.matchAll(/\{\s*\$([\w-]+)\s*\}/g)) variables[name] = `{$${name}}`;
        keys.set(key, variables);
      }
    }
    return keys;
  };
})();
/** The dashboard's texts in one language: every `dashboard-*` message, placeholders kept as `{$name}`. */
function textsOf(locale: string): Record<string, string> {
  return Object.fromEntries([...textKeys()].map(([key, variables]) => [key, translate(locale, key, variables)]));
}

interface Viewer {
  personId: number;
  positions: Position[];
  locale: string;
  /** How they proved who they are, for the audit log. */
  via: "telegram" | "link";
}

/** The person behind the request, or why not: 401 for anything unproven. */
async function viewerOf(deps: DashboardDeps, headers: IncomingHttpHeaders): Promise<Viewer | undefined> {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const link = header("x-chibo-link");
  if (link) {
    const personId = verifyDashboardToken(deps.secret, link, deps.now());
    if (personId === undefined) return undefined;
    const person = await deps.db.person.findUnique({ where: { id: personId }, select: { locale: true } });
    if (!person) return undefined;
    return { personId, positions: await positionsOf(deps.db, personId), locale: pickLocale(person.locale, undefined), via: "link" };
  }
  const check = checkInitData(header("x-telegram-init-data"), deps.botTokens ?? [], deps.now());
  if (!check.ok) return undefined;
  const { speaker, positions } = await loadSpeaker(deps.db, String(check.user.id));
  if (!speaker) return undefined;
  return { personId: speaker.id, positions, locale: pickLocale(speaker.locale, check.user.languageCode), via: "telegram" };
}

/** GET /app/api/view?org=<id>[&lang=vi|en]: the view of that organisation (of the viewer's highest, without org). */
async function view(deps: DashboardDeps, request: DashboardRequest): Promise<HttpAnswer> {
  const viewer = await viewerOf(deps, request.headers);
  if (!viewer) return json(401, { error: "unauthorized" });
  const asked = request.query.get("org");
  const orgId = asked === null ? reportScopes(viewer.positions)[0]?.orgId : Number(asked);
  if (orgId === undefined) return json(403, { error: "forbidden" });
  if (!Number.isSafeInteger(orgId)) return json(404, { error: "not found" });
  const org = await reportOrg(deps.db, { id: orgId });
  if (!org) return json(404, { error: "not found" });
  if (!canManage(viewer.positions, org)) return json(403, { error: "forbidden" });
  const now = deps.now();
  const data = await dashboardView(deps.db, org, now);
  const locale = chosenLocale(request.query) ?? viewer.locale;
  await auditRead(deps.db, `person:${viewer.personId}`, "dashboard", { org: org.code, via: viewer.via }, now);
  return json(200, { locale, texts: textsOf(locale), canGoUp: data.parent !== null && canManage(viewer.positions, { id: data.parent.id, path: parentPath(org.path) }), view: data });
}

/** "/1/4/9/" → "/1/4/". */
function parentPath(path: string): string {
  return path.replace(/[^/]+\/$/, "");
}

function chosenLocale(query: URLSearchParams): "vi" | "en" | undefined {
  const lang = query.get("lang");
  return lang === "vi" || lang === "en" ? lang : undefined;
}

export async function serveDashboard(path: string, deps: DashboardDeps, request: DashboardRequest): Promise<HttpAnswer | undefined> {
  if (path === "/app/api/view") return view(deps, request);
  // The texts alone, for the page to say why a view was refused (they are no secret).
  if (path === "/app/api/texts") {
    const locale = chosenLocale(request.query) ?? DEFAULT_LOCALE;
    return json(200, { locale, texts: textsOf(locale) });
  }
  if (path === "/app") return { status: 301, headers: { location: "/app/" }, body: "" };
  if (!(path in ASSETS)) return undefined;
  return {
    status: 200,
    headers: { "content-type": ASSETS[path].type, "content-encoding": "gzip", "cache-control": "no-cache", "content-security-policy": PAGE_POLICY },
    body: asset(path),
  };
}
