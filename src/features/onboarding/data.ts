// Reads for joining: roster matches below an organisation, pending requests, and who
// should hear about a request.
import type { Db } from "../../db/client.js";
import { normalizeName } from "../../domain/names.js";
import { attemptVerdict, inviteGuessCounters, type AttemptVerdict } from "../../domain/attempts.js";
import { CURRENT, IN_FORCE } from "../../db/memberships.js";

export async function findRosterMatchByPhone(db: Db, orgPath: string, phone: string) {
  return db.person.findFirst({
    where: { phone, memberships: { some: { org: { path: { startsWith: orgPath } }, ...CURRENT } } },
  });
}

/** A typed name matches only when exactly one roster entry below the organisation has it. */
export async function findRosterMatchByName(db: Db, orgPath: string, normalizedName: string) {
  const people = await db.person.findMany({
    where: { memberships: { some: { org: { path: { startsWith: orgPath } }, ...CURRENT } } },
    select: { id: true, fullName: true, telegramUserId: true, zaloUserId: true },
  });
  const matches = people.filter((p) => normalizeName(p.fullName) === normalizedName);
  return matches.length === 1 ? matches[0] : undefined;
}

export async function findJoinRequest(db: Db, id: number) {
  return db.joinRequest.findUnique({ where: { id }, include: { org: true, candidate: true } });
}

export async function pendingRequestsFor(db: Db, orgIds: number[]) {
  return db.joinRequest.findMany({
    where: { orgId: { in: orgIds }, status: "pending" },
    include: { org: true, candidate: true },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * Who decides an organisation's join requests: its linked secretary and deputies; if
 * none is linked, the linked leaders and committee of the nearest organisation above.
 * Linked on either messenger: their chat (telegramChatId) is where notices reach them.
 */
export async function approversOf(db: Db, orgId: number) {
  let org = await db.org.findUnique({ where: { id: orgId } });
  let roles = ["secretary", "deputy"];
  while (org) {
    const people = await db.person.findMany({
      where: { telegramChatId: { not: null }, memberships: { some: { orgId: org.id, role: { in: roles }, ...IN_FORCE } } },
    });
    if (people.length > 0) return people;
    org = org.parentId ? await db.org.findUnique({ where: { id: org.parentId } }) : null;
    roles = ["secretary", "deputy", "committee"];
  }
  return [];
}

/** Whether this account may try an invite code now, after the codes that matched nothing. */
export async function inviteGuessVerdict(db: Db, telegramUserId: string, now: Date): Promise<AttemptVerdict> {
  const counters = inviteGuessCounters(telegramUserId, now);
  const rows = await db.attemptCount.findMany({ where: { key: { in: counters.map((c) => c.key) } } });
  const countOf = (key: string) => rows.find((r) => r.key === key)?.count ?? 0;
  return attemptVerdict(counters.map((c) => ({ count: countOf(c.key), limit: c.limit })), now);
}
