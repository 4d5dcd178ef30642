// Small building blocks for guided conversations: ask a question, re-prompt with what
// was wrong, and let any command (/cancel, /help...) leave the conversation.
import { InlineKeyboard } from "grammy";
import type { BotConversation, ConvContext } from "./context.js";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string; vars?: Record<string, string | number> };
export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
/** `error` is a locale key (with its variables), shown before the question is asked again. */
export const fail = (error: string, vars?: Record<string, string | number>): Parsed<never> => ({ ok: false, error, vars });

/** Leaves the conversation when the person sends a command, handing it on. */
export async function leaveOnCommand(conversation: BotConversation, answer: ConvContext) {
  if (answer.message?.text?.startsWith("/")) await conversation.halt({ next: true });
}

/** Asks for text until `parse` accepts it; `error` keys are translated for the re-prompt. */
export async function askText<T>(
  conversation: BotConversation,
  ctx: ConvContext,
  prompt: string,
  parse: (text: string) => Parsed<T>,
  keyboard?: InlineKeyboard,
  skip?: { data: string; value: T },
): Promise<T> {
  await ctx.reply(prompt, keyboard ? { reply_markup: keyboard } : {});
  for (;;) {
    const answer = await conversation.wait();
    await leaveOnCommand(conversation, answer);
    if (skip && answer.callbackQuery?.data === skip.data) {
      await answer.answerCallbackQuery();
      return skip.value;
    }
    // A button of some other message: hand it on, the conversation keeps waiting.
    if (answer.callbackQuery) await conversation.skip({ next: true });
    const text = answer.message?.text;
    if (text === undefined) {
      await answer.reply(answer.t("ask-type-answer"));
      continue;
    }
    const parsed = parse(text);
    if (parsed.ok) return parsed.value;
    await answer.reply(`${answer.t(parsed.error, parsed.vars)}\n${prompt}`, keyboard ? { reply_markup: keyboard } : {});
  }
}

/** Offers buttons and waits for a tap on one of them; typed text gets a re-prompt. */
export async function askChoice<T extends string>(
  conversation: BotConversation,
  ctx: ConvContext,
  prompt: string,
  choices: { value: T; label: string }[],
  prefix: string,
  columns = 2,
): Promise<T> {
  const keyboard = new InlineKeyboard();
  choices.forEach((c, i) => {
    keyboard.text(c.label, `${prefix}:${c.value}`);
    if ((i + 1) % columns === 0) keyboard.row();
  });
  const sent = await ctx.reply(prompt, { reply_markup: keyboard });
  for (;;) {
    const answer = await conversation.wait();
    await leaveOnCommand(conversation, answer);
    const data = answer.callbackQuery?.data;
    const chosen = data?.startsWith(`${prefix}:`) ? choices.find((c) => `${prefix}:${c.value}` === data) : undefined;
    if (chosen) {
      await answer.answerCallbackQuery();
      // Showing the choice under the prompt is a courtesy: the choice stands if Telegram will not edit it.
      await answer.api
        .editMessageText(sent.chat.id, sent.message_id, `${prompt}\n→ ${chosen.label}`)
        .catch(() => undefined);
      return chosen.value;
    }
    if (answer.callbackQuery) {
      // A button of some other message: hand it on, the conversation keeps waiting.
      await conversation.skip({ next: true });
    }
    await answer.reply(answer.t("ask-use-buttons"), { reply_markup: keyboard });
  }
}
