// One conversation serves both messengers, but a few sentences name what only Telegram
// has ("tap «Share my phone number»", "choose one of the buttons"). For an update from
// Zalo, a key with a Zalo wording in locales/ (`zalo--<key>`) is used in place of <key>;
// every other key, and every Telegram update, is translated as usual.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { NextFunction } from "grammy";
import type { BaseContext } from "./context.js";
import { DEFAULT_LOCALE, localesDirectory } from "./i18n.js";

export const ZALO_WORDING_PREFIX = "zalo--";

/** The keys that have a Zalo wording, read once from the default locale's file. */
export function zaloWordingKeys(): Set<string> {
  const source = readFileSync(path.join(localesDirectory, `${DEFAULT_LOCALE}.ftl`), "utf8");
  const keys = new Set<string>();
  for (const match of source.matchAll(/^zalo--([A-Za-z][A-Za-z0-9_-]*)\s*=/gm)) keys.add(match[1]);
  return keys;
}

/** Middleware after i18n: swaps in the Zalo wording of a key when the update is from Zalo. */
export function messengerWording(keys: Set<string> = zaloWordingKeys()) {
  return async (ctx: BaseContext, next: NextFunction) => {
    if (ctx.channel === "zalo") {
      const base = ctx.translate;
      ctx.translate = (key, variables) => base(keys.has(key) ? `${ZALO_WORDING_PREFIX}${key}` : key, variables);
      ctx.t = ctx.translate;
    }
    await next();
  };
}
