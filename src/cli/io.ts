// What a CLI command needs: where to write, the configuration, and translated text.
import type { Config } from "../config.js";
import { translate } from "../bot/i18n.js";
import type { Db } from "../db/client.js";
import { findOrgByCode } from "../features/roster/data.js";

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
}

export interface CliContext {
  io: CliIo;
  config: Config;
  say: (key: string, vars?: Record<string, string | number>) => string;
}

/** Operator messages come from the same Fluent files as the bot's. */
export function cliTranslator(locale: string) {
  return (key: string, vars?: Record<string, string | number>) => translate(locale, key, vars);
}

export class UsageError extends Error {}

/** The organisation with this code, or undefined after telling the operator it does not exist. */
export async function orgOrSay(cli: CliContext, db: Db, code: string) {
  const org = await findOrgByCode(db, code);
  if (!org) cli.io.err(cli.say("cli-org-not-found", { code }));
  return org ?? undefined;
}
