// How a broadcast reads in each recipient's language, its "read" button, and the
// sender's summary line with counts.
import { InlineKeyboard } from "grammy";
import type { Translate } from "../../bot/i18n.js";
import { formatLocalDateTime } from "../../domain/time.js";
import type { BroadcastCounts } from "./data.js";
import { readButton, type BroadcastContent } from "./schema.js";

export function broadcastText(t: Translate, locale: string, orgName: string, content: BroadcastContent): string {
  const header = t(locale, `broadcast-header-${content.kind}`, { org: orgName });
  const note = content.text ? ["", content.text] : [];
  switch (content.kind) {
    case "notice":
      return [header, "", content.text].join("\n");
    case "document":
      return [header, t(locale, "broadcast-document-line", { title: content.title, url: content.url }), ...note].join("\n");
    case "orientation":
      return [
        header,
        ...content.topics.map((topic, i) => `${i + 1}. ${topic}`),
        ...note,
        "",
        t(locale, "broadcast-orientation-footer"),
      ].join("\n");
  }
}

export function readKeyboard(t: Translate, locale: string, broadcastId: number, done = false) {
  return new InlineKeyboard().text(t(locale, done ? "broadcast-read-done" : "broadcast-read"), readButton.encode({ broadcastId }));
}

/** The content as stored on a Broadcast row. */
export function contentOf(row: { kind: string; text: string; documentTitle: string | null; documentUrl: string | null; topics: string | null }): BroadcastContent {
  if (row.kind === "document") return { kind: "document", title: row.documentTitle ?? "", url: row.documentUrl ?? "", text: row.text };
  if (row.kind === "orientation") return { kind: "orientation", topics: JSON.parse(row.topics ?? "[]") as string[], text: row.text };
  return { kind: "notice", text: row.text };
}

/** A few words that tell broadcasts apart in a list. */
export function gist(t: Translate, locale: string, content: BroadcastContent): string {
  const shorten = (text: string) => {
    const line = text.replace(/\s+/g, " ").trim();
    return line.length > 60 ? `${line.slice(0, 59).trimEnd()}…` : line;
  };
  if (content.kind === "document") return shorten(content.title);
  if (content.kind === "orientation") return t(locale, "broadcast-gist-topics", { count: content.topics.length });
  return shorten(content.text);
}

export function statusLine(
  t: Translate,
  locale: string,
  row: { id: number; kind: string; audience: string; createdAt: Date; orgName: string; timeZone: string; content: BroadcastContent },
  counts: BroadcastCounts,
): string {
  return t(locale, "broadcast-status-line", {
    id: row.id,
    when: formatLocalDateTime(row.createdAt, row.timeZone),
    org: row.orgName,
    kind: t(locale, `broadcast-kind-${row.kind}`),
    audience: t(locale, `broadcast-audience-${row.audience}`),
    gist: gist(t, locale, row.content),
    ...counts,
  });
}
