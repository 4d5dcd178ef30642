// A person's own preferences, from /settings: the language, the messenger their notices
// go to, and for exempt members whether they still get the cell's meeting notices.
import type { Db } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { accountColumn, type Channel } from "../../bot/channels.js";
import { CURRENT } from "../../db/memberships.js";

/**
 * Where the person's notices go: the messenger they choose, among those they are linked
 * on. Returns false when they are not linked there. The change and its audit entry are
 * written together.
 */
export async function chooseNoticeChannel(db: Db, personId: number, channel: Channel, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const person = await tx.person.findUnique({ where: { id: personId } });
    const account = person?.[accountColumn(channel)];
    if (!person || !account) return false;
    // Private chats: the chat id is the account id, on both messengers.
    await tx.person.update({ where: { id: personId }, data: { telegramChatId: account, unreachableAt: null } });
    await audit(tx as Db, { actor: `person:${personId}`, action: "person.notice_channel", detail: { channel } }, now);
    return true;
  });
}

export async function saveLocale(db: Db, personId: number, locale: string) {
  await db.person.update({ where: { id: personId }, data: { locale } });
}

/**
 * An exempt member's choice of the cell's meeting notices. Only the person's own exempt
 * membership can change; anything else matches no row and returns false.
 */
export async function setNoticeOptIn(db: Db, personId: number, orgId: number, optIn: boolean): Promise<boolean> {
  const changed = await db.membership.updateMany({ where: { orgId, personId, status: "exempt", ...CURRENT }, data: { noticeOptIn: optIn } });
  return changed.count > 0;
}
