// Loads the person behind the sender's messenger account (Telegram, or Zalo through a
// bridged id) and their positions in the tree, once per update, before any feature runs.
import type { NextFunction } from "grammy";
import type { Db } from "../db/client.js";
import type { Position } from "../domain/access.js";
import type { BaseContext, BotDeps, Speaker } from "./context.js";
import { pickLocale, type Translate } from "./i18n.js";
import { channelOf } from "./channels.js";
import { IN_FORCE } from "../db/memberships.js";

/** `userId` is the sender's id as the bot sees it: a Telegram id or a bridged Zalo id. */
export async function loadSpeaker(db: Db, userId: string): Promise<{ speaker?: Speaker; positions: Position[] }> {
  const person = await db.person.findUnique({
    where: channelOf(userId) === "zalo" ? { zaloUserId: userId } : { telegramUserId: userId },
    include: { memberships: { where: IN_FORCE, include: { org: { select: { id: true, path: true, kind: true } } } } },
  });
  if (!person) return { positions: [] };
  // Rights come only from memberships in force: a transferred secretary is no secretary here.
  const memberships = person.memberships;
  return {
    speaker: {
      id: person.id,
      fullName: person.fullName,
      phone: person.phone,
      locale: person.locale,
      memberOf: memberships.map((m) => m.orgId),
    },
    positions: memberships.map((m) => ({ orgId: m.org.id, orgPath: m.org.path, orgKind: m.org.kind, role: m.role })),
  };
}

export function identity(deps: BotDeps, translate: Translate) {
  return async (ctx: BaseContext, next: NextFunction) => {
    ctx.deps = deps;
    ctx.translateFor = translate;
    ctx.positions = [];
    ctx.channel = channelOf(ctx.from?.id ?? ctx.chat?.id ?? 0);
    if (ctx.from && !ctx.from.is_bot) {
      const found = await loadSpeaker(deps.db, String(ctx.from.id));
      ctx.speaker = found.speaker;
      ctx.positions = found.positions;
    }
    ctx.locale = pickLocale(ctx.speaker?.locale, ctx.from?.language_code);
    await next();
  };
}
