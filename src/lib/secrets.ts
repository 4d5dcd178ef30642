// Secrets never leave the process. Redacting log fields by key (logger.ts) misses a
// secret inside a text: a network error's message holds the Bot API URL, and so the
// token. So every line that is logged, printed or stored as an error goes through
// scrub(), which replaces the secret values this process knows, and any Bot API path
// (/bot<token>/), whatever the error.

/** The environment variables whose values are secrets. */
export const SECRET_ENV = ["BOT_TOKEN", "ZALO_BOT_TOKEN", "WEBHOOK_SECRET", "ZALO_WEBHOOK_SECRET", "CHIBO_SECRET", "METRICS_TOKEN"] as const;

const REPLACEMENT = "[secret]";
/** Shorter values are not secrets worth the name, and would match ordinary text. */
const MIN_LENGTH = 6;
/** A Bot API method URL's path carries the token: /bot<id>:<token>/ (Telegram) or /bot<token>/ (Zalo). */
const BOT_PATH = /\/bot[0-9]+:[A-Za-z0-9_-]+|\/bot[A-Za-z0-9:_-]{16,}(?=\/)/g;

const known = new Set<string>();
/** Each value in the forms it can take in text: as is, URL-encoded, inside a JSON string. */
let forms: string[] = [];

/** Adds secrets (config values, a database password) to those scrubbed from now on. */
export function rememberSecrets(values: Iterable<string | null | undefined>): void {
  for (const value of values) {
    if (typeof value !== "string" || value.length < MIN_LENGTH || known.has(value)) continue;
    known.add(value);
  }
  forms = [...new Set([...known].flatMap((v) => [v, encodeURIComponent(v), JSON.stringify(v).slice(1, -1)]))]
    // Longest first: a secret containing another is replaced whole.
    .sort((a, b) => b.length - a.length);
}

/** The secrets of an environment (the CLI's), and the password of its DATABASE_URL. */
export function secretsOfEnv(env: Record<string, string | undefined>): string[] {
  const values = SECRET_ENV.map((key) => env[key]).filter((v): v is string => Boolean(v));
  const password = passwordOf(env.DATABASE_URL);
  return password ? [...values, password] : values;
}

/** A database URL that keeps its host and database (useful when a connection fails) and loses its password. */
export function withoutPassword(url: string): string {
  if (url.startsWith("file:")) return url;
  try {
    const parsed = new URL(url);
    for (const key of [...parsed.searchParams.keys()]) if (/pass|secret|key/i.test(key)) parsed.searchParams.set(key, "secret");
    const auth = parsed.username ? `${parsed.username}${parsed.password ? ":[secret]" : ""}@` : "";
    return `${parsed.protocol}//${auth}${parsed.host}${parsed.pathname}${parsed.search}`;
  } catch {
    return "[secret]";
  }
}

function passwordOf(url: string | undefined): string | undefined {
  if (!url || url.startsWith("file:")) return undefined;
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}

/** The text with every known secret and Bot API token path replaced by "[secret]". */
export function scrub(text: string): string {
  let out = text.replace(BOT_PATH, `/bot${REPLACEMENT}`);
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REPLACEMENT);
  return out;
}
