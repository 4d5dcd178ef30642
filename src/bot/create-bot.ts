// createBot(deps) is the only place where middleware is ordered.
import { Bot, GrammyError, HttpError, type BotConfig } from "grammy";
import { conversations, type ConversationData } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import { randomUUID } from "node:crypto";
import type { BaseContext, BotContext, BotDeps, ConvContext } from "./context.js";
import { createI18n, type Translate } from "./i18n.js";
import { identity } from "./identity.js";
import { messengerWording } from "./wording.js";
import { dedupe } from "./dedupe.js";
import { ConversationConflictError, databaseConversationStorage } from "./conversation-storage.js";
import { conversationLease } from "./conversation-lease.js";
import { botIdOf } from "../config.js";
import { FEATURES } from "../features/index.js";

/** Bump when a conversation's code changes shape: older saved states are dropped. */
export const CONVERSATION_VERSION = 1;

export interface CreatedBot {
  bot: Bot<BotContext>;
  translate: Translate;
  /** Updates being handled right now (the demo and tests wait for zero). */
  inFlight: () => number;
  /** Updates handled since start, whatever their outcome. */
  handled: () => number;
}

export function createBot(token: string, deps: BotDeps, botConfig: BotConfig<BotContext> = {}): CreatedBot {
  const bot = new Bot<BotContext>(token, {
    ...botConfig,
    client: { apiRoot: deps.config.TELEGRAM_API_ROOT, ...botConfig.client },
  });
  const i18n = createI18n<BaseContext>((ctx) => ctx.locale as "vi" | "en");
  // A province's bot keeps its conversations apart from the other bots' with the same person.
  const conversationKeyPrefix = deps.telegramBots?.has(botIdOf(token)) ? `${botIdOf(token)}:` : "";
  const translate: Translate = (locale, key, vars) => i18n.t(locale, key, vars);
  const who = identity(deps, translate);
  const wording = messengerWording();
  let inFlight = 0;
  let handled = 0;

  bot.use(async (ctx, next) => {
    const started = performance.now();
    inFlight++;
    let outcome: "ok" | "error" = "ok";
    try {
      await next();
    } catch (error) {
      outcome = "error";
      throw error;
    } finally {
      inFlight--;
      handled++;
      const ms = performance.now() - started;
      deps.logger.info({ update_id: ctx.update.update_id, person: ctx.speaker?.id ?? null, outcome, ms: Math.round(ms) }, "update");
      deps.metrics?.updateDone(ctx.me, ms / 1000, outcome);
    }
  });
  // An update delivered twice is handled once (after the counting above: a dropped copy
  // still counts as handled).
  bot.use(dedupe(deps));
  // Updates are handled concurrently (src/bot/polling.ts), but never two of one chat or
  // of one person at once: conversations and replies stay in order.
  bot.use(sequentialize(chatAndPerson));
  bot.use(who);
  bot.use(i18n);
  bot.use(wording);
  // The bot's buttons are all in private chats (group posts carry none): a tap anywhere
  // else is forged or stale, and changes nothing.
  bot.on("callback_query", (ctx, next) => (ctx.chat?.type === "private" ? next() : ctx.answerCallbackQuery({ text: ctx.t("button-stale") })));
  for (const feature of FEATURES) if (feature.taps) bot.use(feature.taps);
  bot.use(conversationConflicts(deps.logger));
  // Across instances, one update at a time in a chat whose conversation is in progress.
  bot.use(conversationLease(deps.db, deps.now, { keyPrefix: conversationKeyPrefix }));
  bot.use(
    conversations<BotContext, ConvContext>({
      storage: {
        type: "context",
        version: CONVERSATION_VERSION,
        adapter: databaseConversationStorage<BotContext, ConversationData>(deps.db, deps.config.CONVERSATION_TIMEOUT_MINUTES * 60_000, deps.now, conversationKeyPrefix),
      },
      plugins: [who, i18n, wording],
    }),
  );
  bot.command("cancel", async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t(active ? "cancelled" : "nothing-to-cancel"), { reply_markup: { remove_keyboard: true } });
  });
  for (const feature of FEATURES) for (const conversation of feature.conversations?.() ?? []) bot.use(conversation);
  for (const feature of FEATURES) if (feature.composer) bot.use(feature.composer);
  bot.on("callback_query:data", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button-stale") }));
  for (const feature of FEATURES) if (feature.fallback) bot.use(feature.fallback);

  bot.catch(async (err) => {
    const ref = randomUUID().slice(0, 8);
    const { ctx, error } = err;
    const kind = error instanceof GrammyError ? "telegram" : error instanceof HttpError ? "network" : "internal";
    deps.logger.error({ err: error, ref, kind, update_id: ctx.update.update_id }, "update failed");
    try {
      if (ctx.chat) await ctx.reply(translate(ctx.locale ?? "vi", "error-try-again", { ref }));
    } catch (replyError) {
      deps.logger.warn({ err: replyError, ref }, "could not tell the user about the error");
    }
  });
  return { bot, translate, inFlight: () => inFlight, handled: () => handled };
}

/**
 * Another instance saved this chat's conversation while this update was handled (two
 * answers to one question at once): this update's progress was not saved, and the
 * person is asked to answer again. Here rather than in bot.catch: it is an expected
 * outcome, not a fault with a reference id, and it holds however the update arrived
 * (the Zalo bridge calls handleUpdate and never reaches bot.catch).
 */
function conversationConflicts(logger: BotDeps["logger"]) {
  return async (ctx: BotContext, next: () => Promise<void>) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof ConversationConflictError)) throw error;
      logger.warn({ update_id: ctx.update.update_id, key: error.key }, "conversation changed by another update; this update was not saved");
      if (ctx.chat) await ctx.reply(ctx.t("conversation-conflict"));
    }
  };
}

/** What must not run at the same time as another update with a common key. */
function chatAndPerson(ctx: BaseContext): string[] {
  return [ctx.chat?.id, ctx.from?.id].filter((id) => id !== undefined).map(String);
}

/**
 * The command menu per language, from the features' menus (and the core's /cancel); a
 * server that does not support it must not stop startup.
 */
export async function setCommandMenus(bot: Bot<BotContext>, translate: Translate, logger: BotDeps["logger"]) {
  const commands = [...FEATURES.flatMap((feature) => feature.menu ?? []), "cancel"];
  for (const [language, locale] of [[undefined, "vi"], ["en", "en"]] as const) {
    try {
      await bot.api.setMyCommands(
        commands.map((command) => ({ command, description: translate(locale, `cmd-${command}`) })),
        language ? { language_code: language } : {},
      );
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.message : error, language: locale }, "setMyCommands not supported here; menu left as is");
    }
  }
}
