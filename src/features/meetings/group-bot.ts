// A cell's Telegram group: /linkgroup links it (the live tally it then shows is
// group-planner.ts's).
import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { leads } from "../../domain/access.js";
import { forLinked } from "../../bot/guard.js";
import { orgsInCodeOrder } from "./data.js";
import { linkGroupChat } from "./mutations.js";

export const groups = new Composer<BotContext>();

groups.chatType(["group", "supergroup"]).command(
  "linkgroup",
  forLinked(
    async (ctx) => {
      const code = ctx.match.trim();
      const led = ctx.positions.filter((p) => p.orgKind === "cell" && leads(ctx.positions, p.orgId));
      const orgs = await orgsInCodeOrder(ctx.deps.db, led.map((p) => p.orgId));
      const org = code ? orgs.find((o) => o.code === code) : orgs.length === 1 ? orgs[0] : undefined;
      if (!org) return ctx.reply(ctx.t(orgs.length > 1 && !code ? "group-link-which" : "group-link-not-secretary"));
      await linkGroupChat(ctx.deps.db, org, String(ctx.chat.id), ctx.speaker.id, ctx.deps.now());
      await ctx.reply(ctx.t("group-linked", { org: org.name }));
    },
    // Used in the group it links, by design.
    { privateChat: false },
  ),
);
