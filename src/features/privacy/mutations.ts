// Writes for a person's privacy requests. Forgetting keeps the Person row as an
// anonymous shell, so attendance rates, meeting counts and tallies stay as they were,
// and removes or replaces everything that says who they were. The audit log records
// that it happened, with counts, never the personal data itself.
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { dialectOf } from "../../db/dialect.js";
import { clearMessagesToChats, rewriteText } from "../../delivery/outbox-store.js";
import {
  actorsByTelegram,
  conversationsOf,
  erasedText,
  findMentions,
  FORGOTTEN_CHAT,
  forgottenName,
  forgottenPhone,
  freeTextsOf,
  joinRequestsOf,
  ownChats,
  sentAttachmentsAbove,
  zaloChatIdOf,
  type ForgetCounts,
  type Mention,
} from "./data.js";

/** What a message to a forgotten person keeps: its kind, status and dates, no text. */
const EMPTY_PAYLOAD = JSON.stringify({ text: "" });

export async function auditExport(db: Db, personId: number, actor: string, destination: "file" | "stdout", now: Date) {
  // No file name: it could carry the person's name.
  await audit(db, { actor, action: "person.export", detail: { personId, destination } }, now);
}

/** Messages to the person's own chat: sent ones lose their text, the others are dropped. */
function clearMessagesTo(tx: Db, chats: string[]) {
  return clearMessagesToChats(tx, { chats, placeholderChat: FORGOTTEN_CHAT, emptyPayload: EMPTY_PAYLOAD });
}

/** Reports already sent above the person's cells may list them: their files go, the messages stay. */
async function clearSentAttachments(tx: Db, personId: number) {
  const rows = await sentAttachmentsAbove(tx, personId);
  for (const row of rows) {
    const payload = JSON.parse(row.payload) as { document: { contentBase64?: string } };
    payload.document.contentBase64 = "";
    await rewriteText(tx, row.id, "payload", JSON.stringify(payload));
  }
  return rows.length;
}

/** A mention found in a text column is replaced; the outbox's rows through its store. */
async function replaceMention(tx: Db, m: Mention) {
  if (m.table === "OutboxMessage" && (m.column === "payload" || m.column === "lastError")) {
    await rewriteText(tx, Number(m.keyValue), m.column, m.after);
    return;
  }
  await tx.$executeRaw`UPDATE ${Prisma.raw(`"${m.table}"`)} SET ${Prisma.raw(`"${m.column}"`)} = ${m.after} WHERE ${Prisma.raw(`"${m.key}"`)} = ${m.keyValue}`;
}

/**
 * Memberships stay (the cell's history counts them) but as "transferred" plain members:
 * nobody expects them at a meeting, lists them to mark, or sends them anything.
 */
async function retireMemberships(tx: Db, personId: number) {
  const memberships = await tx.membership.findMany({ where: { personId }, select: { org: { select: { code: true } } }, orderBy: { id: "asc" } });
  await tx.membership.updateMany({ where: { personId }, data: { status: "transferred", role: "member", noticeOptIn: false, note: null } });
  await tx.transferRequest.updateMany({ where: { personId, state: "pending" }, data: { state: "cancelled", note: null } });
  return memberships.map((m) => m.org.code);
}

/** The tables forgetting rewrites: their free space may still hold the old texts. */
const REWRITTEN_TABLES = [
  "Person", "Membership", "TransferRequest", "Invite", "JoinRequest", "Follow", "ZaloChat", "ConversationState", "MeetingAnswer", "AgendaProposal",
  "Meeting", "MeetingRecord", "Broadcast", "OutboxMessage", "AuditLog", "MeetingConclusion", "Task", "TaskNote",
];

/**
 * Rewritten rows leave their old bytes behind until the space is reused: the name would
 * still be in the files. SQLite connections run with secure_delete (db/client.ts), but
 * pages freed before that, or by an older version, may hold it: VACUUM rebuilds the file,
 * and a checkpoint empties the write-ahead log of the old page images. PostgreSQL keeps
 * dead tuples until VACUUM FULL rewrites each table. Both lock for the time it takes
 * (seconds for a province): forgetting is rare, and run by the operator.
 */
async function rewriteFreedSpace(db: Db): Promise<void> {
  if (dialectOf(db).provider === "sqlite") {
    await db.$executeRawUnsafe("VACUUM");
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    return;
  }
  for (const table of REWRITTEN_TABLES) await db.$executeRawUnsafe(`VACUUM FULL "${table}"`);
}

export async function forgetPerson(db: Db, personId: number, actor: string, now: Date): Promise<ForgetCounts> {
  const counts = await forgetInOneTransaction(db, personId, actor, now);
  await rewriteFreedSpace(db);
  return counts;
}

async function forgetInOneTransaction(db: Db, personId: number, actor: string, now: Date): Promise<ForgetCounts> {
  return db.$transaction(
    async (client) => {
      const tx = client as Db;
      const person = await tx.person.findUniqueOrThrow({ where: { id: personId } });
      const freeTexts = await freeTextsOf(tx, personId);
      const messages = await clearMessagesTo(tx, ownChats(person));
      const conversations = await tx.conversationState.deleteMany({ where: conversationsOf(person) });
      // The Zalo chat row holds their Zalo id, display name and recent texts; a later
      // message from that account starts a new row, unknown to the bot.
      const zaloRow = zaloChatIdOf(person);
      if (zaloRow !== undefined) await tx.zaloChat.deleteMany({ where: { id: zaloRow } });
      const invites = await tx.invite.deleteMany({ where: { personId } });
      const requests = await tx.joinRequest.deleteMany({ where: joinRequestsOf(person) });
      const follows = await tx.follow.deleteMany({ where: { personId } });
      const notes = await tx.meetingAnswer.updateMany({ where: { personId, reasonText: { not: null } }, data: { reasonText: null } });
      const taskNotes = await tx.taskNote.updateMany({ where: { personId }, data: { text: erasedText() } });
      const proposals = await tx.agendaProposal.updateMany({ where: { personId }, data: { text: erasedText() } });
      const orgs = await retireMemberships(tx, personId);
      const attachments = await clearSentAttachments(tx, personId);
      // Found with the name still on the person, before the row is anonymised.
      const mentions = await findMentions(tx, person, freeTexts);
      for (const m of mentions) await replaceMention(tx, m);
      const actors = await tx.auditLog.updateMany({ where: actorsByTelegram(person), data: { actor: `person:${personId}` } });
      await tx.person.update({
        where: { id: personId },
        data: {
          fullName: forgottenName(personId),
          phone: forgottenPhone(personId),
          locale: null,
          telegramUserId: null,
          telegramChatId: null,
          zaloUserId: null,
          linkedAt: null,
          unreachableAt: null,
        },
      });
      const [attendance, answers, dues] = await Promise.all([
        tx.attendanceEntry.count({ where: { personId } }),
        tx.meetingAnswer.count({ where: { personId } }),
        tx.duesMark.count({ where: { personId } }),
      ]);
      const counts: ForgetCounts = {
        memberships: orgs.length,
        orgs,
        notes: notes.count + taskNotes.count,
        proposals: proposals.count,
        ...messages,
        follows: follows.count,
        invites: invites.count,
        requests: requests.count,
        conversations: conversations.count,
        mentions: mentions.length + actors.count,
        attachments,
        attendance,
        answers,
        dues,
      };
      await audit(tx, { actor, action: "person.forget", detail: { personId, ...counts } }, now);
      return counts;
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}
