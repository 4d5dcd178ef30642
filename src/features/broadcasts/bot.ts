// Broadcasts in chat: a committee's guided /broadcast (/thongbao) down its subtree,
// /broadcasts (or /broadcast status) with delivery and read counts, and the recipients'
// "read" button, checked against the broadcast's recipients on the server.
import { Composer, InlineKeyboard } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { BotContext, BotConversation, ConvContext } from "../../bot/context.js";
import { askChoice, askText } from "../../bot/ask.js";
import { forLinked, refuse, type LinkedContext } from "../../bot/guard.js";
import { oversees } from "../../domain/access.js";
import { audienceReach, countsOf, recentBroadcasts, senderOrg, senderOrgIds, senderOrgs } from "./data.js";
import { markBroadcastRead, sendBroadcast } from "./mutations.js";
import {
  AUDIENCES,
  BROADCAST_KINDS,
  parseNote,
  parseNoticeText,
  parseTitle,
  parseTopics,
  parseUrl,
  readButton,
  type Audience,
  type BroadcastContent,
  type BroadcastKind,
} from "./schema.js";
import { broadcastText, contentOf, readKeyboard, statusLine } from "./text.js";

export const BROADCAST_CONVERSATION = "broadcast";
/** How many broadcasts /broadcasts lists, newest first. */
const STATUS_LIMIT = 10;

interface SenderChoice {
  orgId: number;
  orgName: string;
}

interface BroadcastArgs {
  orgs: SenderChoice[];
}

async function pickOrg(conversation: BotConversation, ctx: ConvContext, orgs: SenderChoice[]): Promise<SenderChoice> {
  if (orgs.length === 1) return orgs[0];
  const id = await askChoice(
    conversation,
    ctx,
    ctx.t("broadcast-pick-org"),
    orgs.map((o) => ({ value: String(o.orgId), label: o.orgName })),
    "bq:org",
    1,
  );
  return orgs.find((o) => String(o.orgId) === id)!;
}

/** An optional note under a document or an orientation, with a button to leave it out. */
function askNote(conversation: BotConversation, ctx: ConvContext): Promise<string> {
  return askText(conversation, ctx, ctx.t("broadcast-ask-note"), parseNote, new InlineKeyboard().text(ctx.t("broadcast-skip"), "bq:skip"), {
    data: "bq:skip",
    value: "",
  });
}

async function askContent(conversation: BotConversation, ctx: ConvContext, kind: BroadcastKind): Promise<BroadcastContent> {
  if (kind === "notice") return { kind, text: await askText(conversation, ctx, ctx.t("broadcast-ask-text"), parseNoticeText) };
  if (kind === "document") {
    const title = await askText(conversation, ctx, ctx.t("broadcast-ask-title"), parseTitle);
    const url = await askText(conversation, ctx, ctx.t("broadcast-ask-url"), parseUrl);
    return { kind, title, url, text: await askNote(conversation, ctx) };
  }
  const topics = await askText(conversation, ctx, ctx.t("broadcast-ask-topics"), parseTopics);
  return { kind, topics, text: await askNote(conversation, ctx) };
}

async function broadcastConversation(conversation: BotConversation, ctx: ConvContext, args: BroadcastArgs) {
  const org = await pickOrg(conversation, ctx, args.orgs);
  const kind = await askChoice<BroadcastKind>(
    conversation,
    ctx,
    ctx.t("broadcast-ask-kind", { org: org.orgName }),
    BROADCAST_KINDS.map((k) => ({ value: k, label: ctx.t(`broadcast-kind-${k}`) })),
    "bq:kind",
    1,
  );
  const audience = await askChoice<Audience>(
    conversation,
    ctx,
    ctx.t("broadcast-ask-audience"),
    AUDIENCES.map((a) => ({ value: a, label: ctx.t(`broadcast-audience-${a}`) })),
    "bq:aud",
    1,
  );
  const content = await askContent(conversation, ctx, kind);
  const reach = await conversation.external((outer) => audienceReach(outer.deps.db, org.orgId, audience));
  if (reach.total === 0) return ctx.reply(ctx.t("broadcast-nobody"));
  const confirm = await askChoice(
    conversation,
    ctx,
    [
      ctx.t("broadcast-preview", { audience: ctx.t(`broadcast-audience-${audience}`), total: reach.total, reachable: reach.reachable }),
      "",
      broadcastText(ctx.translateFor, ctx.locale, org.orgName, content),
    ].join("\n"),
    [
      { value: "yes", label: ctx.t("broadcast-confirm") },
      { value: "no", label: ctx.t("broadcast-abandon") },
    ],
    "bq:ok",
  );
  if (confirm === "no") return ctx.reply(ctx.t("cancelled"));
  const outcome = await conversation.external(async (outer) => {
    const { db, now } = outer.deps;
    // Positions are read afresh on every update: one lost since the start stops here.
    const found = await senderOrg(db, org.orgId);
    if (!outer.speaker || !found || !oversees(outer.positions.filter((p) => p.orgId === found.id), found.path)) return { kind: "not_allowed" as const };
    return sendBroadcast(db, { orgId: found.id, senderPersonId: outer.speaker.id, actor: `person:${outer.speaker.id}`, audience, content }, now());
  });
  if (outcome.kind !== "sent") return ctx.reply(ctx.t("not-allowed"));
  await ctx.reply(
    ctx.t(content.kind === "orientation" ? "broadcast-sent-orientation" : "broadcast-sent", {
      id: outcome.broadcastId,
      queued: outcome.queued,
      unreachable: outcome.unreachable,
    }),
  );
}

export function broadcastConversations() {
  return [createConversation<BotContext, ConvContext>(broadcastConversation, { id: BROADCAST_CONVERSATION })];
}

export const broadcasts = new Composer<BotContext>();

async function showStatus(ctx: LinkedContext) {
  const orgIds = senderOrgIds(ctx.positions);
  if (orgIds.length === 0) return ctx.reply(ctx.t("broadcast-not-committee"));
  const rows = await recentBroadcasts(ctx.deps.db, orgIds, STATUS_LIMIT);
  if (rows.length === 0) return ctx.reply(ctx.t("broadcast-status-none"));
  const counts = await countsOf(ctx.deps.db, rows.map((r) => r.id));
  const lines = rows.map((r) =>
    statusLine(ctx.translateFor, ctx.locale, { ...r, orgName: r.org.name, timeZone: r.org.timezone, content: contentOf(r) }, counts.get(r.id)!),
  );
  await ctx.reply([ctx.t("broadcast-status-header", { count: rows.length }), ...lines].join("\n\n"));
}

broadcasts.command(["broadcast", "thongbao"], forLinked(async (ctx) => {
  if (ctx.match.trim().toLowerCase() === "status") return showStatus(ctx);
  const orgs = await senderOrgs(ctx.deps.db, ctx.positions);
  if (orgs.length === 0) return ctx.reply(ctx.t("broadcast-not-committee"));
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(BROADCAST_CONVERSATION, { orgs: orgs.map((o) => ({ orgId: o.id, orgName: o.name })) } satisfies BroadcastArgs);
}));

broadcasts.command("broadcasts", forLinked(showStatus));

broadcasts.callbackQuery(readButton.filter, async (ctx) => {
  const tap = readButton.decode(ctx.callbackQuery.data);
  if (!tap) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  // After the data is read, not before (forLinked): a malformed button is stale for anyone.
  if (!ctx.speaker) return refuse(ctx, "not-linked");
  const { broadcastId } = tap;
  const outcome = await markBroadcastRead(ctx.deps.db, broadcastId, ctx.speaker.id, ctx.deps.now());
  if (outcome === "not_recipient") return ctx.answerCallbackQuery({ text: ctx.t("broadcast-not-for-you"), show_alert: true });
  if (outcome === "already") return ctx.answerCallbackQuery({ text: ctx.t("broadcast-read-already") });
  await ctx.answerCallbackQuery({ text: ctx.t("broadcast-read-recorded") });
  // The button shows it is done; an old message Telegram will not edit keeps its button.
  await ctx.editMessageReplyMarkup({ reply_markup: readKeyboard(ctx.translateFor, ctx.locale, broadcastId, true) }).catch(() => undefined);
});
