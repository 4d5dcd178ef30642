// The only reader of process.env: one zod schema, reported field by field when wrong.
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

export const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .default("file:./data/chibo.db")
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), {
      message: "must start with file: (SQLite) or postgresql:// (PostgreSQL)",
    }),
  BOT_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^\d+:[A-Za-z0-9_-]+$/, "looks wrong: a token is digits, a colon, then letters (from @BotFather)")
      .optional(),
  ),
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
  /// The HTTP server (health, calendar feeds) starts only when a port is set.
  HTTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /// How people reach that server, e.g. https://chibo.example.org (for links in chat).
  PUBLIC_URL: optionalText.pipe(z.url().optional()),
  /// Signs private links (calendar feeds); required with HTTP_PORT. At least 16 characters.
  CHIBO_SECRET: optionalText.pipe(z.string().min(16, "must be at least 16 characters").optional()),
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
}).superRefine((config, ctx) => {
  if (config.ZALO_WEBHOOK_SECRET && (config.HTTP_PORT === undefined || !config.PUBLIC_URL)) {
    ctx.addIssue({ code: "custom", path: ["ZALO_WEBHOOK_SECRET"], message: "needs HTTP_PORT and PUBLIC_URL (Zalo posts updates to that server)" });
  }
  if (config.HTTP_PORT !== undefined && !config.CHIBO_SECRET) {
    ctx.addIssue({ code: "custom", path: ["CHIBO_SECRET"], message: "is required when HTTP_PORT is set (it signs private links)" });
  }
});

export type Config = z.infer<typeof configSchema>;

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
