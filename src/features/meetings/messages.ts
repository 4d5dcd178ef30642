// When Telegram refuses to deliver to a member (blocked the bot, deleted the account),
// the cell's secretary is told once, so someone can reach them another way.
import type { Db } from "../../db/client.js";
import { translate as t } from "../../bot/i18n.js";
import { enqueue } from "../../delivery/outbox.js";
import { leadersOf } from "../../org/people.js";
import { sendableFrom } from "../../org/settings.js";
import { CURRENT } from "../../db/memberships.js";

export async function tellLeadersUnreachable(db: Db, row: { personId: number | null; orgId: number | null }, now: Date) {
  if (row.personId === null) return;
  const person = await db.person.findUnique({ where: { id: row.personId }, include: { memberships: { where: CURRENT, include: { org: true } } } });
  if (!person) return;
  const orgIds = row.orgId !== null ? [row.orgId] : person.memberships.map((m) => m.orgId);
  const since = (person.unreachableAt ?? now).getTime();
  for (const orgId of orgIds) {
    const org = await db.org.findUnique({ where: { id: orgId } });
    for (const leader of (await leadersOf(db, orgId)).filter((l) => l.personId !== person.id)) {
      await enqueue(db, [
        {
          key: `unreachable:${person.id}:${since}:${leader.personId}`,
          chatId: leader.chatId,
          personId: leader.personId,
          orgId,
          kind: "unreachable",
          payload: { text: t(leader.locale, "unreachable-to-secretary", { name: person.fullName, org: org?.name ?? "" }) },
          notBefore: org ? await sendableFrom(db, org, now) : now,
        },
      ], now);
    }
  }
}
