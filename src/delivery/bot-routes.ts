// Which Telegram bot speaks for each organisation when a deployment runs one bot per
// province (config TELEGRAM_BOTS_FILE). Org.bot holds it for the whole tree, so that an
// outbox row takes its bot as it is queued (outbox-store.ts) with one lookup by id, and
// each bot's sender claims only its own rows. The configuration is the source: `chibo
// start` writes it down, and `import`, `tick` and `invite` when given the file; a new
// organisation takes its parent's bot.
import { Prisma } from "../generated/prisma/client.js";
import type { Db } from "../db/client.js";
import { moveWaitingToOrgBots } from "./outbox-store.js";
import type { TelegramBotSetup } from "../config.js";

/** A province's organisation code and the bot (its id) that speaks for it and below. */
export interface BotRoute {
  org: string;
  route: string;
}

export interface RoutesApplied {
  /** Codes the configuration names that no organisation has (not imported yet, or a typo). */
  missing: string[];
  /** Organisations whose bot changed. */
  orgs: number;
  /** Messages still waiting that moved to their organisation's new bot. */
  messages: number;
}

/**
 * Writes each organisation's bot: that of the deepest listed province above it or at it,
 * "" (the default bot) for the rest. Waiting messages follow their organisation.
 */
export async function applyBotRoutes(db: Db, routes: BotRoute[]): Promise<RoutesApplied> {
  const found = await db.org.findMany({ where: { code: { in: routes.map((route) => route.org) } }, select: { code: true, path: true } });
  const pathOf = new Map(found.map((org) => [org.code, org.path]));
  const missing = routes.filter((route) => !pathOf.has(route.org)).map((route) => route.org);
  // Deepest first: a province inside another listed one wins for its own subtree.
  const listed = routes
    .filter((route) => pathOf.has(route.org))
    .map((route) => ({ path: pathOf.get(route.org)!, route: route.route }))
    .sort((a, b) => b.path.length - a.path.length);
  const botOfPath = listed.length === 0
    ? Prisma.sql`''`
    : Prisma.sql`CASE ${Prisma.join(
        listed.map(({ path, route }) => Prisma.sql`WHEN substr("path", 1, ${path.length}) = ${path} THEN ${route}`),
        " ",
      )} ELSE '' END`;
  return db.$transaction(async (tx) => {
    const orgs = await (tx as Db).$executeRaw`UPDATE "Org" SET "bot" = ${botOfPath} WHERE "bot" <> ${botOfPath}`;
    const messages = orgs === 0 ? 0 : await moveWaitingToOrgBots(tx as Db);
    return { missing, orgs, messages };
  });
}

/** The province bots' routes among the deployment's bots (config telegramBots). */
export function routesOf(bots: TelegramBotSetup[]): BotRoute[] {
  return bots.flatMap((bot) => (bot.org === undefined ? [] : [{ org: bot.org, route: bot.route }]));
}

/** The bot an organisation speaks through, as last written: "" for the main bot. */
export async function botOfOrg(db: Db, orgId: number): Promise<string> {
  const org = await db.org.findUnique({ where: { id: orgId }, select: { bot: true } });
  return org?.bot ?? "";
}
