// Reads for broadcasts: which organisations a person may broadcast from, who is in a
// subtree's audience, each cell's quiet hours, and delivery and read counts.
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../db/client.js";
import { CELL_KIND, oversees, type Position } from "../../domain/access.js";
import { isExpected } from "../../domain/attendance.js";
import { resolveSettings, type OrgSettings } from "../../domain/settings.js";
import { idsOnPath } from "../../domain/tree.js";
import type { Audience } from "./schema.js";
import { inForce } from "../../domain/membership.js";
import { CURRENT } from "../../db/memberships.js";

/** The non-cell organisations whose committee or leaders this person belongs to. */
export function senderOrgIds(positions: Position[]): number[] {
  return [...new Set(positions.filter((p) => p.orgKind !== CELL_KIND && oversees([p], p.orgPath)).map((p) => p.orgId))];
}

export async function senderOrgs(db: Db, positions: Position[]) {
  const ids = senderOrgIds(positions);
  if (ids.length === 0) return [];
  return db.org.findMany({ where: { id: { in: ids } }, orderBy: { code: "asc" } });
}

export interface AudienceMember {
  personId: number;
  /** The cell through which the person is reached (their first in the subtree). */
  orgId: number;
  /** Null when the person has not linked Telegram or Telegram refuses delivery. */
  chatId: string | null;
  locale: string;
}

const LEADING_ROLES = ["secretary", "deputy"];

/**
 * Everyone in the subtree's cells the broadcast is for: the secretary and deputies of
 * each cell, or every member expected at its meetings. A person in two cells counts once.
 */
export async function audienceOf(db: Db, org: { path: string }, audience: Audience): Promise<AudienceMember[]> {
  const memberships = await db.membership.findMany({
    where: {
      org: { path: { startsWith: org.path }, kind: CELL_KIND },
      ...CURRENT,
      ...(audience === "secretaries" ? { role: { in: LEADING_ROLES } } : {}),
    },
    select: {
      orgId: true,
      personId: true,
      status: true,
      endedOn: true,
      noticeOptIn: true,
      person: { select: { telegramChatId: true, unreachableAt: true, locale: true } },
    },
    orderBy: [{ orgId: "asc" }, { id: "asc" }],
  });
  const seen = new Set<number>();
  const members: AudienceMember[] = [];
  for (const m of memberships) {
    const wanted = audience === "secretaries" ? inForce(m) : isExpected(m);
    if (!wanted || seen.has(m.personId)) continue;
    seen.add(m.personId);
    members.push({
      personId: m.personId,
      orgId: m.orgId,
      chatId: m.person.unreachableAt ? null : m.person.telegramChatId,
      locale: m.person.locale ?? "vi",
    });
  }
  return members;
}

/** How many people a broadcast from this organisation would be for, and how many of them it would reach. */
export async function audienceReach(db: Db, orgId: number, audience: Audience): Promise<{ total: number; reachable: number }> {
  const org = await db.org.findUnique({ where: { id: orgId } });
  const members = org ? await audienceOf(db, org, audience) : [];
  return { total: members.length, reachable: members.filter((m) => m.chatId !== null).length };
}

/** The organisation a broadcast is sent from, as the sender's rights are checked against it. */
export async function senderOrg(db: Db, orgId: number): Promise<{ id: number; path: string } | null> {
  return db.org.findUnique({ where: { id: orgId }, select: { id: true, path: true } });
}

export interface CellClock {
  timeZone: string;
  quietHours: OrgSettings["quietHours"];
}

/**
 * Each cell's time zone and quiet hours, in two queries for the whole subtree: settings
 * are inherited, so each cell's chain is resolved from the rows already loaded.
 */
export async function cellClocks(db: Db, org: { path: string }): Promise<Map<number, CellClock>> {
  const [subtree, ancestors] = await Promise.all([
    db.org.findMany({ where: { path: { startsWith: org.path } }, select: { id: true, path: true, kind: true, timezone: true, settings: true } }),
    db.org.findMany({ where: { id: { in: idsOnPath(org.path) } }, select: { id: true, settings: true } }),
  ]);
  const settingsById = new Map([...ancestors, ...subtree].map((o) => [o.id, o.settings]));
  // Most cells share their chain's text (no overrides): resolve each distinct chain once.
  const resolved = new Map<string, OrgSettings>();
  const clocks = new Map<number, CellClock>();
  for (const cell of subtree.filter((o) => o.kind === CELL_KIND)) {
    const chain = idsOnPath(cell.path).map((id) => settingsById.get(id) ?? "{}");
    const memo = chain.join("\u0000");
    let settings = resolved.get(memo);
    if (!settings) {
      settings = resolveSettings(chain);
      resolved.set(memo, settings);
    }
    clocks.set(cell.id, { timeZone: cell.timezone, quietHours: settings.quietHours });
  }
  return clocks;
}

export async function recentBroadcasts(db: Db, orgIds: number[], take: number) {
  return db.broadcast.findMany({
    where: { orgId: { in: orgIds } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    include: { org: { select: { code: true, name: true, timezone: true } }, sender: { select: { fullName: true } } },
  });
}

export type BroadcastRow = Awaited<ReturnType<typeof recentBroadcasts>>[number];

export interface BroadcastCounts {
  /** People the broadcast was meant for. */
  recipients: number;
  /** Of those, people with no reachable Telegram chat when it was sent. */
  unreachable: number;
  sent: number;
  /** Telegram refused or the message could not be delivered. */
  failed: number;
  /** Queued, waiting for quiet hours to end or for a retry. */
  pending: number;
  read: number;
}

const NO_COUNTS: BroadcastCounts = { recipients: 0, unreachable: 0, sent: 0, failed: 0, pending: 0, read: 0 };

/** Counts of several broadcasts in one query: recipients joined to their outbox rows. */
export async function countsOf(db: Db, broadcastIds: number[]): Promise<Map<number, BroadcastCounts>> {
  const counts = new Map<number, BroadcastCounts>(broadcastIds.map((id) => [id, { ...NO_COUNTS }]));
  if (broadcastIds.length === 0) return counts;
  const rows = await db.$queryRaw<Record<string, number | bigint | null>[]>`
    SELECT r."broadcastId" AS "id",
           COUNT(*) AS "recipients",
           SUM(CASE WHEN r."outboxKey" IS NULL THEN 1 ELSE 0 END) AS "unreachable",
           SUM(CASE WHEN o."status" = 'sent' THEN 1 ELSE 0 END) AS "sent",
           SUM(CASE WHEN o."status" IN ('failed', 'dropped') THEN 1 ELSE 0 END) AS "failed",
           SUM(CASE WHEN o."status" IN ('pending', 'sending') THEN 1 ELSE 0 END) AS "pending",
           SUM(CASE WHEN r."readAt" IS NOT NULL THEN 1 ELSE 0 END) AS "read"
    FROM "BroadcastRecipient" r
    LEFT JOIN "OutboxMessage" o ON o."key" = r."outboxKey"
    WHERE r."broadcastId" IN (${Prisma.join(broadcastIds)})
    GROUP BY r."broadcastId"`;
  for (const row of rows) {
    const n = (key: keyof BroadcastCounts) => Number(row[key] ?? 0);
    counts.set(Number(row.id), {
      recipients: n("recipients"),
      unreachable: n("unreachable"),
      sent: n("sent"),
      failed: n("failed"),
      pending: n("pending"),
      read: n("read"),
    });
  }
  return counts;
}
