// Keeping the roster in chat: the actions under a cell's list in /members (add a member,
// probationary → official, exemption and its end, sinh hoạt tạm thời from elsewhere, a
// transfer out, and the departures a committee above records), the guided conversation
// each one starts, and the receiving cell's Accept/Decline on a transfer. Every change is
// a member-mutations.ts function, audited with the speaker as actor; who may do what is
// checked here, on the server, when the button is tapped.
import { Composer, InlineKeyboard } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { BotContext, BotConversation, ConvContext } from "../../bot/context.js";
import { forLinked, refuse, type LinkedContext } from "../../bot/guard.js";
import { askChoice, askText, fail, leaveOnCommand, ok, type Parsed } from "../../bot/ask.js";
import { canManage, CELL_KIND, oversees } from "../../domain/access.js";
import { normalizePhone, formatPhone } from "../../domain/phone.js";
import { parseLocalDate } from "../../domain/meeting-input.js";
import { formatLocalDay, localToday, parsePastDate, startOfLocalDay, type LocalDay } from "../../domain/past-date.js";
import type { DepartureReason } from "../../domain/membership.js";
import {
  addMember,
  attachMember,
  changeStatus,
  decideTransfer,
  endMembership,
  requestTransfer,
  type Refusal,
  type SettableStatus,
} from "./member-mutations.js";
import {
  currentMembers,
  findCell,
  findOrgView,
  findTransfer,
  neighbourCells,
  pendingTransferOf,
  pendingTransfersTo,
  personWithHome,
  sameTree,
  statusBeforeExemption,
  type CellView,
  type MemberPick,
} from "./member-data.js";
import { describeTransfer, queueTransferDecision, queueTransferRequest, transferKeyboard } from "./messages.js";
import { changeNoteSchema, memberActionButton, memberNameSchema, orgCodeSchema, QUESTION_PREFIX, transferButton, type MemberAction } from "./member-schema.js";

export const MEMBER_CONVERSATION = "members";

interface MemberArgs {
  action: MemberAction;
  cell: CellView;
  /** The speaker, checked when the button was tapped: the actor of every change. */
  actorId: number;
}

type T = (key: string, vars?: Record<string, string | number>) => string;

/** The buttons under a cell's list. */
export function memberActionsKeyboard(t: T, orgId: number): InlineKeyboard {
  const button = (action: MemberAction) => [t(`member-action-${action}`), memberActionButton.encode({ action, orgId })] as const;
  return new InlineKeyboard()
    .text(...button("add"))
    .text(...button("off"))
    .row()
    .text(...button("ex"))
    .text(...button("unex"))
    .row()
    .text(...button("att"))
    .text(...button("out"))
    .row()
    .text(...button("dep"));
}

/** Pending transfers into the cells this person leads, each with its Accept/Decline: shown after /members. */
export async function showPendingTransfers(ctx: LinkedContext, cellIds: number[]): Promise<void> {
  const led = cellIds.filter((id) => ctx.positions.some((p) => p.orgId === id && (p.role === "secretary" || p.role === "deputy")));
  for (const request of (await pendingTransfersTo(ctx.deps.db, led)).slice(0, 10)) {
    await ctx.reply(describeTransfer(ctx.t, request), { reply_markup: transferKeyboard(ctx.t, request) });
  }
}

function refusalText(t: T, refusal: Refusal | { kind: "pending_exists" | "not_pending" }, timeZone: string): string {
  switch (refusal.kind) {
    case "before_start":
      // Through external a date comes back as its JSON string: read it either way.
      return t("member-refused-before_start", { since: formatLocalDay(localToday(new Date(refusal.since), timeZone)) });
    case "home_elsewhere":
    case "attached_elsewhere":
      return t(`member-refused-${refusal.kind}`, { org: refusal.orgName });
    case "phone_taken":
      return t("member-refused-phone_taken", { name: refusal.fullName });
    default:
      return t(`member-refused-${refusal.kind}`);
  }
}

/** The injected clock, through external so that a replay sees the same instant. */
async function nowOf(conversation: BotConversation): Promise<Date> {
  return new Date(await conversation.external((outer) => outer.deps.now().getTime()));
}

/** A day, today or earlier, typed DD/MM/YYYY (or "today" from its button). */
async function askPastDay(conversation: BotConversation, ctx: ConvContext, prompt: string, timeZone: string, offerToday: boolean): Promise<LocalDay> {
  const now = await nowOf(conversation);
  const today = localToday(now, timeZone);
  const todayData = `${QUESTION_PREFIX}:today`;
  return askText(
    conversation,
    ctx,
    prompt,
    (text): Parsed<LocalDay> => {
      const parsed = parsePastDate(text, now, timeZone);
      if (!parsed.ok) return fail(`member-date-${parsed.error}`, { today: formatLocalDay(today) });
      return ok({ year: parsed.year, month: parsed.month, day: parsed.day });
    },
    offerToday ? new InlineKeyboard().text(ctx.t("member-date-today", { today: formatLocalDay(today) }), todayData) : undefined,
    offerToday ? { data: todayData, value: today } : undefined,
  );
}

/**
 * Asks the day and makes the change; a day the change cannot carry (before the period
 * it ends began) is asked again. Returns the outcome, or the refusal's words.
 */
async function dated<R extends { kind: string }>(
  conversation: BotConversation,
  ctx: ConvContext,
  prompt: string,
  cell: CellView,
  offerToday: boolean,
  change: (on: number) => Promise<R>,
): Promise<R> {
  for (;;) {
    const day = await askPastDay(conversation, ctx, prompt, cell.timeZone, offerToday);
    const outcome = await change(startOfLocalDay(day, cell.timeZone).getTime());
    if (outcome.kind !== "before_start" && outcome.kind !== "future_date") return outcome;
    await ctx.reply(refusalText(ctx.t, outcome as Refusal, cell.timeZone));
  }
}

async function pickMember(conversation: BotConversation, ctx: ConvContext, prompt: string, members: MemberPick[]): Promise<MemberPick> {
  const shown = members.slice(0, 90);
  const chosen = await askChoice(
    conversation,
    ctx,
    prompt,
    shown.map((m) => ({ value: String(m.personId), label: `${m.fullName} (${ctx.t(`status-${m.status}`)})` })),
    `${QUESTION_PREFIX}:who`,
    1,
  );
  return shown.find((m) => String(m.personId) === chosen)!;
}

async function confirm(conversation: BotConversation, ctx: ConvContext, prompt: string): Promise<boolean> {
  const answer = await askChoice(
    conversation,
    ctx,
    prompt,
    [
      { value: "yes", label: ctx.t("member-confirm-yes") },
      { value: "no", label: ctx.t("member-confirm-no") },
    ],
    `${QUESTION_PREFIX}:ok`,
  );
  return answer === "yes";
}

const by = (args: MemberArgs, now: Date) => ({ actor: `person:${args.actorId}`, now });

function parsePhone(text: string): Parsed<string> {
  const phone = normalizePhone(text);
  return phone ? ok(phone) : fail("member-phone-invalid");
}

function parseName(text: string): Parsed<string> {
  const parsed = memberNameSchema.safeParse(text);
  return parsed.success ? ok(parsed.data) : fail("member-name-invalid");
}

function parseNote(text: string): Parsed<string> {
  const parsed = changeNoteSchema.safeParse(text);
  return parsed.success ? ok(parsed.data) : fail("member-note-invalid");
}

async function memberConversation(conversation: BotConversation, ctx: ConvContext, args: MemberArgs) {
  switch (args.action) {
    case "add":
      return addFlow(conversation, ctx, args);
    case "off":
      return statusFlow(conversation, ctx, args, { from: ["probationary"], to: "official" });
    case "ex":
      return statusFlow(conversation, ctx, args, { from: ["official", "probationary"], to: "exempt" });
    case "unex":
      return statusFlow(conversation, ctx, args, { from: ["exempt"], to: "back" });
    case "att":
      return attachFlow(conversation, ctx, args);
    case "out":
      return transferFlow(conversation, ctx, args);
    case "dep":
      return departureFlow(conversation, ctx, args);
  }
}

async function addFlow(conversation: BotConversation, ctx: ConvContext, args: MemberArgs) {
  const { cell } = args;
  const fullName = await askText(conversation, ctx, ctx.t("member-ask-name", { org: cell.name }), parseName);
  const phone = await askText(conversation, ctx, ctx.t("member-ask-phone"), parsePhone);
  const known = await conversation.external((outer) => personWithHome(outer.deps.db, phone));
  if (known?.home?.id === cell.id) return ctx.reply(ctx.t("member-refused-already_member"));
  if (known?.home) return ctx.reply(ctx.t("member-refused-home_elsewhere", { org: known.home.name }));
  const status = await askChoice<SettableStatus>(
    conversation,
    ctx,
    ctx.t("member-ask-status"),
    (["official", "probationary"] as const).map((s) => ({ value: s, label: ctx.t(`status-${s}`) })),
    `${QUESTION_PREFIX}:st`,
  );
  const admitted = await askPastDay(conversation, ctx, ctx.t("member-ask-admitted"), cell.timeZone, false);
  const outcome = await conversation.external(async (outer) => {
    const now = outer.deps.now();
    const on = startOfLocalDay(localToday(now, cell.timeZone), cell.timeZone);
    return addMember(
      outer.deps.db,
      { orgId: cell.id, fullName, phone, status, admittedOn: startOfLocalDay(admitted, cell.timeZone), on },
      by(args, now),
    );
  });
  if (outcome.kind !== "done") return ctx.reply(refusalText(ctx.t, outcome, cell.timeZone));
  await ctx.reply(
    ctx.t(outcome.created ? "member-added" : "member-added-known", {
      name: known?.fullName ?? fullName,
      phone: formatPhone(phone),
      org: cell.name,
      status: ctx.t(`status-${status}`),
      admitted: formatLocalDay(admitted),
    }),
  );
}

async function statusFlow(
  conversation: BotConversation,
  ctx: ConvContext,
  args: MemberArgs,
  change: { from: string[]; to: "official" | "exempt" | "back" },
) {
  const { cell } = args;
  const members = (await conversation.external((outer) => currentMembers(outer.deps.db, cell.id))).filter(
    (m) => m.kind === "home" && change.from.includes(m.status),
  );
  if (members.length === 0) return ctx.reply(ctx.t(`member-none-for-${change.to}`, { org: cell.name }));
  const member = await pickMember(conversation, ctx, ctx.t(`member-pick-for-${change.to}`), members);
  const note = change.to === "exempt" ? await askText(conversation, ctx, ctx.t("member-ask-exempt-reason", { name: member.fullName }), parseNote) : undefined;
  const status: SettableStatus =
    change.to === "back" ? await conversation.external((outer) => statusBeforeExemption(outer.deps.db, cell.id, member.personId)) : change.to;
  let on = 0;
  const outcome = await dated(conversation, ctx, ctx.t(`member-ask-on-${change.to}`, { name: member.fullName }), cell, true, (day) => {
    on = day;
    return conversation.external((outer) =>
      changeStatus(outer.deps.db, { orgId: cell.id, personId: member.personId, status, on: new Date(day), note }, by(args, outer.deps.now())),
    );
  });
  if (outcome.kind !== "done") return ctx.reply(refusalText(ctx.t, outcome, cell.timeZone));
  await ctx.reply(
    ctx.t(`member-done-${change.to}`, {
      name: member.fullName,
      on: formatLocalDay(localToday(new Date(on), cell.timeZone)),
      status: ctx.t(`status-${status}`),
      reason: note ?? "",
    }),
  );
}

async function attachFlow(conversation: BotConversation, ctx: ConvContext, args: MemberArgs) {
  const { cell } = args;
  let person: { personId: number; fullName: string; home: CellView };
  for (;;) {
    const phone = await askText(conversation, ctx, ctx.t("member-ask-attach-phone", { org: cell.name }), parsePhone);
    const found = await conversation.external((outer) => personWithHome(outer.deps.db, phone));
    if (!found) {
      await ctx.reply(ctx.t("member-attach-unknown", { phone: formatPhone(phone) }));
      continue;
    }
    if (!found.home) return ctx.reply(ctx.t("member-attach-no-home", { name: found.fullName }));
    if (found.home.id === cell.id) return ctx.reply(ctx.t("member-refused-same_cell"));
    if (!sameTree(found.home, cell)) return ctx.reply(ctx.t("member-attach-other-tree", { name: found.fullName }));
    person = { personId: found.personId, fullName: found.fullName, home: found.home };
    break;
  }
  const now = await nowOf(conversation);
  const noEnd = `${QUESTION_PREFIX}:noend`;
  const until = await askText<number>(
    conversation,
    ctx,
    ctx.t("member-ask-attach-until", { name: person.fullName, home: person.home.name }),
    (text) => {
      const parsed = parseLocalDate(text, now, cell.timeZone);
      if (!parsed.ok) return fail(parsed.error === "past" ? "member-until-past" : `member-date-${parsed.error}`, { today: formatLocalDay(localToday(now, cell.timeZone)) });
      return ok(startOfLocalDay(parsed, cell.timeZone).getTime());
    },
    new InlineKeyboard().text(ctx.t("member-attach-no-end"), noEnd),
    { data: noEnd, value: 0 },
  );
  let on = 0;
  const outcome = await dated(conversation, ctx, ctx.t("member-ask-attach-on"), cell, true, (day) => {
    on = day;
    return conversation.external((outer) =>
      attachMember(
        outer.deps.db,
        { personId: person.personId, toOrgId: cell.id, on: new Date(day), until: until ? new Date(until) : undefined },
        by(args, outer.deps.now()),
      ),
    );
  });
  if (outcome.kind !== "done") return ctx.reply(refusalText(ctx.t, outcome, cell.timeZone));
  await ctx.reply(
    ctx.t(until ? "member-attached-until" : "member-attached", {
      name: person.fullName,
      home: person.home.name,
      org: cell.name,
      on: formatLocalDay(localToday(new Date(on), cell.timeZone)),
      until: until ? formatLocalDay(localToday(new Date(until), cell.timeZone)) : "",
    }),
  );
}

/** The receiving cell: one of the neighbours' buttons, or any cell of the tree by its code. */
async function askDestination(conversation: BotConversation, ctx: ConvContext, cell: CellView): Promise<CellView> {
  const neighbours = await conversation.external((outer) => neighbourCells(outer.deps.db, cell));
  const keyboard = new InlineKeyboard();
  neighbours.forEach((n, i) => {
    keyboard.text(`${n.name} (${n.code})`, `${QUESTION_PREFIX}:to:${n.id}`);
    if (i % 2 === 1) keyboard.row();
  });
  const prompt = ctx.t(neighbours.length > 0 ? "member-ask-destination" : "member-ask-destination-code");
  await ctx.reply(prompt, neighbours.length > 0 ? { reply_markup: keyboard } : {});
  for (;;) {
    const answer = await conversation.wait();
    await leaveOnCommand(conversation, answer);
    const data = answer.callbackQuery?.data;
    const picked = data?.startsWith(`${QUESTION_PREFIX}:to:`) ? neighbours.find((n) => data === `${QUESTION_PREFIX}:to:${n.id}`) : undefined;
    if (picked) {
      await answer.answerCallbackQuery();
      return picked;
    }
    // A button of some other message: hand it on, the conversation keeps waiting.
    if (answer.callbackQuery) await conversation.skip({ next: true });
    const text = answer.message?.text;
    const code = text === undefined ? undefined : orgCodeSchema.safeParse(text);
    let problem: string;
    if (!code?.success) problem = ctx.t("member-destination-format");
    else {
      const found = await conversation.external((outer) => findOrgView(outer.deps.db, code.data));
      if (!found) problem = ctx.t("member-destination-unknown", { code: code.data });
      else if (found.kind !== CELL_KIND) problem = ctx.t("member-destination-not-cell", { code: found.code });
      else if (found.id === cell.id) problem = ctx.t("member-refused-same_cell");
      else if (!sameTree(found, cell)) problem = ctx.t("member-destination-other-tree", { code: found.code });
      else return found;
    }
    await answer.reply(`${problem}\n${prompt}`, neighbours.length > 0 ? { reply_markup: keyboard } : {});
  }
}

async function transferFlow(conversation: BotConversation, ctx: ConvContext, args: MemberArgs) {
  const { cell } = args;
  const members = (await conversation.external((outer) => currentMembers(outer.deps.db, cell.id))).filter((m) => m.kind === "home");
  if (members.length === 0) return ctx.reply(ctx.t("member-none-for-out", { org: cell.name }));
  const member = await pickMember(conversation, ctx, ctx.t("member-pick-for-out"), members);
  const pending = await conversation.external(async (outer) => (await pendingTransferOf(outer.deps.db, member.personId))?.toOrg.name ?? null);
  if (pending) return ctx.reply(ctx.t("member-refused-pending_exists-to", { name: member.fullName, org: pending }));
  const where = await askChoice(
    conversation,
    ctx,
    ctx.t("member-ask-out-where", { name: member.fullName }),
    [
      { value: "cell", label: ctx.t("member-out-to-cell") },
      { value: "away", label: ctx.t("member-out-away") },
    ],
    `${QUESTION_PREFIX}:out`,
    1,
  );
  if (where === "cell") {
    const to = await askDestination(conversation, ctx, cell);
    const outcome = await dated(conversation, ctx, ctx.t("member-ask-on-move", { name: member.fullName, org: to.name }), cell, true, (day) =>
      conversation.external(async (outer) => {
        const now = outer.deps.now();
        let told = 0;
        const ask = { personId: member.personId, fromOrgId: cell.id, toOrgId: to.id, kind: "move" as const, on: new Date(day) };
        const asked = await requestTransfer(outer.deps.db, ask, by(args, now), async (tx, requestId) => (told = await queueTransferRequest(tx, requestId, now)));
        if (asked.kind !== "done") return asked;
        return { kind: "done" as const, told };
      }),
    );
    if (outcome.kind !== "done") return ctx.reply(refusalText(ctx.t, outcome as Refusal, cell.timeZone));
    return ctx.reply(ctx.t(outcome.told > 0 ? "member-transfer-sent" : "member-transfer-sent-nobody", { name: member.fullName, org: to.name, from: cell.name }));
  }
  const day = await askPastDay(conversation, ctx, ctx.t("member-ask-on-left", { name: member.fullName }), cell.timeZone, true);
  const on = startOfLocalDay(day, cell.timeZone).getTime();
  if (!(await confirm(conversation, ctx, ctx.t("member-confirm-left", { name: member.fullName, org: cell.name, on: formatLocalDay(day) })))) return ctx.reply(ctx.t("cancelled"));
  const outcome = await conversation.external((outer) =>
    endMembership(outer.deps.db, { orgId: cell.id, personId: member.personId, on: new Date(on), reason: "left" }, by(args, outer.deps.now())),
  );
  if (outcome.kind !== "done") return ctx.reply(refusalText(ctx.t, outcome, cell.timeZone));
  await ctx.reply(ctx.t("member-done-left", { name: member.fullName, org: cell.name, on: formatLocalDay(day) }));
}

const DEPARTURES_BY_COMMITTEE = ["died", "removed", "expelled"] as const satisfies readonly DepartureReason[];

async function departureFlow(conversation: BotConversation, ctx: ConvContext, args: MemberArgs) {
  const { cell } = args;
  const reason = await askChoice(
    conversation,
    ctx,
    ctx.t("member-ask-departure", { org: cell.name }),
    DEPARTURES_BY_COMMITTEE.map((r) => ({ value: r, label: ctx.t(`member-departure-${r}`) })),
    `${QUESTION_PREFIX}:dep`,
    1,
  );
  const members = (await conversation.external((outer) => currentMembers(outer.deps.db, cell.id))).filter((m) => m.kind === "home");
  if (members.length === 0) return ctx.reply(ctx.t("member-none-for-out", { org: cell.name }));
  const member = await pickMember(conversation, ctx, ctx.t("member-pick-for-departure"), members);
  const note = await askText(conversation, ctx, ctx.t("member-ask-decision"), parseNote, new InlineKeyboard().text(ctx.t("member-skip"), `${QUESTION_PREFIX}:skip`), {
    data: `${QUESTION_PREFIX}:skip`,
    value: "",
  });
  const day = await askPastDay(conversation, ctx, ctx.t("member-ask-on-departure", { name: member.fullName }), cell.timeZone, true);
  const label = ctx.t(`member-departure-${reason}`);
  if (!(await confirm(conversation, ctx, ctx.t("member-confirm-departure", { name: member.fullName, reason: label, on: formatLocalDay(day) })))) return ctx.reply(ctx.t("cancelled"));
  const on = startOfLocalDay(day, cell.timeZone).getTime();
  const outcome = await conversation.external((outer) =>
    endMembership(outer.deps.db, { orgId: cell.id, personId: member.personId, on: new Date(on), reason, note: note || undefined }, by(args, outer.deps.now())),
  );
  if (outcome.kind !== "done") return ctx.reply(refusalText(ctx.t, outcome, cell.timeZone));
  await ctx.reply(ctx.t("member-done-departure", { name: member.fullName, reason: label, on: formatLocalDay(day) }));
}

export function memberConversations() {
  return [createConversation<BotContext, ConvContext>(memberConversation, { id: MEMBER_CONVERSATION })];
}

export const memberActions = new Composer<BotContext>();

memberActions.callbackQuery(memberActionButton.filter, async (ctx) => {
  const tap = memberActionButton.decode(ctx.callbackQuery.data);
  if (!tap) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  return forLinked(async (linked: LinkedContext) => {
    const cell = await findCell(linked.deps.db, tap.orgId);
    if (!cell || cell.kind !== CELL_KIND || !canManage(linked.positions, cell)) return refuse(linked, "not-allowed");
    // Death, removal and expulsion are decided above the cell: its own secretary cannot record them.
    if (tap.action === "dep" && !oversees(linked.positions, cell.path)) return refuse(linked, "member-departure-committee-only");
    await linked.answerCallbackQuery();
    await linked.conversation.exitAll();
    await linked.conversation.enter(MEMBER_CONVERSATION, { action: tap.action, cell, actorId: linked.speaker.id } satisfies MemberArgs);
  })(ctx);
});

// Not forLinked: an unlinked tapper hears "not allowed", like anyone without the right.
memberActions.callbackQuery(transferButton.filter, async (ctx) => {
  const tap = transferButton.decode(ctx.callbackQuery.data);
  if (!tap) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const { db, now } = ctx.deps;
  const request = await findTransfer(db, tap.requestId);
  if (!request) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  if (!ctx.speaker || !canManage(ctx.positions, request.toOrg)) return refuse(ctx, "not-allowed");
  const at = now();
  const outcome = await decideTransfer(db, { requestId: request.id, accept: tap.accept }, { actor: `person:${ctx.speaker.id}`, now: at }, (tx, id) =>
    queueTransferDecision(tx, id, at),
  );
  if (outcome.kind === "not_pending") return ctx.answerCallbackQuery({ text: ctx.t("member-transfer-already-decided"), show_alert: true });
  if (outcome.kind !== "accepted" && outcome.kind !== "declined") {
    await ctx.answerCallbackQuery({ text: `${refusalText(ctx.t, outcome as Refusal, request.toOrg.timezone)}\n${ctx.t("member-transfer-cancelled")}`, show_alert: true });
    return ctx.editMessageText(`${ctx.callbackQuery.message?.text ?? ""}\n\n${ctx.t("member-transfer-cancelled")}`).catch(() => undefined);
  }
  await ctx.answerCallbackQuery();
  const done = ctx.t(outcome.kind === "accepted" ? "member-transfer-accepted-by" : "member-transfer-declined-by", {
    name: request.person.fullName,
    org: request.toOrg.name,
  });
  await ctx.editMessageText(`${ctx.callbackQuery.message?.text ?? ""}\n\n${done}`).catch(() => ctx.reply(done));
});
