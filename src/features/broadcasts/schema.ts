// What a broadcast may hold, checked the same way for the bot's conversation and the
// CLI, and the callback data of its "read" button. Failures name a locale key, so each
// caller can say what was wrong in the person's language.
import { cleanText } from "../../domain/names.js";
import { fail, ok, type Parsed } from "../../bot/ask.js";
import { callbackCodec, id } from "../../bot/callback-data.js";

export const BROADCAST_KINDS = ["notice", "document", "orientation"] as const;
export type BroadcastKind = (typeof BROADCAST_KINDS)[number];
export const AUDIENCES = ["secretaries", "members"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** A notice's text; with the header it stays well under Telegram's 4096 characters. */
export const TEXT_MAX = 3000;
/** The optional note under a document or an orientation. */
export const NOTE_MAX = 1000;
export const TITLE_MAX = 200;
export const URL_MAX = 500;
/** The same bounds as the thematicTopics setting the orientation becomes, plus a total for one message. */
export const TOPICS_MAX = 50;
export const TOPIC_MAX = 300;
export const TOPICS_TOTAL_MAX = 3000;

/** Like cleanText, line by line: a notice keeps its paragraphs. */
export function cleanParagraphs(raw: string): string {
  return raw
    .split(/\r\n|\r|\n/)
    .map(cleanText)
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export function parseNoticeText(raw: string): Parsed<string> {
  const text = cleanParagraphs(raw);
  if (text.length === 0) return fail("broadcast-text-empty");
  return text.length <= TEXT_MAX ? ok(text) : fail("broadcast-text-too-long");
}

/** An optional note: empty is fine. */
export function parseNote(raw: string): Parsed<string> {
  const text = cleanParagraphs(raw);
  return text.length <= NOTE_MAX ? ok(text) : fail("broadcast-note-too-long");
}

export function parseTitle(raw: string): Parsed<string> {
  const title = cleanText(raw);
  if (title.length === 0) return fail("broadcast-title-empty");
  return title.length <= TITLE_MAX ? ok(title) : fail("broadcast-title-too-long");
}

/** An http(s) link, nothing else: the bot passes references, never files. */
export function parseUrl(raw: string): Parsed<string> {
  const text = raw.trim();
  if (text.length === 0 || text.length > URL_MAX || /\s/.test(text)) return fail("broadcast-url-invalid");
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? ok(text) : fail("broadcast-url-invalid");
  } catch {
    return fail("broadcast-url-invalid");
  }
}

/** One topic a line; list marks ("-", "•", "1.", "2)") and repeats are dropped. */
export function parseTopics(raw: string): Parsed<string[]> {
  const topics: string[] = [];
  for (const line of raw.split(/\r\n|\r|\n/)) {
    const topic = cleanText(line).replace(/^(?:[-•*+–]|\d{1,2}[.)])\s*/, "").trim();
    if (topic && !topics.includes(topic)) topics.push(topic);
  }
  if (topics.length === 0) return fail("broadcast-topics-empty");
  if (topics.length > TOPICS_MAX) return fail("broadcast-topics-too-many");
  if (topics.some((t) => t.length > TOPIC_MAX)) return fail("broadcast-topic-too-long");
  return topics.join("").length <= TOPICS_TOTAL_MAX ? ok(topics) : fail("broadcast-topics-too-long");
}

/** The content of one broadcast, as stored. */
export type BroadcastContent =
  | { kind: "notice"; text: string }
  | { kind: "document"; title: string; url: string; text: string }
  | { kind: "orientation"; topics: string[]; text: string };

/** Raw fields as the CLI gets them; checks them in the order a person would fix them. */
export function checkContent(raw: { kind: string; text?: string; title?: string; url?: string; topics?: string }): Parsed<BroadcastContent> {
  switch (raw.kind) {
    case "notice": {
      const text = parseNoticeText(raw.text ?? "");
      return text.ok ? ok({ kind: "notice", text: text.value }) : text;
    }
    case "document": {
      const title = parseTitle(raw.title ?? "");
      if (!title.ok) return title;
      const url = parseUrl(raw.url ?? "");
      if (!url.ok) return url;
      const note = parseNote(raw.text ?? "");
      return note.ok ? ok({ kind: "document", title: title.value, url: url.value, text: note.value }) : note;
    }
    case "orientation": {
      const topics = parseTopics(raw.topics ?? "");
      if (!topics.ok) return topics;
      const note = parseNote(raw.text ?? "");
      return note.ok ? ok({ kind: "orientation", topics: topics.value, text: note.value }) : note;
    }
    default:
      return fail("broadcast-kind-invalid");
  }
}

/** bcr:<broadcastId>: the recipient's "read" button. */
export const readButton = callbackCodec("bcr", { broadcastId: id });
