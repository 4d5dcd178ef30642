// How a meeting reads in a message: kind, weekday, date and time in the organisation's
// zone, place, agenda and documents, in the reader's language.
import type { Translate } from "../../bot/i18n.js";
import { toLocal } from "../../domain/zoned.js";

export interface MeetingView {
  id: number;
  orgName: string;
  kind: string;
  forMonth: string;
  startsAt: Date;
  durationMinutes: number;
  place: string;
  agenda: string;
  thematicTopic: string | null;
  timeZone: string;
  documents: { title: string; url: string }[];
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "19:30, Thứ Bảy 05/12/2026" */
export function formatWhen(t: Translate, locale: string, startsAt: Date, timeZone: string): string {
  const local = toLocal(startsAt, timeZone);
  return t(locale, "meeting-when", {
    time: `${pad(local.hour)}:${pad(local.minute)}`,
    weekday: t(locale, `weekday-${local.weekday}`),
    date: `${pad(local.day)}/${pad(local.month)}/${local.year}`,
  });
}

export function formatKind(t: Translate, locale: string, kind: string, forMonth: string): string {
  const [year, month] = forMonth.split("-");
  return t(locale, `meeting-kind-${kind}`, { month: `${Number(month)}/${year}` });
}

/** The body shared by notices, reminders and summaries. */
export function describeMeeting(t: Translate, locale: string, m: MeetingView): string {
  const lines = [
    m.orgName,
    t(locale, "meeting-line-what", { what: formatKind(t, locale, m.kind, m.forMonth) }),
    t(locale, "meeting-line-when", { when: formatWhen(t, locale, m.startsAt, m.timeZone), minutes: m.durationMinutes }),
    t(locale, "meeting-line-where", { place: m.place }),
  ];
  if (m.thematicTopic) lines.push(t(locale, "meeting-line-topic", { topic: m.thematicTopic }));
  if (m.agenda) lines.push(t(locale, "meeting-line-agenda", { agenda: m.agenda }));
  if (m.documents.length > 0) {
    lines.push(t(locale, "meeting-line-documents"));
    for (const d of m.documents) {
      lines.push(telegramFileId(d.url) ? t(locale, "meeting-line-attached", { title: d.title }) : `• ${d.title}: ${d.url}`);
    }
  } else lines.push(t(locale, "meeting-line-no-documents"));
  return lines.join("\n");
}

/** Documents uploaded into the chat (where a cell allows it) are stored as telegram-file:<id>. */
export const TELEGRAM_FILE = "telegram-file:";

export function telegramFileId(url: string): string | undefined {
  return url.startsWith(TELEGRAM_FILE) ? url.slice(TELEGRAM_FILE.length) : undefined;
}
