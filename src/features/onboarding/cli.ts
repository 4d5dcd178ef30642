// `chibo invite <ORG_CODE> [--person <phone>] [--expires 14d] [--max-uses N] [--zalo]`.
// The code is the same on both messengers; --zalo prints what to send a Zalo user (the
// bot's Zalo link and the message to type) instead of the Telegram link.
import { parseArgs } from "node:util";
import { createInvite } from "./mutations.js";
import { parseDuration } from "../../domain/invite.js";
import { normalizePhone } from "../../domain/phone.js";
import { formatLocalDateTime } from "../../domain/time.js";
import { checkToken, tokenProblemKey } from "../../cli/telegram.js";
import { UsageError, type CliContext, orgOrSay, openCliDatabase } from "../../cli/io.js";
import { checkZalo } from "../../cli/zalo.js";
import { zaloBotLink } from "../../zalo/channel.js";
import { CURRENT } from "../../db/memberships.js";
import { telegramBots, type TelegramBotSetup } from "../../config.js";
import { applyBotRoutes, botOfOrg, routesOf } from "../../delivery/bot-routes.js";
import type { Db } from "../../db/client.js";

/** More uses than any cell has members: beyond this a number is a typo (and beyond 2^31 a database error). */
const MAX_INVITE_USES = 100_000;

/** Where a Zalo user finds the bot, or undefined (already said why). */
async function zaloBot(cli: CliContext): Promise<{ link: string; name: string } | undefined> {
  const { config } = cli;
  if (!config.ZALO_BOT_TOKEN) {
    if (config.ZALO_BOT_LINK) return { link: config.ZALO_BOT_LINK, name: "" };
    cli.io.err(cli.say("zalo-cli-invite-need-token"));
    return undefined;
  }
  const info = await checkZalo(cli, config.ZALO_BOT_TOKEN);
  return info ? { link: zaloBotLink(info, config.ZALO_BOT_LINK), name: info.account_name ?? "" } : undefined;
}

/** The username of the bot the link is for (the organisation's province's), or the reason (already printed) it is unknown. */
async function botUsername(cli: CliContext, bot: InviteBot | undefined): Promise<string | undefined> {
  if (bot?.username) return bot.username;
  if (!bot?.token) {
    cli.io.err(cli.say("cli-need-username"));
    return undefined;
  }
  const check = await checkToken(bot.token, cli.config.TELEGRAM_API_ROOT);
  if (check.ok) return check.me.username;
  cli.io.err(cli.say(tokenProblemKey[check.problem], { detail: check.detail, root: cli.config.TELEGRAM_API_ROOT }));
  return undefined;
}

/** What names a bot in a link: its username, or a token to ask Telegram for it. */
type InviteBot = Pick<TelegramBotSetup, "username"> & { token?: string };

/** The Telegram bot an organisation's invitations go through; BOT_USERNAME alone when no token is set. */
async function inviteBot(cli: CliContext, db: Db, orgId: number): Promise<InviteBot | undefined> {
  const bots = telegramBots(cli.config);
  if (bots.length === 0) return { username: cli.config.BOT_USERNAME?.replace(/^@/, "") };
  if (!cli.config.TELEGRAM_BOTS_FILE) return bots[0];
  // Given the file, the routes are written as `import` and `tick` write them (the
  // organisation may be new since the last start), then read.
  await applyBotRoutes(db, routesOf(bots));
  const route = await botOfOrg(db, orgId);
  return bots.find((bot) => bot.route === route);
}

export async function inviteCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      person: { type: "string" },
      expires: { type: "string", default: "14d" },
      "max-uses": { type: "string" },
      zalo: { type: "boolean", default: false },
    },
  });
  const now = cli.now();
  if (positionals.length !== 1) throw new UsageError("invite <ORG_CODE> [--person <phone>] [--expires 14d] [--max-uses N] [--zalo]");
  const expiresInMs = parseDuration(values.expires);
  if (expiresInMs === undefined) {
    cli.io.err(cli.say("cli-duration-invalid", { value: values.expires }));
    return 2;
  }
  const maxUses = values["max-uses"] === undefined ? undefined : Number(values["max-uses"]);
  if (maxUses !== undefined && (!Number.isInteger(maxUses) || maxUses < 1 || maxUses > MAX_INVITE_USES)) {
    throw new UsageError(`--max-uses must be a whole number from 1 to ${MAX_INVITE_USES}`);
  }
  const zalo = values.zalo ? await zaloBot(cli) : undefined;
  if (values.zalo && !zalo) return 2;
  const database = await openCliDatabase(cli);
  try {
    const { db } = database;
    const org = await orgOrSay(cli, db, positionals[0]);
    if (!org) return 1;
    const username = values.zalo ? undefined : await botUsername(cli, await inviteBot(cli, db, org.id));
    if (!values.zalo && !username) return 2;
    let person: { id: number; fullName: string } | undefined;
    if (values.person !== undefined) {
      const phone = normalizePhone(values.person);
      if (!phone) {
        cli.io.err(cli.say("cli-phone-invalid", { phone: values.person }));
        return 1;
      }
      person =
        (await db.person.findFirst({
          where: { phone, memberships: { some: { org: { path: { startsWith: org.path } }, ...CURRENT } } },
        })) ?? undefined;
      if (!person) {
        cli.io.err(cli.say("cli-person-not-found", { phone: values.person, code: org.code }));
        return 1;
      }
    }
    const invite = await createInvite(db, { orgId: org.id, personId: person?.id, expiresInMs, now, maxUses });
    cli.io.out(
      cli.say("cli-invite-created", {
        org: org.name,
        person: person ? cli.say("cli-invite-person", { name: person.fullName }) : "",
        expires: formatLocalDateTime(invite.expiresAt, org.timezone),
        zone: org.timezone,
        uses: invite.maxUses,
      }),
    );
    if (zalo) {
      cli.io.out(cli.say("zalo-cli-invite", { link: zalo.link, name: zalo.name }));
      cli.io.out(`/start ${invite.code}`);
      return 0;
    }
    cli.io.out(`https://t.me/${username}?start=${invite.code}`);
    cli.io.out(cli.say("cli-invite-code", { code: invite.code }));
    cli.io.out(invite.code);
    return 0;
  } finally {
    await database.close();
  }
}
