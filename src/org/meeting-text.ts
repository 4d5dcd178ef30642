// How a meeting reads in a message: kind, weekday, date and time in the organisation's
// zone, place, agenda and documents, in the reader's language.
import type { Translate } from "../bot/i18n.js";
import { formatLocalDay } from "../domain/past-date.js";
import type { TaskStatus } from "../domain/tasks.js";
import { monthLabel, toLocal } from "../domain/zoned.js";

/** A task of the previous resolution as the next meeting reviews it. */
export interface ReviewedTask {
  text: string;
  status: TaskStatus;
  /** The start of the due day in the cell's zone. */
  dueOn: Date;
  notes: { name: string; text: string }[];
}

/** The review of the previous resolution a regular meeting opens with. */
export interface MeetingReview {
  conclusion?: string;
  tasks: ReviewedTask[];
}

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
  /** Set (org/meetings.ts withReview) for a regular meeting after one that left a resolution. */
  review?: MeetingReview;
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

/** A day as the cell writes it: DD/MM/YYYY in its zone. */
export function formatDueDay(dueOn: Date, timeZone: string): string {
  return formatLocalDay(toLocal(dueOn, timeZone));
}

/** The longest the previous conclusion runs in a notice: the minutes carry it whole. */
const REVIEW_CONCLUSION_MAX = 300;

/** "• Viết báo cáo (hạn 20/12/2026): Đã xong — Ghi chú: An: đã nộp bản nháp" */
export function reviewTaskLine(t: Translate, locale: string, task: ReviewedTask, timeZone: string): string {
  const line = t(locale, "minutes-review-line", { task: task.text, due: formatDueDay(task.dueOn, timeZone), status: t(locale, `task-status-${task.status}`) });
  if (task.notes.length === 0) return line;
  return t(locale, "minutes-review-line-notes", { line, notes: task.notes.map((n) => `${n.name}: ${n.text}`).join("; ") });
}

/** The heading, the previous conclusion (shortened) and a line per task. */
function reviewLines(t: Translate, locale: string, review: MeetingReview, timeZone: string): string[] {
  const lines = [t(locale, "minutes-review-heading")];
  if (review.conclusion) {
    const text = review.conclusion.replace(/\s+/g, " ").trim();
    const short = text.length > REVIEW_CONCLUSION_MAX ? `${text.slice(0, REVIEW_CONCLUSION_MAX - 1)}…` : text;
    lines.push(t(locale, "minutes-review-conclusion", { text: short }));
  }
  if (review.tasks.length === 0) lines.push(t(locale, "minutes-review-no-tasks"));
  for (const task of review.tasks) lines.push(reviewTaskLine(t, locale, task, timeZone));
  return lines;
}

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
  // The meeting opens with the review, so it comes before the agenda and gives way with it.
  const middle = [...(m.review ? reviewLines(t, locale, m.review, m.timeZone) : []), ...(m.agenda ? [t(locale, "meeting-line-agenda", { agenda: m.agenda })] : [])];
  return fitDescription(before, middle.length > 0 ? middle.join("\n") : undefined, after, t(locale, "bad-input-shortened"));
}

/** The review and the agenda (which grows with accepted proposals) give way first, from their end; then the last lines. */
function fitDescription(before: string[], middle: string | undefined, after: string[], note: string): string {
  const room = DESCRIPTION_MAX - [...before, ...after].join("\n").length - 1;
  const dropped = middle !== undefined && room < note.length + 40;
  let kept = dropped ? undefined : middle;
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
