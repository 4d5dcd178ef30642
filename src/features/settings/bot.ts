// /settings: the person's language, saved on their record.
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { LOCALES } from "../../bot/i18n.js";
import { saveLocale } from "../onboarding/mutations.js";

export const settings = new Composer<BotContext>();

settings.command("settings", async (ctx) => {
  const keyboard = new InlineKeyboard().text("Tiếng Việt", "lang:vi").text("English", "lang:en");
  await ctx.reply(ctx.t("settings-language"), { reply_markup: keyboard });
});

settings.callbackQuery(/^lang:/, async (ctx) => {
  const locale = ctx.callbackQuery.data.slice("lang:".length);
  if (!(LOCALES as readonly string[]).includes(locale)) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  if (!ctx.speaker) return ctx.answerCallbackQuery({ text: ctx.t("settings-need-link"), show_alert: true });
  await saveLocale(ctx.deps.db, ctx.speaker.id, locale);
  ctx.i18n.useLocale(locale);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("settings-language-saved"));
});
