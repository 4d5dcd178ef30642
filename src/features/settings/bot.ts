// /settings: the person's language, for exempt members whether they still want the
// cell's meeting notices (they may attend, they are not required to), and for people
// linked on both Telegram and Zalo, which of the two the notices go to (never both).
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { refuse } from "../../bot/guard.js";
import { CHANNELS, type Channel } from "../../bot/channels.js";
import { exemptMemberships, noticeChannelChoice } from "./data.js";
import { chooseNoticeChannel, saveLocale, setNoticeOptIn } from "./mutations.js";
import { languageButton, noticeChannelButton, noticeOptInButton } from "./schema.js";

const CHANNEL_NAMES: Record<Channel, string> = { telegram: "Telegram", zalo: "Zalo" };

export const settings = new Composer<BotContext>();

// Not forLinked: a person not linked yet may look, and is told to link when choosing a language.
settings.command("settings", async (ctx) => {
  if (ctx.chat.type !== "private") return refuse(ctx, "group-not-supported");
  const keyboard = new InlineKeyboard().text("Tiếng Việt", languageButton.encode({ locale: "vi" })).text("English", languageButton.encode({ locale: "en" }));
  const { db } = ctx.deps;
  for (const m of ctx.speaker ? await exemptMemberships(db, ctx.speaker.id) : []) {
    keyboard.row().text(ctx.t(m.noticeOptIn ? "settings-notices-off" : "settings-notices-on", { org: m.org.name }), noticeOptInButton.encode({ orgId: m.orgId, optIn: !m.noticeOptIn }));
  }
  const current = ctx.speaker ? await noticeChannelChoice(db, ctx.speaker.id) : undefined;
  if (current) {
    keyboard.row();
    for (const channel of CHANNELS) {
      keyboard.text(`${channel === current ? "✓ " : ""}${ctx.t("zalo-settings-notices-on", { channel: CHANNEL_NAMES[channel] })}`, noticeChannelButton.encode({ channel }));
    }
  }
  const text = current ? `${ctx.t("settings-language")}\n${ctx.t("zalo-settings-notices-now", { channel: CHANNEL_NAMES[current] })}` : ctx.t("settings-language");
  await ctx.reply(text, { reply_markup: keyboard });
});

settings.callbackQuery(languageButton.filter, async (ctx) => {
  const tap = languageButton.decode(ctx.callbackQuery.data);
  if (!tap) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  if (!ctx.speaker) return refuse(ctx, "settings-need-link");
  await saveLocale(ctx.deps.db, ctx.speaker.id, tap.locale);
  ctx.i18n.useLocale(tap.locale);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("settings-language-saved"));
});

settings.callbackQuery(noticeOptInButton.filter, async (ctx) => {
  const tap = noticeOptInButton.decode(ctx.callbackQuery.data);
  if (!tap || !ctx.speaker) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  if (!(await setNoticeOptIn(ctx.deps.db, ctx.speaker.id, tap.orgId, tap.optIn))) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t(tap.optIn ? "settings-notices-saved-on" : "settings-notices-saved-off"));
});

settings.callbackQuery(noticeChannelButton.filter, async (ctx) => {
  const tap = noticeChannelButton.decode(ctx.callbackQuery.data);
  if (!tap || !ctx.speaker) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  if (!(await chooseNoticeChannel(ctx.deps.db, ctx.speaker.id, tap.channel, ctx.deps.now()))) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("zalo-settings-notices-saved", { channel: CHANNEL_NAMES[tap.channel] }));
});
