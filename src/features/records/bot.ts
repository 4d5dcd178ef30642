// After the meeting, in chat: the secretary's attendance list (/attendance,
// /diemdanh), a few questions (actual times, guests, note-taker), the rule checks,
// the quality score and the minutes; a member's own year (/me, /toi).
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { BaseContext, BotContext, BotConversation, ConvContext } from "../../bot/context.js";
import { askText, fail, leaveOnCommand, ok, type Parsed } from "../../bot/ask.js";
import { leads } from "../../domain/access.js";
import { cleanText } from "../../domain/names.js";
import { monthLabel, parseHm, parseMonth, quarterParts, toLocal, toUtc } from "../../domain/zoned.js";
import { validateTimes, type Attendance, type RecordChecks } from "../../domain/meeting-record.js";
import { yearSummary } from "../../domain/member-record.js";
import { formatDueDay, formatKind, formatWhen } from "../../org/meeting-text.js";
import { cellMembershipByPhone, followerNames, highestOrgs, meetingToRecord, meetingWithCell, meetingWithRecord, memberEntries, recordList, scoreForFollower, settingsOfMeeting, unpaidMonths } from "./data.js";
import { audit } from "../../db/audit.js";
import { type CadenceStatus, adjustScore, askFollowersToConfirm, confirmScore, cycleAttendance, markDuesUnpaid, openAttendance, recordNotHeld, saveScore, setAllPresent, submitAttendance } from "./mutations.js";
import { maxScore } from "../../domain/scoring.js";
import { minutesDataOf } from "./minutes-data.js";
import { buildMinutesDocx, minutesSummary } from "./files/minutes.js";
import { registerSheets } from "./export-data.js";
import { buildAttendanceXlsx } from "./files/export.js";
import { managedOrgIds } from "../../org/access.js";
import { normalizePhone } from "../../domain/phone.js";
import { minutesLink } from "../../server/signed-links.js";
import { forLinked, refuse, type LinkedContext } from "../../bot/guard.js";
import { adjustScoreButton, attendanceButton, confirmScoreButton, openListButton } from "./schema.js";
import { publicLinks } from "../../config.js";
import { minutesButton, resolutionButton } from "../../org/meeting-schema.js";
import { openTasksOf } from "../../org/resolutions.js";

export const RECORD_CONVERSATION = "record";
export const NOT_HELD_CONVERSATION = "not_held";
const PAGE_SIZE = 8;
const MARK: Record<Attendance, string> = { present: "✅", late: "⏰", excused: "🟡", unexcused: "❌" };

export const records = new Composer<BotContext>();

async function renderList(ctx: BotContext, meetingId: number, version: number, page: number) {
  const meeting = await meetingWithCell(ctx.deps.db, meetingId);
  const list = await recordList(ctx.deps.db, meetingId);
  const pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const count = (a: Attendance) => list.filter((e) => e.attendance === a).length;
  const text = [
    ctx.t("attendance-title", { what: formatKind(ctx.translateFor, ctx.locale, meeting.kind, meeting.forMonth), when: formatWhen(ctx.translateFor, ctx.locale, meeting.startsAt, meeting.org.timezone) }),
    ctx.t("attendance-counts", { present: count("present"), late: count("late"), excused: count("excused"), unexcused: count("unexcused") }),
    ctx.t("attendance-legend"),
    ...list.map((e, i) => `${i + 1}. ${MARK[e.attendance as Attendance]} ${e.name}${e.memberStatus === "exempt" ? ` (${ctx.t("status-exempt")})` : ""}`),
    ctx.t("attendance-page", { page: current + 1, pages }),
  ].join("\n");
  const keyboard = new InlineKeyboard();
  list.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).forEach((e, i) => {
    keyboard.text(`${MARK[e.attendance as Attendance]} ${e.name}`, attendanceButton.encode({ action: "c", meetingId, version, arg: e.personId, page: current }));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row();
  if (pages > 1) {
    const pageButton = (shown: number) => attendanceButton.encode({ action: "p", meetingId, version, arg: shown });
    keyboard.text("◀", pageButton((current + pages - 1) % pages)).text(`${current + 1}/${pages}`, pageButton(current)).text("▶", pageButton((current + 1) % pages)).row();
  }
  keyboard.text(ctx.t("attendance-all-present"), attendanceButton.encode({ action: "a", meetingId, version })).text(ctx.t("attendance-not-held"), attendanceButton.encode({ action: "n", meetingId, version })).row();
  keyboard.text(ctx.t("attendance-submit"), attendanceButton.encode({ action: "s", meetingId, version }));
  return { text, keyboard };
}

records.command(["attendance", "diemdanh"], forLinked(async (ctx) => {
  const cellIds = ctx.positions.filter((p) => p.orgKind === "cell" && leads(ctx.positions, p.orgId)).map((p) => p.orgId);
  if (cellIds.length === 0) return refuse(ctx, "attendance-not-secretary");
  const found = await meetingToRecord(ctx.deps.db, cellIds, ctx.deps.now());
  if (found.kind !== "started") return ctx.reply(ctx.t(found.kind === "not_started" ? "attendance-not-started" : "attendance-no-meeting"));
  await showList(ctx, found.meetingId);
}));

/** The offer and nudge messages carry at:o:<meetingId>: open that meeting's list. */
async function openList(ctx: BotContext, meetingId: number) {
  const meeting = await meetingWithRecord(ctx.deps.db, meetingId);
  if (!meeting || !ctx.speaker || !leads(ctx.positions, meeting.orgId)) return refuse(ctx, "not-allowed");
  await ctx.answerCallbackQuery();
  await showList(ctx, meeting.id);
}

async function showList(ctx: BotContext, meetingId: number) {
  const now = ctx.deps.now();
  const meeting = { id: meetingId };
  const opened = await openAttendance(ctx.deps.db, meeting.id, `person:${ctx.speaker!.id}`, now);
  if (opened.kind !== "opened") return ctx.reply(ctx.t(opened.kind === "cancelled" ? "meeting-closed-cancelled" : "attendance-not-started"));
  if (opened.corrected) await ctx.reply(ctx.t("attendance-correcting"));
  const view = await renderList(ctx, meeting.id, opened.version, 0);
  await ctx.reply(view.text, { reply_markup: view.keyboard });
}

// A tapper who is not linked is told "not allowed", as anyone else who does not lead the
// cell: these taps are not wrapped in forLinked, whose "not linked" would say otherwise.
records.callbackQuery(attendanceButton.filter, async (ctx) => {
  const open = openListButton.decode(ctx.callbackQuery.data);
  if (open) return openList(ctx, open.meetingId);
  const parsed = attendanceButton.decode(ctx.callbackQuery.data);
  if (!parsed) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const meeting = await meetingWithRecord(ctx.deps.db, parsed.meetingId);
  if (!meeting || !ctx.speaker || !leads(ctx.positions, meeting.orgId)) return refuse(ctx, "not-allowed");
  const record = meeting.record;
  if (!record || record.state !== "draft" || record.version !== parsed.version) return refuse(ctx, "attendance-list-closed");
  const actor = `person:${ctx.speaker.id}`;
  const { db } = ctx.deps;
  let page = parsed.page ?? 0;
  if (parsed.action === "c" && parsed.arg !== undefined) {
    if ((await cycleAttendance(db, meeting.id, parsed.version, parsed.arg, actor, ctx.deps.now())).kind === "stale") return ctx.answerCallbackQuery({ text: ctx.t("attendance-list-closed") });
  } else if (parsed.action === "p") {
    page = parsed.arg ?? 0;
  } else if (parsed.action === "a") {
    await setAllPresent(db, meeting.id, parsed.version, actor, ctx.deps.now());
  } else if (parsed.action === "n" || parsed.action === "s") {
    await ctx.answerCallbackQuery();
    await ctx.conversation.exitAll();
    const args: RecordArgs = {
      meetingId: meeting.id,
      version: parsed.version,
      scheduledStart: meeting.startsAt.getTime(),
      durationMinutes: meeting.durationMinutes,
      timeZone: meeting.org.timezone,
    };
    return ctx.conversation.enter(parsed.action === "n" ? NOT_HELD_CONVERSATION : RECORD_CONVERSATION, args);
  }
  await ctx.answerCallbackQuery();
  const view = await renderList(ctx, meeting.id, parsed.version, page);
  // The tap is saved and answered; a list Telegram will not edit (unchanged, or too old) stays as it was.
  await ctx.editMessageText(view.text, { reply_markup: view.keyboard }).catch(() => undefined);
});

interface RecordArgs {
  meetingId: number;
  version: number;
  scheduledStart: number;
  durationMinutes: number;
  timeZone: string;
}

const hm = (instant: number, zone: string) => {
  const l = toLocal(new Date(instant), zone);
  return `${String(l.hour).padStart(2, "0")}:${String(l.minute).padStart(2, "0")}`;
};

/** A time on the meeting's day (or the next day, for an end after midnight). */
function timeOnMeetingDay(args: RecordArgs, after?: number) {
  return (text: string): Parsed<number> => {
    const time = parseHm(text);
    if (!time) return fail("schedule-time-invalid");
    const day = toLocal(new Date(args.scheduledStart), args.timeZone);
    const instant = toUtc({ year: day.year, month: day.month, day: day.day, ...time }, args.timeZone).getTime();
    // An end "before" the start is read as after midnight only when that makes a
    // plausible meeting; otherwise it stays, and the time check explains the mistake.
    const nextDay = instant + 86_400_000;
    if (after !== undefined && instant <= after && nextDay - after <= 10 * 3_600_000) return ok(nextDay);
    return ok(instant);
  };
}

async function recordConversation(conversation: BotConversation, ctx: ConvContext, args: RecordArgs) {
  const plannedEnd = args.scheduledStart + args.durationMinutes * 60_000;
  let startedAt = await askText(conversation, ctx, ctx.t("record-ask-start"), timeOnMeetingDay(args), new InlineKeyboard().text(hm(args.scheduledStart, args.timeZone), "rc:start"), {
    data: "rc:start",
    value: args.scheduledStart,
  });
  let endedAt: number;
  for (;;) {
    const suggested = Math.max(plannedEnd, startedAt + args.durationMinutes * 60_000);
    endedAt = await askText(conversation, ctx, ctx.t("record-ask-end"), timeOnMeetingDay(args, startedAt), new InlineKeyboard().text(hm(suggested, args.timeZone), "rc:end"), {
      data: "rc:end",
      value: suggested,
    });
    const verdict = validateTimes(new Date(startedAt), new Date(endedAt), new Date(args.scheduledStart));
    if (verdict === "ok") break;
    await ctx.reply(ctx.t(`record-times-${verdict}`));
    if (verdict === "start_far_from_schedule") startedAt = await askText(conversation, ctx, ctx.t("record-ask-start"), timeOnMeetingDay(args));
  }
  const followers = await conversation.external((outer) => followerNames(outer.deps.db, args.meetingId));
  const guestKeyboard = new InlineKeyboard().text(ctx.t("record-no-guests"), "rc:none");
  for (const name of followers.slice(0, 3)) guestKeyboard.row().text(name, `rc:g:${followers.indexOf(name)}`);
  await ctx.reply(ctx.t("record-ask-guests"), { reply_markup: guestKeyboard });
  let guests: string[] = [];
  for (;;) {
    const answer = await conversation.wait();
    await leaveOnCommand(conversation, answer);
    const data = answer.callbackQuery?.data;
    if (data === "rc:none") {
      await answer.answerCallbackQuery();
      break;
    }
    if (data?.startsWith("rc:g:")) {
      await answer.answerCallbackQuery();
      guests = [followers[Number(data.slice(5))]].filter(Boolean);
      break;
    }
    if (answer.callbackQuery) await conversation.skip({ next: true });
    const typed = (answer.message?.text ?? "").split(/[,;\n]/).map(cleanText).filter(Boolean);
    if (typed.length > 0 && typed.every((g) => g.length <= 100)) {
      guests = typed;
      break;
    }
    await answer.reply(answer.t("record-ask-guests"), { reply_markup: guestKeyboard });
  }
  const noteTaker = await askText(conversation, ctx, ctx.t("record-ask-note-taker"), (text) => {
    const name = cleanText(text);
    return name.length >= 2 && name.length <= 100 ? ok(name) : fail("join-name-invalid");
  }, new InlineKeyboard().text(ctx.t("schedule-skip"), "rc:skip"), { data: "rc:skip", value: "" });
  const outcome = await conversation.external(async (outer) => {
    const chair = outer.speaker?.fullName ?? null;
    const result = await submitAttendance(
      outer.deps.db,
      args.meetingId,
      args.version,
      { startedAt: new Date(startedAt), endedAt: new Date(endedAt), guests, chair, noteTaker: noteTaker || null },
      `person:${outer.speaker?.id}`,
      outer.speaker?.id ?? null,
      outer.deps.now(),
    );
    if (result.kind !== "submitted") return { kind: "stale" as const };
    const settings = await settingsOfMeeting(outer.deps.db, args.meetingId);
    return { kind: "submitted" as const, checks: result.checks, cadence: result.cadence, checklist: settings.scoringChecklist, voteChanged: result.voteChanged ?? null };
  });
  if (outcome.kind === "stale") return ctx.reply(ctx.t("attendance-list-closed"));
  await ctx.reply(checksText(ctx, outcome.checks, outcome.cadence));
  if (outcome.voteChanged) await ctx.reply(ctx.t(outcome.voteChanged.passed ? "record-vote-now-passes" : "record-vote-now-fails", { counted: outcome.checks.quorum.countedOfficial }));
  await scoreSteps(conversation, ctx, args, outcome.checklist);
  await sendMinutes(conversation, ctx, args.meetingId);
}

function checksText(ctx: ConvContext, c: RecordChecks, cadence: CadenceStatus): string {
  const percent = Math.round(c.attendanceRate * 100);
  return [
    ctx.t("checks-title"),
    ctx.t(c.meetsAttendanceTarget ? "checks-attendance-ok" : "checks-attendance-low", { present: c.present, expected: c.expected, percent, target: Math.round(c.attendanceTarget * 100) }),
    ctx.t(c.unexcused === 0 ? "checks-unexcused-none" : "checks-unexcused", { count: c.unexcused }),
    c.lengthMinutes === null ? ctx.t("checks-length-unknown") : ctx.t(c.lengthOk ? "checks-length-ok" : "checks-length-short", { minutes: c.lengthMinutes, minimum: c.minimumMinutes }),
    ctx.t(c.quorum.canPass ? "checks-quorum-ok" : "checks-quorum-no", { present: c.quorum.officialPresent, counted: c.quorum.countedOfficial }),
    ctx.t(cadence.regularDone ? "checks-regular-done" : "checks-regular-missing", { month: monthLabel(cadence.month) }),
    ctx.t(cadence.thematicDone ? "checks-thematic-done" : "checks-thematic-missing", quarterParts(cadence.quarter)),
  ].join("\n");
}

async function scoreSteps(conversation: BotConversation, ctx: ConvContext, args: RecordArgs, checklist: { key: string; label: string; points: number; computed?: "attendance" }[]) {
  const given: Record<string, number> = {};
  for (const item of checklist.filter((i) => !i.computed)) {
    given[item.key] = await askText(conversation, ctx, ctx.t("score-ask-item", { label: item.label, max: item.points }), (text) => {
      const n = Number(text.trim());
      return Number.isInteger(n) && n >= 0 && n <= item.points ? ok(n) : fail("score-out-of-range");
    });
  }
  const scored = await conversation.external(async (outer) => {
    const now = outer.deps.now();
    const result = await saveScore(outer.deps.db, args.meetingId, given, `person:${outer.speaker?.id}`, now);
    if (result.kind === "scored") await askFollowersToConfirm(outer.deps.db, args.meetingId, result.total, result.max, now);
    return result;
  });
  if (scored.kind !== "scored") return ctx.reply(ctx.t("score-not-saved"));
  await ctx.reply(
    [
      ctx.t("score-result", { total: scored.total, max: scored.max, grade: ctx.t(`grade-${scored.grade}`) }),
      ...scored.items.map((i) => `• ${checklist.find((c) => c.key === i.key)?.label ?? i.key}: ${i.points}/${i.max}`),
    ].join("\n"),
  );
}

/**
 * The text summary, then the DOCX: as a file, or, where the cell's documents may not go
 * into the chat and the HTTP server is on, as a signed link valid for 7 days.
 */
async function minutesFile(ctx: BotContext, meetingId: number) {
  const { config, db, now } = ctx.deps;
  const data = await minutesDataOf(db, meetingId, ctx.locale, now());
  if (!data) return undefined;
  const locale = ctx.locale === "en" ? "en" : "vi";
  const summary = minutesSummary(data, locale, ctx.translateFor);
  const settings = await settingsOfMeeting(db, meetingId);
  const links = publicLinks(config);
  if (!settings.allowFileUploads && links) {
    return { summary, link: minutesLink(links.secret, links.base, meetingId, new Date(now().getTime() + 7 * 86_400_000)) };
  }
  const docx = await buildMinutesDocx(data, locale, ctx.translateFor);
  return { summary, base64: docx.toString("base64") };
}

type MinutesFile = NonNullable<Awaited<ReturnType<typeof minutesFile>>>;

async function replyWithMinutes(ctx: BaseContext, meetingId: number, file: MinutesFile) {
  await ctx.reply(file.summary);
  if ("link" in file && file.link) return ctx.reply(ctx.t("minutes-link", { link: file.link }));
  await ctx.replyWithDocument(new InputFile(Buffer.from(file.base64!, "base64"), `bien-ban-${meetingId}.docx`), { caption: ctx.t("minutes-caption") });
}

/** The minutes, then the way on to the meeting's conclusion and tasks (the resolutions feature). */
async function sendMinutes(conversation: BotConversation, ctx: ConvContext, meetingId: number) {
  const file = await conversation.external((outer) => minutesFile(outer, meetingId));
  if (!file) return;
  await replyWithMinutes(ctx, meetingId, file);
  await ctx.reply(ctx.t("record-offer-resolution"), { reply_markup: new InlineKeyboard().text(ctx.t("record-offer-resolution-button"), resolutionButton.encode({ meetingId })) });
}

/** mn:<meetingId>: the minutes as they stand now, for the cell's secretary (after the conclusion was recorded). */
records.callbackQuery(minutesButton.filter, forLinked(async (ctx) => {
  const tapped = minutesButton.decode(ctx.callbackQuery!.data!);
  const meeting = tapped ? await meetingWithRecord(ctx.deps.db, tapped.meetingId) : undefined;
  if (!meeting || !leads(ctx.positions, meeting.orgId)) return refuse(ctx, "not-allowed");
  await ctx.answerCallbackQuery();
  const file = await minutesFile(ctx, meeting.id);
  if (file) await replyWithMinutes(ctx, meeting.id, file);
}));

async function notHeldConversation(conversation: BotConversation, ctx: ConvContext, args: RecordArgs) {
  const reason = await askText(conversation, ctx, ctx.t("record-ask-not-held"), (text) => {
    const cleaned = cleanText(text);
    return cleaned.length > 0 && cleaned.length <= 300 ? ok(cleaned) : fail("schedule-text-empty");
  });
  const outcome = await conversation.external((outer) =>
    recordNotHeld(outer.deps.db, args.meetingId, args.version, reason, `person:${outer.speaker?.id}`, outer.speaker?.id ?? null, outer.deps.now()),
  );
  await ctx.reply(outcome.kind === "recorded" ? ctx.t("record-not-held-saved") : ctx.t("attendance-list-closed"));
}

/** A follower's own total for the meeting, replacing the secretary's, with the secretary told. */
async function adjustScoreConversation(conversation: BotConversation, ctx: ConvContext, meetingId: number) {
  const max = await conversation.external(async (outer) => maxScore((await settingsOfMeeting(outer.deps.db, meetingId)).scoringChecklist));
  const total = await askText(conversation, ctx, ctx.t("score-adjust-ask", { max }), (text) => {
    const n = Number(text.trim());
    return Number.isInteger(n) && n >= 0 && n <= max ? ok(n) : fail("score-out-of-range");
  });
  const grade = await conversation.external((outer) => adjustScore(outer.deps.db, meetingId, total, outer.speaker!.id, outer.deps.now()));
  await ctx.reply(ctx.t("score-adjusted", { total, max, grade: ctx.t(`grade-${grade}`) }));
}

export function recordConversations() {
  return [
    createConversation<BotContext, ConvContext>(adjustScoreConversation, { id: "adjust_score" }),
    createConversation<BotContext, ConvContext>(recordConversation, { id: RECORD_CONVERSATION }),
    createConversation<BotContext, ConvContext>(notHeldConversation, { id: NOT_HELD_CONVERSATION }),
  ];
}

// A person's record is not for a group chat's eyes: forLinked keeps it to private chats.
records.command(["me", "toi"], forLinked(async (ctx) => {
  const entries = await memberEntries(ctx.deps.db, ctx.speaker.id);
  const zone = entries[0]?.timeZone ?? ctx.deps.config.DEFAULT_TIMEZONE;
  const year = toLocal(ctx.deps.now(), zone).year;
  const summary = yearSummary(entries, await unpaidMonths(ctx.deps.db, ctx.speaker.id), year, zone);
  await ctx.reply(
    [
      // A string: as a number, Fluent would group its digits ("2.026").
      ctx.t("me-title", { name: ctx.speaker.fullName, year: String(year) }),
      ctx.t("me-counts", { meetings: summary.meetings, present: summary.present + summary.late, late: summary.late, excused: summary.excused, unexcused: summary.unexcused }),
      summary.unexcusedMonths.length > 0 ? ctx.t("me-unexcused-months", { months: summary.unexcusedMonths.map(monthLabel).join(", ") }) : ctx.t("me-all-good"),
      ...(await openTasksLines(ctx, zone)),
    ].join("\n"),
  );
}));

/** The member's tasks not yet done, soonest due first, with the overdue ones marked; nothing when there are none. */
async function openTasksLines(ctx: LinkedContext, zone: string): Promise<string[]> {
  const tasks = await openTasksOf(ctx.deps.db, ctx.speaker.id, ctx.deps.now());
  if (tasks.length === 0) return [];
  return [
    ctx.t("me-open-tasks", { count: tasks.length }),
    ...tasks.map((task) => ctx.t(task.status === "overdue" ? "me-task-overdue" : "me-task", { text: task.text, due: formatDueDay(task.dueOn, zone) })),
  ];
}

/** /export: the year's attendance register as XLSX, for the cells the person may see. */
records.command(["export", "xuat"], forLinked(async (ctx) => {
  const { db } = ctx.deps;
  const orgIds = await managedOrgIds(db, ctx.positions);
  if (orgIds.length === 0) return refuse(ctx, "not-allowed");
  // The highest organisations the person oversees: their subtrees cover the others.
  const top = await highestOrgs(db, orgIds);
  const year = toLocal(ctx.deps.now(), top[0].timezone).year;
  const locale = ctx.locale === "en" ? "en" : "vi";
  for (const org of top.slice(0, 5)) {
    const sheets = registerSheets(db, org.path, year, locale);
    const file = await buildAttendanceXlsx(sheets, locale, ctx.translateFor, ctx.t("export-title", { org: org.name, year: String(year) }), ctx.deps.now());
    await audit(db, { actor: `person:${ctx.speaker.id}`, action: "export.attendance", detail: { org: org.code, year } }, ctx.deps.now());
    await ctx.replyWithDocument(new InputFile(file, `so-theo-doi-${org.code}-${year}.xlsx`), { caption: ctx.t("export-caption", { org: org.name, year: String(year) }) });
  }
}));

/** /dangphi <phone> <YYYY-MM>: the secretary marks a member-month of dues unpaid. */
records.command(["dues", "dangphi"], forLinked(async (ctx) => {
  // The month is the last word: the phone number before it may have spaces.
  const [rawPhone, rawMonth] = ctx.match.trim().split(/\s+(?=\S+$)/);
  const phone = rawPhone ? normalizePhone(rawPhone) : undefined;
  const month = rawMonth ? parseMonth(rawMonth) : undefined;
  if (!phone || !month) return ctx.reply(ctx.t("dues-usage"));
  const cellIds = ctx.positions.filter((p) => p.orgKind === "cell" && leads(ctx.positions, p.orgId)).map((p) => p.orgId);
  const membership = await cellMembershipByPhone(ctx.deps.db, cellIds, phone);
  if (!membership) return refuse(ctx, cellIds.length === 0 ? "bad-input-dues-not-secretary" : "dues-not-in-cell");
  await markDuesUnpaid(ctx.deps.db, membership.orgId, membership.personId, month, `person:${ctx.speaker.id}`, ctx.deps.now());
  await ctx.reply(ctx.t("dues-marked", { name: membership.person.fullName, month: monthLabel(month) }));
}));

/**
 * Whether this tap may confirm or adjust a score: the tapper follows the cell and was a
 * guest at the meeting, and the score is still the one the button was sent for. Anything
 * else, a button that does not decode or a tapper not linked too, is "not allowed".
 */
async function scoreTap(ctx: BotContext, tapped: { meetingId: number; total: number } | undefined) {
  if (!tapped || !ctx.speaker) return undefined;
  const total = await scoreForFollower(ctx.deps.db, tapped.meetingId, ctx.speaker);
  if (total === undefined) return undefined;
  return total === tapped.total ? { meetingId: tapped.meetingId } : "changed";
}

records.callbackQuery(adjustScoreButton.filter, async (ctx) => {
  const tap = await scoreTap(ctx, adjustScoreButton.decode(ctx.callbackQuery.data));
  if (tap === undefined) return refuse(ctx, "not-allowed");
  if (tap === "changed") return refuse(ctx, "score-changed");
  const { meetingId } = tap;
  await ctx.answerCallbackQuery();
  await ctx.conversation.exitAll();
  await ctx.conversation.enter("adjust_score", meetingId);
});

/** A follower from the upper committee who attended confirms the secretary's score. */
records.callbackQuery(confirmScoreButton.filter, async (ctx) => {
  const tap = await scoreTap(ctx, confirmScoreButton.decode(ctx.callbackQuery.data));
  if (tap === undefined) return refuse(ctx, "not-allowed");
  if (tap === "changed") return refuse(ctx, "score-changed");
  const { meetingId } = tap;
  await confirmScore(ctx.deps.db, meetingId, ctx.speaker!.id, ctx.deps.now());
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(`${ctx.callbackQuery.message?.text ?? ""}\n\n${ctx.t("score-confirmed")}`);
});
