// Writes for follow assignments, callable from the bot and the CLI: start or end a
// follow, audit it, and queue what the colleague and the cell's leaders are told.
// Every message goes through the outbox with a unique key, never in quiet hours.
import type { Db } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { translate as t } from "../../bot/i18n.js";
import { enqueue, type OutboxItem } from "../../delivery/outbox.js";
import { dropPendingForFollower } from "../../delivery/outbox-store.js";
import { upcomingMeetings, viewOf, withReview } from "../../org/meetings.js";
import { leadersOf, recipientsOf } from "../../org/people.js";
import { sendableFrom } from "../../org/settings.js";
import { noticeItems } from "../../org/meeting-messages.js";
import { committeeSeatAbove, type CellRef } from "./data.js";
import { IN_FORCE } from "../../db/memberships.js";

export interface Actor {
  /** The assigner in chat; null for the operator's CLI. */
  personId: number | null;
  fullName: string | null;
  /** How the audit log names them: "person:<id>" or "cli". */
  audit: string;
}

export type AddOutcome = { kind: "added"; linked: boolean; notices: number } | { kind: "already" };
export type RemoveOutcome = { kind: "removed"; linked: boolean } | { kind: "not_following" };

/** Queued messages of a meeting's time that a former follower should no longer get. */
const FOLLOWER_MEETING_KINDS = ["notice", "reminder", "moved"];

const byName = (actor: Actor, locale: string) => actor.fullName ?? t(locale, "follow-by-operator");

/** By code, not class: the SQLite and PostgreSQL clients each have their own error class. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}

async function auditFollow(db: Db, actor: Actor, action: string, cell: CellRef, person: { id: number; fullName: string }, now: Date) {
  await audit(db, { actor: actor.audit, action, detail: { cell: cell.code, cellId: cell.id, personId: person.id, person: person.fullName } }, now);
}

/** The colleague and the cell's linked secretary and deputies, each in their language. */
async function tellAbout(
  db: Db,
  change: { cell: CellRef; person: { id: number; fullName: string; telegramChatId: string | null; unreachableAt: Date | null; locale: string | null }; actor: Actor; keyBase: string; added: boolean },
  now: Date,
) {
  const { cell, person, actor, keyBase, added } = change;
  const notBefore = await sendableFrom(db, cell, now);
  const seat = await committeeSeatAbove(db, person.id, cell);
  const common = { orgId: cell.id, personId: person.id, kind: added ? "follow_added" : "follow_ended", notBefore };
  const items: OutboxItem[] = [];
  if (person.telegramChatId && !person.unreachableAt) {
    const locale = person.locale ?? "vi";
    items.push({
      ...common,
      key: keyBase,
      chatId: person.telegramChatId,
      payload: { text: t(locale, added ? "follow-added-to-colleague" : "follow-ended-to-colleague", { by: byName(actor, locale), cell: cell.name }) },
    });
  }
  for (const leader of await leadersOf(db, cell.id)) {
    if (leader.personId === person.id) continue;
    const vars = {
      by: byName(actor, leader.locale),
      who: seat ? `${person.fullName} (${t(leader.locale, `role-${seat.role}`)}, ${seat.orgName})` : person.fullName,
      name: person.fullName,
      cell: cell.name,
    };
    items.push({
      ...common,
      personId: leader.personId,
      key: `${keyBase}:leader:${leader.personId}`,
      chatId: leader.chatId,
      payload: { text: t(leader.locale, added ? "follow-added-to-leader" : "follow-ended-to-leader", vars) },
    });
  }
  await enqueue(db, items, now);
}

/**
 * The notice of every upcoming confirmed meeting of the cell, for one new follower, built
 * by the meetings feature: its key (meeting, revision, person) means a notice the person
 * already had is not sent again.
 */
async function queueUpcomingNotices(db: Db, cell: CellRef, personId: number, now: Date): Promise<number> {
  const recipient = (await recipientsOf(db, cell.id)).find((r) => r.personId === personId);
  if (!recipient?.chatId) return 0;
  const meetings = (await upcomingMeetings(db, cell.id, now)).filter((m) => m.status === "confirmed");
  if (meetings.length === 0) return 0;
  const notBefore = await sendableFrom(db, cell, now);
  // The same notice the members had: opened by the review of the previous resolution.
  const views = await Promise.all(meetings.map((m) => withReview(db, { ...viewOf(m), revision: m.revision, orgId: m.orgId }, m, now)));
  const items = meetings.flatMap((m, i) => noticeItems(t, { meeting: views[i]!, notBefore, expiresAt: m.startsAt }, [recipient]));
  return enqueue(db, items, now);
}

/** The caller has checked that the actor may assign this person to this cell. */
export async function addFollow(db: Db, input: { cell: CellRef; personId: number; actor: Actor }, now: Date): Promise<AddOutcome> {
  const { cell, personId, actor } = input;
  const person = await db.person.findUniqueOrThrow({ where: { id: personId } });
  let follow;
  try {
    // A double tap or two assigners at once: the unique pair lets one of them win.
    follow = await db.follow.create({ data: { orgId: cell.id, personId, createdAt: now } });
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: "already" };
    throw error;
  }
  await auditFollow(db, actor, "follow.add", cell, person, now);
  await tellAbout(db, { cell, person, actor, keyBase: `follow:${cell.id}:${personId}:${follow.createdAt.getTime()}`, added: true }, now);
  const notices = await queueUpcomingNotices(db, cell, personId, now);
  return { kind: "added", linked: person.telegramChatId !== null, notices };
}

/** The caller has checked that the actor may end this follow. */
export async function removeFollow(db: Db, input: { cell: CellRef; personId: number; actor: Actor }, now: Date): Promise<RemoveOutcome> {
  const { cell, personId, actor } = input;
  const follow = await db.follow.findUnique({ where: { orgId_personId: { orgId: cell.id, personId } }, include: { person: true } });
  if (!follow) return { kind: "not_following" };
  const removed = await db.follow.deleteMany({ where: { id: follow.id } });
  if (removed.count === 0) return { kind: "not_following" };
  await dropQueuedMeetingMessages(db, cell.id, personId);
  await auditFollow(db, actor, "follow.remove", cell, follow.person, now);
  // The follow's start names the episode: ending it is told once, whatever the retries.
  await tellAbout(db, { cell, person: follow.person, actor, keyBase: `unfollow:${cell.id}:${personId}:${follow.createdAt.getTime()}`, added: false }, now);
  return { kind: "removed", linked: follow.person.telegramChatId !== null };
}

/** Notices and reminders still waiting for a former follower (unless they are a member). */
async function dropQueuedMeetingMessages(db: Db, cellId: number, personId: number) {
  if (await db.membership.findFirst({ where: { orgId: cellId, personId, ...IN_FORCE } })) return;
  await dropPendingForFollower(db, { orgId: cellId, personId, kinds: FOLLOWER_MEETING_KINDS });
}
