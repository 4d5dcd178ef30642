// Joining through the bot: /start <code>, the guided "share your phone or type your
// name" conversation, and the secretary's approve/reject buttons.
import { Composer, Keyboard } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import { leaveOnCommand } from "../../bot/ask.js";
import type { BotContext, BotConversation, ConvContext } from "../../bot/context.js";
import { canManage } from "../../domain/access.js";
import { cleanText } from "../../domain/names.js";
import { normalizePhone } from "../../domain/phone.js";
import { findJoinRequest, inviteGuessVerdict, pendingRequestsFor } from "./data.js";
import {
  decideJoinRequest,
  joinWithOwnContact,
  joinWithPersonalInvite,
  lookUpInvite,
  recordInviteGuess,
  requestWithTypedText,
  type JoinOutcome,
  type TelegramIdentity,
} from "./mutations.js";
import { describeRequest, queueRequestToApprovers, requestKeyboard } from "./messages.js";
import { joinRequestButton, startPayloadSchema, typedNameSchema } from "./schema.js";
import { managedOrgIds } from "../../org/access.js";
import { forLinked, refuse } from "../../bot/guard.js";

export const JOIN_CONVERSATION = "join";

interface JoinArgs {
  inviteId: number;
  orgId: number;
  orgPath: string;
  orgName: string;
}

function identityOf(ctx: ConvContext | BotContext): TelegramIdentity {
  const from = ctx.from!;
  return {
    userId: String(from.id),
    chatId: String(ctx.chat!.id),
    // Shown to the secretary: a profile name's control or bidi characters must not garble that message.
    name:
      cleanText([from.first_name, from.last_name].filter(Boolean).join(" ")) +
      (from.username ? ` (@${from.username})` : "") +
      // The secretary should know where the request came from: Zalo names are not handles.
      (ctx.channel === "zalo" ? " (Zalo)" : ""),
    locale: ctx.locale,
  };
}

async function replyOutcome(ctx: ConvContext | BotContext, outcome: JoinOutcome, orgName: string) {
  const remove = { reply_markup: { remove_keyboard: true as const } };
  switch (outcome.kind) {
    case "linked":
      return ctx.reply(ctx.t("join-linked", { name: outcome.fullName, org: outcome.orgName }), remove);
    case "already_linked":
      return ctx.reply(ctx.t("join-already-linked", { name: outcome.fullName }), remove);
    case "pending":
      return ctx.reply(ctx.t("join-pending", { org: orgName }), remove);
    case "invite_used_up":
      return ctx.reply(ctx.t("join-used-up"), remove);
  }
}

/** The guided part of joining: waits for the person's own contact, or a typed name. */
async function joinConversation(conversation: BotConversation, ctx: ConvContext, args: JoinArgs) {
  const keyboard = new Keyboard()
    .requestContact(ctx.t("join-button-contact"))
    .row()
    .text(ctx.t("join-button-type-name"))
    .resized()
    .oneTime();
  await ctx.reply(ctx.t("join-ask-contact"), { reply_markup: keyboard });
  const invite = { id: args.inviteId, orgId: args.orgId, orgPath: args.orgPath, orgName: args.orgName };
  for (;;) {
    const answer = await conversation.wait();
    const message = answer.message;
    await leaveOnCommand(conversation, answer);
    if (message?.contact) {
      const phone = normalizePhone(message.contact.phone_number);
      if (message.contact.user_id !== answer.from?.id || !phone) {
        await answer.reply(answer.t("join-contact-not-own"), { reply_markup: keyboard });
        continue;
      }
      const who = identityOf(answer);
      const outcome = await conversation.external((outer) =>
        joinWithOwnContact(outer.deps.db, invite, phone, who, outer.deps.now()),
      );
      await afterRequest(conversation, outcome);
      await replyOutcome(answer, outcome, args.orgName);
      return;
    }
    if (message?.text === undefined) {
      await answer.reply(answer.t("join-expect-contact-or-name"), { reply_markup: keyboard });
      continue;
    }
    let typed = cleanText(message.text);
    if (typed === answer.t("join-button-type-name")) {
      await answer.reply(answer.t("join-ask-name"), { reply_markup: { remove_keyboard: true } });
      const nameAnswer = await conversation.waitFor("message:text", {
        otherwise: (other) => other.reply(other.t("join-ask-name")),
      });
      await leaveOnCommand(conversation, nameAnswer);
      typed = cleanText(nameAnswer.message.text);
    }
    const phone = normalizePhone(typed);
    if (!phone && !typedNameSchema.safeParse(typed).success) {
      await answer.reply(answer.t("join-name-invalid"));
      continue;
    }
    const who = identityOf(answer);
    const outcome = await conversation.external((outer) =>
      requestWithTypedText(outer.deps.db, invite, { text: typed, phone }, who, outer.deps.now()),
    );
    await afterRequest(conversation, outcome);
    await replyOutcome(answer, outcome, args.orgName);
    return;
  }
}

async function afterRequest(conversation: BotConversation, outcome: JoinOutcome) {
  if (outcome.kind !== "pending") return;
  await conversation.external((outer) => queueRequestToApprovers(outer.deps.db, outcome.requestId, outer.deps.now()));
}

export function onboardingConversations() {
  return [createConversation<BotContext, ConvContext>(joinConversation, { id: JOIN_CONVERSATION })];
}

export const onboarding = new Composer<BotContext>();

/** The username of the bot a cell speaks through when this Telegram bot is another one; undefined otherwise. */
function wrongBotFor(ctx: BotContext, orgBot: string): string | undefined {
  const bots = ctx.deps.telegramBots;
  if (!bots || ctx.channel !== "telegram") return undefined;
  const here = bots.has(String(ctx.me.id)) ? String(ctx.me.id) : "";
  return orgBot === here ? undefined : bots.get(orgBot);
}

onboarding.command("start", async (ctx) => {
  // Not forLinked: people who are not linked yet start here.
  if (ctx.chat.type !== "private") return refuse(ctx, "group-not-supported");
  const payload = ctx.match.trim();
  if (payload === "") {
    return ctx.reply(ctx.speaker ? ctx.t("start-welcome-back", { name: ctx.speaker.fullName }) : ctx.t("start-no-code"));
  }
  if (!startPayloadSchema.safeParse(payload).success) return ctx.reply(ctx.t("start-bad-code"));
  // Codes that match nothing are counted; past the limit every code waits, a right one too.
  const { db, now } = ctx.deps;
  const account = String(ctx.from?.id ?? ctx.chat.id);
  const verdict = await inviteGuessVerdict(db, account, now());
  if (!verdict.allowed) return ctx.reply(ctx.t("bad-input-invite-too-many", { minutes: Math.ceil(verdict.retryAfterMs / 60_000) }));
  const found = await lookUpInvite(db, payload, now());
  if (!found.ok) {
    if (found.reason === "unknown") await recordInviteGuess(db, account, now());
    return ctx.reply(ctx.t(`start-${found.reason.replace("_", "-")}-code`));
  }
  const { invite } = found;
  // A person joins through their province's bot: only that bot can reach them later.
  const rightBot = wrongBotFor(ctx, invite.orgBot);
  if (rightBot) return ctx.reply(ctx.t("start-wrong-bot", { org: invite.orgName, link: `https://t.me/${rightBot}?start=${payload}` }));
  if (invite.personId !== null) {
    if (ctx.speaker && ctx.speaker.id !== invite.personId) {
      return ctx.reply(ctx.t("start-already-linked-other", { name: ctx.speaker.fullName }));
    }
    // A pending request is announced to the approvers by the same transaction.
    const outcome = await joinWithPersonalInvite(
      ctx.deps.db,
      { ...invite, personId: invite.personId },
      identityOf(ctx),
      ctx.deps.now(),
    );
    return replyOutcome(ctx, outcome, invite.orgName);
  }
  if (ctx.speaker) return ctx.reply(ctx.t("join-already-linked", { name: ctx.speaker.fullName }));
  await ctx.reply(ctx.t("join-greeting", { name: ctx.from?.first_name ?? "", org: invite.orgName }));
  await ctx.conversation.enter(JOIN_CONVERSATION, {
    inviteId: invite.id,
    orgId: invite.orgId,
    orgPath: invite.orgPath,
    orgName: invite.orgName,
  } satisfies JoinArgs);
});

// Not forLinked: an unlinked tapper hears "not allowed", like anyone without the right.
onboarding.callbackQuery(joinRequestButton.filter, async (ctx) => {
  const tap = joinRequestButton.decode(ctx.callbackQuery.data);
  if (!tap) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const request = await findJoinRequest(ctx.deps.db, tap.requestId);
  if (!request) return ctx.answerCallbackQuery({ text: ctx.t("request-not-found") });
  if (!ctx.speaker || !canManage(ctx.positions, request.org)) return refuse(ctx, "not-allowed");
  // The requester's answer is queued by the same transaction as the decision.
  const outcome = await decideJoinRequest(ctx.deps.db, request.id, tap.approve ? "approve" : "reject", ctx.speaker.id, ctx.deps.now());
  switch (outcome.kind) {
    case "approved":
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(`${ctx.callbackQuery.message?.text ?? ""}\n\n${ctx.t("request-approved-by", { name: outcome.personName })}`);
      return;
    case "rejected":
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(`${ctx.callbackQuery.message?.text ?? ""}\n\n${ctx.t("request-rejected-by")}`);
      return;
    case "already_decided":
      return ctx.answerCallbackQuery({ text: ctx.t("request-already-decided") });
    case "no_candidate":
      return ctx.answerCallbackQuery({ text: ctx.t("request-cannot-approve"), show_alert: true });
    case "not_found":
      return ctx.answerCallbackQuery({ text: ctx.t("request-not-found") });
  }
});

onboarding.command("requests", forLinked(async (ctx) => {
  const managed = await managedOrgIds(ctx.deps.db, ctx.positions);
  if (managed.length === 0) return ctx.reply(ctx.t("not-allowed"));
  const requests = await pendingRequestsFor(ctx.deps.db, managed);
  if (requests.length === 0) return ctx.reply(ctx.t("requests-none"));
  await ctx.reply(ctx.t("requests-header", { count: requests.length }));
  for (const request of requests) {
    await ctx.reply(describeRequest(ctx.t, request), { reply_markup: requestKeyboard(ctx.t, request) });
  }
}));
