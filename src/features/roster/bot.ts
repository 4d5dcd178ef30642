// /members: the roster of the organisations the speaker leads, with link status.
import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { managedOrgIds } from "../onboarding/bot.js";
import { listRoster } from "./data.js";
import { auditRead } from "../../db/audit.js";

export const roster = new Composer<BotContext>();

roster.command("members", async (ctx) => {
  // A cell's people are not for a group chat's eyes.
  if (ctx.chat.type !== "private") return ctx.reply(ctx.t("group-not-supported"));
  if (!ctx.speaker) return ctx.reply(ctx.t("not-linked"));
  const managed = await managedOrgIds(ctx);
  if (managed.length === 0) return ctx.reply(ctx.t("members-none"));
  const orgs = await ctx.deps.db.org.findMany({ where: { id: { in: managed }, kind: "cell" }, orderBy: { code: "asc" } });
  const shown = orgs.length > 0 ? orgs : await ctx.deps.db.org.findMany({ where: { id: { in: managed.slice(0, 1) } } });
  for (const org of shown.slice(0, 20)) {
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
    await ctx.reply([header, ...lines].join("\n"));
  }
});
