// /help lists what this person can do, from every position they hold.
import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { capabilitiesOf } from "../../domain/access.js";

export const help = new Composer<BotContext>();

export function helpText(ctx: BotContext): string {
  const can = capabilitiesOf(ctx.speaker !== undefined, ctx.positions);
  if (!can.linked) return [ctx.t("help-unlinked"), "", ctx.t("help-member")].join("\n");
  const parts = [ctx.t("help-intro"), ctx.t("help-member")];
  if (can.leadsCell) parts.push(ctx.t("help-secretary"));
  if (can.overseesSubtree) parts.push(ctx.t("help-committee"));
  return parts.join("\n");
}

help.command("help", (ctx) => ctx.reply(helpText(ctx)));

/** Last in line: a private message nothing else understood gets a pointer, not silence. */
export const fallback = new Composer<BotContext>();

fallback.chatType("private").on("message", (ctx) =>
  ctx.reply(ctx.speaker ? ctx.t("fallback-linked") : ctx.t("not-linked"), { reply_markup: { remove_keyboard: true } }),
);
