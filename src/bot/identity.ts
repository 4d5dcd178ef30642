// Loads the person behind the sender's Telegram account and their positions in the
// tree, once per update, before any feature runs.
import type { NextFunction } from "grammy";
import type { Db } from "../db/client.js";
import type { Position } from "../domain/access.js";
import type { BaseContext, BotDeps, Speaker } from "./context.js";
import { pickLocale, type Translate } from "./i18n.js";

export async function loadSpeaker(db: Db, telegramUserId: string): Promise<{ speaker?: Speaker; positions: Position[] }> {
  const person = await db.person.findUnique({
    where: { telegramUserId },
    include: { memberships: { include: { org: { select: { id: true, path: true, kind: true } } } } },
  });
  if (!person) return { positions: [] };
  return {
    speaker: { id: person.id, fullName: person.fullName, phone: person.phone, locale: person.locale },
    positions: person.memberships.map((m) => ({ orgId: m.org.id, orgPath: m.org.path, orgKind: m.org.kind, role: m.role })),
  };
}

export function identity(deps: BotDeps, translate: Translate) {
  return async (ctx: BaseContext, next: NextFunction) => {
    ctx.deps = deps;
    ctx.translateFor = translate;
    ctx.positions = [];
    if (ctx.from && !ctx.from.is_bot) {
      const found = await loadSpeaker(deps.db, String(ctx.from.id));
      ctx.speaker = found.speaker;
      ctx.positions = found.positions;
    }
    ctx.locale = pickLocale(ctx.speaker?.locale, ctx.from?.language_code);
    await next();
  };
}
