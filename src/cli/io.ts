// What a CLI command needs: where to write, the configuration, and translated text.
import { I18n } from "@grammyjs/i18n";
import type { Config } from "../config.js";
import { localesDirectory } from "../bot/i18n.js";

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

let shared: I18n | undefined;

/** Operator messages come from the same Fluent files as the bot's. */
export function cliTranslator(locale: string) {
  shared ??= (() => {
    const i18n = new I18n({ defaultLocale: "vi", fluentBundleOptions: { useIsolating: false } });
    i18n.loadLocalesDirSync(localesDirectory);
    return i18n;
  })();
  const i18n = shared;
  return (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
}

export class UsageError extends Error {}
