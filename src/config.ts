// The only reader of process.env: one zod schema, reported field by field when wrong.
import { readFileSync } from "node:fs";
import { z } from "zod";
import cron from "node-cron";
import { PAID_BROADCAST_MAX_PER_SECOND, type PaidBroadcast } from "./delivery/paid-broadcast.js";

const botToken = z
  .string()
  .regex(/^\d+:[A-Za-z0-9_-]+$/, "looks wrong: a token is digits, a colon, then letters (from @BotFather)");

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const rate = (max: number) => z.number().positive().max(max);

/** One bot of TELEGRAM_BOTS_FILE: a province's organisation, its token, and what differs from the defaults. */
const provinceBotSchema = z.strictObject({
  /** The province's organisation code (orgs.csv): it and everything below it speak through this bot. */
  org: z.string().trim().min(1),
  token: botToken,
  /** For `chibo invite` when Telegram cannot be asked (getMe says it otherwise). */
  username: z.string().trim().regex(/^@?[A-Za-z0-9_]{5,32}$/, "must be the bot's username, such as chibo_hanoi_bot").optional(),
  /** Where this bot's webhook is served (BOT_MODE=webhook); /telegram/<bot id> by default. */
  webhookPath: z.string().regex(/^\/[A-Za-z0-9/_-]*$/, "must be a path such as /telegram/hanoi").optional(),
  /** This bot's sending limits; TELEGRAM_PER_SECOND and the others when absent. */
  perSecond: rate(1000).optional(),
  perChatPerSecond: rate(100).optional(),
  perGroupPerMinute: rate(1000).optional(),
  /** Paid broadcasts for this bot, as TELEGRAM_PAID_BROADCAST_*: off unless both are set. */
  paidBroadcastPerSecond: z.number().min(0).max(PAID_BROADCAST_MAX_PER_SECOND).default(0),
  paidBroadcastStarsPerMonth: z.number().min(0).max(10_000_000).default(0),
});

export type ProvinceBot = z.infer<typeof provinceBotSchema>;

const provinceBotsSchema = z
  .array(provinceBotSchema)
  .min(1, "lists no bot")
  .superRefine((bots, ctx) => {
    const problem = (index: number, field: string, message: string) => ctx.addIssue({ code: "custom", path: [index, field], message });
    const seen = { org: new Set<string>(), bot: new Set<string>(), path: new Set<string>() };
    bots.forEach((bot, index) => {
      if (seen.org.has(bot.org)) problem(index, "org", `${bot.org} has two bots`);
      if (seen.bot.has(botIdOf(bot.token))) problem(index, "token", "is listed twice");
      const path = bot.webhookPath ?? defaultWebhookPath(bot.token);
      if (seen.path.has(path)) problem(index, "webhookPath", `${path} is used by another bot`);
      seen.org.add(bot.org);
      seen.bot.add(botIdOf(bot.token));
      seen.path.add(path);
      const paid = [bot.paidBroadcastPerSecond, bot.paidBroadcastStarsPerMonth];
      if (paid.some((value) => value > 0) && !paid.every((value) => value > 0)) {
        problem(index, "paidBroadcastStarsPerMonth", "paid broadcasts need both a rate and a monthly budget of Stars");
      }
    });
  });

/** Reads and checks TELEGRAM_BOTS_FILE; each problem is reported with the file's name. */
function readProvinceBots(file: string, ctx: z.RefinementCtx): ProvinceBot[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `${file} cannot be read as JSON (${error instanceof Error ? error.message : String(error)})` });
    return z.NEVER;
  }
  const parsed = provinceBotsSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: `${file}: ${issue.path.join(".") || "the list"} ${issue.message}` });
  return z.NEVER;
}

export const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .default("file:./data/chibo.db")
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), {
      message: "must start with file: (SQLite) or postgresql:// (PostgreSQL)",
    }),
  BOT_TOKEN: optionalText.pipe(botToken.optional()),
  /// A JSON file listing one Telegram bot per province (provinceBotsSchema): the province's
  /// organisations speak through it; BOT_TOKEN's bot keeps everything above and outside them.
  TELEGRAM_BOTS_FILE: optionalText.transform((file, ctx) => (file === undefined ? undefined : readProvinceBots(file, ctx))),
  /// The bots whose outbox this instance sends (comma-separated province codes of the
  /// bots file, "main" for BOT_TOKEN's bot); all when unset. A bot's rate limit is kept per
  /// process, so with several instances each bot's sender should run in one of them.
  SEND_FOR_BOTS: optionalText.transform((list) => list?.split(",").map((code) => code.trim()).filter(Boolean)),
  TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
  /// Used by `chibo invite` when no token is set (the link needs the bot's username).
  BOT_USERNAME: optionalText,
  DEFAULT_TIMEZONE: z.string().default("Asia/Ho_Chi_Minh"),
  /// Language of the operator CLI's messages.
  CHIBO_LANG: z.enum(["vi", "en"]).default("vi"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /// Minutes a guided conversation may wait for an answer before it is dropped.
  CONVERSATION_TIMEOUT_MINUTES: z.coerce.number().int().positive().default(30),
  /// Updates handled at the same time (from different chats; one chat's are always in order).
  BOT_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(16),
  /// Sending limits (Telegram's Bot FAQ: about 30 messages/s in bulk, 1/s per chat, 20/min per group).
  TELEGRAM_PER_SECOND: z.coerce.number().positive().max(1000).default(25),
  TELEGRAM_PER_CHAT_PER_SECOND: z.coerce.number().positive().max(100).default(1),
  TELEGRAM_PER_GROUP_PER_MINUTE: z.coerce.number().positive().max(1000).default(20),
  /// Paid broadcasts (allow_paid_broadcast, 0.1 Star a message from the bot's balance): bulk messages a second
  /// sent above TELEGRAM_PER_SECOND, and the Stars a month (UTC) they may cost. Off unless both are set.
  TELEGRAM_PAID_BROADCAST_PER_SECOND: z.coerce.number().min(0).max(PAID_BROADCAST_MAX_PER_SECOND).default(0),
  TELEGRAM_PAID_BROADCAST_STARS_PER_MONTH: z.coerce.number().min(0).max(10_000_000).default(0),
  /// Seconds a sender holds the outbox rows it claimed; after a crash, another process takes them over once it ends.
  SENDER_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  /// The HTTP server (health, calendar feeds) starts only when a port is set.
  HTTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /// How people reach that server, e.g. https://chibo.example.org (for links in chat).
  PUBLIC_URL: optionalText.pipe(z.url().optional()),
  /// Signs private links (calendar feeds); required with HTTP_PORT. At least 16 characters.
  CHIBO_SECRET: optionalText.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  /// With it, GET /metrics on the HTTP server asks for `Authorization: Bearer <token>` (401 otherwise); without it, /metrics is open.
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  /// Zalo Bot Platform (from Zalo Bot Creator); `start` serves Zalo when it is set.
  ZALO_BOT_TOKEN: optionalText,
  ZALO_API_ROOT: z.url().default("https://bot-api.zaloplatforms.com"),
  /// With it, Zalo delivers updates to PUBLIC_URL + ZALO_WEBHOOK_PATH (8 to 256 characters); without it, long polling.
  ZALO_WEBHOOK_SECRET: optionalText.pipe(z.string().min(8, "must be 8 to 256 characters").max(256, "must be 8 to 256 characters").optional()),
  ZALO_WEBHOOK_PATH: z.string().regex(/^\/[A-Za-z0-9/_-]*$/, "must be a path such as /zalo/webhook").default("/zalo/webhook"),
  /// The link `invite --zalo` prints; by default https://zalo.me/<the bot's id>.
  ZALO_BOT_LINK: optionalText.pipe(z.url().optional()),
  /// Zalo's limits are not published: conservative defaults.
  ZALO_PER_SECOND: z.coerce.number().positive().max(1000).default(5),
  ZALO_PER_CHAT_PER_SECOND: z.coerce.number().positive().max(100).default(1),
  /// How Telegram's updates arrive: long polling (one instance) or a webhook (several instances behind a proxy).
  BOT_MODE: z.enum(["polling", "webhook"]).default("polling"),
  /// Where Telegram posts updates in webhook mode; its path is served on the HTTP server.
  WEBHOOK_URL: optionalText.pipe(z.url().optional()),
  /// Telegram sends it in X-Telegram-Bot-Api-Secret-Token; requests without it get 401.
  WEBHOOK_SECRET: optionalText.pipe(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1 to 256 characters: letters, digits, _ and -").optional()),
  /// The HTTP server's port as hosting platforms name it; HTTP_PORT wins when both are set.
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /// When the scheduler ticks (node-cron, five fields or six with seconds first); every minute by default.
  TICK_SCHEDULE: z.string().trim().default("* * * * *").refine((expression) => cron.validate(expression), {
    message: 'must be a cron expression such as "* * * * *" (every minute)',
  }),
}).superRefine((config, ctx) => {
  if (config.BOT_MODE === "webhook") webhookProblems(config).forEach(([path, message]) => ctx.addIssue({ code: "custom", path: [path], message }));
  if (config.ZALO_WEBHOOK_SECRET && (httpPort(config) === undefined || !config.PUBLIC_URL)) {
    ctx.addIssue({ code: "custom", path: ["ZALO_WEBHOOK_SECRET"], message: "needs HTTP_PORT (or PORT) and PUBLIC_URL (Zalo posts updates to that server)" });
  }
  const paid = [config.TELEGRAM_PAID_BROADCAST_PER_SECOND, config.TELEGRAM_PAID_BROADCAST_STARS_PER_MONTH];
  if (paid.some((value) => value > 0) && !paid.every((value) => value > 0)) {
    ctx.addIssue({ code: "custom", path: ["TELEGRAM_PAID_BROADCAST_STARS_PER_MONTH"], message: "paid broadcasts need both a rate (TELEGRAM_PAID_BROADCAST_PER_SECOND) and a monthly budget of Stars" });
  }
  if (config.TELEGRAM_PER_SECOND + config.TELEGRAM_PAID_BROADCAST_PER_SECOND > PAID_BROADCAST_MAX_PER_SECOND) {
    ctx.addIssue({ code: "custom", path: ["TELEGRAM_PAID_BROADCAST_PER_SECOND"], message: `with TELEGRAM_PER_SECOND, at most ${PAID_BROADCAST_MAX_PER_SECOND} a second (Telegram's limit for paid broadcasts)` });
  }
  if (config.TELEGRAM_BOTS_FILE) provinceBotProblems(config).forEach((message) => ctx.addIssue({ code: "custom", path: ["TELEGRAM_BOTS_FILE"], message }));
  const sendable = new Set(["main", ...(config.TELEGRAM_BOTS_FILE ?? []).map((bot) => bot.org)]);
  for (const code of config.SEND_FOR_BOTS ?? []) {
    if (!sendable.has(code)) ctx.addIssue({ code: "custom", path: ["SEND_FOR_BOTS"], message: `${code} is not a bot here: "main" or a province of TELEGRAM_BOTS_FILE` });
  }
  if (httpPort(config) !== undefined && !config.CHIBO_SECRET) {
    ctx.addIssue({ code: "custom", path: ["CHIBO_SECRET"], message: "is required when HTTP_PORT (or PORT) is set (it signs private links)" });
  }
});

export type Config = z.infer<typeof configSchema>;

/** The HTTP server's port, if it is to start: HTTP_PORT, else PORT. */
export function httpPort(config: Pick<Config, "HTTP_PORT" | "PORT">): number | undefined {
  return config.HTTP_PORT ?? config.PORT;
}

/**
 * What the schema guarantees, narrowed by mode so callers need no `!`: each of these is
 * undefined when its mode is off and complete when it is on (loadConfig has refused a
 * configuration where it would be partial).
 */
function present<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new ConfigError([`${field}: missing (the configuration was not read by loadConfig)`]);
  return value;
}

/** The HTTP server (health, calendar feeds, files, webhooks) when a port is set; the secret is then required. */
export function httpServerConfig(config: Config): { port: number; secret: string } | undefined {
  const port = httpPort(config);
  return port === undefined ? undefined : { port, secret: present(config.CHIBO_SECRET, "CHIBO_SECRET") };
}

/** Links to the HTTP server given in chat (calendar feeds, minutes, Zalo's files): a server, and PUBLIC_URL to reach it. */
export function publicLinks(config: Config): { base: string; secret: string } | undefined {
  const server = httpServerConfig(config);
  if (!server || !config.PUBLIC_URL) return undefined;
  return { base: config.PUBLIC_URL.replace(/\/$/, ""), secret: server.secret };
}

/** BOT_MODE=webhook: where Telegram posts updates and the secret it sends; undefined in polling mode. */
export function telegramWebhookConfig(config: Config): { url: string; secret: string } | undefined {
  if (config.BOT_MODE !== "webhook") return undefined;
  return { url: present(config.WEBHOOK_URL, "WEBHOOK_URL"), secret: present(config.WEBHOOK_SECRET, "WEBHOOK_SECRET") };
}

/** With ZALO_WEBHOOK_SECRET, Zalo posts updates to PUBLIC_URL + ZALO_WEBHOOK_PATH; undefined with long polling. */
export function zaloWebhookConfig(config: Config): { url: string; path: string; secret: string } | undefined {
  if (!config.ZALO_WEBHOOK_SECRET) return undefined;
  const base = present(config.PUBLIC_URL, "PUBLIC_URL").replace(/\/$/, "");
  return { url: `${base}${config.ZALO_WEBHOOK_PATH}`, path: config.ZALO_WEBHOOK_PATH, secret: config.ZALO_WEBHOOK_SECRET };
}

/** Paid broadcasts for the Telegram bot when both the rate and the budget are set; undefined when off. */
export function paidBroadcastConfig(config: Config): PaidBroadcast | undefined {
  if (!(config.TELEGRAM_PAID_BROADCAST_PER_SECOND > 0 && config.TELEGRAM_PAID_BROADCAST_STARS_PER_MONTH > 0 && config.BOT_TOKEN)) return undefined;
  return { perSecond: config.TELEGRAM_PAID_BROADCAST_PER_SECOND, starsPerMonth: config.TELEGRAM_PAID_BROADCAST_STARS_PER_MONTH, bot: botIdOf(config.BOT_TOKEN) };
}

/** The bot's id: the part of its token before the colon (not secret: it is the bot's user id). */
export function botIdOf(token: string): string {
  return token.split(":")[0] ?? token;
}

/** The path a province bot's webhook is served on when the file names none. */
function defaultWebhookPath(token: string): string {
  return `/telegram/${botIdOf(token)}`;
}

/** What the province bots conflict with in the rest of the configuration. */
function provinceBotProblems(config: Pick<Config, "TELEGRAM_BOTS_FILE" | "BOT_TOKEN" | "WEBHOOK_URL" | "TELEGRAM_PER_SECOND">): string[] {
  const bots = config.TELEGRAM_BOTS_FILE ?? [];
  const problems: string[] = [];
  if (!config.BOT_TOKEN) problems.push("needs BOT_TOKEN too: that bot speaks for the organisations above and outside the provinces");
  if (config.BOT_TOKEN && bots.some((bot) => botIdOf(bot.token) === botIdOf(config.BOT_TOKEN!))) problems.push("lists BOT_TOKEN's bot: a province needs a bot of its own");
  const mainPath = config.WEBHOOK_URL && webhookPath(config.WEBHOOK_URL);
  for (const bot of bots) {
    if ((bot.webhookPath ?? defaultWebhookPath(bot.token)) === mainPath) problems.push(`${bot.org}: its webhook path is WEBHOOK_URL's`);
    if ((bot.perSecond ?? config.TELEGRAM_PER_SECOND) + bot.paidBroadcastPerSecond > PAID_BROADCAST_MAX_PER_SECOND) {
      problems.push(`${bot.org}: with perSecond, paidBroadcastPerSecond is at most ${PAID_BROADCAST_MAX_PER_SECOND} a second (Telegram's limit for paid broadcasts)`);
    }
  }
  return problems;
}

/** The path Telegram posts to, as the server sees it. */
export function webhookPath(url: string): string {
  return new URL(url).pathname;
}

/** One Telegram bot of the deployment: the default one (BOT_TOKEN) or a province's. */
export interface TelegramBotSetup {
  /** What Org.bot and OutboxMessage.bot say for this bot: "" for the default bot, else its id. */
  route: string;
  token: string;
  /** The province's organisation code; undefined for the default bot. */
  org?: string;
  /** Its username when the configuration gives it (BOT_USERNAME, the file's username). */
  username?: string;
  limits: { perSecond: number; perChatPerSecond: number; perGroupPerMinute: number };
  paidBroadcast?: PaidBroadcast;
  /** BOT_MODE=webhook: where Telegram posts this bot's updates. */
  webhook?: { url: string; path: string; secret: string };
}

/** The default bot (BOT_TOKEN) first, then one per province (TELEGRAM_BOTS_FILE); none without BOT_TOKEN. */
export function telegramBots(config: Config): TelegramBotSetup[] {
  if (!config.BOT_TOKEN) return [];
  const limits = { perSecond: config.TELEGRAM_PER_SECOND, perChatPerSecond: config.TELEGRAM_PER_CHAT_PER_SECOND, perGroupPerMinute: config.TELEGRAM_PER_GROUP_PER_MINUTE };
  const webhook = telegramWebhookConfig(config);
  const main: TelegramBotSetup = {
    route: "",
    token: config.BOT_TOKEN,
    username: config.BOT_USERNAME?.replace(/^@/, ""),
    limits,
    paidBroadcast: paidBroadcastConfig(config),
    webhook: webhook && { ...webhook, path: webhookPath(webhook.url) },
  };
  const provinces = (config.TELEGRAM_BOTS_FILE ?? []).map((bot): TelegramBotSetup => {
    const path = bot.webhookPath ?? defaultWebhookPath(bot.token);
    const paid = bot.paidBroadcastPerSecond > 0 && bot.paidBroadcastStarsPerMonth > 0;
    return {
      route: botIdOf(bot.token),
      token: bot.token,
      org: bot.org,
      username: bot.username?.replace(/^@/, ""),
      limits: {
        perSecond: bot.perSecond ?? limits.perSecond,
        perChatPerSecond: bot.perChatPerSecond ?? limits.perChatPerSecond,
        perGroupPerMinute: bot.perGroupPerMinute ?? limits.perGroupPerMinute,
      },
      paidBroadcast: paid ? { perSecond: bot.paidBroadcastPerSecond, starsPerMonth: bot.paidBroadcastStarsPerMonth, bot: botIdOf(bot.token) } : undefined,
      webhook: webhook && { url: new URL(path, webhook.url).href, path, secret: webhook.secret },
    };
  });
  return [main, ...provinces];
}

/** Whether this instance sends a bot's outbox (SEND_FOR_BOTS; all bots when unset). */
export function sendsFor(config: Pick<Config, "SEND_FOR_BOTS">, bot: TelegramBotSetup): boolean {
  return config.SEND_FOR_BOTS === undefined || config.SEND_FOR_BOTS.includes(bot.org ?? "main");
}

/** What webhook mode lacks, as [field, problem] pairs. */
function webhookProblems(config: Pick<Config, "WEBHOOK_URL" | "WEBHOOK_SECRET" | "HTTP_PORT" | "PORT" | "TELEGRAM_API_ROOT">): [string, string][] {
  const problems: [string, string][] = [];
  if (!config.WEBHOOK_URL) problems.push(["WEBHOOK_URL", "is required when BOT_MODE=webhook (where Telegram posts updates)"]);
  // Telegram itself only posts to https; a local Bot API server (tests, self-hosted) may use http.
  else if (config.TELEGRAM_API_ROOT === "https://api.telegram.org" && !config.WEBHOOK_URL.startsWith("https://")) {
    problems.push(["WEBHOOK_URL", "must start with https:// (Telegram posts only to HTTPS)"]);
  }
  if (!config.WEBHOOK_SECRET) problems.push(["WEBHOOK_SECRET", "is required when BOT_MODE=webhook (it keeps forged updates out)"]);
  if (httpPort(config) === undefined) problems.push(["PORT", "is required when BOT_MODE=webhook (the port the webhook is served on; or HTTP_PORT)"]);
  return problems;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Reads the configuration from an environment (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  throw new ConfigError(problems);
}
