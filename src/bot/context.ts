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
import type { Channel } from "./channels.js";
import type { Metrics } from "../metrics.js";

export interface Speaker {
  id: number;
  fullName: string;
  phone: string;
  locale: string | null;
  /** Cells and committees this person is an active (not transferred) member of. */
  memberOf: number[];
}

export interface BotDeps {
  db: Db;
  config: Config;
  logger: Logger;
  now: () => Date;
  /** Times each update for /metrics (`chibo start` makes it); none when absent. */
  metrics?: Metrics;
  /**
   * With one bot per province: each bot's username by its route (Org.bot: "" for the
   * default bot), so a person who writes to the wrong bot is sent to the right one.
   */
  telegramBots?: ReadonlyMap<string, string>;
}

export interface Extras {
  deps: BotDeps;
  /** The linked person behind this Telegram account, if any. */
  speaker?: Speaker;
  positions: Position[];
  locale: string;
  translateFor: Translate;
  /** The messenger this update came from (Zalo updates arrive bridged, src/zalo/). */
  channel: Channel;
}

export type BaseContext = Context & I18nFlavor & Extras;
export type BotContext = ConversationFlavor<BaseContext>;
export type ConvContext = BaseContext;
export type BotConversation = Conversation<BotContext, ConvContext>;
