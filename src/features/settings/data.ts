// Reads for /settings: what the person may choose and what they chose.
import type { Db } from "../../db/client.js";
import { channelOf, type Channel } from "../../bot/channels.js";
import { CURRENT } from "../../db/memberships.js";

/** The messenger notices go to, when the person is linked on both; else undefined. */
export async function noticeChannelChoice(db: Db, personId: number): Promise<Channel | undefined> {
  const person = await db.person.findUnique({ where: { id: personId }, select: { telegramUserId: true, zaloUserId: true, telegramChatId: true } });
  if (!person?.telegramUserId || !person.zaloUserId || !person.telegramChatId) return undefined;
  return channelOf(person.telegramChatId);
}

/** The person's exempt memberships, each with its notices choice and organisation. */
export async function exemptMemberships(db: Db, personId: number) {
  return db.membership.findMany({ where: { personId, status: "exempt", ...CURRENT }, include: { org: true } });
}
