// The messages about a meeting, rendered in each recipient's language and queued in the
// outbox with a unique key: (meeting, revision, person, kind).
import { InlineKeyboard } from "grammy";
import type { Translate } from "../../bot/i18n.js";
import type { OutboxItem } from "../../delivery/outbox.js";
import { describeMeeting, formatWhen, telegramFileId, type MeetingView } from "./format.js";
import type { Recipient } from "./data.js";
import { meetingAction, proposalDecision, proposedMeetingAction } from "./schema.js";

export function noticeKeyboard(t: Translate, locale: string, meetingId: number, revision: number) {
  return new InlineKeyboard()
    .text(t(locale, "notice-attend"), meetingAction("att", meetingId, revision))
    .text(t(locale, "notice-absent"), meetingAction("abs", meetingId, revision))
    .row()
    .text(t(locale, "notice-read"), meetingAction("read", meetingId, revision))
    .text(t(locale, "notice-propose"), meetingAction("prop", meetingId, revision))
    .row()
    .text(t(locale, "notice-calendar"), meetingAction("ics", meetingId, revision));
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

export function noticeItems(t: Translate, base: Base, recipients: Recipient[]): OutboxItem[] {
  const { meeting } = base;
  const files = meeting.documents.flatMap((d, index) => {
    const fileId = telegramFileId(d.url);
    return fileId ? [{ index, title: d.title, fileId }] : [];
  });
  return recipients.flatMap((r) => [
    ...personal(
      base,
      r,
      `notice:${meeting.id}:${meeting.revision}:${r.personId}`,
      "notice",
      [t(r.locale, "notice-title"), describeMeeting(t, r.locale, meeting), "", t(r.locale, "notice-ask")].join("\n"),
      noticeKeyboard(t, r.locale, meeting.id, meeting.revision),
    ),
    // Files a secretary uploaded (only where the cell allows it) follow the notice.
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
  ]);
}

export function reminderItems(t: Translate, base: Base, itemKey: string, recipients: Recipient[], answered: Set<number>): OutboxItem[] {
  const { meeting } = base;
  return recipients.flatMap((r) => {
    const didAnswer = answered.has(r.personId);
    const text = [
      t(r.locale, didAnswer ? "reminder-title-answered" : "reminder-title", { when: formatWhen(t, r.locale, meeting.startsAt, meeting.timeZone) }),
      describeMeeting(t, r.locale, meeting),
    ].join("\n");
    return personal(
      base,
      r,
      `rem:${meeting.id}:${meeting.revision}:${itemKey}:${r.personId}`,
      "reminder",
      text,
      didAnswer ? undefined : noticeKeyboard(t, r.locale, meeting.id, meeting.revision),
    );
  });
}

/** Postponed: the new time, and a question whether the earlier answer still holds. */
export function movedItems(t: Translate, base: Base, recipients: Recipient[], reason: string, previous: Map<number, string>): OutboxItem[] {
  const { meeting } = base;
  return recipients.flatMap((r) => {
    const before = previous.get(r.personId);
    const keyboard = new InlineKeyboard();
    if (before === "attend") keyboard.text(t(r.locale, "moved-keep-attend"), meetingAction("keep", meeting.id, meeting.revision)).row();
    keyboard
      .text(t(r.locale, "notice-attend"), meetingAction("att", meeting.id, meeting.revision))
      .text(t(r.locale, "notice-absent"), meetingAction("abs", meeting.id, meeting.revision));
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
        .text(t(r.locale, "proposed-confirm"), proposedMeetingAction(true, meeting.id))
        .text(t(r.locale, "proposed-change"), proposedMeetingAction(false, meeting.id)),
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
        .text(t(r.locale, "agenda-proposal-accept"), proposalDecision(true, proposal.id))
        .text(t(r.locale, "agenda-proposal-decline"), proposalDecision(false, proposal.id)),
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
