// Reads of the roster: an organisation's members with their link status.
import type { Db } from "../../db/client.js";
import { CURRENT } from "../../db/memberships.js";

export interface RosterEntry {
  fullName: string;
  phone: string;
  status: string;
  role: string;
  linked: boolean;
  linkedAt: string | null;
}

export async function findOrgByCode(db: Db, code: string) {
  return db.org.findUnique({ where: { code } });
}

/**
 * The organisations /members lists for someone managing these: the cells among them by
 * code, or, managing no cell, the first of them.
 */
export async function rosterOrgs(db: Db, managedIds: number[]) {
  const cells = await db.org.findMany({ where: { id: { in: managedIds }, kind: "cell" }, orderBy: { code: "asc" } });
  return cells.length > 0 ? cells : db.org.findMany({ where: { id: { in: managedIds.slice(0, 1) } } });
}

const ROLE_ORDER: Record<string, number> = { secretary: 0, deputy: 1, committee: 2, member: 3 };

export async function listRoster(db: Db, orgId: number): Promise<RosterEntry[]> {
  const memberships = await db.membership.findMany({ where: { orgId, ...CURRENT }, include: { person: true } });
  return memberships
    .map((m) => ({
      fullName: m.person.fullName,
      phone: m.person.phone,
      status: m.status,
      role: m.role,
      // On either messenger: the chat notices go to is set exactly when a person is linked.
      linked: m.person.telegramChatId !== null,
      linkedAt: m.person.linkedAt?.toISOString() ?? null,
    }))
    .sort((a, b) => (ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9) || a.fullName.localeCompare(b.fullName, "vi"));
}
