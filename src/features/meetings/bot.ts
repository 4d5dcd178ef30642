// Meetings in chat: the secretary's guided scheduling (/schedule, /laplich), the
// notice buttons members tap (attend, absent with a reason, read, propose, calendar),
// and the secretary's answers to proposals and to meetings proposed from the usual
// schedule. Every tap is checked against the meeting's cell on the server.
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { BotContext, BotConversation, ConvContext } from "../../bot/context.js";
import { askChoice, askText, fail, leaveOnCommand, ok, type Parsed } from "../../bot/ask.js";
import { leads } from "../../domain/access.js";
import { cleanLines, cleanText, TEXT_LIMITS } from "../../domain/names.js";
import { checkMeeting, parseLocalDate, type MeetingKind } from "../../domain/meeting-input.js";
import { monthKey, parseHm, toUtc } from "../../domain/zoned.js";
import { isQuiet } from "../../domain/quiet.js";
import type { OrgSettings } from "../../domain/settings.js";
import { loadMeeting, settingsFor, upcomingMeetings, viewOf } from "./data.js";
import { describeMeeting, formatKind, formatWhen, TELEGRAM_FILE } from "./format.js";
import { meetingIcs } from "./ics.js";
import { calendarPath } from "./calendar-feed.js";
import {
  cancelMeeting,
  confirmProposedMeeting,
  createMeeting,
  decideAgendaProposal,
  belongs,
  markAgendaRead,
  openMeetingFor,
  postponeMeeting,
  proposeAgendaItem,
  recordAnswer,
  setUsualSchedule,
  type AnswerOutcome,
} from "./mutations.js";
import {
  ABSENCE_REASONS,
  DOCUMENT_URL_MAX,
  MEETING_KINDS,
  meetingActionSchema,
  parseDocumentLine,
  proposalDecisionSchema,
  proposedMeetingSchema,
  type AbsenceReason,
  type MeetingAction,
} from "./schema.js";

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
    (await outer.deps.db.meeting.findMany({ where: { orgId: cell.orgId, status: { in: ["confirmed", "proposed"] } } }))
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
  const usualPlace = await conversation.external(async (outer) => (await outer.deps.db.usualSchedule.findUnique({ where: { orgId: cell.orgId } }))?.place ?? null);
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
  const result = await conversation.external(async (outer) => {
    const now = outer.deps.now();
    if (replaceMeetingId) {
      // Someone may have confirmed the proposal meanwhile: then nothing is replaced.
      const replaced = await outer.deps.db.meeting.updateMany({ where: { id: replaceMeetingId, status: "proposed" }, data: { status: "cancelled", statusReason: "replaced" } });
      if (replaced.count === 0) return { meetingId: 0, queued: -1 };
    }
    const meeting = await createMeeting(outer.deps.db, { ...draft, createdByPersonId: outer.speaker?.id ?? null }, "confirmed", now);
    const queued = await outer.deps.db.outboxMessage.count({ where: { meetingId: meeting.id, kind: "notice" } });
    return { meetingId: meeting.id, queued };
  });
  if (result.queued < 0) return ctx.reply(ctx.t("proposed-already"));
  await ctx.reply(ctx.t("schedule-done", { count: result.queued }));
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
  const orgs = await ctx.deps.db.org.findMany({ where: { id: { in: ids } }, orderBy: { code: "asc" } });
  return orgs.map((o) => ({ orgId: o.id, orgName: o.name, orgPath: o.path, timeZone: o.timezone }));
}

meetings.command(["schedule", "laplich"], async (ctx) => {
  if (ctx.chat.type !== "private") return ctx.reply(ctx.t("group-not-supported"));
  if (!ctx.speaker) return ctx.reply(ctx.t("not-linked"));
  const cells = await ledCells(ctx);
  if (cells.length === 0) return ctx.reply(ctx.t("schedule-not-secretary"));
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(SCHEDULE_CONVERSATION, { cells } satisfies ScheduleArgs);
});

/** Notice buttons that never enter a conversation: attend, keep my answer, read, calendar. */
const PLAIN_ACTIONS = new Set<MeetingAction>(["att", "keep", "read", "ics"]);

/**
 * The plain notice buttons, registered before the conversations plugin: the busiest
 * taps then never read conversation state. No conversation waits for these buttons
 * (each waits for its own prefixes and hands other buttons on).
 */
export const meetingTaps = new Composer<BotContext>();

meetingTaps.callbackQuery(/^m:/, async (ctx, next) => {
  const parsed = meetingActionSchema.safeParse(ctx.callbackQuery.data);
  if (!parsed.success || !PLAIN_ACTIONS.has(parsed.data.action)) return next();
  if (!ctx.speaker) return ctx.answerCallbackQuery({ text: ctx.t("not-linked"), show_alert: true });
  const { action, meetingId, revision } = parsed.data;
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
});

/** The buttons that lead into a short conversation (absence reason, proposal), and stale ones. */
meetings.callbackQuery(/^m:/, async (ctx) => {
  const parsed = meetingActionSchema.safeParse(ctx.callbackQuery.data);
  if (!parsed.success) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  if (!ctx.speaker) return ctx.answerCallbackQuery({ text: ctx.t("not-linked"), show_alert: true });
  const { action, meetingId, revision } = parsed.data;
  const { db, now } = ctx.deps;
  const args: AnswerArgs = { meetingId, revision };
  // The absence reason and the proposal are short conversations; check first so a
  // closed meeting is refused before any question is asked.
  const open = await openMeetingFor(db, meetingId, revision, ctx.speaker.id, now(), ctx.speaker.memberOf);
  if (open.kind !== "open") return ctx.answerCallbackQuery({ text: closedText(ctx, open), show_alert: true });
  await ctx.answerCallbackQuery();
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(action === "abs" ? ABSENCE_CONVERSATION : PROPOSE_CONVERSATION, args);
});

async function sendCalendarFile(ctx: BotContext, meetingId: number) {
  const meeting = await loadMeeting(ctx.deps.db, meetingId);
  if (!meeting || meeting.status === "cancelled") return ctx.answerCallbackQuery({ text: ctx.t("meeting-closed-cancelled"), show_alert: true });
  if (!(await belongs(ctx.deps.db, meeting, ctx.speaker!.id, ctx.speaker!.memberOf))) return ctx.answerCallbackQuery({ text: ctx.t("meeting-not-member"), show_alert: true });
  const view = viewOf(meeting);
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

meetings.callbackQuery(/^mp:/, async (ctx) => {
  const parsed = proposalDecisionSchema.safeParse(ctx.callbackQuery.data);
  if (!parsed.success) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const proposal = await ctx.deps.db.agendaProposal.findUnique({ where: { id: parsed.data.proposalId }, include: { meeting: true } });
  if (!proposal) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  if (!ctx.speaker || !leads(ctx.positions, proposal.meeting.orgId)) return ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
  const outcome = await decideAgendaProposal(ctx.deps.db, proposal.id, parsed.data.accept, ctx.deps.now());
  if (outcome.kind !== "decided") return ctx.answerCallbackQuery({ text: ctx.t("request-already-decided") });
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(
    `${ctx.callbackQuery.message?.text ?? ""}\n\n${ctx.t(outcome.accepted ? "agenda-proposal-accepted-by" : "agenda-proposal-declined-by")}`,
  );
});

meetings.callbackQuery(/^ms:/, async (ctx) => {
  const parsed = proposedMeetingSchema.safeParse(ctx.callbackQuery.data);
  if (!parsed.success) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const meeting = await loadMeeting(ctx.deps.db, parsed.data.meetingId);
  if (!meeting) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  if (!ctx.speaker || !leads(ctx.positions, meeting.orgId)) return ctx.answerCallbackQuery({ text: ctx.t("not-allowed"), show_alert: true });
  if (meeting.status !== "proposed") return ctx.answerCallbackQuery({ text: ctx.t("proposed-already"), show_alert: true });
  if (parsed.data.confirm) {
    const outcome = await confirmProposedMeeting(ctx.deps.db, meeting.id, ctx.deps.now());
    if (outcome.kind !== "confirmed") return ctx.answerCallbackQuery({ text: ctx.t("meeting-closed-started"), show_alert: true });
    await ctx.answerCallbackQuery();
    return ctx.editMessageText(`${ctx.callbackQuery.message?.text ?? ""}\n\n${ctx.t("schedule-done", { count: outcome.queued })}`);
  }
  await ctx.answerCallbackQuery();
  const cell: CellChoice = { orgId: meeting.orgId, orgName: meeting.org.name, orgPath: meeting.org.path, timeZone: meeting.org.timezone };
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(SCHEDULE_CONVERSATION, { cells: [cell], replaceMeetingId: meeting.id } satisfies ScheduleArgs);
});

meetings.command("calendar", async (ctx) => {
  // The feed links are private: whoever has one reads the cell's meetings.
  if (ctx.chat.type !== "private") return ctx.reply(ctx.t("group-not-supported"));
  if (!ctx.speaker) return ctx.reply(ctx.t("not-linked"));
  const { config, db } = ctx.deps;
  if (!config.PUBLIC_URL || !config.CHIBO_SECRET || config.HTTP_PORT === undefined) return ctx.reply(ctx.t("calendar-feed-off"));
  const cellIds = ctx.positions.filter((p) => p.orgKind === "cell").map((p) => p.orgId);
  const follows = await db.follow.findMany({ where: { personId: ctx.speaker.id } });
  const orgs = await db.org.findMany({ where: { id: { in: [...cellIds, ...follows.map((f) => f.orgId)] } }, orderBy: { code: "asc" } });
  if (orgs.length === 0) return ctx.reply(ctx.t("calendar-feed-none"));
  const base = config.PUBLIC_URL.replace(/\/$/, "");
  const lines = orgs.map((o) => `${o.name}: ${base}${calendarPath(config.CHIBO_SECRET!, o)}`);
  await ctx.reply([ctx.t("calendar-feed-intro"), ...lines].join("\n"));
});
