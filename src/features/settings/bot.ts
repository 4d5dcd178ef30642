// /settings: the person's language, for exempt members whether they still want the
// cell's meeting notices (they may attend, they are not required to), and for people
// linked on both Telegram and Zalo, which of the two the notices go to (never both).
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { LOCALES } from "../../bot/i18n.js";
import { chooseNoticeChannel, saveLocale } from "../onboarding/mutations.js";
import { channelOf, CHANNELS, type Channel } from "../../bot/channels.js";

const CHANNEL_NAMES: Record<Channel, string> = { telegram: "Telegram", zalo: "Zalo" };

/** The messenger notices go to, when the person is linked on both; else undefined. */
async function noticeChannelChoice(ctx: BotContext): Promise<Channel | undefined> {
  if (!ctx.speaker) return undefined;
  const person = await ctx.deps.db.person.findUnique({ where: { id: ctx.speaker.id }, select: { telegramUserId: true, zaloUserId: true, telegramChatId: true } });
  if (!person?.telegramUserId || !person.zaloUserId || !person.telegramChatId) return undefined;
  return channelOf(person.telegramChatId);
}

export const settings = new Composer<BotContext>();

async function exemptMemberships(ctx: BotContext) {
  if (!ctx.speaker) return [];
  return ctx.deps.db.membership.findMany({ where: { personId: ctx.speaker.id, status: "exempt" }, include: { org: true } });
}

settings.command("settings", async (ctx) => {
  if (ctx.chat.type !== "private") return ctx.reply(ctx.t("group-not-supported"));
  const keyboard = new InlineKeyboard().text("Tiếng Việt", "lang:vi").text("English", "lang:en");
  for (const m of await exemptMemberships(ctx)) {
    keyboard.row().text(ctx.t(m.noticeOptIn ? "settings-notices-off" : "settings-notices-on", { org: m.org.name }), `optin:${m.orgId}:${m.noticeOptIn ? 0 : 1}`);
  }
  const current = await noticeChannelChoice(ctx);
  if (current) {
    keyboard.row();
    for (const channel of CHANNELS) {
      keyboard.text(`${channel === current ? "✓ " : ""}${ctx.t("zalo-settings-notices-on", { channel: CHANNEL_NAMES[channel] })}`, `notify:${channel}`);
    }
  }
  const text = current ? `${ctx.t("settings-language")}\n${ctx.t("zalo-settings-notices-now", { channel: CHANNEL_NAMES[current] })}` : ctx.t("settings-language");
  await ctx.reply(text, { reply_markup: keyboard });
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
  // 9 digits at most: a larger id does not fit the database's integer column.
  const match = /^optin:(\d{1,9}):([01])$/.exec(ctx.callbackQuery.data);
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

settings.callbackQuery(/^notify:/, async (ctx) => {
  const channel = CHANNELS.find((c) => ctx.callbackQuery.data === `notify:${c}`);
  if (!channel || !ctx.speaker) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  if (!(await chooseNoticeChannel(ctx.deps.db, ctx.speaker.id, channel, ctx.deps.now()))) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("zalo-settings-notices-saved", { channel: CHANNEL_NAMES[channel] }));
});
