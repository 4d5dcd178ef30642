// Zalo has no buttons. A Telegram keyboard becomes a numbered list under the text, and a
// reply is matched back to an option: by its number, or by the option's own words.
// Pure functions: no I/O.

/** One option of a list: an inline button (callback data) or a reply-keyboard button (text). */
export interface Choice {
  label: string;
  /** Inline button: the callback data a tap would send. */
  data?: string;
  /** Reply-keyboard button: the text a tap would send. */
  text?: string;
}

export interface Markup {
  kind: "inline" | "reply" | "remove" | "none";
  choices: Choice[];
  /** URL buttons: shown as links, not numbered. */
  links: { label: string; url: string }[];
}

interface ButtonLike {
  text?: unknown;
  callback_data?: unknown;
  url?: unknown;
  request_contact?: unknown;
  request_location?: unknown;
  request_poll?: unknown;
  request_users?: unknown;
  request_chat?: unknown;
  web_app?: unknown;
}

const NONE: Markup = { kind: "none", choices: [], links: [] };

/** Reads Telegram reply_markup (inline keyboard, reply keyboard, removal) into options. */
export function markupOf(replyMarkup: unknown): Markup {
  if (!replyMarkup || typeof replyMarkup !== "object") return NONE;
  const markup = replyMarkup as { inline_keyboard?: ButtonLike[][]; keyboard?: (ButtonLike | string)[][]; remove_keyboard?: unknown };
  if (Array.isArray(markup.inline_keyboard)) {
    const choices: Choice[] = [];
    const links: Markup["links"] = [];
    for (const button of markup.inline_keyboard.flat()) {
      const label = String(button.text ?? "");
      if (typeof button.callback_data === "string") choices.push({ label, data: button.callback_data });
      else if (typeof button.url === "string") links.push({ label, url: button.url });
    }
    return { kind: "inline", choices, links };
  }
  if (Array.isArray(markup.keyboard)) {
    const choices: Choice[] = [];
    for (const button of markup.keyboard.flat()) {
      if (typeof button === "string") {
        choices.push({ label: button, text: button });
        continue;
      }
      // Zalo cannot share a contact, a location or anything else a special button asks for.
      const special = button.request_contact || button.request_location || button.request_poll || button.request_users || button.request_chat || button.web_app;
      if (!special && typeof button.text === "string") choices.push({ label: button.text, text: button.text });
    }
    return { kind: "reply", choices, links: [] };
  }
  if (markup.remove_keyboard) return { kind: "remove", choices: [], links: [] };
  return NONE;
}

/** The text with its options as a numbered list, links after, and a hint on how to answer. */
export function renderWithChoices(text: string, markup: Markup, hint: string): string {
  const lines = [text];
  if (markup.choices.length > 0 || markup.links.length > 0) lines.push("");
  markup.choices.forEach((choice, i) => lines.push(`${i + 1}. ${choice.label}`));
  for (const link of markup.links) lines.push(`🔗 ${link.label}: ${link.url}`);
  if (markup.choices.length > 0) lines.push("", hint);
  return lines.join("\n").trim();
}

/** Lower case, no diacritics (đ too), letters and digits only, single spaces. */
export function normalizeWords(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const NUMBER = /^\s*(?:#|số|so|no\.?)?\s*(\d{1,3})\s*[.)]?\s*$/i;

/** The option a reply names: "2", "2.", "#2", or the option's words; else undefined. */
export function matchChoice(reply: string, choices: Choice[]): Choice | undefined {
  const number = NUMBER.exec(reply);
  if (number) {
    const index = Number(number[1]) - 1;
    return index >= 0 && index < choices.length ? choices[index] : undefined;
  }
  const words = normalizeWords(reply);
  if (words === "") return undefined;
  const found = choices.filter((choice) => normalizeWords(choice.label) === words);
  return found.length === 1 ? found[0] : undefined;
}

/** Whether a reply looks like an attempt at a number (in range or not). */
export function looksLikeNumber(reply: string): boolean {
  return NUMBER.test(reply);
}
