// How a meeting reads in a message: kind, weekday, date and time in the organisation's
// zone, place, agenda and documents, in the reader's language.
import type { Translate } from "../bot/i18n.js";
import { monthLabel, toLocal } from "../domain/zoned.js";

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
  return t(locale, `meeting-kind-${kind}`, { month: monthLabel(forMonth) });
}

/**
 * The longest description: every message around one (notice, reminders, summary, moved,
 * group post) adds less than 600 characters, and Telegram takes 4096 at most.
 */
export const DESCRIPTION_MAX = 3500;

/** The body shared by notices, reminders and summaries, never longer than DESCRIPTION_MAX. */
export function describeMeeting(t: Translate, locale: string, m: MeetingView): string {
  const before = [
    m.orgName,
    t(locale, "meeting-line-what", { what: formatKind(t, locale, m.kind, m.forMonth) }),
    t(locale, "meeting-line-when", { when: formatWhen(t, locale, m.startsAt, m.timeZone), minutes: m.durationMinutes }),
    t(locale, "meeting-line-where", { place: m.place }),
  ];
  if (m.thematicTopic) before.push(t(locale, "meeting-line-topic", { topic: m.thematicTopic }));
  const after: string[] = [];
  if (m.documents.length > 0) {
    after.push(t(locale, "meeting-line-documents"));
    for (const d of m.documents) {
      after.push(telegramFileId(d.url) ? t(locale, "meeting-line-attached", { title: d.title }) : `• ${d.title}: ${d.url}`);
    }
  } else after.push(t(locale, "meeting-line-no-documents"));
  const agenda = m.agenda ? t(locale, "meeting-line-agenda", { agenda: m.agenda }) : undefined;
  return fitDescription(before, agenda, after, t(locale, "bad-input-shortened"));
}

/** The agenda (which grows with accepted proposals) gives way first; then the last lines. */
function fitDescription(before: string[], agenda: string | undefined, after: string[], note: string): string {
  const room = DESCRIPTION_MAX - [...before, ...after].join("\n").length - 1;
  const dropped = agenda !== undefined && room < note.length + 40;
  let kept = dropped ? undefined : agenda;
  if (kept && kept.length > room) kept = `${kept.slice(0, room - note.length - 1)} ${note}`;
  return fitAtLineBreak([...before, ...(kept ? [kept] : []), ...after].join("\n"), DESCRIPTION_MAX, note, dropped);
}

/** The text itself if short enough, else its first lines that fit; the note ends a shortened text. */
function fitAtLineBreak(text: string, max: number, note: string, shortened: boolean): string {
  if (text.length <= max && !shortened) return text;
  if (text.length + note.length + 1 <= max) return `${text}\n${note}`;
  const head = text.slice(0, max - note.length - 1);
  const cut = head.lastIndexOf("\n");
  return `${cut > 0 ? head.slice(0, cut) : head}\n${note}`;
}

/** Documents uploaded into the chat (where a cell allows it) are stored as telegram-file:<id>. */
export const TELEGRAM_FILE = "telegram-file:";

export function telegramFileId(url: string): string | undefined {
  return url.startsWith(TELEGRAM_FILE) ? url.slice(TELEGRAM_FILE.length) : undefined;
}
