// `chibo doctor`: checks configuration, database, migrations, token and webhook state,
// and says in plain words what is wrong. It changes nothing (no migration, no webhook
// call other than getWebhookInfo) and never prints a secret.
import { existsSync } from "node:fs";
import path from "node:path";
import { Api } from "grammy";
import type { WebhookInfo } from "grammy/types";
import { configSchema, telegramWebhookConfig, type Config } from "../config.js";
import { openDatabase, providerOf } from "../db/client.js";
import { migrationsFolder, readMigrations } from "../db/migrate.js";
import { checkToken, tokenProblemKey } from "./telegram.js";
import { countFaults } from "./outbox.js";
import { cliTranslator, type CliIo } from "./io.js";

type Say = ReturnType<typeof cliTranslator>;
type Status = "ok" | "warn" | "fail";
const MARK: Record<Status, string> = { ok: "✅", warn: "⚠️", fail: "❌" };

interface Finding {
  status: Status;
  line: string;
}

export async function doctorCommand(io: CliIo): Promise<number> {
  const parsed = configSchema.safeParse(io.env);
  const say = cliTranslator(parsed.success ? parsed.data.CHIBO_LANG : io.env.CHIBO_LANG === "en" ? "en" : "vi");
  const findings: Finding[] = [];
  const report = (finding: Finding) => {
    findings.push(finding);
    io.out(`${MARK[finding.status]} ${finding.line}`);
  };
  io.out(say("doctor-title"));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `\n    - ${issue.path.join(".")}: ${issue.message}`).join("");
    report({ status: "fail", line: say("doctor-config-bad") + problems });
  } else {
    const config = parsed.data;
    report({ status: "ok", line: say("doctor-config-ok", { mode: config.BOT_MODE }) });
    for (const finding of await databaseFindings(config, say, io.now())) report(finding);
    for (const finding of await telegramFindings(config, say)) report(finding);
  }
  const failures = findings.filter((finding) => finding.status === "fail").length;
  io.out(failures === 0 ? say("doctor-all-good") : say("doctor-problems", { count: failures }));
  return failures === 0 ? 0 : 1;
}

/** The database answers, and how many migrations `start` would still apply. */
async function databaseFindings(config: Config, say: Say, now: Date): Promise<Finding[]> {
  const url = config.DATABASE_URL;
  const provider = providerOf(url);
  // Opening a missing SQLite file would create it: a doctor looks, it does not touch.
  if (provider === "sqlite" && !existsSync(path.resolve(url.slice("file:".length)))) {
    return [{ status: "warn", line: say("doctor-sqlite-missing", { file: url.slice("file:".length)}) }];
  }
  const database = await openDatabase(url, { migrate: false });
  try {
    try {
      await database.db.$queryRawUnsafe("SELECT 1");
    } catch (error) {
      return [{ status: "fail", line: say("doctor-database-bad", { provider, detail: errorLine(error) }) }];
    }
    const findings: Finding[] = [{ status: "ok", line: say("doctor-database-ok", { provider }) }];
    const known = readMigrations(migrationsFolder(provider)).map((migration) => migration.name);
    const applied = await appliedMigrations(database.db);
    const pending = known.filter((name) => !applied.has(name));
    findings.push(
      pending.length === 0
        ? { status: "ok", line: say("doctor-migrations-ok", { count: known.length }) }
        : { status: "fail", line: say("doctor-migrations-pending", { count: pending.length, names: pending.join(", ") }) },
    );
    // A blocked bot or a flaky network is worth a look, not a failed check.
    const faults = pending.length === 0 ? await countFaults(database.db, new Date(now.getTime() - 86_400_000)) : 0;
    if (faults > 0) findings.push({ status: "warn", line: say("doctor-outbox-failures", { count: faults }) });
    return findings;
  } finally {
    await database.close();
  }
}

async function appliedMigrations(db: Awaited<ReturnType<typeof openDatabase>>["db"]): Promise<Set<string>> {
  try {
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
    );
    return new Set(rows.map((row) => row.migration_name));
  } catch {
    // No bookkeeping table yet: nothing was ever applied.
    return new Set();
  }
}

/** The token works, and Telegram's webhook is what the mode needs. */
async function telegramFindings(config: Config, say: Say): Promise<Finding[]> {
  if (!config.BOT_TOKEN) return [{ status: config.ZALO_BOT_TOKEN ? "warn" : "fail", line: say("doctor-token-missing") }];
  const check = await checkToken(config.BOT_TOKEN, config.TELEGRAM_API_ROOT);
  if (!check.ok) {
    return [{ status: "fail", line: say(tokenProblemKey[check.problem], { detail: check.detail, root: config.TELEGRAM_API_ROOT }) }];
  }
  const findings: Finding[] = [{ status: "ok", line: say("doctor-token-ok", { username: check.me.username }) }];
  let info: WebhookInfo;
  try {
    info = await new Api(config.BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT, timeoutSeconds: 15 }).getWebhookInfo();
  } catch (error) {
    return [...findings, { status: "fail", line: say("doctor-webhook-unknown", { detail: errorLine(error) }) }];
  }
  return [...findings, ...webhookFindings(config, info, say)];
}

function webhookFindings(config: Config, info: WebhookInfo, say: Say): Finding[] {
  const pending = info.pending_update_count ?? 0;
  if (config.BOT_MODE === "polling") {
    // `start` in polling mode deletes the webhook; another instance relying on it would stop getting updates.
    return info.url ? [{ status: "warn", line: say("doctor-polling-webhook-set", { url: info.url }) }] : [{ status: "ok", line: say("doctor-polling-ok") }];
  }
  const findings: Finding[] = [];
  const url = telegramWebhookConfig(config)?.url ?? "";
  if (!info.url) findings.push({ status: "warn", line: say("doctor-webhook-not-set", { url }) });
  else if (info.url !== url) findings.push({ status: "fail", line: say("doctor-webhook-other-url", { actual: info.url, url }) });
  else findings.push({ status: "ok", line: say("doctor-webhook-ok", { url: info.url, pending }) });
  if (info.last_error_message) {
    const when = info.last_error_date ? new Date(info.last_error_date * 1000).toISOString() : "?";
    findings.push({ status: "warn", line: say("doctor-webhook-last-error", { when, error: info.last_error_message }) });
  }
  return findings;
}

/** The last non-empty line of an error: where Prisma and pg put the cause an operator can act on. */
function errorLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).trim().split("\n").filter((line) => line.trim() !== "").at(-1) ?? "";
}
