// A digest as the messages a committee member receives: the chart as a photo, the text
// (in as many messages as Telegram's length cap needs), and the full lists as an XLSX
// file whenever the text had to cut one. Rendered once per language, not per reader.
import type { Translate } from "../../bot/i18n.js";
import type { Digest } from "../../domain/digest.js";
import { splitAtLineBreaks } from "../../domain/split-text.js";
import type { OutboxItem } from "../../delivery/outbox.js";
import { digestChartPng } from "./files/chart.js";
import type { Reader } from "./committees-data.js";
import { digestText, digestWasCut } from "./text.js";
import { digestWorkbook, digestWorkbookFilename } from "./files/workbook.js";
import type { TickContext } from "../feature.js";
import type { Channel } from "../../bot/channels.js";
import type { InlineKeyboardButton } from "grammy/types";
import { dashboardLink } from "../../server/signed-links.js";

/** Telegram's cap on a message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096;

export interface RenderedDigest {
  caption: string;
  parts: string[];
  /** Absent for an organisation with no cells: an empty chart says nothing. */
  chart?: Buffer;
  workbook?: { filename: string; content: Buffer };
}

export async function renderDigest(t: Translate, locale: string, digest: Digest, timeZone: string): Promise<RenderedDigest> {
  const hasCells = digest.totals.thisMonth.cells > 0;
  return {
    caption: t(locale, "digest-photo-caption", { org: digest.committee.name }),
    parts: splitAtLineBreaks(digestText(t, locale, digest, timeZone), TELEGRAM_TEXT_LIMIT),
    chart: hasCells ? await chartOrNothing(t, locale, digest) : undefined,
    workbook: digestWasCut(digest)
      ? { filename: digestWorkbookFilename(digest, timeZone), content: await digestWorkbook(t, locale, digest, timeZone) }
      : undefined,
  };
}

/**
 * The chart, or nothing where the drawing library cannot load (a platform without its
 * prebuilt binary): the figures are all in the text, so the digest still goes out.
 */
async function chartOrNothing(t: Translate, locale: string, digest: Digest): Promise<Buffer | undefined> {
  try {
    return await digestChartPng(t, locale, digest);
  } catch {
    return undefined;
  }
}

/**
 * The dashboard (dashboard/) at an organisation, when people can reach chibo's HTTP
 * server (`links`): a Mini App for a Telegram chat when the server is on https
 * (Telegram's rule), else a signed link that expires (Zalo; a test server). Under
 * /report and under the weekly digest's last part.
 */
export function dashboardButton(
  text: string,
  viewer: { personId: number; channel: Channel },
  orgId: number,
  links: TickContext["links"],
  expiresAt: Date,
): InlineKeyboardButton | undefined {
  if (!links) return undefined;
  const { base, secret } = links;
  if (viewer.channel === "telegram" && base.startsWith("https://")) return { text, web_app: { url: `${base}/app/?org=${orgId}` } };
  return { text, url: `${dashboardLink(secret, base, viewer.personId, expiresAt)}&org=${orgId}` };
}

/** One reader's messages; `key` names the digest (organisation and week), so each goes out once. */
export function digestItems(
  t: Translate,
  reader: Reader,
  rendered: RenderedDigest,
  key: string,
  orgId: number,
  notBefore: Date,
  expiresAt: Date,
  dashboard?: InlineKeyboardButton,
): OutboxItem[] {
  const base = { chatId: reader.chatId, personId: reader.personId, orgId, kind: "digest", notBefore, expiresAt };
  const items: OutboxItem[] = [];
  if (rendered.chart) {
    items.push({
      ...base,
      key: `${key}:${reader.personId}:chart`,
      payload: { text: rendered.caption, photo: { filename: "digest.png", contentBase64: rendered.chart.toString("base64") } },
    });
  }
  rendered.parts.forEach((text, index) => {
    const last = index === rendered.parts.length - 1;
    const replyMarkup = last && dashboard ? { inline_keyboard: [[dashboard]] } : undefined;
    items.push({ ...base, key: `${key}:${reader.personId}:text:${index}`, payload: replyMarkup ? { text, replyMarkup } : { text } });
  });
  if (rendered.workbook) {
    items.push({
      ...base,
      key: `${key}:${reader.personId}:xlsx`,
      payload: {
        text: t(reader.locale, "digest-attachment-caption"),
        document: { filename: rendered.workbook.filename, contentBase64: rendered.workbook.content.toString("base64") },
      },
    });
  }
  return items;
}
