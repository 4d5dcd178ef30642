// The messages about a meeting, rendered in each recipient's language and queued in the
// outbox with a unique key: (meeting, revision, person, kind). Every recipient who
// shares a language (and, for reminders, whether they answered) gets the same bytes, so
// each text is rendered once per language, not once per recipient.
import { InlineKeyboard } from "grammy";
import type { Db } from "../db/client.js";
import { DEFAULT_LOCALE, LOCALES, type Locale, type Translate } from "../bot/i18n.js";
import { dialectOf } from "../db/dialect.js";
import type { OutboxItem, OutboxPayload } from "../delivery/outbox.js";
import { insertCellMessages, type CellMessagesInput } from "../delivery/outbox-store.js";
import { describeMeeting, formatWhen, telegramFileId, type MeetingView } from "./meeting-text.js";
import { localesOfCells, recipientsOfCellsSql, type Recipient } from "./people.js";
import { answeredMeetings } from "./meetings.js";
import { meetingButton, proposalButton, proposedMeetingButton } from "./meeting-schema.js";
import { memoize } from "../lib/memoize.js";

/** Button labels have no variables: each translation function looks each one up once. */
const labelsOf = new WeakMap<Translate, (locale: string, key: string) => string>();

function label(t: Translate, locale: string, key: string): string {
  let labels = labelsOf.get(t);
  if (!labels) labelsOf.set(t, (labels = memoize((locale: string, key: string) => t(locale, key))));
  return labels(locale, key);
}

export function noticeKeyboard(t: Translate, locale: string, meetingId: number, revision: number) {
  return new InlineKeyboard()
    .text(label(t, locale, "notice-attend"), meetingButton.encode({ action: "att", meetingId: meetingId, revision: revision }))
    .text(label(t, locale, "notice-absent"), meetingButton.encode({ action: "abs", meetingId: meetingId, revision: revision }))
    .row()
    .text(label(t, locale, "notice-read"), meetingButton.encode({ action: "read", meetingId: meetingId, revision: revision }))
    .text(label(t, locale, "notice-propose"), meetingButton.encode({ action: "prop", meetingId: meetingId, revision: revision }))
    .row()
    .text(label(t, locale, "notice-calendar"), meetingButton.encode({ action: "ics", meetingId: meetingId, revision: revision }));
}

interface Base {
  meeting: MeetingView & { revision: number; orgId: number };
  notBefore: Date;
  expiresAt?: Date;
}

function personal(
  base: Base,
  r: { personId: number; chatId: string | null; locale: string },
  key: string,
  kind: string,
  text: string,
  replyMarkup?: unknown,
): OutboxItem[] {
  if (!r.chatId) return [];
  return [
    {
      key,
      chatId: r.chatId,
      personId: r.personId,
      orgId: base.meeting.orgId,
      meetingId: base.meeting.id,
      kind,
      payload: { text, replyMarkup },
      notBefore: base.notBefore,
      expiresAt: base.expiresAt,
    },
  ];
}


type Subject = MeetingView & { revision: number };

export function noticePayload(t: Translate, locale: string, meeting: Subject): OutboxPayload {
  return {
    text: [t(locale, "notice-title"), describeMeeting(t, locale, meeting), "", t(locale, "notice-ask")].join("\n"),
    replyMarkup: noticeKeyboard(t, locale, meeting.id, meeting.revision),
  };
}

/** Who answered hears once more, without the buttons; who did not is asked again. */
export function reminderPayload(t: Translate, locale: string, meeting: Subject, answered: boolean, description = describeMeeting(t, locale, meeting)): OutboxPayload {
  const text = [
    t(locale, answered ? "reminder-title-answered" : "reminder-title", { when: formatWhen(t, locale, meeting.startsAt, meeting.timeZone) }),
    description,
  ].join("\n");
  return { text, replyMarkup: answered ? undefined : noticeKeyboard(t, locale, meeting.id, meeting.revision) };
}

/** reminderPayload for each language and answered-or-not, the meeting described once per language. */
export function reminderPayloads(t: Translate, meeting: Subject): (locale: string, answered: boolean) => OutboxPayload {
  const description = memoize((locale: string) => describeMeeting(t, locale, meeting));
  return memoize((locale: string, answered: boolean) => reminderPayload(t, locale, meeting, answered, description(locale)));
}

/** Files a secretary uploaded (only where the cell allows it): they follow the notice. */
export function noticeFiles(meeting: MeetingView) {
  return meeting.documents.flatMap((d, index) => {
    const fileId = telegramFileId(d.url);
    return fileId ? [{ index, title: d.title, fileId }] : [];
  });
}

export function noticeItems(t: Translate, base: Base, recipients: Recipient[]): OutboxItem[] {
  const { meeting } = base;
  const files = noticeFiles(meeting);
  const payload = memoize((locale: string) => noticePayload(t, locale, meeting));
  return recipients.flatMap((r) => {
    const { text, replyMarkup } = payload(r.locale);
    return [
      ...personal(base, r, `notice:${meeting.id}:${meeting.revision}:${r.personId}`, "notice", text, replyMarkup),
      ...files.flatMap((f) =>
        r.chatId
          ? [
              {
                key: `notice-file:${meeting.id}:${meeting.revision}:${f.index}:${r.personId}`,
                chatId: r.chatId,
                personId: r.personId,
                orgId: meeting.orgId,
                meetingId: meeting.id,
                kind: "notice",
                payload: { text: "", document: { filename: f.title, fileId: f.fileId, caption: f.title } },
                notBefore: base.notBefore,
                expiresAt: base.expiresAt,
              },
            ]
          : [],
      ),
    ];
  });
}

export function reminderItems(t: Translate, base: Base, itemKey: string, recipients: Recipient[], answered: Set<number>): OutboxItem[] {
  const { meeting } = base;
  const payload = reminderPayloads(t, meeting);
  return recipients.flatMap((r) => {
    const { text, replyMarkup } = payload(r.locale, answered.has(r.personId));
    return personal(base, r, `rem:${meeting.id}:${meeting.revision}:${itemKey}:${r.personId}`, "reminder", text, replyMarkup);
  });
}

/** One message to every recipient of a meeting's cell, written without reading them. */
export interface CellMessage {
  meeting: { id: number; revision: number; orgId: number };
  kind: string;
  /** A row's key is this followed by the recipient's person id. */
  keyPrefix: string;
  /**
   * What a recipient gets, by language and by whether they answered this revision of
   * the meeting; undefined: nothing. Asked once per combination a recipient may need.
   */
  payload: (locale: Locale, answered: boolean) => OutboxPayload | undefined;
  notBefore: Date;
  expiresAt?: Date;
}

/** Messages per statement: their payload variants travel as one JSON parameter. */
const CELL_MESSAGES_PER_STATEMENT = 100;

/**
 * Queues each message for every recipient of its cell (recipientsOf's rule, in SQL:
 * expected members, then followers; no row for a person without a reachable chat) in
 * one INSERT … SELECT per hundred messages, with the texts rendered beforehand once
 * per language and answered-or-not. A stored language other than those in locales/
 * reads as the default one. Keys already queued are left alone, as in enqueue.
 * Returns how many rows were new; `now` is their createdAt.
 * Only the texts some recipient may read are rendered (textsNeeded), and the next
 * hundred are rendered while the database writes the ones before (statementsAtOnce).
 */
export async function enqueueToCells(db: Db, messages: CellMessage[], now: Date): Promise<number> {
  const { provider, timestamp } = dialectOf(db);
  const createdAt = timestamp(now);
  const needed = await textsNeeded(db, messages);
  const atOnce = statementsAtOnce(db);
  let inserted = 0;
  const writing: Promise<number>[] = [];
  try {
    for (let i = 0; i < messages.length; i += CELL_MESSAGES_PER_STATEMENT) {
      const input = cellMessagesInput(messages.slice(i, i + CELL_MESSAGES_PER_STATEMENT), needed, timestamp, createdAt);
      while (writing.length >= atOnce) inserted += await writing.shift()!;
      if (input) writing.push(insertCellMessages(db, provider, input));
    }
    while (writing.length > 0) inserted += await writing.shift()!;
  } catch (error) {
    // A statement or a rendering that threw leaves the others unawaited: not unhandled.
    for (const statement of writing) statement.catch(() => {});
    throw error;
  }
  return inserted;
}

/**
 * How many of enqueueToCells' statements may run at once. Two: PostgreSQL writes one
 * batch on one core while it reads the next on another, and we render the one after (a
 * province's 90,000 reminders: ~3.0 s one at a time, ~2.3 s so, on 2 cores). Each
 * message's rows keep their order; the rows of two batches take interleaved ids, as
 * different meetings' rows of one tick had no order among them anyway. SQLite, on its
 * one connection, runs them one after the other, as does a transaction (its client has
 * no $transaction of its own): there they simply queue.
 */
function statementsAtOnce(db: Db): number {
  return typeof (db as { $transaction?: unknown }).$transaction === "function" ? 2 : 1;
}

/** Which languages, and whether the answered variant, a message's recipients may need. */
type TextsNeeded = (message: CellMessage) => { locales: readonly Locale[]; answered: readonly boolean[] };

const EVERY_TEXT = { locales: LOCALES, answered: [false, true] } as const;

/**
 * The texts a call's recipients may read: the default language, those chosen by anyone
 * linked to the cell (people.ts, localesOfCells), and the answered variant only for a
 * meeting someone answered at its revision. A superset: the statement then finds a text
 * for every recipient. One message renders every text instead (two reads would cost
 * more than rendering four texts); a province's 3,000 reminders need 3,000 texts, not
 * 12,000 rendered, bound and parsed.
 */
async function textsNeeded(db: Db, messages: CellMessage[]): Promise<TextsNeeded> {
  if (messages.length <= 1) return () => EVERY_TEXT;
  const [localesOf, answered] = await Promise.all([
    localesOfCells(db, [...new Set(messages.map((m) => m.meeting.orgId))], DEFAULT_LOCALE),
    answeredMeetings(db, [...new Map(messages.map((m) => [m.meeting.id, m.meeting])).values()]),
  ]);
  return (message) => {
    const chosen = localesOf.get(message.meeting.orgId);
    return {
      locales: LOCALES.filter((locale) => locale === DEFAULT_LOCALE || chosen?.has(locale)),
      answered: answered.has(message.meeting.id) ? [false, true] : [false],
    };
  };
}

/** One statement's input: the messages' cells and their texts as JSON rows; undefined when no one gets any. */
function cellMessagesInput(part: CellMessage[], needed: TextsNeeded, timestamp: (date: Date) => string, createdAt: string): CellMessagesInput | undefined {
  const cells = part.map((m, idx) => [
    idx,
    m.meeting.orgId,
    m.meeting.id,
    m.meeting.revision,
    m.keyPrefix,
    m.kind,
    timestamp(m.notBefore),
    m.expiresAt ? timestamp(m.expiresAt) : null,
  ]);
  const variants = part.flatMap((m, idx) => {
    const texts = needed(m);
    return texts.locales.flatMap((locale) =>
      texts.answered.flatMap((answered) => {
        const payload = m.payload(locale, answered);
        return payload ? [[idx, locale, answered ? 1 : 0, payload]] : [];
      }),
    );
  });
  if (variants.length === 0) return undefined;
  return {
    cells: JSON.stringify(cells),
    variants: JSON.stringify(variants),
    createdAt,
    recipients: recipientsOfCellsSql("cell"),
    locales: { known: [...LOCALES], fallback: DEFAULT_LOCALE },
  };
}

/** Postponed: the new time, and a question whether the earlier answer still holds. */
export function movedItems(t: Translate, base: Base, recipients: Recipient[], reason: string, previous: Map<number, string>): OutboxItem[] {
  const { meeting } = base;
  return recipients.flatMap((r) => {
    const before = previous.get(r.personId);
    const keyboard = new InlineKeyboard();
    if (before === "attend") keyboard.text(t(r.locale, "moved-keep-attend"), meetingButton.encode({ action: "keep", meetingId: meeting.id, revision: meeting.revision })).row();
    keyboard
      .text(t(r.locale, "notice-attend"), meetingButton.encode({ action: "att", meetingId: meeting.id, revision: meeting.revision }))
      .text(t(r.locale, "notice-absent"), meetingButton.encode({ action: "abs", meetingId: meeting.id, revision: meeting.revision }));
    const text = [
      t(r.locale, "moved-title", { reason }),
      describeMeeting(t, r.locale, meeting),
      "",
      t(r.locale, before ? "moved-reconfirm" : "notice-ask"),
    ].join("\n");
    return personal(base, r, `moved:${meeting.id}:${meeting.revision}:${r.personId}`, "moved", text, keyboard);
  });
}

export function cancelledItems(t: Translate, base: Base, recipients: Recipient[], reason: string): OutboxItem[] {
  const { meeting } = base;
  return recipients.flatMap((r) =>
    personal(
      base,
      r,
      `cancelled:${meeting.id}:${r.personId}`,
      "cancelled",
      t(r.locale, "cancelled-title", {
        org: meeting.orgName,
        when: formatWhen(t, r.locale, meeting.startsAt, meeting.timeZone),
        reason,
      }),
    ),
  );
}

/** To the secretary: a meeting proposed from the usual schedule, to confirm or change. */
export function proposedMeetingItems(t: Translate, base: Base, leaders: Recipient[]): OutboxItem[] {
  const { meeting } = base;
  return leaders.flatMap((r) =>
    personal(
      base,
      r,
      `propose:${meeting.orgId}:${meeting.forMonth}:${r.personId}`,
      "proposal",
      [t(r.locale, "proposed-title"), describeMeeting(t, r.locale, meeting), "", t(r.locale, "proposed-ask")].join("\n"),
      new InlineKeyboard()
        .text(t(r.locale, "proposed-confirm"), proposedMeetingButton.encode({ confirm: true, meetingId: meeting.id }))
        .text(t(r.locale, "proposed-change"), proposedMeetingButton.encode({ confirm: false, meetingId: meeting.id })),
    ),
  );
}

export function proposalToLeaders(
  t: Translate,
  base: Base,
  leaders: Recipient[],
  proposal: { id: number; text: string; proposerName: string },
): OutboxItem[] {
  const { meeting } = base;
  return leaders.flatMap((r) =>
    personal(
      base,
      r,
      `agenda-proposal:${proposal.id}:${r.personId}`,
      "agenda_proposal",
      t(r.locale, "agenda-proposal-new", {
        name: proposal.proposerName,
        when: formatWhen(t, r.locale, meeting.startsAt, meeting.timeZone),
        text: proposal.text,
      }),
      new InlineKeyboard()
        .text(t(r.locale, "agenda-proposal-accept"), proposalButton.encode({ accept: true, proposalId: proposal.id }))
        .text(t(r.locale, "agenda-proposal-decline"), proposalButton.encode({ accept: false, proposalId: proposal.id })),
    ),
  );
}

export function absenceToLeaders(
  t: Translate,
  base: Base,
  leaders: Recipient[],
  absence: { personId: number; name: string; reason: string; note: string | null; at: Date },
): OutboxItem[] {
  const { meeting } = base;
  return leaders.flatMap((r) =>
    personal(
      base,
      r,
      `absence:${meeting.id}:${meeting.revision}:${absence.personId}:${absence.at.getTime()}:${r.personId}`,
      "absence",
      t(r.locale, "absence-to-secretary", {
        name: absence.name,
        when: formatWhen(t, r.locale, meeting.startsAt, meeting.timeZone),
        reason: t(r.locale, `absence-reason-${absence.reason}`),
        note: absence.note ?? "",
        hasNote: absence.note ? "yes" : "no",
      }),
    ),
  );
}
