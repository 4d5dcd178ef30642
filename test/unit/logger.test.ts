import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";

const TOKEN = "123456:AAHsecretTokenValue_xyz";
const SECRET = "a-long-signing-secret-0123456789";

/** The line the logger writes for one event. */
function logLine(event: Record<string, unknown>): string {
  const lines: string[] = [];
  const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
  logger.info(event, "event");
  return lines.join("");
}

describe("the logger", () => {
  it.each([
    ["the token at the top", { token: TOKEN }, [TOKEN], []],
    ["BOT_TOKEN at the top", { BOT_TOKEN: TOKEN }, [TOKEN], []],
    ["the whole config", { config: { BOT_TOKEN: TOKEN, CHIBO_SECRET: SECRET, LOG_LEVEL: "info" } }, [TOKEN, SECRET], ['"LOG_LEVEL":"info"']],
    ["a secret one level down", { server: { secret: SECRET } }, [SECRET], []],
    [
      "the webhook secrets and the Zalo token in the config",
      { config: { WEBHOOK_SECRET: SECRET, ZALO_WEBHOOK_SECRET: `${SECRET}z`, ZALO_BOT_TOKEN: TOKEN, BOT_MODE: "webhook" } },
      [SECRET, TOKEN],
      ['"BOT_MODE":"webhook"'],
    ],
    ["setWebhook's secret_token in a logged call", { payload: { url: "https://x.example/telegram", secret_token: SECRET } }, [SECRET], ["https://x.example/telegram"]],
    [
      "a PostgreSQL password, keeping host and database",
      { config: { DATABASE_URL: "postgresql://chibo:hunter2pass@db.internal:5432/chibo" } },
      ["hunter2pass"],
      ["postgresql://chibo:[secret]@db.internal:5432/chibo"],
    ],
    ["a password in the query string", { DATABASE_URL: "postgresql://db.internal/chibo?password=hunter2pass" }, ["hunter2pass"], ["db.internal"]],
    ["a SQLite file, which has no secret", { DATABASE_URL: "file:./data/chibo.db" }, [], ["file:./data/chibo.db"]],
  ])("hides %s", (_what, event, hidden, kept) => {
    const line = logLine(event);
    for (const secret of hidden) expect(line).not.toContain(secret);
    for (const text of kept) expect(line).toContain(text);
    expect(line).toContain('"msg":"event"');
  });
});
