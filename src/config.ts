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
}).superRefine((config, ctx) => {
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
