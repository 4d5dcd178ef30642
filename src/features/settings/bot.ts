// /settings: the person's language, and for exempt members whether they still want
// the cell's meeting notices (they may attend, they are not required to).
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { LOCALES } from "../../bot/i18n.js";
import { saveLocale } from "../onboarding/mutations.js";

export const settings = new Composer<BotContext>();

async function exemptMemberships(ctx: BotContext) {
  if (!ctx.speaker) return [];
  return ctx.deps.db.membership.findMany({ where: { personId: ctx.speaker.id, status: "exempt" }, include: { org: true } });
}

settings.command("settings", async (ctx) => {
  const keyboard = new InlineKeyboard().text("Tiếng Việt", "lang:vi").text("English", "lang:en");
  for (const m of await exemptMemberships(ctx)) {
    keyboard.row().text(ctx.t(m.noticeOptIn ? "settings-notices-off" : "settings-notices-on", { org: m.org.name }), `optin:${m.orgId}:${m.noticeOptIn ? 0 : 1}`);
  }
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

settings.callbackQuery(/^optin:/, async (ctx) => {
  const match = /^optin:(\d{1,10}):([01])$/.exec(ctx.callbackQuery.data);
  if (!match || !ctx.speaker) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const optIn = match[2] === "1";
  // Only the person's own exempt membership can change; anything else matches no row.
  const changed = await ctx.deps.db.membership.updateMany({
    where: { orgId: Number(match[1]), personId: ctx.speaker.id, status: "exempt" },
    data: { noticeOptIn: optIn },
  });
  if (changed.count === 0) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t(optIn ? "settings-notices-saved-on" : "settings-notices-saved-off"));
});
