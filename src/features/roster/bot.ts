// /members: the roster of the organisations the speaker leads, with link status.
import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { managedOrgIds } from "../../org/access.js";
import { listRoster, rosterOrgs } from "./data.js";
import { auditRead } from "../../db/audit.js";
import { forLinked } from "../../bot/guard.js";
import { memberActionsKeyboard, showPendingTransfers } from "./member-bot.js";

export const roster = new Composer<BotContext>();

// A cell's people are not for a group chat's eyes: forLinked keeps to private chats.
roster.command("members", forLinked(async (ctx) => {
  const managed = await managedOrgIds(ctx.deps.db, ctx.positions);
  if (managed.length === 0) return ctx.reply(ctx.t("members-none"));
  const orgs = (await rosterOrgs(ctx.deps.db, managed)).slice(0, 20);
  for (const org of orgs) {
    const entries = await listRoster(ctx.deps.db, org.id);
    const lines = entries.map((e) =>
      ctx.t("members-line", {
        mark: e.linked ? "✅" : "⬜",
        name: e.fullName,
        role: ctx.t(`role-${e.role}`),
        status: ctx.t(`status-${e.status}`),
      }),
    );
    const header = ctx.t("members-header", { org: org.name, count: entries.length, linked: entries.filter((e) => e.linked).length });
    await auditRead(ctx.deps.db, `person:${ctx.speaker.id}`, "members", { org: org.code }, ctx.deps.now());
    // A cell's list carries the actions that keep it (member-bot.ts); a committee's, none.
    await ctx.reply([header, ...lines].join("\n"), org.kind === "cell" ? { reply_markup: memberActionsKeyboard(ctx.t, org.id) } : {});
  }
  await showPendingTransfers(ctx, orgs.map((o) => o.id));
}));
