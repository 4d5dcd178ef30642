// A meeting's outcome in chat: the secretary records the conclusion, the vote and the
// tasks (/resolution, /nghiquyet, or the button after the attendance record), moves a
// due day or withdraws a task; an assignee answers a task in a tap ("done") or gives a
// progress note. Zalo gets the same, the buttons as numbered choices.
import { Composer, InlineKeyboard } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { BotContext, BotConversation, ConvContext } from "../../bot/context.js";
import { askChoice, askText, fail, ok, type Parsed } from "../../bot/ask.js";
import { forLinked, refuse, type LinkedContext } from "../../bot/guard.js";
import { leads } from "../../domain/access.js";
import { parseAssignees, parseDueDate, parseVotes, type Votes } from "../../domain/tasks.js";
import type { LocalDay } from "../../domain/past-date.js";
import { formatKind, formatWhen } from "../../org/meeting-text.js";
import { minutesButton, resolutionButton } from "../../org/meeting-schema.js";
import { conclusionOf, tasksOfMeeting } from "../../org/resolutions.js";
import { assignableMembers, hasOutcome, meetingOutcomeSubject, recordedMeetings, type MeetingOutcomeSubject } from "./data.js";
import { addNote, addTasks, markDone, moveDue, refusalOf, saveConclusion, withdrawTask, type Actor, type AnswerOutcome } from "./mutations.js";
import { CONCLUSION_TEXT_MAX, NOTE_TEXT_MAX, TASK_TEXT_MAX, taskButton } from "./schema.js";
import { taskLine } from "./text.js";

export const RESOLUTION_CONVERSATION = "resolution";
export const TASK_NOTE_CONVERSATION = "task_note";

/** Plain taps ("done"), handled before conversation state is read. */
export const resolutionTaps = new Composer<BotContext>();
export const resolutions = new Composer<BotContext>();

const cellsLedBy = (ctx: LinkedContext) => ctx.positions.filter((p) => p.orgKind === "cell" && leads(ctx.positions, p.orgId)).map((p) => p.orgId);

resolutions.command(["resolution", "nghiquyet"], forLinked(async (ctx) => {
  const cellIds = cellsLedBy(ctx);
  if (cellIds.length === 0) return refuse(ctx, "resolution-not-secretary");
  const meetings = await recordedMeetings(ctx.deps.db, cellIds, ctx.deps.now());
  if (meetings.length === 0) return ctx.reply(ctx.t("resolution-no-meeting"));
  if (meetings.length === 1) return startResolution(ctx, meetings[0].id);
  const keyboard = new InlineKeyboard();
  for (const m of meetings) {
    const label = `${formatKind(ctx.translateFor, ctx.locale, m.kind, m.forMonth)}${cellIds.length > 1 ? ` · ${m.org.name}` : ""}${m.conclusion ? " ✓" : ""}`;
    keyboard.text(label, resolutionButton.encode({ meetingId: m.id })).row();
  }
  await ctx.reply(ctx.t("resolution-pick-meeting"), { reply_markup: keyboard });
}));

resolutions.callbackQuery(resolutionButton.filter, forLinked(async (ctx) => {
  const tapped = resolutionButton.decode(ctx.callbackQuery!.data!);
  if (!tapped) return refuse(ctx, "button-stale");
  await ctx.answerCallbackQuery();
  await startResolution(ctx, tapped.meetingId);
}));

async function startResolution(ctx: LinkedContext, meetingId: number) {
  const subject = await meetingOutcomeSubject(ctx.deps.db, meetingId);
  if (!subject || !leads(ctx.positions, subject.orgId)) return refuse(ctx, "not-allowed");
  if (!subject.quorum) return refuse(ctx, "resolution-not-recorded");
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(RESOLUTION_CONVERSATION, meetingId);
}

const actorOf = (outer: BotContext): Actor => ({ name: `person:${outer.speaker?.id}`, personId: outer.speaker?.id ?? null });

async function resolutionConversation(conversation: BotConversation, ctx: ConvContext, meetingId: number) {
  const start = await conversation.external(async (outer) => {
    const subject = await meetingOutcomeSubject(outer.deps.db, meetingId);
    if (!subject) return undefined;
    // Written here: a conversation's replay gets external results back as JSON, without Dates.
    const title = outer.t("resolution-title", { what: formatKind(outer.translateFor, outer.locale, subject.kind, subject.forMonth), org: subject.orgName, when: formatWhen(outer.translateFor, outer.locale, subject.startsAt, subject.timeZone) });
    return { subject, title, recorded: await hasOutcome(outer.deps.db, meetingId) };
  });
  const subject = start?.subject;
  if (!start || !subject?.quorum) return ctx.reply(ctx.t("resolution-not-recorded"));
  await ctx.reply(start.title);
  if (!start.recorded) {
    await conclusionSteps(conversation, ctx, subject);
    await taskSteps(conversation, ctx, subject);
  } else await changeSteps(conversation, ctx, subject);
  await ctx.reply(ctx.t("resolution-finished"), { reply_markup: new InlineKeyboard().text(ctx.t("resolution-minutes-button"), minutesButton.encode({ meetingId })) });
}

type Action = "conclusion" | "add" | "move" | "withdraw" | "finish";

/** A meeting already closed: change what needs changing, one thing at a time, until "finish". */
async function changeSteps(conversation: BotConversation, ctx: ConvContext, subject: MeetingOutcomeSubject) {
  for (;;) {
    await ctx.reply(await summaryText(conversation, ctx, subject));
    const actions: Action[] = ["conclusion", "add", "move", "withdraw", "finish"];
    const action = await askChoice(conversation, ctx, ctx.t("resolution-ask-change"), actions.map((value) => ({ value, label: ctx.t(`resolution-change-${value}`) })), "rsc", 1);
    if (action === "finish") return;
    if (action === "conclusion") await conclusionSteps(conversation, ctx, subject);
    if (action === "add") await taskSteps(conversation, ctx, subject);
    if (action === "move" || action === "withdraw") await changeTask(conversation, ctx, subject, action);
  }
}

/** The conclusion and its tasks as they stand, numbered as the move and withdraw questions number them. */
async function summaryText(conversation: BotConversation, ctx: ConvContext, subject: MeetingOutcomeSubject): Promise<string> {
  return conversation.external(async (outer) => {
    const conclusion = await conclusionOf(outer.deps.db, subject.id);
    const tasks = await tasksOfMeeting(outer.deps.db, subject.id, outer.deps.now());
    const lines = [conclusion ? outer.t("resolution-current-conclusion", { text: conclusion.text }) : outer.t("resolution-no-conclusion")];
    if (conclusion?.votes) lines.push(voteLine(outer, conclusion.votes, conclusion.passed === true, conclusion.countedOfficial ?? 0));
    lines.push(tasks.length > 0 ? outer.t("resolution-current-tasks", { count: tasks.length }) : outer.t("resolution-no-tasks"));
    tasks.forEach((task, i) => lines.push(taskLine(outer.translateFor, outer.locale, task, subject.timeZone, i)));
    return lines.join("\n");
  });
}

function voteLine(ctx: { t: ConvContext["t"] }, votes: Votes, passed: boolean, counted: number): string {
  return ctx.t(passed ? "resolution-vote-passed" : "resolution-vote-failed", { for: votes.for, against: votes.against, abstain: votes.abstain, counted });
}

function textOfLength(max: number) {
  return (text: string): Parsed<string> => {
    const trimmed = text.trim();
    if (trimmed.length === 0) return fail("schedule-text-empty");
    return trimmed.length <= max ? ok(trimmed) : fail("resolution-text-too-long", { max });
  };
}

async function conclusionSteps(conversation: BotConversation, ctx: ConvContext, subject: MeetingOutcomeSubject) {
  const text = await askText(conversation, ctx, ctx.t("resolution-ask-conclusion"), textOfLength(CONCLUSION_TEXT_MAX));
  const voted = await askChoice(conversation, ctx, ctx.t("resolution-ask-voted"), [
    { value: "yes", label: ctx.t("resolution-voted-yes") },
    { value: "no", label: ctx.t("resolution-voted-no") },
  ], "rsv");
  const quorum = subject.quorum!;
  for (;;) {
    const votes = voted === "yes"
      ? await askText(conversation, ctx, ctx.t("resolution-ask-votes", { voters: quorum.officialPresent, counted: quorum.countedOfficial }), (typed) => {
          const parsed = parseVotes(typed);
          return parsed ? ok(parsed) : fail("resolution-votes-invalid");
        })
      : null;
    const saved = await conversation.external((outer) => saveConclusion(outer.deps.db, subject.id, { text, votes }, actorOf(outer), outer.deps.now()));
    if (saved.kind === "too_many_votes") {
      await ctx.reply(ctx.t("resolution-votes-too-many", { voters: saved.voters }));
      continue;
    }
    if (saved.kind !== "saved") return ctx.reply(ctx.t("resolution-not-recorded"));
    const lines = [ctx.t("resolution-conclusion-saved")];
    if (votes) lines.push(voteLine(ctx, votes, saved.passed === true, saved.countedOfficial));
    return ctx.reply(lines.join("\n"));
  }
}

/** Tasks one by one (what, who, by when), each saved and told as soon as it is complete. */
async function taskSteps(conversation: BotConversation, ctx: ConvContext, subject: MeetingOutcomeSubject) {
  const members = await conversation.external((outer) => assignableMembers(outer.deps.db, subject.orgId));
  const nowMs = await conversation.external((outer) => outer.deps.now().getTime());
  for (;;) {
    const next = await askChoice(conversation, ctx, ctx.t("resolution-ask-add-task"), [
      { value: "add", label: ctx.t("resolution-add-task") },
      { value: "done", label: ctx.t("resolution-no-more-tasks") },
    ], "rst");
    if (next === "done") return;
    const text = await askText(conversation, ctx, ctx.t("resolution-ask-task-text"), textOfLength(TASK_TEXT_MAX));
    const list = [ctx.t("resolution-assignee-whole-cell"), ...members.map((m, i) => `${i + 1}. ${m.fullName}`)].join("\n");
    const picked = await askText(conversation, ctx, ctx.t("resolution-ask-assignees", { list }), (typed) => {
      const parsed = parseAssignees(typed, members.length);
      return parsed ? ok(parsed) : fail("resolution-assignees-invalid", { count: members.length });
    });
    const due = await askDue(conversation, ctx, subject, nowMs);
    const assignees = picked === "whole_cell" ? "whole_cell" : picked.map((i) => members[i].id);
    const added = await conversation.external((outer) => addTasks(outer.deps.db, subject.id, [{ text, due, assignees }], actorOf(outer), outer.deps.now()));
    await ctx.reply(ctx.t(added.kind === "added" ? "resolution-task-saved" : "resolution-task-not-saved"));
  }
}

function askDue(conversation: BotConversation, ctx: ConvContext, subject: MeetingOutcomeSubject, nowMs: number): Promise<LocalDay> {
  return askText(conversation, ctx, ctx.t("resolution-ask-due"), (typed) => {
    const parsed = parseDueDate(typed, new Date(nowMs), subject.timeZone);
    return parsed.ok ? ok({ year: parsed.year, month: parsed.month, day: parsed.day }) : fail(`resolution-due-${parsed.error}`);
  });
}

async function changeTask(conversation: BotConversation, ctx: ConvContext, subject: MeetingOutcomeSubject, action: "move" | "withdraw") {
  const tasks = await conversation.external(async (outer) => (await tasksOfMeeting(outer.deps.db, subject.id, outer.deps.now())).map((t) => ({ id: t.id })));
  if (tasks.length === 0) return ctx.reply(ctx.t("resolution-no-tasks"));
  const index = await askText(conversation, ctx, ctx.t("resolution-ask-task-number", { count: tasks.length }), (typed) => {
    const n = Number(typed.trim());
    return Number.isInteger(n) && n >= 1 && n <= tasks.length ? ok(n - 1) : fail("resolution-task-number-invalid", { count: tasks.length });
  });
  const taskId = tasks[index].id;
  if (action === "withdraw") {
    const outcome = await conversation.external((outer) => withdrawTask(outer.deps.db, taskId, actorOf(outer), outer.deps.now()));
    return ctx.reply(ctx.t(outcome.kind === "changed" ? "resolution-task-withdrawn" : "resolution-task-not-saved"));
  }
  const nowMs = await conversation.external((outer) => outer.deps.now().getTime());
  const due = await askDue(conversation, ctx, subject, nowMs);
  const outcome = await conversation.external((outer) => moveDue(outer.deps.db, taskId, due, actorOf(outer), outer.deps.now()));
  return ctx.reply(ctx.t(outcome.kind === "changed" ? "resolution-task-moved" : "resolution-task-not-saved"));
}

/** What an assignee's tap or note was answered with. */
function answerText(ctx: { t: BotContext["t"] }, outcome: AnswerOutcome): string {
  switch (outcome.kind) {
    case "done":
      return ctx.t(outcome.taskDone ? "task-done-all" : "task-done-you", { text: outcome.text });
    case "noted":
      return ctx.t("task-noted", { text: outcome.text });
    case "already_done":
      return ctx.t("task-already-done", { text: outcome.text });
    default:
      return ctx.t(`task-refused-${outcome.kind}`);
  }
}

resolutionTaps.callbackQuery(taskButton.filter, async (ctx, next) => {
  const tapped = taskButton.decode(ctx.callbackQuery.data);
  // A note leads into a conversation; stale and forged buttons are answered there too.
  if (!tapped || tapped.action !== "d") return next();
  return forLinked(async (linked) => {
    const outcome = await markDone(linked.deps.db, tapped.taskId, linked.speaker.id, linked.deps.now());
    const text = answerText(linked, outcome);
    await linked.answerCallbackQuery({ text, show_alert: outcome.kind !== "done" && outcome.kind !== "already_done" });
    if (outcome.kind === "done") await linked.reply(text);
  })(ctx);
});

resolutions.callbackQuery(taskButton.filter, forLinked(async (ctx) => {
  const tapped = taskButton.decode(ctx.callbackQuery!.data!);
  if (!tapped) return refuse(ctx, "button-stale");
  const refusal = await refusalOf(ctx.deps.db, tapped.taskId, ctx.speaker.id);
  if (refusal) return ctx.answerCallbackQuery({ text: answerText(ctx, refusal), show_alert: true });
  await ctx.answerCallbackQuery();
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(TASK_NOTE_CONVERSATION, tapped.taskId);
}));

async function noteConversation(conversation: BotConversation, ctx: ConvContext, taskId: number) {
  const text = await askText(conversation, ctx, ctx.t("task-ask-note"), textOfLength(NOTE_TEXT_MAX));
  const outcome = await conversation.external((outer) => addNote(outer.deps.db, taskId, outer.speaker!.id, text, outer.deps.now()));
  await ctx.reply(answerText(ctx, outcome));
}

export function resolutionConversations() {
  return [
    createConversation<BotContext, ConvContext>(resolutionConversation, { id: RESOLUTION_CONVERSATION }),
    createConversation<BotContext, ConvContext>(noteConversation, { id: TASK_NOTE_CONVERSATION }),
  ];
}
