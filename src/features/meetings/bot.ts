// Meetings in chat: the secretary's guided scheduling (/schedule, /laplich), the
// notice buttons members tap (attend, absent with a reason, read, propose, calendar),
// and the secretary's answers to proposals and to meetings proposed from the usual
// schedule. Every tap is checked against the meeting's cell on the server.
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { BotContext, BotConversation, ConvContext } from "../../bot/context.js";
import { forLinked, refuse, type LinkedContext } from "../../bot/guard.js";
import { askChoice, askText, fail, leaveOnCommand, ok, type Parsed } from "../../bot/ask.js";
import { leads } from "../../domain/access.js";
import { cleanLines, cleanText, TEXT_LIMITS } from "../../domain/names.js";
import { checkMeeting, parseLocalDate, type MeetingKind } from "../../domain/meeting-input.js";
import { monthKey, parseHm, toUtc } from "../../domain/zoned.js";
import { isQuiet } from "../../domain/quiet.js";
import type { OrgSettings } from "../../domain/settings.js";
import { loadMeeting, upcomingMeetings, viewOf, withReview } from "../../org/meetings.js";
import { settingsFor } from "../../org/settings.js";
import { describeMeeting, formatKind, formatWhen, TELEGRAM_FILE } from "../../org/meeting-text.js";
import { meetingButton, proposalButton, proposedMeetingButton, type MeetingAction } from "../../org/meeting-schema.js";
import { meetingIcs } from "./files/ics.js";
import { calendarPath } from "./routes.js";
import { feedOrgsOf, loadProposal, orgsInCodeOrder, scheduledMeetingsOf, usualPlaceOf } from "./data.js";
import {
  cancelMeeting,
  confirmProposedMeeting,
  decideAgendaProposal,
  belongs,
  markAgendaRead,
  openMeetingFor,
  postponeMeeting,
  proposeAgendaItem,
  recordAnswer,
  scheduleMeeting,
  setUsualSchedule,
  type AnswerOutcome,
} from "./mutations.js";
import { ABSENCE_REASONS, DOCUMENT_URL_MAX, MEETING_KINDS, parseDocumentLine, type AbsenceReason } from "./schema.js";
import { publicLinks } from "../../config.js";

export const SCHEDULE_CONVERSATION = "schedule";
export const ABSENCE_CONVERSATION = "absence";
export const PROPOSE_CONVERSATION = "propose";

interface CellChoice {
  orgId: number;
  orgName: string;
  orgPath: string;
  timeZone: string;
}

interface ScheduleArgs {
  cells: CellChoice[];
  /** "Change" on a meeting proposed from the usual schedule: it is replaced on confirm. */
  replaceMeetingId?: number;
}


function parseMinutes(text: string): Parsed<number> {
  const minutes = Number(text.trim().replace(/\s*(phút|minutes?|min|p)$/i, ""));
  return Number.isInteger(minutes) && minutes >= 15 && minutes <= 600 ? ok(minutes) : fail("schedule-minutes-invalid");
}

function parseTime(text: string): Parsed<{ hour: number; minute: number }> {
  const hm = parseHm(text);
  return hm ? ok(hm) : fail("schedule-time-invalid");
}

function parseFreeText(max: number, clean: (text: string) => string = cleanText) {
  return (text: string): Parsed<string> => {
    const cleaned = clean(text);
    if (cleaned.length === 0) return fail("schedule-text-empty");
    return cleaned.length <= max ? ok(cleaned) : fail("schedule-text-too-long", { max, length: cleaned.length });
  };
}

/** Asks date and time until they make a valid start, then the length (with warnings). */
async function askWhen(
  conversation: BotConversation,
  ctx: ConvContext,
  cell: CellChoice,
  settings: OrgSettings,
  kind: MeetingKind,
  excludeMeetingId?: number,
): Promise<{ startsAt: number; durationMinutes: number }> {
  const others = await conversation.external(async (outer) =>
    (await scheduledMeetingsOf(outer.deps.db, cell.orgId))
      .filter((m) => m.id !== excludeMeetingId)
      .map((m) => ({ id: m.id, startsAt: m.startsAt.getTime(), durationMinutes: m.durationMinutes })),
  );
  const defaultMinutes = kind === "combined" ? settings.combinedMinMinutes : settings.minMinutes;
  for (;;) {
    // The injected clock, through external so that a replay sees the same instant.
    const now = new Date(await conversation.external((outer) => outer.deps.now().getTime()));
    const date = await askText(conversation, ctx, ctx.t("schedule-ask-date"), (text) => {
      const parsed = parseLocalDate(text, now, cell.timeZone);
      return parsed.ok ? ok(parsed) : fail(`schedule-date-${parsed.error}`);
    });
    const time = await askText(conversation, ctx, ctx.t("schedule-ask-time"), parseTime);
    const startsAt = toUtc({ year: date.year, month: date.month, day: date.day, ...time }, cell.timeZone);
    let durationMinutes = await askText(
      conversation,
      ctx,
      ctx.t("schedule-ask-minutes", { minutes: defaultMinutes }),
      parseMinutes,
      new InlineKeyboard().text(ctx.t("schedule-use-minutes", { minutes: defaultMinutes }), "sc:min"),
      { data: "sc:min", value: defaultMinutes },
    );
    for (;;) {
      const check = checkMeeting(
        { startsAt, durationMinutes, kind },
        { now, timeZone: cell.timeZone, settings, otherMeetingsOfCell: others.map((o) => ({ ...o, startsAt: new Date(o.startsAt) })) },
      );
      if (check.errors.length > 0) {
        await ctx.reply(check.errors.map((e) => ctx.t(`schedule-error-${e}`)).join("\n"));
        break;
      }
      if (check.warnings.length === 0) return { startsAt: startsAt.getTime(), durationMinutes };
      const choice = await askChoice(
        conversation,
        ctx,
        check.warnings.map((w) => ctx.t(`schedule-warning-${w}`, { minimum: w === "too_short" ? settings.minMinutes : settings.combinedMinMinutes })).join("\n"),
        [
          { value: "keep", label: ctx.t("schedule-keep-length") },
          { value: "change", label: ctx.t("schedule-change-length") },
        ],
        "sc:len",
      );
      if (choice === "keep") return { startsAt: startsAt.getTime(), durationMinutes };
      durationMinutes = await askText(conversation, ctx, ctx.t("schedule-ask-minutes", { minutes: defaultMinutes }), parseMinutes);
    }
  }
}

async function askDocuments(conversation: BotConversation, ctx: ConvContext, allowUploads: boolean): Promise<{ title: string; url: string }[]> {
  const documents: { title: string; url: string }[] = [];
  const done = new InlineKeyboard().text(ctx.t("schedule-documents-done"), "sc:docs");
  await ctx.reply(ctx.t(allowUploads ? "schedule-ask-documents-or-files" : "schedule-ask-documents"), { reply_markup: done });
  for (;;) {
    const answer = await conversation.wait();
    await leaveOnCommand(conversation, answer);
    if (answer.callbackQuery?.data === "sc:docs") {
      await answer.answerCallbackQuery();
      return documents;
    }
    if (answer.callbackQuery) await conversation.skip({ next: true });
    const upload = answer.message?.document;
    if (upload && allowUploads) {
      documents.push({ title: cleanText(upload.file_name ?? "").slice(0, TEXT_LIMITS.documentTitle) || answer.t("schedule-document-untitled"), url: `${TELEGRAM_FILE}${upload.file_id}` });
      await answer.reply(answer.t("schedule-documents-added", { count: documents.length }), { reply_markup: done });
      continue;
    }
    if (upload || answer.message?.photo) {
      await answer.reply(answer.t("schedule-documents-no-files"), { reply_markup: done });
      continue;
    }
    const lines = (answer.message?.text ?? "").split("\n").filter((l) => l.trim());
    const parsed = lines.map(parseDocumentLine);
    if (lines.length === 0 || parsed.some((p) => !p)) {
      await answer.reply(answer.t("schedule-documents-invalid"), { reply_markup: done });
      continue;
    }
    if (parsed.some((p) => p!.url.length > DOCUMENT_URL_MAX)) {
      await answer.reply(answer.t("bad-input-document-url-too-long"), { reply_markup: done });
      continue;
    }
    documents.push(...(parsed as { title: string; url: string }[]).map((d) => ({ title: cleanText(d.title).slice(0, TEXT_LIMITS.documentTitle), url: d.url })));
    await answer.reply(answer.t("schedule-documents-added", { count: documents.length }), { reply_markup: done });
  }
}

/** From the upper committee's orientation list when there is one, else typed. */
async function askTopic(conversation: BotConversation, ctx: ConvContext, topics: string[]): Promise<string> {
  if (topics.length > 0) {
    const chosen = await askChoice(
      conversation,
      ctx,
      ctx.t("schedule-ask-topic-from-list"),
      [...topics.map((topic, i) => ({ value: String(i), label: topic })), { value: "other", label: ctx.t("schedule-topic-other") }],
      "sc:topic",
      1,
    );
    if (chosen !== "other") return topics[Number(chosen)];
  }
  return askText(conversation, ctx, ctx.t("schedule-ask-topic"), parseFreeText(TEXT_LIMITS.topic));
}

async function pickCell(conversation: BotConversation, ctx: ConvContext, cells: CellChoice[]): Promise<CellChoice> {
  if (cells.length === 1) return cells[0];
  const id = await askChoice(
    conversation,
    ctx,
    ctx.t("schedule-pick-cell"),
    cells.map((c) => ({ value: String(c.orgId), label: c.orgName })),
    "sc:cell",
    1,
  );
  return cells.find((c) => String(c.orgId) === id)!;
}

async function scheduleConversation(conversation: BotConversation, ctx: ConvContext, args: ScheduleArgs) {
  const cell = await pickCell(conversation, ctx, args.cells);
  const settings = await conversation.external((outer) => settingsFor(outer.deps.db, cell.orgPath));
  const action = args.replaceMeetingId
    ? "new"
    : await askChoice(
        conversation,
        ctx,
        ctx.t("schedule-menu", { org: cell.orgName }),
        [
          { value: "new", label: ctx.t("schedule-menu-new") },
          { value: "usual", label: ctx.t("schedule-menu-usual") },
          { value: "move", label: ctx.t("schedule-menu-move") },
          { value: "cancel", label: ctx.t("schedule-menu-cancel") },
        ],
        "sc:act",
      );
  if (action === "usual") return usualFlow(conversation, ctx, cell, settings);
  if (action === "new") return newMeetingFlow(conversation, ctx, cell, settings, args.replaceMeetingId);
  return changeFlow(conversation, ctx, cell, settings, action);
}

async function usualFlow(conversation: BotConversation, ctx: ConvContext, cell: CellChoice, settings: OrgSettings) {
  const dayOfMonth = await askText(conversation, ctx, ctx.t("usual-ask-day"), (text) => {
    const day = Number(text.trim());
    return Number.isInteger(day) && day >= 1 && day <= 31 ? ok(day) : fail("usual-day-invalid");
  });
  const time = await askText(conversation, ctx, ctx.t("schedule-ask-time"), (text) => {
    const hm = parseHm(text);
    if (!hm) return fail("schedule-time-invalid");
    // Any date will do to test the wall-clock time against quiet hours.
    const probe = toUtc({ year: 2026, month: 1, day: 15, ...hm }, cell.timeZone);
    return isQuiet(probe, cell.timeZone, settings.quietHours) ? fail("schedule-error-quiet_hours") : ok(hm);
  });
  const place = await askText(conversation, ctx, ctx.t("schedule-ask-place"), parseFreeText(TEXT_LIMITS.place));
  const durationMinutes = await askText(
    conversation,
    ctx,
    ctx.t("schedule-ask-minutes", { minutes: settings.minMinutes }),
    parseMinutes,
    new InlineKeyboard().text(ctx.t("schedule-use-minutes", { minutes: settings.minMinutes }), "sc:min"),
    { data: "sc:min", value: settings.minMinutes },
  );
  const rule = { dayOfMonth, time: `${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}`, place, durationMinutes };
  await conversation.external((outer) => setUsualSchedule(outer.deps.db, cell.orgId, rule));
  await ctx.reply(ctx.t("usual-saved", { day: dayOfMonth, time: rule.time, place, minutes: durationMinutes, lead: settings.proposalLeadDays }));
}

async function newMeetingFlow(conversation: BotConversation, ctx: ConvContext, cell: CellChoice, settings: OrgSettings, replaceMeetingId?: number) {
  const kind = await askChoice<MeetingKind>(
    conversation,
    ctx,
    ctx.t("schedule-ask-kind"),
    MEETING_KINDS.map((k) => ({ value: k, label: ctx.t(`schedule-kind-${k}`) })),
    "sc:kind",
    1,
  );
  const usualPlace = await conversation.external((outer) => usualPlaceOf(outer.deps.db, cell.orgId));
  const when = await askWhen(conversation, ctx, cell, settings, kind, replaceMeetingId);
  const place = await askText(
    conversation,
    ctx,
    ctx.t("schedule-ask-place"),
    parseFreeText(TEXT_LIMITS.place),
    usualPlace ? new InlineKeyboard().text(usualPlace, "sc:place") : undefined,
    usualPlace ? { data: "sc:place", value: usualPlace } : undefined,
  );
  const agenda = await askText(conversation, ctx, ctx.t("schedule-ask-agenda"), parseFreeText(TEXT_LIMITS.agenda, cleanLines), new InlineKeyboard().text(ctx.t("schedule-skip"), "sc:skip"), { data: "sc:skip", value: "" });
  const thematicTopic = kind === "regular" ? null : await askTopic(conversation, ctx, settings.thematicTopics);
  const documents = await askDocuments(conversation, ctx, settings.allowFileUploads);
  const draft = { orgId: cell.orgId, kind, startsAt: new Date(when.startsAt), durationMinutes: when.durationMinutes, place, agenda, thematicTopic, documents };
  const preview = describeMeeting(ctx.translateFor, ctx.locale, {
    id: 0,
    orgName: cell.orgName,
    kind,
    forMonth: monthKey(draft.startsAt, cell.timeZone),
    startsAt: draft.startsAt,
    durationMinutes: draft.durationMinutes,
    place,
    agenda,
    thematicTopic,
    timeZone: cell.timeZone,
    documents,
  }).replace(/^.*\n/, `${cell.orgName}\n`);
  const confirm = await askChoice(
    conversation,
    ctx,
    `${ctx.t("schedule-preview")}\n${preview}`,
    [
      { value: "yes", label: ctx.t("schedule-confirm") },
      { value: "no", label: ctx.t("schedule-abandon") },
    ],
    "sc:ok",
  );
  if (confirm === "no") return ctx.reply(ctx.t("cancelled"));
  // Someone may have confirmed the replaced proposal meanwhile: then nothing is scheduled.
  const outcome = await conversation.external((outer) =>
    scheduleMeeting(outer.deps.db, { ...draft, createdByPersonId: outer.speaker?.id ?? null }, outer.deps.now(), replaceMeetingId),
  );
  if (outcome.kind === "proposal_decided") return ctx.reply(ctx.t("proposed-already"));
  await ctx.reply(ctx.t("schedule-done", { count: outcome.queued }));
}

async function changeFlow(conversation: BotConversation, ctx: ConvContext, cell: CellChoice, settings: OrgSettings, action: "move" | "cancel") {
  const upcoming = await conversation.external(async (outer) =>
    (await upcomingMeetings(outer.deps.db, cell.orgId, outer.deps.now()))
      .filter((m) => m.status === "confirmed")
      .map((m) => ({ id: m.id, kind: m.kind, forMonth: m.forMonth, startsAt: m.startsAt.getTime() })),
  );
  if (upcoming.length === 0) return ctx.reply(ctx.t("schedule-none-upcoming"));
  const label = (m: (typeof upcoming)[number]) =>
    `${formatKind(ctx.translateFor, ctx.locale, m.kind, m.forMonth)} – ${formatWhen(ctx.translateFor, ctx.locale, new Date(m.startsAt), cell.timeZone)}`;
  const chosenId =
    upcoming.length === 1
      ? upcoming[0].id
      : Number(await askChoice(conversation, ctx, ctx.t("schedule-pick-meeting"), upcoming.map((m) => ({ value: String(m.id), label: label(m) })), "sc:mtg", 1));
  const chosen = upcoming.find((m) => m.id === chosenId)!;
  await ctx.reply(label(chosen));
  const when = action === "move" ? await askWhen(conversation, ctx, cell, settings, chosen.kind as MeetingKind, chosen.id) : undefined;
  const reason = await askText(conversation, ctx, ctx.t(action === "move" ? "schedule-ask-move-reason" : "schedule-ask-cancel-reason"), parseFreeText(TEXT_LIMITS.reason));
  const confirm = await askChoice(
    conversation,
    ctx,
    ctx.t(action === "move" ? "schedule-confirm-move" : "schedule-confirm-cancel", {
      when: when ? formatWhen(ctx.translateFor, ctx.locale, new Date(when.startsAt), cell.timeZone) : "",
    }),
    [
      { value: "yes", label: ctx.t("schedule-confirm-yes") },
      { value: "no", label: ctx.t("schedule-abandon") },
    ],
    "sc:ok",
  );
  if (confirm === "no") return ctx.reply(ctx.t("cancelled"));
  const outcome = await conversation.external(async (outer) => {
    const now = outer.deps.now();
    const result = when
      ? await postponeMeeting(outer.deps.db, chosen.id, new Date(when.startsAt), reason, now)
      : await cancelMeeting(outer.deps.db, chosen.id, reason, now);
    return result.kind === "not_open" ? { kind: "not_open" as const } : { kind: result.kind, queued: result.queued };
  });
  if (outcome.kind === "not_open") return ctx.reply(ctx.t("meeting-closed-started"));
  await ctx.reply(ctx.t(outcome.kind === "postponed" ? "schedule-moved" : "schedule-cancelled", { count: outcome.queued }));
}

interface AnswerArgs {
  meetingId: number;
  revision: number;
}

async function absenceConversation(conversation: BotConversation, ctx: ConvContext, args: AnswerArgs) {
  const reason = await askChoice<AbsenceReason>(
    conversation,
    ctx,
    ctx.t("absence-ask-reason"),
    ABSENCE_REASONS.map((r) => ({ value: r, label: ctx.t(`absence-reason-${r}`) })),
    "ar",
  );
  const note = await askText(
    conversation,
    ctx,
    ctx.t("absence-ask-note"),
    parseFreeText(TEXT_LIMITS.note),
    new InlineKeyboard().text(ctx.t("schedule-skip"), "ar:skip"),
    { data: "ar:skip", value: "" },
  );
  const outcome = await conversation.external(async (outer) => {
    const result = await recordAnswer(
      outer.deps.db,
      { ...args, personId: outer.speaker!.id, answer: "absent", reason, note: note || null },
      outer.deps.now(),
    );
    return result.kind === "recorded" ? { kind: "recorded" as const } : result;
  });
  await ctx.reply(outcome.kind === "recorded" ? ctx.t("answer-absent-recorded", { reason: ctx.t(`absence-reason-${reason}`) }) : closedText(ctx, outcome));
}

async function proposeConversation(conversation: BotConversation, ctx: ConvContext, args: AnswerArgs) {
  const text = await askText(conversation, ctx, ctx.t("agenda-proposal-ask"), parseFreeText(TEXT_LIMITS.proposal));
  const outcome = await conversation.external(async (outer) => {
    const result = await proposeAgendaItem(outer.deps.db, args.meetingId, args.revision, outer.speaker!.id, text, outer.deps.now());
    return result.kind === "proposed" ? { kind: "proposed" as const } : result;
  });
  await ctx.reply(outcome.kind === "proposed" ? ctx.t("agenda-proposal-sent") : closedText(ctx, outcome));
}

function closedText(ctx: { t: (key: string) => string }, outcome: Exclude<AnswerOutcome, { kind: "recorded" }>): string {
  if (outcome.kind === "not_member") return ctx.t("meeting-not-member");
  return ctx.t(`meeting-closed-${outcome.status}`);
}

export function meetingConversations() {
  return [
    createConversation<BotContext, ConvContext>(scheduleConversation, { id: SCHEDULE_CONVERSATION }),
    createConversation<BotContext, ConvContext>(absenceConversation, { id: ABSENCE_CONVERSATION }),
    createConversation<BotContext, ConvContext>(proposeConversation, { id: PROPOSE_CONVERSATION }),
  ];
}

export const meetings = new Composer<BotContext>();

/** The cells this person leads (secretary or deputy), for scheduling. */
async function ledCells(ctx: BotContext): Promise<CellChoice[]> {
  const ids = ctx.positions.filter((p) => p.orgKind === "cell" && leads(ctx.positions, p.orgId)).map((p) => p.orgId);
  if (ids.length === 0) return [];
  const orgs = await orgsInCodeOrder(ctx.deps.db, ids);
  return orgs.map((o) => ({ orgId: o.id, orgName: o.name, orgPath: o.path, timeZone: o.timezone }));
}

meetings.command(
  ["schedule", "laplich"],
  forLinked(async (ctx) => {
    const cells = await ledCells(ctx);
    if (cells.length === 0) return ctx.reply(ctx.t("schedule-not-secretary"));
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(SCHEDULE_CONVERSATION, { cells } satisfies ScheduleArgs);
  }),
);

/** Notice buttons that never enter a conversation: attend, keep my answer, read, calendar. */
const PLAIN_ACTIONS = new Set<MeetingAction>(["att", "keep", "read", "ics"]);

/**
 * The plain notice buttons, registered before the conversations plugin: the busiest
 * taps then never read conversation state. No conversation waits for these buttons
 * (each waits for its own prefixes and hands other buttons on).
 */
export const meetingTaps = new Composer<BotContext>();

meetingTaps.callbackQuery(meetingButton.filter, async (ctx, next) => {
  const button = meetingButton.decode(ctx.callbackQuery.data);
  // Stale or forged buttons and those leading into a conversation go on to `meetings` below.
  if (!button || !PLAIN_ACTIONS.has(button.action)) return next();
  return forLinked((linked) => answerPlainTap(linked, button))(ctx);
});

type MeetingButton = NonNullable<ReturnType<typeof meetingButton.decode>>;

async function answerPlainTap(ctx: LinkedContext, { action, meetingId, revision }: MeetingButton) {
  const { db, now } = ctx.deps;
  const { id: personId, memberOf } = ctx.speaker;
  if (action === "ics") return sendCalendarFile(ctx, meetingId);
  if (action === "read") {
    const outcome = await markAgendaRead(db, meetingId, revision, personId, now(), memberOf);
    if (outcome.kind !== "open") return ctx.answerCallbackQuery({ text: closedText(ctx, outcome), show_alert: true });
    return ctx.answerCallbackQuery({ text: ctx.t("answer-read-recorded") });
  }
  const outcome = await recordAnswer(db, { meetingId, revision, personId, answer: "attend" }, now());
  if (outcome.kind !== "recorded") return ctx.answerCallbackQuery({ text: closedText(ctx, outcome), show_alert: true });
  await ctx.answerCallbackQuery({ text: ctx.t("answer-attend-recorded") });
  return ctx.reply(ctx.t("answer-attend-recorded"));
}

/** The buttons that lead into a short conversation (absence reason, proposal), and stale ones. */
meetings.callbackQuery(meetingButton.filter, async (ctx) => {
  const button = meetingButton.decode(ctx.callbackQuery.data);
  if (!button) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  return forLinked((linked) => startAnswerConversation(linked, button))(ctx);
});

async function startAnswerConversation(ctx: LinkedContext, { action, meetingId, revision }: MeetingButton) {
  const args: AnswerArgs = { meetingId, revision };
  // The absence reason and the proposal are short conversations; check first so a
  // closed meeting is refused before any question is asked.
  const open = await openMeetingFor(ctx.deps.db, meetingId, revision, ctx.speaker.id, ctx.deps.now(), ctx.speaker.memberOf);
  if (open.kind !== "open") return ctx.answerCallbackQuery({ text: closedText(ctx, open), show_alert: true });
  await ctx.answerCallbackQuery();
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(action === "abs" ? ABSENCE_CONVERSATION : PROPOSE_CONVERSATION, args);
}

async function sendCalendarFile(ctx: LinkedContext, meetingId: number) {
  const meeting = await loadMeeting(ctx.deps.db, meetingId);
  if (!meeting || meeting.status === "cancelled") return refuse(ctx, "meeting-closed-cancelled");
  if (!(await belongs(ctx.deps.db, meeting, ctx.speaker.id, ctx.speaker.memberOf))) return refuse(ctx, "meeting-not-member");
  const view = await withReview(ctx.deps.db, viewOf(meeting), meeting, ctx.deps.now());
  const ics = meetingIcs(
    {
      ...view,
      revision: meeting.revision,
      title: `${formatKind(ctx.translateFor, ctx.locale, meeting.kind, meeting.forMonth)} – ${meeting.org.name}`,
      description: describeMeeting(ctx.translateFor, ctx.locale, view),
    },
    ctx.deps.now(),
    "chibo",
  );
  await ctx.answerCallbackQuery();
  await ctx.replyWithDocument(new InputFile(Buffer.from(ics, "utf8"), `hop-chi-bo-${meeting.id}.ics`), {
    caption: ctx.t("calendar-caption"),
  });
}

// The secretary's decisions: someone not linked is "not allowed" like anyone not leading
// the cell, so these check the role, not forLinked.
meetings.callbackQuery(proposalButton.filter, async (ctx) => {
  const button = proposalButton.decode(ctx.callbackQuery.data);
  if (!button) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const proposal = await loadProposal(ctx.deps.db, button.proposalId);
  if (!proposal) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  if (!ctx.speaker || !leads(ctx.positions, proposal.meeting.orgId)) return refuse(ctx, "not-allowed");
  const outcome = await decideAgendaProposal(ctx.deps.db, proposal.id, button.accept, ctx.deps.now());
  if (outcome.kind !== "decided") return ctx.answerCallbackQuery({ text: ctx.t("request-already-decided") });
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(
    `${ctx.callbackQuery.message?.text ?? ""}\n\n${ctx.t(outcome.accepted ? "agenda-proposal-accepted-by" : "agenda-proposal-declined-by")}`,
  );
});

meetings.callbackQuery(proposedMeetingButton.filter, async (ctx) => {
  const button = proposedMeetingButton.decode(ctx.callbackQuery.data);
  if (!button) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const meeting = await loadMeeting(ctx.deps.db, button.meetingId);
  if (!meeting) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  if (!ctx.speaker || !leads(ctx.positions, meeting.orgId)) return refuse(ctx, "not-allowed");
  if (meeting.status !== "proposed") return refuse(ctx, "proposed-already");
  if (button.confirm) {
    const outcome = await confirmProposedMeeting(ctx.deps.db, meeting.id, ctx.deps.now());
    if (outcome.kind !== "confirmed") return refuse(ctx, "meeting-closed-started");
    await ctx.answerCallbackQuery();
    return ctx.editMessageText(`${ctx.callbackQuery.message?.text ?? ""}\n\n${ctx.t("schedule-done", { count: outcome.queued })}`);
  }
  await ctx.answerCallbackQuery();
  const cell: CellChoice = { orgId: meeting.orgId, orgName: meeting.org.name, orgPath: meeting.org.path, timeZone: meeting.org.timezone };
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(SCHEDULE_CONVERSATION, { cells: [cell], replaceMeetingId: meeting.id } satisfies ScheduleArgs);
});

// The feed links are private (whoever has one reads the cell's meetings): a private chat only.
meetings.command(
  "calendar",
  forLinked(async (ctx) => {
    const { config, db } = ctx.deps;
    const links = publicLinks(config);
    if (!links) return ctx.reply(ctx.t("calendar-feed-off"));
    const cellIds = ctx.positions.filter((p) => p.orgKind === "cell").map((p) => p.orgId);
    const orgs = await feedOrgsOf(db, ctx.speaker.id, cellIds);
    if (orgs.length === 0) return ctx.reply(ctx.t("calendar-feed-none"));
    const lines = orgs.map((o) => `${o.name}: ${links.base}${calendarPath(links.secret, o)}`);
    await ctx.reply([ctx.t("calendar-feed-intro"), ...lines].join("\n"));
  }),
);
