// Writes for broadcasts, callable from the bot and the CLI: record a broadcast and its
// recipients, queue one keyed message per reachable recipient (after quiet hours in
// their cell), store an orientation as the sender's thematicTopics, and mark reads.
import type { Db } from "../../db/client.js";
import { audit } from "../../db/audit.js";
import { translate as t } from "../../bot/i18n.js";
import { enqueue, type OutboxItem } from "../../delivery/outbox.js";
import { CELL_KIND } from "../../domain/access.js";
import { nextAllowed } from "../../domain/quiet.js";
import { checkSetting } from "../../domain/settings.js";
import { audienceOf, cellClocks, type AudienceMember, type CellClock } from "./data.js";
import type { Audience, BroadcastContent } from "./schema.js";
import { broadcastText, readKeyboard } from "./text.js";

export interface BroadcastRequest {
  orgId: number;
  /** Null when an operator sends from the command line. */
  senderPersonId: number | null;
  /** Who is written in the audit log: "person:<id>" or "cli". */
  actor: string;
  audience: Audience;
  content: BroadcastContent;
}

export type SendOutcome =
  | { kind: "sent"; broadcastId: number; recipients: number; queued: number; unreachable: number }
  | { kind: "not_found" }
  | { kind: "from_cell" };

/** Recipient rows per INSERT: four bound values each, under SQLite's 999. */
const RECIPIENT_ROWS = 200;

export const outboxKeyOf = (broadcastId: number, personId: number) => `broadcast:${broadcastId}:${personId}`;

/** The org's own settings as an object; text that is not one (a hand edit gone wrong) counts as none. */
function ownSettings(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text || "{}");
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function sendBroadcast(db: Db, request: BroadcastRequest, now: Date): Promise<SendOutcome> {
  const org = await db.org.findUnique({ where: { id: request.orgId } });
  if (!org) return { kind: "not_found" };
  // A cell has no subtree to send to; its secretary talks to members at meetings.
  if (org.kind === CELL_KIND) return { kind: "from_cell" };
  const [audience, clocks] = await Promise.all([audienceOf(db, org, request.audience), cellClocks(db, org)]);
  const { content } = request;
  const reachable = audience.filter((m) => m.chatId !== null);
  const broadcastId = await db.$transaction(
    async (tx) => {
      const broadcast = await tx.broadcast.create({
        data: {
          orgId: org.id,
          senderPersonId: request.senderPersonId,
          kind: content.kind,
          audience: request.audience,
          text: content.text,
          documentTitle: content.kind === "document" ? content.title : null,
          documentUrl: content.kind === "document" ? content.url : null,
          topics: content.kind === "orientation" ? JSON.stringify(content.topics) : null,
          createdAt: now,
        },
      });
      // Recipients exist before any message leaves: a "read" tap is checked against them.
      const rows = audience.map((m) => ({
        broadcastId: broadcast.id,
        personId: m.personId,
        orgId: m.orgId,
        outboxKey: m.chatId ? outboxKeyOf(broadcast.id, m.personId) : null,
      }));
      for (let i = 0; i < rows.length; i += RECIPIENT_ROWS) await tx.broadcastRecipient.createMany({ data: rows.slice(i, i + RECIPIENT_ROWS) });
      if (content.kind === "orientation") {
        const checked = checkSetting("thematicTopics", content.topics);
        if (!checked.ok) throw new Error(`broadcast: topics rejected by settings: ${checked.error}`);
        const own = { ...ownSettings(org.settings), thematicTopics: checked.value };
        await tx.org.update({ where: { id: org.id }, data: { settings: JSON.stringify(own) } });
      }
      await audit(
        tx as Db,
        {
          actor: request.actor,
          action: "broadcast.send",
          detail: {
            broadcastId: broadcast.id,
            org: org.code,
            kind: content.kind,
            audience: request.audience,
            recipients: audience.length,
            reachable: reachable.length,
            ...(content.kind === "orientation" ? { thematicTopics: content.topics } : {}),
          },
        },
        now,
      );
      return broadcast.id;
    },
    // A province's members are tens of thousands of rows.
    { timeout: 120_000, maxWait: 30_000 },
  );
  const queued = await enqueue(db, outboxItems(broadcastId, org.name, content, reachable, clocks, now), now);
  return { kind: "sent", broadcastId, recipients: audience.length, queued, unreachable: audience.length - reachable.length };
}

function outboxItems(
  broadcastId: number,
  orgName: string,
  content: BroadcastContent,
  reachable: AudienceMember[],
  clocks: Map<number, CellClock>,
  now: Date,
): OutboxItem[] {
  // Rendered once per language, not once per person.
  const texts = new Map<string, string>();
  const textIn = (locale: string) => {
    let text = texts.get(locale);
    if (text === undefined) texts.set(locale, (text = broadcastText(t, locale, orgName, content)));
    return text;
  };
  return reachable.map((m) => {
    const clock = clocks.get(m.orgId);
    return {
      key: outboxKeyOf(broadcastId, m.personId),
      chatId: m.chatId!,
      personId: m.personId,
      orgId: m.orgId,
      kind: "broadcast",
      payload: { text: textIn(m.locale), replyMarkup: readKeyboard(t, m.locale, broadcastId) },
      // Not at night in the recipient's cell.
      notBefore: clock ? nextAllowed(now, clock.timeZone, clock.quietHours) : now,
    };
  });
}

export type ReadOutcome = "recorded" | "already" | "not_recipient";

/** Only a person the broadcast was meant for can mark it read, once. */
export async function markBroadcastRead(db: Db, broadcastId: number, personId: number, now: Date): Promise<ReadOutcome> {
  const updated = await db.broadcastRecipient.updateMany({ where: { broadcastId, personId, readAt: null }, data: { readAt: now } });
  if (updated.count > 0) return "recorded";
  const row = await db.broadcastRecipient.findUnique({ where: { broadcastId_personId: { broadcastId, personId } } });
  return row ? "already" : "not_recipient";
}
