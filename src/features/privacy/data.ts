// Reads for a person's privacy requests: everything stored about them (the export),
// where their name and number appear in other records, and what forgetting would change.
import { Prisma, type Person } from "../../generated/prisma/client.js";
import type { Db } from "../../db/client.js";
import { translate } from "../../bot/i18n.js";
import { idsOnPath } from "../../domain/tree.js";
import { zaloRowId } from "../../bot/channels.js";
import { digitsTrace, inJson, mentions, nameTrace, phoneForms, replaceTraces, wordTrace, type Trace } from "./traces.js";

/** Placeholders are stored data, read by everyone in the cell: in the default language. */
const STORED_LOCALE = "vi";

export const forgottenName = (personId: number) => translate(STORED_LOCALE, "privacy-forgotten-name", { id: personId });
/** Never an E.164 number (no "+", letters), and unique because the id is. */
export const forgottenPhone = (personId: number) => `forgotten:${personId}`;
export const FORGOTTEN_CHAT = "forgotten";
export const erasedText = () => translate(STORED_LOCALE, "privacy-erased-text");

export async function findPersonByPhone(db: Db, phone: string) {
  return db.person.findUnique({ where: { phone } });
}

/**
 * The chats and accounts that are this person's own: a private chat's id is the user's
 * id, and a Zalo account is seen through its bridged id (src/bot/channels.ts).
 */
export function ownChats(person: Person): string[] {
  return [...new Set([person.telegramChatId, person.telegramUserId, person.zaloUserId].filter((id): id is string => id !== null))];
}

/** The Zalo chat row behind the person's Zalo account, if they linked one. */
export function zaloChatIdOf(person: Person): number | undefined {
  return person.zaloUserId ? zaloRowId(person.zaloUserId) : undefined;
}

/** How the audit log names the person as actor: by id, or by Telegram id when they linked themselves. */
export function ownActors(person: Person): string[] {
  return [`person:${person.id}`, ...ownChats(person).map((id) => `telegram:${id}`)];
}

/** Audit entries whose actor is the person's Telegram id (rewritten to their id when forgotten). */
export function actorsByTelegram(person: Person): Prisma.AuditLogWhereInput {
  return { actor: { in: ownActors(person).slice(1) } };
}

/** Free text the person wrote: absence notes, agenda proposals and progress notes on tasks. */
export async function freeTextsOf(db: Db, personId: number): Promise<string[]> {
  const [answers, proposals, taskNotes] = await Promise.all([
    db.meetingAnswer.findMany({ where: { personId, reasonText: { not: null } }, select: { reasonText: true } }),
    db.agendaProposal.findMany({ where: { personId }, select: { text: true } }),
    db.taskNote.findMany({ where: { personId }, select: { text: true } }),
  ]);
  return [...answers.map((a) => a.reasonText!), ...proposals.map((p) => p.text), ...taskNotes.map((n) => n.text)];
}

// ---------------------------------------------------------------------------------------
// Traces in other records

/** A text column of another record that may hold a person's name, number or Telegram id. */
interface TraceColumn {
  table: string;
  key: string;
  column: string;
  /** Holds JSON: look for the text as JSON escapes it. */
  json: boolean;
  /**
   * Their own words (absence notes, proposals) are erased here too: in a message about
   * them, and wherever a proposal went (an agenda that took it in), named or not.
   */
  freeText?: boolean;
  /** May hold Telegram ids as JSON strings (audit details of a link). */
  telegramIds?: boolean;
  /** Rows sent to the person's own chat are handled on their own (cleared whole). */
  notToOwnChat?: boolean;
}

const TRACE_COLUMNS: TraceColumn[] = [
  { table: "MeetingRecord", key: "meetingId", column: "chair", json: false },
  { table: "MeetingRecord", key: "meetingId", column: "noteTaker", json: false },
  { table: "MeetingRecord", key: "meetingId", column: "guests", json: true },
  { table: "MeetingRecord", key: "meetingId", column: "notHeldReason", json: false },
  { table: "Meeting", key: "id", column: "agenda", json: false, freeText: true },
  { table: "Meeting", key: "id", column: "statusReason", json: false },
  { table: "MeetingAnswer", key: "id", column: "reasonText", json: false },
  { table: "AgendaProposal", key: "id", column: "text", json: false },
  { table: "Broadcast", key: "id", column: "text", json: false },
  { table: "MeetingConclusion", key: "meetingId", column: "text", json: false },
  { table: "Task", key: "id", column: "text", json: false },
  { table: "TaskNote", key: "id", column: "text", json: false },
  { table: "JoinRequest", key: "id", column: "typedText", json: false },
  { table: "OutboxMessage", key: "id", column: "payload", json: true, freeText: true, notToOwnChat: true },
  { table: "OutboxMessage", key: "id", column: "lastError", json: false, notToOwnChat: true },
  { table: "ConversationState", key: "key", column: "value", json: true, freeText: true },
  { table: "AuditLog", key: "id", column: "detail", json: true, telegramIds: true },
];

/** A rewrite of one column of one row: the person's traces replaced. */
export interface Mention {
  table: string;
  key: string;
  keyValue: number | string;
  column: string;
  after: string;
}

interface Traces {
  /** Name (in any case, with or without diacritics) and phone numbers: any of these makes a text a mention. */
  identity: Trace[];
  telegramIds: Trace[];
  /** The person's own words, erased from messages about them. */
  free: Trace[];
}

function tracesOf(person: Person, freeTexts: string[], json: boolean): Traces {
  const encode = json ? inJson : (text: string) => text;
  // A JSON string keeps letters and spaces as they are: one fuzzy name serves both.
  const name = nameTrace(person.fullName, encode(forgottenName(person.id)));
  const phones = phoneForms(person.phone).map((form) => digitsTrace(form, forgottenPhone(person.id)));
  const telegramIds = ownChats(person).map((id) => digitsTrace(`"${id}"`, `"${FORGOTTEN_CHAT}"`));
  // Only words worth the name: a one-letter note would erase every such letter.
  const worded = freeTexts.filter((text) => text.trim().length >= 3 && /[\p{L}\p{N}]/u.test(text));
  const free = [...new Set(worded)].sort((a, b) => b.length - a.length).map((text) => wordTrace(encode(text), erasedText()));
  return { identity: [name, ...phones], telegramIds, free };
}

/** LIKE with "!" as the escape character: the same on SQLite and PostgreSQL. */
const likeContaining = (text: string) => `%${text.replace(/[!%_]/g, "!$&")}%`;

/**
 * Every row of another record whose text names the person (or, in the audit log, holds
 * their Telegram id), with the text as it should become. A LIKE pre-filters in the
 * database; the whole-word check and the rewrite happen here.
 */
export async function findMentions(db: Db, person: Person, freeTexts: string[]): Promise<Mention[]> {
  const found: Mention[] = [];
  const chats = ownChats(person);
  for (const target of TRACE_COLUMNS) {
    const traces = tracesOf(person, freeTexts, target.json);
    const wanted = [...traces.identity, ...(target.telegramIds ? traces.telegramIds : []), ...(target.freeText ? traces.free : [])];
    const column = Prisma.raw(`"${target.column}"`);
    const matches = Prisma.join(
      wanted.map((trace) =>
        trace.caseless ? Prisma.sql`LOWER(${column}) LIKE ${trace.search} ESCAPE '!'` : Prisma.sql`${column} LIKE ${likeContaining(trace.search)} ESCAPE '!'`,
      ),
      " OR ",
    );
    const notOwn = target.notToOwnChat && chats.length > 0 ? Prisma.sql`AND "chatId" NOT IN (${Prisma.join(chats)})` : Prisma.empty;
    const rows = await db.$queryRaw<{ keyValue: number | string; text: string }[]>`
      SELECT ${Prisma.raw(`"${target.key}"`)} AS "keyValue", ${column} AS "text"
      FROM ${Prisma.raw(`"${target.table}"`)}
      WHERE (${matches}) ${notOwn}`;
    for (const row of rows) {
      if (!mentions(row.text, wanted)) continue;
      const after = replaceTraces(row.text, [...(target.freeText ? traces.free : []), ...wanted]);
      if (after !== row.text) found.push({ table: target.table, key: target.key, keyValue: row.keyValue, column: target.column, after });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------
// What forgetting changes

export interface ForgetCounts {
  /** Memberships kept for the statistics, retired so nothing more is sent. */
  memberships: number;
  orgs: string[];
  notes: number;
  proposals: number;
  /** Messages to the person not yet sent (dropped), and sent ones (text cleared). */
  dropped: number;
  cleared: number;
  follows: number;
  invites: number;
  requests: number;
  conversations: number;
  /** Rows of other records whose text named the person. */
  mentions: number;
  /** Attachments already sent to committees above the person's cells (reports that may list them). */
  attachments: number;
  /** Kept, anonymous, so rates and counts stay right. */
  attendance: number;
  answers: number;
  dues: number;
}

export function joinRequestsOf(person: Person): Prisma.JoinRequestWhereInput {
  return {
    OR: [
      { candidateId: person.id },
      { phone: person.phone },
      ...(person.telegramUserId ? [{ telegramUserId: person.telegramUserId }] : []),
    ],
  };
}

/** The person's conversations with any bot: a province's bot keys them "<bot id>:<chat>" (src/bot/create-bot.ts). */
export function conversationsOf(person: Person): Prisma.ConversationStateWhereInput {
  const chats = ownChats(person);
  return { OR: [{ key: { in: chats } }, ...chats.map((chat) => ({ key: { endsWith: `:${chat}` } }))] };
}

/** Sent attachments (documents with their content) to the organisations above and at the person's cells. */
export async function sentAttachmentsAbove(db: Db, personId: number) {
  const memberships = await db.membership.findMany({ where: { personId }, select: { org: { select: { path: true } } } });
  const orgIds = [...new Set(memberships.flatMap((m) => idsOnPath(m.org.path)))];
  if (orgIds.length === 0) return [];
  const rows = await db.outboxMessage.findMany({
    where: { orgId: { in: orgIds }, status: "sent", payload: { contains: '"contentBase64":"' } },
    select: { id: true, payload: true },
  });
  return rows.filter((row) => Boolean((JSON.parse(row.payload) as { document?: { contentBase64?: string } }).document?.contentBase64));
}

/** Notes the person wrote: absence reasons and progress notes on tasks (both erased when forgotten). */
async function countNotes(db: Db, personId: number): Promise<number> {
  const [reasons, taskNotes] = await Promise.all([db.meetingAnswer.count({ where: { personId, reasonText: { not: null } } }), db.taskNote.count({ where: { personId } })]);
  return reasons + taskNotes;
}

export async function forgetPlan(db: Db, person: Person): Promise<ForgetCounts> {
  const chats = ownChats(person);
  const toOwnChat = { chatId: { in: chats } };
  const [memberships, notes, proposals, dropped, cleared, follows, invites, requests, conversations, attendance, answers, dues] = await Promise.all([
    db.membership.findMany({ where: { personId: person.id }, select: { org: { select: { code: true } } }, orderBy: { id: "asc" } }),
    countNotes(db, person.id),
    db.agendaProposal.count({ where: { personId: person.id } }),
    db.outboxMessage.count({ where: { ...toOwnChat, status: { notIn: ["sent", "dropped"] } } }),
    db.outboxMessage.count({ where: { ...toOwnChat, status: { in: ["sent", "dropped"] } } }),
    db.follow.count({ where: { personId: person.id } }),
    db.invite.count({ where: { personId: person.id } }),
    db.joinRequest.count({ where: joinRequestsOf(person) }),
    db.conversationState.count({ where: conversationsOf(person) }),
    db.attendanceEntry.count({ where: { personId: person.id } }),
    db.meetingAnswer.count({ where: { personId: person.id } }),
    db.duesMark.count({ where: { personId: person.id } }),
  ]);
  const mentioned = await findMentions(db, person, await freeTextsOf(db, person.id));
  const actedByTelegram = await db.auditLog.count({ where: actorsByTelegram(person) });
  return {
    memberships: memberships.length,
    orgs: memberships.map((m) => m.org.code),
    notes,
    proposals,
    dropped,
    cleared,
    follows,
    invites,
    requests,
    conversations,
    mentions: mentioned.length + actedByTelegram,
    attachments: (await sentAttachmentsAbove(db, person.id)).length,
    attendance,
    answers,
    dues,
  };
}

// ---------------------------------------------------------------------------------------
// The export

const meetingRef = (m: { id: number; kind: string; forMonth: string; startsAt: Date; org: { code: string } }) => ({
  id: m.id,
  org: m.org.code,
  kind: m.kind,
  forMonth: m.forMonth,
  startsAt: m.startsAt,
});
const meetingInclude = { meeting: { include: { org: { select: { code: true } } } } } as const;
const orgRef = { org: { select: { code: true, name: true } } } as const;

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Whether an audit detail is about the person: their id as personId, their name, number or Telegram id. */
function auditAbout(detail: string, person: Person): boolean {
  const { identity, telegramIds } = tracesOf(person, [], true);
  if (mentions(detail, [...identity, ...telegramIds])) return true;
  const about = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.some(about);
    if (value === null || typeof value !== "object") return false;
    return Object.entries(value).some(([key, inner]) => (key === "personId" && inner === person.id) || about(inner));
  };
  return about(parsed(detail));
}

async function auditEntriesOf(db: Db, person: Person) {
  const { identity, telegramIds } = tracesOf(person, [], true);
  const searches = [`"personId":${person.id}`, ...[...identity, ...telegramIds].map((t) => t.search)];
  const actors = ownActors(person);
  const rows = await db.auditLog.findMany({
    where: { OR: [{ actor: { in: actors } }, ...searches.map((s) => ({ detail: { contains: s } }))] },
    orderBy: { id: "asc" },
  });
  return rows
    .filter((row) => actors.includes(row.actor) || auditAbout(row.detail, person))
    .map((row) => ({ at: row.at, actor: row.actor, action: row.action, detail: parsed(row.detail) }));
}

/** Meetings whose record names the person as chair, note-taker or guest. */
async function meetingRolesOf(db: Db, person: Person) {
  const records = await db.meetingRecord.findMany({
    where: { OR: [{ chair: person.fullName }, { noteTaker: person.fullName }, { guests: { contains: inJson(person.fullName) } }] },
    include: meetingInclude,
    orderBy: { meetingId: "asc" },
  });
  return records.flatMap((r) => {
    const guests = parsed(r.guests);
    const roles = [
      ...(r.chair === person.fullName ? ["chair"] : []),
      ...(r.noteTaker === person.fullName ? ["noteTaker"] : []),
      ...(Array.isArray(guests) && guests.includes(person.fullName) ? ["guest"] : []),
    ];
    return roles.map((role) => ({ meeting: meetingRef(r.meeting), role }));
  });
}

async function messagesTo(db: Db, person: Person) {
  const chats = ownChats(person);
  if (chats.length === 0) return [];
  const rows = await db.outboxMessage.findMany({ where: { chatId: { in: chats } }, orderBy: { id: "asc" } });
  return rows.map((row) => {
    const payload = parsed(row.payload) as { text?: string; document?: { filename?: string } };
    return {
      kind: row.kind,
      status: row.status,
      createdAt: row.createdAt,
      notBefore: row.notBefore,
      sentAt: row.sentAt,
      text: payload.text ?? "",
      ...(payload.document?.filename ? { attachment: payload.document.filename } : {}),
    };
  });
}

/** Everything stored about one person, as plain data for a JSON file. */
export async function personExport(db: Db, person: Person, now: Date) {
  const personId = person.id;
  const [memberships, transfers, follows, answers, proposals, attendance, dues, invites, requests, received, sent, conversations] = await Promise.all([
    db.membership.findMany({ where: { personId }, include: orgRef, orderBy: { id: "asc" } }),
    db.transferRequest.findMany({ where: { personId }, include: { fromOrg: { select: { code: true, name: true } }, toOrg: { select: { code: true, name: true } } }, orderBy: { id: "asc" } }),
    db.follow.findMany({ where: { personId }, include: orgRef, orderBy: { id: "asc" } }),
    db.meetingAnswer.findMany({ where: { personId }, include: meetingInclude, orderBy: { id: "asc" } }),
    db.agendaProposal.findMany({ where: { personId }, include: meetingInclude, orderBy: { id: "asc" } }),
    db.attendanceEntry.findMany({ where: { personId }, include: meetingInclude, orderBy: { id: "asc" } }),
    db.duesMark.findMany({ where: { personId }, orderBy: { month: "asc" } }),
    db.invite.findMany({ where: { personId }, include: orgRef, orderBy: { id: "asc" } }),
    db.joinRequest.findMany({ where: joinRequestsOf(person), include: orgRef, orderBy: { id: "asc" } }),
    db.broadcastRecipient.findMany({ where: { personId }, include: { broadcast: { include: orgRef } }, orderBy: { id: "asc" } }),
    db.broadcast.findMany({ where: { senderPersonId: personId }, include: orgRef, orderBy: { id: "asc" } }),
    db.conversationState.count({ where: conversationsOf(person) }),
  ]);
  const tasks = await db.taskAssignee.findMany({ where: { personId }, include: { task: { include: { org: { select: { code: true, name: true } }, notes: { where: { personId } } } } }, orderBy: { id: "asc" } });
  const zaloRow = zaloChatIdOf(person);
  const zaloChat = zaloRow === undefined ? null : await db.zaloChat.findUnique({ where: { id: zaloRow }, select: { displayName: true, createdAt: true } });
  const duesOrgs = new Map((await db.org.findMany({ where: { id: { in: dues.map((d) => d.orgId) } }, select: { id: true, code: true } })).map((o) => [o.id, o.code]));
  return {
    exportedAt: now,
    person: {
      id: person.id,
      fullName: person.fullName,
      phone: person.phone,
      locale: person.locale,
      telegramUserId: person.telegramUserId,
      telegramChatId: person.telegramChatId,
      zaloUserId: person.zaloUserId,
      zaloChat,
      linkedAt: person.linkedAt,
      unreachableAt: person.unreachableAt,
      admittedOn: person.admittedOn,
      officialOn: person.officialOn,
      createdAt: person.createdAt,
      updatedAt: person.updatedAt,
    },
    memberships: memberships.map((m) => ({
      org: m.org,
      kind: m.kind,
      status: m.status,
      role: m.role,
      noticeOptIn: m.noticeOptIn,
      from: m.startedOn,
      to: m.endedOn,
      endReason: m.endReason,
      note: m.note,
      until: m.until,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    })),
    transfers: transfers.map((t) => ({ from: t.fromOrg, to: t.toOrg, kind: t.kind, on: t.effectiveOn, until: t.until, note: t.note, state: t.state, at: t.createdAt })),
    follows: follows.map((f) => ({ org: f.org, since: f.createdAt })),
    answers: answers.map((a) => ({
      meeting: meetingRef(a.meeting),
      answer: a.answer,
      reasonCategory: a.reasonCategory,
      reasonText: a.reasonText,
      revision: a.revision,
      answeredAt: a.answeredAt,
      agendaReadAt: a.agendaReadAt,
    })),
    proposals: proposals.map((p) => ({ meeting: meetingRef(p.meeting), text: p.text, status: p.status, createdAt: p.createdAt, decidedAt: p.decidedAt })),
    attendance: attendance.map((e) => ({ meeting: meetingRef(e.meeting), memberStatus: e.memberStatus, attendance: e.attendance })),
    duesUnpaid: dues.map((d) => ({ org: duesOrgs.get(d.orgId) ?? null, month: d.month, markedAt: d.createdAt })),
    meetingRoles: await meetingRolesOf(db, person),
    tasks: tasks.map((a) => ({
      org: a.task.org,
      meetingId: a.task.meetingId,
      text: a.task.text,
      dueOn: a.task.dueOn,
      withdrawnAt: a.task.withdrawnAt,
      doneAt: a.doneAt,
      notes: a.task.notes.map((n) => ({ text: n.text, at: n.createdAt })),
    })),
    // Not the codes themselves: a still valid invite in a file would let anyone join as them.
    invites: invites.map((i) => ({ org: i.org, createdAt: i.createdAt, expiresAt: i.expiresAt, maxUses: i.maxUses, uses: i.uses })),
    joinRequests: requests.map((r) => ({
      org: r.org,
      telegramName: r.telegramName,
      reason: r.reason,
      typedText: r.typedText,
      phone: r.phone,
      status: r.status,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
    })),
    broadcastsReceived: received.map((r) => ({
      broadcast: { id: r.broadcast.id, org: r.broadcast.org, kind: r.broadcast.kind, text: r.broadcast.text, documentTitle: r.broadcast.documentTitle, documentUrl: r.broadcast.documentUrl, createdAt: r.broadcast.createdAt },
      readAt: r.readAt,
    })),
    broadcastsSent: sent.map((b) => ({ id: b.id, org: b.org, kind: b.kind, audience: b.audience, text: b.text, documentTitle: b.documentTitle, createdAt: b.createdAt })),
    messages: await messagesTo(db, person),
    conversationsInProgress: conversations,
    audit: await auditEntriesOf(db, person),
  };
}
