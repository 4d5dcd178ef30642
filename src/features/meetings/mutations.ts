// Writes for meetings, callable from the bot, the CLI and the scheduler. Every message
// they cause is queued in the outbox (delivered by delivery/sender), never sent here.
import type { Db } from "../../db/client.js";
import { translate as t } from "../../bot/i18n.js";
import { enqueue, dropPending } from "../../delivery/outbox.js";
import { monthKey } from "../../domain/zoned.js";
import { nextAllowed } from "../../domain/quiet.js";
import type { MeetingKind } from "../../domain/meeting-input.js";
import { answersOf, leadersOf, loadMeeting, recipientsOf, settingsFor, viewOf, type LoadedMeeting, type Recipient } from "./data.js";
import { absenceToLeaders, cancelledItems, movedItems, noticeItems, proposalToLeaders, proposedMeetingItems } from "./notices.js";
import type { AbsenceReason } from "./schema.js";

export interface MeetingInput {
  orgId: number;
  kind: MeetingKind;
  startsAt: Date;
  durationMinutes: number;
  place: string;
  agenda: string;
  thematicTopic?: string | null;
  documents: { title: string; url: string }[];
  createdByPersonId?: number | null;
}

/** The notices of a confirmed meeting leave at once, unless it is night in the cell. */
async function baseFor(db: Db, meeting: LoadedMeeting, now: Date) {
  const settings = await settingsFor(db, meeting.org.path);
  return {
    meeting: { ...viewOf(meeting), revision: meeting.revision, orgId: meeting.orgId },
    notBefore: nextAllowed(now, meeting.org.timezone, settings.quietHours),
  };
}

const leadersAsRecipients = (leaders: Awaited<ReturnType<typeof leadersOf>>): Recipient[] =>
  leaders.map((l) => ({ ...l, status: null, follower: false }));

export async function setUsualSchedule(
  db: Db,
  orgId: number,
  rule: { dayOfMonth: number; time: string; place: string; durationMinutes: number },
) {
  await db.usualSchedule.upsert({ where: { orgId }, create: { orgId, ...rule }, update: rule });
}

export async function createMeeting(db: Db, input: MeetingInput, status: "confirmed" | "proposed", now: Date) {
  const org = await db.org.findUniqueOrThrow({ where: { id: input.orgId } });
  const meeting = await db.meeting.create({
    data: {
      orgId: input.orgId,
      kind: input.kind,
      forMonth: monthKey(input.startsAt, org.timezone),
      startsAt: input.startsAt,
      durationMinutes: input.durationMinutes,
      place: input.place,
      agenda: input.agenda,
      thematicTopic: input.thematicTopic ?? null,
      status,
      confirmedAt: status === "confirmed" ? now : null,
      createdByPersonId: input.createdByPersonId ?? null,
      documents: { create: input.documents },
    },
  });
  if (status === "confirmed") await queueNotices(db, meeting.id, now);
  else await queueProposal(db, meeting.id, now);
  return meeting;
}

/** Queues the notice for every expected member and follower; returns how many were new. */
export async function queueNotices(db: Db, meetingId: number, now: Date): Promise<{ queued: number; unreachable: number }> {
  const meeting = await loadMeeting(db, meetingId);
  if (!meeting || meeting.status !== "confirmed") return { queued: 0, unreachable: 0 };
  const recipients = await recipientsOf(db, meeting.orgId);
  const base = { ...(await baseFor(db, meeting, now)), expiresAt: meeting.startsAt };
  const queued = await enqueue(db, noticeItems(t, base, recipients));
  if (meeting.org.groupChatId) {
    await db.groupTally.upsert({
      where: { meetingId },
      create: { meetingId, chatId: meeting.org.groupChatId, dirty: true },
      update: { chatId: meeting.org.groupChatId, messageId: null, dirty: true },
    });
  }
  return { queued, unreachable: recipients.filter((r) => !r.chatId).length };
}

async function queueProposal(db: Db, meetingId: number, now: Date) {
  const meeting = (await loadMeeting(db, meetingId))!;
  const leaders = leadersAsRecipients(await leadersOf(db, meeting.orgId));
  await enqueue(db, proposedMeetingItems(t, await baseFor(db, meeting, now), leaders));
}

export type ConfirmOutcome = { kind: "confirmed"; queued: number; unreachable: number } | { kind: "not_open" };

export async function confirmProposedMeeting(db: Db, meetingId: number, now: Date): Promise<ConfirmOutcome> {
  const updated = await db.meeting.updateMany({
    where: { id: meetingId, status: "proposed", startsAt: { gt: now } },
    data: { status: "confirmed", confirmedAt: now },
  });
  if (updated.count === 0) return { kind: "not_open" };
  return { kind: "confirmed", ...(await queueNotices(db, meetingId, now)) };
}

export type AnswerOutcome =
  | { kind: "recorded"; meeting: LoadedMeeting }
  | { kind: "not_member" }
  | { kind: "closed"; status: "cancelled" | "started" | "moved" | "not_found" };

/** Whether this person may answer for this meeting: a member of the cell or a follower. */
export async function belongs(db: Db, meeting: { orgId: number }, personId: number): Promise<boolean> {
  const [membership, follow] = await Promise.all([
    db.membership.findUnique({ where: { orgId_personId: { orgId: meeting.orgId, personId } } }),
    db.follow.findUnique({ where: { orgId_personId: { orgId: meeting.orgId, personId } } }),
  ]);
  return Boolean((membership && membership.status !== "transferred") || follow);
}

/** Checks that a tap on a button of this meeting (and revision) may still change anything. */
export async function openMeetingFor(db: Db, meetingId: number, revision: number, personId: number, now: Date) {
  const meeting = await loadMeeting(db, meetingId);
  if (!meeting) return { kind: "closed", status: "not_found" } as const;
  if (!(await belongs(db, meeting, personId))) return { kind: "not_member" } as const;
  if (meeting.status === "cancelled") return { kind: "closed", status: "cancelled" } as const;
  if (meeting.status !== "confirmed" || meeting.startsAt.getTime() <= now.getTime()) return { kind: "closed", status: "started" } as const;
  if (meeting.revision !== revision) return { kind: "closed", status: "moved" } as const;
  return { kind: "open", meeting } as const;
}

export async function recordAnswer(
  db: Db,
  input: { meetingId: number; revision: number; personId: number; answer: "attend" | "absent"; reason?: AbsenceReason; note?: string | null },
  now: Date,
): Promise<AnswerOutcome> {
  const open = await openMeetingFor(db, input.meetingId, input.revision, input.personId, now);
  if (open.kind !== "open") return open;
  const { meeting } = open;
  const data = {
    answer: input.answer,
    reasonCategory: input.answer === "absent" ? (input.reason ?? "other") : null,
    reasonText: input.answer === "absent" ? (input.note ?? null) : null,
    revision: meeting.revision,
    answeredAt: now,
  };
  await db.meetingAnswer.upsert({
    where: { meetingId_personId: { meetingId: meeting.id, personId: input.personId } },
    create: { meetingId: meeting.id, personId: input.personId, ...data },
    update: data,
  });
  await db.groupTally.updateMany({ where: { meetingId: meeting.id }, data: { dirty: true } });
  if (input.answer === "absent") {
    const person = await db.person.findUniqueOrThrow({ where: { id: input.personId } });
    const leaders = leadersAsRecipients(await leadersOf(db, meeting.orgId)).filter((l) => l.personId !== input.personId);
    await enqueue(
      db,
      absenceToLeaders(t, await baseFor(db, meeting, now), leaders, {
        personId: person.id,
        name: person.fullName,
        reason: data.reasonCategory!,
        note: data.reasonText,
        at: now,
      }),
    );
  }
  return { kind: "recorded", meeting };
}

export async function markAgendaRead(db: Db, meetingId: number, revision: number, personId: number, now: Date) {
  const open = await openMeetingFor(db, meetingId, revision, personId, now);
  if (open.kind !== "open") return open as Exclude<AnswerOutcome, { kind: "recorded" }>;
  await db.meetingAnswer.upsert({
    where: { meetingId_personId: { meetingId, personId } },
    create: { meetingId, personId, revision: open.meeting.revision, agendaReadAt: now },
    update: { agendaReadAt: now },
  });
  return open;
}

export async function proposeAgendaItem(db: Db, meetingId: number, revision: number, personId: number, text: string, now: Date) {
  const open = await openMeetingFor(db, meetingId, revision, personId, now);
  if (open.kind !== "open") return open as Exclude<AnswerOutcome, { kind: "recorded" }>;
  const proposal = await db.agendaProposal.create({ data: { meetingId, personId, text } });
  const person = await db.person.findUniqueOrThrow({ where: { id: personId } });
  const leaders = leadersAsRecipients(await leadersOf(db, open.meeting.orgId));
  await enqueue(db, proposalToLeaders(t, await baseFor(db, open.meeting, now), leaders, { id: proposal.id, text, proposerName: person.fullName }));
  return { kind: "proposed", proposalId: proposal.id } as const;
}

export type ProposalDecision =
  | { kind: "decided"; accepted: boolean; text: string; proposerName: string }
  | { kind: "already"; status: string }
  | { kind: "not_found" };

/** The caller has checked that the decider leads the meeting's cell. */
export async function decideAgendaProposal(db: Db, proposalId: number, accept: boolean, now: Date): Promise<ProposalDecision> {
  const proposal = await db.agendaProposal.findUnique({ where: { id: proposalId }, include: { person: true, meeting: { include: { org: true } } } });
  if (!proposal) return { kind: "not_found" };
  const taken = await db.agendaProposal.updateMany({
    where: { id: proposalId, status: "pending" },
    data: { status: accept ? "accepted" : "declined", decidedAt: now },
  });
  if (taken.count === 0) return { kind: "already", status: proposal.status };
  const { meeting, person } = proposal;
  if (accept) {
    const agenda = [meeting.agenda, `• ${proposal.text} (${person.fullName})`].filter(Boolean).join("\n");
    await db.meeting.update({ where: { id: meeting.id }, data: { agenda } });
  }
  if (person.telegramChatId) {
    const locale = person.locale ?? "vi";
    await enqueue(db, [
      {
        key: `agenda-proposal-decided:${proposal.id}`,
        chatId: person.telegramChatId,
        personId: person.id,
        orgId: meeting.orgId,
        meetingId: meeting.id,
        kind: "agenda_decision",
        payload: { text: t(locale, accept ? "agenda-proposal-accepted" : "agenda-proposal-declined", { text: proposal.text }) },
        notBefore: now,
      },
    ]);
  }
  return { kind: "decided", accepted: accept, text: proposal.text, proposerName: person.fullName };
}

/** Kinds of queued messages that belong to one time of a meeting, dropped when it moves. */
const TIMED_KINDS = ["notice", "reminder", "summary", "docs_warning", "moved"];

export async function postponeMeeting(db: Db, meetingId: number, startsAt: Date, reason: string, now: Date) {
  const before = await loadMeeting(db, meetingId);
  if (!before || before.status !== "confirmed" || before.startsAt <= now) return { kind: "not_open" } as const;
  const previous = await answersOf(db, meetingId, before.revision);
  // Guarded by status and revision: a cancel or another move in the meantime wins.
  const moved = await db.meeting.updateMany({
    where: { id: meetingId, status: "confirmed", revision: before.revision },
    data: { startsAt, revision: { increment: 1 }, statusReason: reason, forMonth: before.forMonth },
  });
  if (moved.count === 0) return { kind: "not_open" } as const;
  await dropPending(db, { meetingId, kinds: TIMED_KINDS });
  const meeting = (await loadMeeting(db, meetingId))!;
  const recipients = await recipientsOf(db, meeting.orgId);
  const base = { ...(await baseFor(db, meeting, now)), expiresAt: startsAt };
  const answers = new Map([...previous].map(([personId, a]) => [personId, a.answer ?? ""]));
  const queued = await enqueue(db, movedItems(t, base, recipients, reason, answers));
  await db.groupTally.updateMany({ where: { meetingId }, data: { dirty: true } });
  return { kind: "postponed", queued, meeting } as const;
}

export async function cancelMeeting(db: Db, meetingId: number, reason: string, now: Date) {
  const taken = await db.meeting.updateMany({
    where: { id: meetingId, status: { in: ["confirmed", "proposed"] }, startsAt: { gt: now } },
    data: { status: "cancelled", statusReason: reason },
  });
  if (taken.count === 0) return { kind: "not_open" } as const;
  await dropPending(db, { meetingId, kinds: TIMED_KINDS });
  const meeting = (await loadMeeting(db, meetingId))!;
  const recipients = meeting.confirmedAt ? await recipientsOf(db, meeting.orgId) : [];
  const queued = await enqueue(db, cancelledItems(t, await baseFor(db, meeting, now), recipients, reason));
  await db.groupTally.updateMany({ where: { meetingId }, data: { dirty: true } });
  return { kind: "cancelled", queued } as const;
}
