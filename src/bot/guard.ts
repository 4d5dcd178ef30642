// The checks a handler makes before it acts, in one place: where it may be used (a
// private chat: a cell's people are not for a group's eyes) and by whom (a linked
// person; a role on the tree, checked on the server whatever a button says). A command
// refused gets a reply; a button refused gets an alert on the tap.
import type { BotContext, Speaker } from "./context.js";

/** A context whose speaker is known: a linked person. */
export type LinkedContext = BotContext & { speaker: Speaker };

export interface Requirement {
  /** Refused outside a private chat ("group-not-supported"). Commands only: the bot puts buttons in private chats only. */
  privateChat?: boolean;
  /** Refused to someone not linked ("not-linked"). */
  linked?: boolean;
}

/** Says a refusal the way the update expects it: an alert for a tap, a reply for a message. */
export async function refuse(ctx: BotContext, key: string): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true });
  else await ctx.reply(ctx.t(key));
}

/**
 * Wraps a handler of a linked person's update (a private chat unless said otherwise):
 * what fails a requirement is refused, and the handler sees the speaker as known.
 */
export function forLinked<C extends BotContext>(handler: (ctx: C & LinkedContext) => unknown, requirement: Requirement = { privateChat: true }) {
  return async (ctx: C): Promise<unknown> => {
    if (requirement.privateChat !== false && ctx.chat && ctx.chat.type !== "private") return refuse(ctx, "group-not-supported");
    if (!ctx.speaker) return refuse(ctx, "not-linked");
    return handler(ctx as C & LinkedContext);
  };
}
