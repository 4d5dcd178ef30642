// Who sits on a committee and who leads a cell, as the digest and its escalations reach
// them: linked on Telegram and not known to have blocked the bot.
import { inChunks } from "../../db/chunks.js";
import type { Db } from "../../db/client.js";
import type { TreeOrg } from "../../domain/digest.js";
import { IN_FORCE } from "../../db/memberships.js";

/** Roles that read a non-cell organisation's digest (access.ts: they oversee its subtree). */
export const COMMITTEE_ROLES = ["committee", "secretary", "deputy"];
const LEADING_ROLES = ["secretary", "deputy"];

export interface Reader {
  orgId: number;
  personId: number;
  chatId: string;
  locale: string;
  fullName: string;
}

async function readersOf(db: Db, orgIds: number[], roles: string[]): Promise<Reader[]> {
  const rows = await inChunks([...new Set(orgIds)], (part) =>
    db.membership.findMany({
      where: { orgId: { in: part }, role: { in: roles }, ...IN_FORCE, person: { telegramChatId: { not: null }, unreachableAt: null } },
      select: { orgId: true, personId: true, person: { select: { telegramChatId: true, locale: true, fullName: true } } },
      orderBy: { personId: "asc" },
    }),
  );
  return rows.map((m) => ({ orgId: m.orgId, personId: m.personId, chatId: m.person.telegramChatId!, locale: m.person.locale ?? "vi", fullName: m.person.fullName }));
}

/** Linked committee members of each organisation. */
export const committeeReaders = (db: Db, orgIds: number[]) => readersOf(db, orgIds, COMMITTEE_ROLES);

/** Linked secretaries and deputies of each cell. */
export const cellLeaders = (db: Db, cellIds: number[]) => readersOf(db, cellIds, LEADING_ROLES);

export type CommitteeOrg = TreeOrg & { timezone: string; settings: string };

/** Every organisation that is not a cell: the ones with a committee and a digest. */
export function committeeOrgs(db: Db): Promise<CommitteeOrg[]> {
  return db.org.findMany({
    where: { kind: { not: "cell" } },
    select: { id: true, parentId: true, path: true, kind: true, name: true, code: true, timezone: true, settings: true },
    orderBy: { id: "asc" },
  });
}

export function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
