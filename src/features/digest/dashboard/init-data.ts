// Telegram Mini App launch data (initData): a query string Telegram signs with a key
// derived from the bot's token. The dashboard trusts a user id only from data whose
// signature matches one of the deployment's bots and that is recent.
// https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app
import { createHmac, timingSafeEqual } from "node:crypto";

/** Launch data older than this is refused: a copied link must not open the dashboard for days. */
export const INIT_DATA_MAX_AGE_SECONDS = 24 * 3600;

export interface MiniAppUser {
  id: number;
  firstName: string;
  languageCode?: string;
}

export type InitDataCheck =
  | { ok: true; user: MiniAppUser; botToken: string }
  | { ok: false; problem: "missing" | "forged" | "stale" };

/** The hex signature Telegram puts in `hash` for these fields, with this bot's token. */
export function initDataHash(fields: [string, string][], botToken: string): string {
  const dataCheckString = fields
    .filter(([key]) => key !== "hash")
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join("\n");
  const secretKey = createHmac("sha256", "WebAppData").update(botToken).digest();
  return createHmac("sha256", secretKey).update(dataCheckString).digest("hex");
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

function userOf(json: string | null): MiniAppUser | undefined {
  if (!json) return undefined;
  try {
    const user = JSON.parse(json) as { id?: unknown; first_name?: unknown; language_code?: unknown };
    if (!Number.isSafeInteger(user.id)) return undefined;
    return {
      id: user.id as number,
      firstName: typeof user.first_name === "string" ? user.first_name : "",
      languageCode: typeof user.language_code === "string" ? user.language_code : undefined,
    };
  } catch {
    return undefined;
  }
}

/**
 * Checks launch data against each bot's token (a deployment may run one bot per
 * province): signed by one of them, at most maxAgeSeconds old, with a user.
 */
export function checkInitData(initData: string | undefined, botTokens: string[], now: Date, maxAgeSeconds = INIT_DATA_MAX_AGE_SECONDS): InitDataCheck {
  if (!initData) return { ok: false, problem: "missing" };
  const params = new URLSearchParams(initData);
  const hash = params.get("hash");
  if (!hash) return { ok: false, problem: "missing" };
  const fields = [...params.entries()];
  const botToken = botTokens.find((token) => sameHex(initDataHash(fields, token), hash));
  const user = userOf(params.get("user"));
  if (!botToken || !user) return { ok: false, problem: "forged" };
  const authDate = Number(params.get("auth_date"));
  const age = now.getTime() / 1000 - authDate;
  // A date in the future beyond a minute of clock skew is as suspect as an old one.
  if (!Number.isFinite(authDate) || age > maxAgeSeconds || age < -60) return { ok: false, problem: "stale" };
  return { ok: true, user, botToken };
}

/** Launch data as Telegram would give it to this bot's Mini App (tests, and the demo's browser link). */
export function signInitData(fields: Record<string, string>, botToken: string): string {
  const entries = Object.entries(fields);
  return new URLSearchParams([...entries, ["hash", initDataHash(entries, botToken)]]).toString();
}
