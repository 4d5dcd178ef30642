// What the bot sends before a meeting, and when. The plan is computed once from the
// start time and the settings; a scheduler stores it and asks dueNow what to send. All
// messages respect quiet hours, and nothing is sent once the meeting has begun.
import { isQuiet, nextAllowed, type QuietHours } from "./quiet.js";
import type { OrgSettings } from "./settings.js";
import { parseHm, toLocal, toUtc } from "./zoned.js";

export type PlanItem =
  | {
      kind: "reminder";
      /** "r" + offset in minutes, e.g. "r4320": unique within a meeting. */
      key: string;
      offsetMinutes: number;
      dueAt: Date;
      expiresAt: Date;
      audience: "unanswered" | "everyone";
    }
  | { kind: "summary"; key: "summary"; dueAt: Date; expiresAt: Date }
  | { kind: "docs_check"; key: "docs"; dueAt: Date; expiresAt: Date };

type Reminder = PlanItem & { kind: "reminder" };

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

// Same-moment items keep a natural order: reminders (earliest-planned first), the
// secretary's summary, then the documents check.
const KIND_ORDER = { reminder: 0, summary: 1, docs_check: 2 } as const;

function compareItems(a: PlanItem, b: PlanItem): number {
  return (
    a.dueAt.getTime() - b.dueAt.getTime() ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    (a.kind === "reminder" && b.kind === "reminder" ? b.offsetMinutes - a.offsetMinutes : 0)
  );
}

/**
 * The messages for one meeting, sorted by dueAt. Every item expires at the start.
 * - A reminder per offset at start − offset, moved past quiet hours; one that would then
 *   be due at or after the start is left out. The kept reminder with the smallest offset
 *   goes to everyone, the others only to members who have not answered yet.
 * - The secretary's summary at settings.summaryTime on the local day before the meeting,
 *   moved past quiet hours; left out when that is not before the start.
 * - The documents check 24 hours before the start (documents must reach members at least
 *   a day ahead), moved past quiet hours.
 * Items whose time has already passed are still planned: dueNow decides what to do.
 */
export function planMeeting(input: { startsAt: Date; timeZone: string; settings: OrgSettings }): PlanItem[] {
  const { startsAt, timeZone, settings } = input;
  const start = startsAt.getTime();
  const expiresAt = new Date(start);
  const allowed = (ms: number) => nextAllowed(new Date(ms), timeZone, settings.quietHours);
  const beforeStart = (item: PlanItem) => item.dueAt.getTime() < start;

  const offsets = [...new Set(settings.reminderOffsetsMinutes)].filter((o) => Number.isFinite(o) && o > 0);
  const reminders: Reminder[] = offsets
    .map(
      (offsetMinutes): Reminder => ({
        kind: "reminder",
        key: `r${offsetMinutes}`,
        offsetMinutes,
        dueAt: allowed(start - offsetMinutes * MINUTE_MS),
        expiresAt,
        audience: "unanswered",
      }),
    )
    .filter(beforeStart);
  // Those who answered hear once more, from the last reminder actually sent.
  const last = reminders.reduce<Reminder | undefined>(
    (best, r) => (best === undefined || r.offsetMinutes < best.offsetMinutes ? r : best),
    undefined,
  );
  if (last) last.audience = "everyone";

  const items: PlanItem[] = [...reminders];

  const summaryTime = parseHm(settings.summaryTime);
  if (!summaryTime) throw new RangeError(`summaryTime: not a time of day: ${settings.summaryTime}`);
  const day = toLocal(startsAt, timeZone);
  const eveningBefore = toUtc({ year: day.year, month: day.month, day: day.day - 1, ...summaryTime }, timeZone);
  const summary: PlanItem = { kind: "summary", key: "summary", dueAt: allowed(eveningBefore.getTime()), expiresAt };
  if (beforeStart(summary)) items.push(summary);

  const docs: PlanItem = { kind: "docs_check", key: "docs", dueAt: allowed(start - DAY_MS), expiresAt };
  if (beforeStart(docs)) items.push(docs);

  return items.sort(compareItems);
}

export interface DueContext {
  /**
   * When the members are told of the meeting as it now stands: its notice (or the notice
   * that it moved) leaves then, at the end of quiet hours if it was set at night. A
   * reminder due at or before that instant is never sent: it would reach members before,
   * or together with, the notice it refers to, which says the same. Nor is a summary of
   * answers planned before anyone could answer.
   */
  toldAt?: Date;
  /** The cell's quiet hours: nothing is due while they last. */
  quiet?: { timeZone: string; hours: QuietHours };
}

/**
 * What to send at `now`, also after the bot was down. Stateless: an item stays due from
 * its dueAt until it expires, so the caller either passes only the items not sent yet or
 * deduplicates by (meeting, key). Due means dueAt <= now < expiresAt. Of the due reminders only the one
 * with the smallest offset goes out; the others are superseded (log and drop them, so a
 * member gets one late reminder, not three). Expired items are in neither list: the
 * meeting has begun. Items not due yet are in neither list either. The summary and the
 * documents check do not interact with reminders.
 * Planned times are already out of quiet hours, so only a late item (the bot was down,
 * or the meeting was set at night) can fall due in them: in quiet hours nothing is due,
 * and the first minute after them decides, once, what is still worth sending. Reminders
 * and summaries due before the members were told (context.toldAt) are in neither list.
 */
export function dueNow(plan: PlanItem[], now: Date, context: DueContext = {}): { due: PlanItem[]; superseded: PlanItem[] } {
  if (context.quiet && isQuiet(now, context.quiet.timeZone, context.quiet.hours)) return { due: [], superseded: [] };
  const t = now.getTime();
  const told = context.toldAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const beforeTold = (item: PlanItem) => item.kind !== "docs_check" && item.dueAt.getTime() <= told;
  const ready = plan.filter((item) => item.dueAt.getTime() <= t && t < item.expiresAt.getTime() && !beforeTold(item));
  const readyReminders = ready.filter((item): item is Reminder => item.kind === "reminder");
  const keep = readyReminders.reduce<Reminder | undefined>(
    (best, r) => (best === undefined || r.offsetMinutes < best.offsetMinutes ? r : best),
    undefined,
  );
  return {
    due: ready.filter((item) => item.kind !== "reminder" || item === keep),
    superseded: readyReminders.filter((item) => item !== keep),
  };
}

/** Whether a member receives this reminder, given whether they have answered the invitation. */
export function remindersFor(item: PlanItem & { kind: "reminder" }, answered: boolean): boolean {
  return item.audience === "everyone" || !answered;
}
