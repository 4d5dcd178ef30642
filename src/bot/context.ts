// The context every handler sees: who is speaking (person and positions), their
// locale, and the dependencies of the bot.
import type { Context } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Conversation, ConversationFlavor } from "@grammyjs/conversations";
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { Position } from "../domain/access.js";
import type { Translate } from "./i18n.js";

export interface Speaker {
  id: number;
  fullName: string;
  phone: string;
  locale: string | null;
}

export interface BotDeps {
  db: Db;
  config: Config;
  logger: Logger;
  now: () => Date;
}

export interface Extras {
  deps: BotDeps;
  /** The linked person behind this Telegram account, if any. */
  speaker?: Speaker;
  positions: Position[];
  locale: string;
  translateFor: Translate;
}

export type BaseContext = Context & I18nFlavor & Extras;
export type BotContext = ConversationFlavor<BaseContext>;
export type ConvContext = BaseContext;
export type BotConversation = Conversation<BotContext, ConvContext>;
