// One pino logger for the process; secrets never go into it.
import pino from "pino";
import { scrub, withoutPassword } from "./lib/secrets.js";

export type Logger = pino.Logger;

/** Keys whose values are secrets, at the top of a log event or one level down (config.BOT_TOKEN). */
const SECRET_KEYS = [
  "token",
  "BOT_TOKEN",
  "ZALO_BOT_TOKEN",
  "CHIBO_SECRET",
  "WEBHOOK_SECRET",
  "ZALO_WEBHOOK_SECRET",
  "METRICS_TOKEN",
  "secret",
  "secretToken",
  "secret_token",
  "password",
  "DATABASE_URL",
  "databaseUrl",
  "connectionString",
];
const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`]);
const DATABASE_URL_KEYS = new Set(["DATABASE_URL", "databaseUrl", "connectionString"]);

/**
 * A database URL keeps its host and database (useful when a connection fails) and
 * loses its password; every other secret is replaced whole.
 */
function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1];
  if (typeof value === "string" && DATABASE_URL_KEYS.has(key)) return withoutPassword(value);
  return "[secret]";
}


export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  // Redaction by key catches secret fields; scrub catches secrets inside any text (an
  // error message holding the Bot API URL), on the line as it is written.
  return pino(
    { level, base: undefined, redact: { paths: REDACTED_PATHS, censor }, hooks: { streamWrite: scrub } },
    destination ?? pino.destination(2),
  );
}

/**
 * For a loop that fails on every turn while something it needs is down (the database):
 * the first failure is logged, then one reminder a minute while it lasts, and the
 * recovery once, instead of a line per turn.
 */
export function failureStreak(logger: Logger, message: string, repeatMs = 60_000) {
  let failures = 0;
  let loggedAt = 0;
  return {
    failed(error: unknown) {
      failures += 1;
      const now = performance.now();
      if (failures > 1 && now - loggedAt < repeatMs) return;
      loggedAt = now;
      logger.error({ err: error, failures }, message);
    },
    succeeded() {
      if (failures > 0) logger.info({ failures }, `${message}; working again`);
      failures = 0;
    },
  };
}
