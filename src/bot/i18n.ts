// Fluent translations from locales/: Vietnamese by default, English when asked.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";

export const localesDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "locales");

/** A person's saved choice wins; otherwise English only when Telegram says English. */
export function pickLocale(saved: string | null | undefined, telegramLanguage: string | undefined): Locale {
  if (saved === "vi" || saved === "en") return saved;
  return telegramLanguage?.toLowerCase().startsWith("en") ? "en" : DEFAULT_LOCALE;
}

export function createI18n<C extends Context>(negotiate: (ctx: C) => Locale | Promise<Locale>): I18n<C> {
  const i18n = new I18n<C>({
    defaultLocale: DEFAULT_LOCALE,
    useSession: false,
    // Plain chat text: no Unicode isolation marks around variables.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: negotiate,
  });
  i18n.loadLocalesDirSync(localesDirectory);
  keepMatches(i18n);
  return i18n;
}

/**
 * Fluent negotiates which bundles serve a locale on every translation (parsing locale
 * tags: a third of a reminder's rendering, ~0.3 s in the tick of a province's 90,000
 * reminders). The bundles never change once loaded, so each locale's match is kept. The
 * method is Fluent's own (private in its types); if a release renamed it, translations
 * would simply negotiate each time again.
 */
function keepMatches<C extends Context>(i18n: I18n<C>): void {
  const fluent = i18n.fluent as unknown as { matchBundles?: (locales: string[]) => unknown };
  const match = fluent.matchBundles;
  if (typeof match !== "function") return;
  const kept = new Map<string, unknown>();
  fluent.matchBundles = (locales: string[]) => {
    const key = locales.join(",");
    let bundles = kept.get(key);
    if (bundles === undefined) {
      bundles = match.call(fluent, locales);
      // Locales are the few in locales/ and what people chose; a bound all the same.
      if (kept.size < 100) kept.set(key, bundles);
    }
    return bundles;
  };
}

/** Translation outside an update (notifications to someone else, CLI, demo). */
export type Translate = (locale: string, key: string, variables?: Record<string, string | number>) => string;

let shared: I18n | undefined;

/** Translation outside an update, from the same Fluent files (loaded once). */
export const translate: Translate = (locale, key, variables) => {
  shared ??= (() => {
    const i18n = new I18n({ defaultLocale: DEFAULT_LOCALE, fluentBundleOptions: { useIsolating: false } });
    i18n.loadLocalesDirSync(localesDirectory);
    keepMatches(i18n);
    return i18n;
  })();
  return shared.t(locale, key, variables);
};
