// Joining through the bot: invites, linking a messenger account (Telegram, or Zalo by
// its bridged id: src/bot/channels.ts) to a roster entry, and the join requests a
// secretary decides. Callable from the bot, the CLI and jobs.
import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { checkInvite, type InviteCheck } from "../../domain/invite.js";
import { inviteGuessCounters } from "../../domain/attempts.js";
import { normalizeName } from "../../domain/names.js";
import { findRosterMatchByName, findRosterMatchByPhone } from "./data.js";
import { accountColumn, channelOf, type Channel } from "../../bot/channels.js";
import { queueDecisionToRequester, queueRequestToApprovers } from "./messages.js";

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

export function newInviteCode(length = 12): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

export const DEFAULT_ORG_INVITE_USES = 500;

export async function createInvite(
  db: Db,
  input: { orgId: number; personId?: number; expiresInMs: number; now: Date; maxUses?: number },
) {
  return db.invite.create({
    data: {
      code: newInviteCode(),
      orgId: input.orgId,
      personId: input.personId,
      createdAt: input.now,
      expiresAt: new Date(input.now.getTime() + input.expiresInMs),
      maxUses: input.personId ? 1 : (input.maxUses ?? DEFAULT_ORG_INVITE_USES),
    },
  });
}

export type InviteLookup =
  /** orgBot: the Telegram bot the cell speaks through (Org.bot: "" for the default bot). */
  | { ok: true; invite: { id: number; orgId: number; personId: number | null; orgName: string; orgPath: string; orgBot: string } }
  | { ok: false; reason: "unknown" | Exclude<InviteCheck, "ok"> };

export async function lookUpInvite(db: Db, code: string, now: Date): Promise<InviteLookup> {
  const invite = await db.invite.findUnique({ where: { code }, include: { org: true } });
  if (!invite) return { ok: false, reason: "unknown" };
  const check = checkInvite(invite, now);
  if (check !== "ok") return { ok: false, reason: check };
  return {
    ok: true,
    invite: { id: invite.id, orgId: invite.orgId, personId: invite.personId, orgName: invite.org.name, orgPath: invite.org.path, orgBot: invite.org.bot },
  };
}

/** Takes one use of an invite, atomically; false when someone else took the last one. */
async function consumeInvite(db: Db, inviteId: number): Promise<boolean> {
  const invite = await db.invite.findUniqueOrThrow({ where: { id: inviteId } });
  const taken = await db.invite.updateMany({
    where: { id: inviteId, uses: { lt: invite.maxUses } },
    data: { uses: { increment: 1 } },
  });
  return taken.count === 1;
}

/** A messenger account as the bot sees it; for Zalo, ids are bridged ids. */
export interface TelegramIdentity {
  userId: string;
  chatId: string;
  name: string;
  locale: string;
}

export type JoinOutcome =
  | { kind: "linked"; personId: number; fullName: string; orgName: string }
  | { kind: "already_linked"; fullName: string }
  | { kind: "pending"; requestId: number; orgId: number }
  | { kind: "invite_used_up" };

interface Accounts {
  telegramUserId: string | null;
  zaloUserId: string | null;
  telegramChatId: string | null;
}

/** The person's account on the messenger this id belongs to. */
export function accountOn(person: Accounts, userId: string): string | null {
  return person[accountColumn(channelOf(userId))];
}

/**
 * Links the account. Notices go to the messenger the person joined with first: linking a
 * second one keeps them where they are (the person may move them in /settings).
 */
async function linkPerson(db: Db, personId: number, who: TelegramIdentity, now: Date, actor: string) {
  const channel = channelOf(who.userId);
  const current = await db.person.findUniqueOrThrow({ where: { id: personId } });
  const keepChat = current.telegramChatId !== null && channelOf(current.telegramChatId) !== channel;
  const person = await db.person.update({
    where: { id: personId },
    data: {
      [accountColumn(channel)]: who.userId,
      telegramChatId: keepChat ? current.telegramChatId : who.chatId,
      linkedAt: current.linkedAt && keepChat ? current.linkedAt : now,
      // Zalo does not say which language its user reads: a language chosen before stays.
      locale: channel === "zalo" ? (current.locale ?? who.locale) : who.locale,
    },
  });
  await audit(db, { actor, action: "person.link", detail: { personId, channel, userId: who.userId } }, now);
  return person;
}

/** Removes a person's account on one messenger; notices move to the other one, if linked. */
function unlinkData(person: Accounts, channel: Channel) {
  const other: Channel = channel === "zalo" ? "telegram" : "zalo";
  const chatGoes = person.telegramChatId !== null && channelOf(person.telegramChatId) === channel;
  return {
    [accountColumn(channel)]: null,
    ...(chatGoes ? { telegramChatId: person[accountColumn(other)] } : {}),
  };
}

async function createRequest(
  db: Db,
  input: { orgId: number; who: TelegramIdentity; reason: string; typedText?: string; phone?: string; candidateId?: number },
  now: Date,
): Promise<JoinOutcome> {
  const existing = await db.joinRequest.findFirst({
    where: { orgId: input.orgId, telegramUserId: input.who.userId, status: "pending" },
  });
  const data = {
    reason: input.reason,
    typedText: input.typedText ?? null,
    phone: input.phone ?? null,
    candidateId: input.candidateId ?? null,
    telegramChatId: input.who.chatId,
    telegramName: input.who.name,
    locale: input.who.locale,
  };
  const request = existing
    ? await db.joinRequest.update({ where: { id: existing.id }, data })
    : await db.joinRequest.create({ data: { ...data, orgId: input.orgId, telegramUserId: input.who.userId, createdAt: now } });
  return { kind: "pending", requestId: request.id, orgId: input.orgId };
}

/**
 * A personal invite links its roster entry directly, unless that entry is already taken;
 * then the request and its notice to the approvers are written in one transaction.
 */
export async function joinWithPersonalInvite(
  db: Db,
  invite: { id: number; orgId: number; personId: number; orgName: string },
  who: TelegramIdentity,
  now: Date,
): Promise<JoinOutcome> {
  return db.$transaction(async (tx) => {
    const outcome = await linkPersonalInvite(tx as Db, invite, who, now);
    if (outcome.kind === "pending") await queueRequestToApprovers(tx as Db, outcome.requestId, now);
    return outcome;
  });
}

async function linkPersonalInvite(
  tx: Db,
  invite: { id: number; orgId: number; personId: number; orgName: string },
  who: TelegramIdentity,
  now: Date,
): Promise<JoinOutcome> {
  const person = await tx.person.findUniqueOrThrow({ where: { id: invite.personId } });
  if (accountOn(person, who.userId) === who.userId) return { kind: "already_linked", fullName: person.fullName };
  if (!(await consumeInvite(tx, invite.id))) return { kind: "invite_used_up" };
  if (accountOn(person, who.userId) !== null) {
    return createRequest(tx, { orgId: invite.orgId, who, reason: "phone_linked_elsewhere", phone: person.phone, candidateId: person.id }, now);
  }
  await linkPerson(tx, person.id, who, now, `${channelOf(who.userId)}:${who.userId}`);
  return { kind: "linked", personId: person.id, fullName: person.fullName, orgName: invite.orgName };
}

/**
 * A contact shared with Telegram's button, already checked to be the sender's own.
 * It links at once when the phone is on the roster below the invite's organisation
 * and not linked to another account; otherwise the secretary decides.
 */
export async function joinWithOwnContact(
  db: Db,
  invite: { id: number; orgId: number; orgPath: string; orgName: string },
  phone: string,
  who: TelegramIdentity,
  now: Date,
): Promise<JoinOutcome> {
  return db.$transaction(async (tx) => {
    const match = await findRosterMatchByPhone(tx as Db, invite.orgPath, phone);
    if (match && accountOn(match, who.userId) === who.userId) return { kind: "already_linked", fullName: match.fullName };
    if (!(await consumeInvite(tx as Db, invite.id))) return { kind: "invite_used_up" };
    if (!match) return createRequest(tx as Db, { orgId: invite.orgId, who, reason: "no_match", phone }, now);
    if (accountOn(match, who.userId) !== null) {
      return createRequest(tx as Db, { orgId: invite.orgId, who, reason: "phone_linked_elsewhere", phone, candidateId: match.id }, now);
    }
    await linkPerson(tx as Db, match.id, who, now, `${channelOf(who.userId)}:${who.userId}`);
    return { kind: "linked", personId: match.id, fullName: match.fullName, orgName: invite.orgName };
  });
}

/** Anything typed (a name or a phone number) waits for the secretary. */
export async function requestWithTypedText(
  db: Db,
  invite: { id: number; orgId: number; orgPath: string },
  typed: { text: string; phone?: string },
  who: TelegramIdentity,
  now: Date,
): Promise<JoinOutcome> {
  return db.$transaction(async (tx) => {
    if (!(await consumeInvite(tx as Db, invite.id))) return { kind: "invite_used_up" };
    const candidate = typed.phone
      ? await findRosterMatchByPhone(tx as Db, invite.orgPath, typed.phone)
      : await findRosterMatchByName(tx as Db, invite.orgPath, normalizeName(typed.text));
    return createRequest(tx as Db, {
      orgId: invite.orgId,
      who,
      reason: typed.phone ? "typed_phone" : "typed_name",
      typedText: typed.text,
      phone: typed.phone,
      candidateId: candidate?.id,
    }, now);
  });
}

export type Decision = "approve" | "reject";
export type DecisionOutcome =
  | { kind: "approved"; personName: string; requesterChatId: string; requesterLocale: string | null; orgName: string }
  | { kind: "rejected"; requesterChatId: string; requesterLocale: string | null; orgName: string }
  | { kind: "already_decided"; status: string }
  | { kind: "no_candidate" }
  | { kind: "not_found" };

/**
 * Decides a join request and queues the requester's answer in one transaction: a decision
 * is never recorded without its message. The approver's right to decide is checked by
 * the caller (bot/ access rules).
 */
export async function decideJoinRequest(
  db: Db,
  requestId: number,
  decision: Decision,
  approverPersonId: number,
  now: Date,
): Promise<DecisionOutcome> {
  return db.$transaction(async (tx) => {
    const request = await tx.joinRequest.findUnique({ where: { id: requestId }, include: { org: true, candidate: true } });
    if (!request) return { kind: "not_found" };
    if (request.status !== "pending") return { kind: "already_decided", status: request.status };
    const common = { requesterChatId: request.telegramChatId, requesterLocale: request.locale, orgName: request.org.name };
    if (decision === "reject") {
      await tx.joinRequest.update({ where: { id: request.id }, data: { status: "rejected", decidedByPersonId: approverPersonId, decidedAt: now } });
      await queueDecisionToRequester(tx as Db, request, common, "join-rejected", { org: common.orgName }, now);
      return { kind: "rejected", ...common };
    }
    if (!request.candidate) return { kind: "no_candidate" };
    // Moving a link from one account to another happens only here, by a person's decision.
    // The request's ids are of the messenger it came from (bridged ids for Zalo).
    const channel = channelOf(request.telegramUserId);
    const previous = accountOn(request.candidate, request.telegramUserId);
    if (previous !== null && previous !== request.telegramUserId) {
      await tx.person.update({ where: { id: request.candidate.id }, data: unlinkData(request.candidate, channel) });
    }
    const holder = await tx.person.findFirst({
      where: { [accountColumn(channel)]: request.telegramUserId, NOT: { id: request.candidate.id } },
    });
    if (holder) await tx.person.update({ where: { id: holder.id }, data: unlinkData(holder, channel) });
    await linkPerson(
      tx as Db,
      request.candidate.id,
      { userId: request.telegramUserId, chatId: request.telegramChatId, name: request.telegramName, locale: request.locale ?? "vi" },
      now,
      `person:${approverPersonId}`,
    );
    await tx.joinRequest.update({ where: { id: request.id }, data: { status: "approved", decidedByPersonId: approverPersonId, decidedAt: now } });
    const personName = request.candidate.fullName;
    await queueDecisionToRequester(tx as Db, request, common, "join-approved", { name: personName, org: common.orgName }, now);
    return { kind: "approved", personName, ...common };
  });
}

/** Counts a code that matched nothing against the account (see domain/attempts). */
export async function recordInviteGuess(db: Db, telegramUserId: string, now: Date) {
  for (const { key, windowEndsAt } of inviteGuessCounters(telegramUserId, now)) {
    await db.attemptCount.upsert({ where: { key }, create: { key, count: 1, windowEndsAt }, update: { count: { increment: 1 } } });
  }
  // Failures are rare: dropping the windows that ended a day ago here keeps the table small.
  await db.attemptCount.deleteMany({ where: { windowEndsAt: { lt: new Date(now.getTime() - 86_400_000) } } });
}
