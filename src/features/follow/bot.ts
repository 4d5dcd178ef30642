// Follow assignments in chat: a committee member who oversees a cell assigns a colleague
// (or themselves) to follow it with /assign (/phancong), or ends a follow; /following
// (/theodoi) lists what a person follows and, for an overseer, the follows below them.
// Every tap is authorised again on the server: the button only names ids.
import { Composer, InlineKeyboard } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { BotContext, BotConversation, ConvContext } from "../../bot/context.js";
import { askText, ok } from "../../bot/ask.js";
import { forLinked, refuse } from "../../bot/guard.js";
import { cellForAssigner, colleaguesFor, followedBy, followsUnder, overseenCell, overseenPaths, type CellRef, type Colleague } from "./data.js";
import { addFollow, removeFollow, type Actor } from "./mutations.js";
import { followButton, orgCodeSchema } from "./schema.js";

export const ASSIGN_CONVERSATION = "assign";
/** Colleague buttons in one list; a committee above a cell is rarely larger. */
const MAX_COLLEAGUE_BUTTONS = 40;
/** Follows listed by /following for an overseer's subtree before "and N more". */
const MAX_SUBTREE_LINES = 30;

export const follow = new Composer<BotContext>();

type Translator = (key: string, vars?: Record<string, string | number>) => string;

function colleagueLabel(t: Translator, c: Colleague): string {
  const who = c.seat ? `${c.fullName} (${t(`role-${c.seat.role}`)}, ${c.seat.orgName})` : c.fullName;
  return c.following ? `✓ ${who}` : who;
}

function colleagueList(t: Translator, cell: CellRef, colleagues: Colleague[]) {
  const keyboard = new InlineKeyboard();
  for (const c of colleagues.slice(0, MAX_COLLEAGUE_BUTTONS)) keyboard.text(colleagueLabel(t, c), followButton.encode({ action: "a", cellId: cell.id, personId: c.personId })).row();
  const more = colleagues.length - MAX_COLLEAGUE_BUTTONS;
  const text = [t("follow-pick-colleague", { cell: cell.name }), ...(more > 0 ? [t("follow-more-colleagues", { count: more })] : [])].join("\n");
  return { text, keyboard };
}

const actorOf = (ctx: BotContext): Actor => ({ personId: ctx.speaker!.id, fullName: ctx.speaker!.fullName, audit: `person:${ctx.speaker!.id}` });

/** Asks for the cell's code until it names a cell the assigner oversees, then lists colleagues. */
async function assignConversation(conversation: BotConversation, ctx: ConvContext, args: { code: string }) {
  let typed = args.code;
  let problem = "";
  for (;;) {
    if (!typed) {
      const prompt = [problem, ctx.t("follow-ask-cell")].filter(Boolean).join("\n");
      typed = await askText(conversation, ctx, prompt, (text) => ok(text.trim()));
    }
    const code = orgCodeSchema.safeParse(typed);
    const found = code.success
      ? await conversation.external((outer) => cellForAssigner(outer.deps.db, outer.positions, code.data))
      : ({ kind: "unknown" } as const);
    if (found.kind === "ok") {
      const colleagues = await conversation.external((outer) => colleaguesFor(outer.deps.db, outer.positions, found.cell));
      if (colleagues.length === 0) return ctx.reply(ctx.t("follow-no-colleagues", { cell: found.cell.name }));
      const list = colleagueList(ctx.t, found.cell, colleagues);
      return ctx.reply(list.text, { reply_markup: list.keyboard });
    }
    problem = ctx.t(`follow-cell-${found.kind}`, { code: found.kind === "unknown" ? typed.slice(0, 40) : found.code });
    typed = "";
  }
}

export function followConversations() {
  return [createConversation<BotContext, ConvContext>(assignConversation, { id: ASSIGN_CONVERSATION })];
}

follow.command(["assign", "phancong"], forLinked(async (ctx) => {
  if (overseenPaths(ctx.positions).length === 0) return ctx.reply(ctx.t("follow-not-overseer"));
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(ASSIGN_CONVERSATION, { code: ctx.match.trim() });
}));

follow.callbackQuery(followButton.filter, async (ctx) => {
  const tap = followButton.decode(ctx.callbackQuery.data);
  if (!tap) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  // After the data is read, not before (forLinked): a malformed button is stale for anyone.
  if (!ctx.speaker) return refuse(ctx, "not-linked");
  const { action, cellId, personId } = tap;
  const { db, now } = ctx.deps;
  // A forged cell (not one the tapper oversees) or person (not one they may assign): refused.
  const cell = await overseenCell(db, ctx.positions, cellId);
  const colleague = cell ? (await colleaguesFor(db, ctx.positions, cell)).find((c) => c.personId === personId) : undefined;
  if (!cell || !colleague) return refuse(ctx, "not-allowed");
  const vars = { name: colleague.fullName, cell: cell.name };
  // The question is replaced by its answer; one too old to edit gets the answer below it.
  const settle = (text: string) => ctx.editMessageText(text).catch(() => ctx.reply(text));
  if (action === "k") {
    await ctx.answerCallbackQuery();
    return settle(ctx.t("follow-kept", vars));
  }
  if (action === "r") {
    const outcome = await removeFollow(db, { cell, personId, actor: actorOf(ctx) }, now());
    await ctx.answerCallbackQuery();
    return settle(ctx.t(outcome.kind === "removed" ? "follow-ended" : "follow-not-following", vars));
  }
  if (colleague.following) {
    await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard()
      .text(ctx.t("follow-end-yes"), followButton.encode({ action: "r", cellId: cell.id, personId }))
      .text(ctx.t("follow-end-no"), followButton.encode({ action: "k", cellId: cell.id, personId }));
    return ctx.reply(ctx.t("follow-confirm-end", vars), { reply_markup: keyboard });
  }
  const outcome = await addFollow(db, { cell, personId, actor: actorOf(ctx) }, now());
  await ctx.answerCallbackQuery();
  // The list shows the new ✓ at once; a list too old to edit is no reason to fail.
  const list = colleagueList(ctx.t, cell, await colleaguesFor(db, ctx.positions, cell));
  await ctx.editMessageReplyMarkup({ reply_markup: list.keyboard }).catch(() => undefined);
  await ctx.reply(ctx.t(outcome.kind === "added" ? "follow-added" : "follow-already", vars));
});

follow.command(["following", "theodoi"], forLinked(async (ctx) => {
  const { db } = ctx.deps;
  const mine = await followedBy(db, ctx.speaker.id);
  const lines =
    mine.length > 0
      ? [ctx.t("following-mine-header", { count: mine.length }), ...mine.map((f) => ctx.t("following-mine-line", { cell: f.cellName, code: f.cellCode, since: f.since }))]
      : [ctx.t("following-none")];
  const paths = overseenPaths(ctx.positions);
  if (paths.length > 0) {
    const under = await followsUnder(db, paths, MAX_SUBTREE_LINES);
    lines.push("");
    if (under.total === 0) lines.push(ctx.t("following-subtree-none"));
    else {
      lines.push(ctx.t("following-subtree-header", { count: under.total }));
      lines.push(...under.rows.map((f) => ctx.t("following-subtree-line", { cell: f.cellName, code: f.cellCode, name: f.fullName, since: f.since })));
      if (under.total > under.rows.length) lines.push(ctx.t("following-more", { count: under.total - under.rows.length }));
    }
    lines.push(ctx.t("following-assign-hint"));
  }
  await ctx.reply(lines.join("\n"));
}));
