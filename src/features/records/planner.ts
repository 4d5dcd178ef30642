// What the scheduler does after meetings: when a meeting ends, offer the secretary the
// attendance list; when its record is still missing 2 days later, nudge once a day.
import { InlineKeyboard } from "grammy";
import type { Db } from "../../db/client.js";
import { translate as t } from "../../bot/i18n.js";
import { enqueue, type OutboxItem } from "../../delivery/outbox.js";
import { isQuiet, nextAllowed } from "../../domain/quiet.js";
import { toLocal } from "../../domain/zoned.js";
import { formatWhen } from "../../org/meeting-text.js";
import { handledKeys, markHandled } from "../../db/plan-marks.js";
import { Prisma } from "../../generated/prisma/client.js";
import { idList } from "../../db/sql.js";
import { settingsOfPaths } from "../../org/settings.js";
import { memoize } from "../../lib/memoize.js";
import { inForceSql } from "../../db/memberships.js";
import { openListButton } from "./schema.js";
import { dialectOf } from "../../db/dialect.js";

const DAY = 86_400_000;
/** After this many days without a record, the secretary is nudged each day. */
export const NUDGE_AFTER_DAYS = 2;
/** Past this, the committee digest lists the record as overdue (upper committees issue). */
export const OVERDUE_AFTER_DAYS = 5;

interface EndedMeeting {
  id: number;
  revision: number;
  orgId: number;
  startsAt: Date;
  durationMinutes: number;
  path: string;
  timezone: string;
}

export async function runRecordsTick(db: Db, now: Date): Promise<{ offers: number; nudges: number }> {
  // Every minute reads sixty days of meetings without a final record: only what deciding
  // needs. Leaders and settings are read for the few that have something due.
  const ended = await db.$queryRaw<EndedMeeting[]>(Prisma.sql`
    SELECT m."id", m."revision", m."orgId", m."startsAt", m."durationMinutes", o."path", o."timezone"
    FROM "Meeting" m
    JOIN "Org" o ON o."id" = m."orgId"
    LEFT JOIN "MeetingRecord" r ON r."meetingId" = m."id"
    WHERE m."status" = 'confirmed' AND m."startsAt" <= ${dialectOf(db).instant(now)} AND m."startsAt" >= ${dialectOf(db).instant(new Date(now.getTime() - 60 * DAY))}
      AND (r."meetingId" IS NULL OR r."state" = 'draft')`);
  const open = ended.filter((m) => m.startsAt.getTime() + m.durationMinutes * 60_000 <= now.getTime());
  if (open.length === 0) return { offers: 0, nudges: 0 };
  // Offers and the day's nudges already handled are skipped with one query.
  const markOf = (meeting: { id: number; revision: number }, dayKey: string, overdue: boolean) =>
    overdue ? `record-nudge:${meeting.id}:${dayKey}` : `record-offer:${meeting.id}:${meeting.revision}`;
  // Time-zone arithmetic about `now`, once per zone (and quiet hours) rather than per meeting.
  const today = memoize((timeZone: string) => {
    const local = toLocal(now, timeZone);
    return `${local.year}-${local.month}-${local.day}`;
  });
  const quietNow = memoize((timeZone: string, start: string, end: string) => isQuiet(now, timeZone, { start, end }));
  const allowedFrom = memoize((timeZone: string, start: string, end: string) => nextAllowed(now, timeZone, { start, end }));
  const candidates = open.map((m) => {
    const overdue = Math.floor((now.getTime() - (m.startsAt.getTime() + m.durationMinutes * 60_000)) / DAY) >= NUDGE_AFTER_DAYS;
    return { meeting: m, mark: markOf(m, today(m.timezone), overdue) };
  });
  const handled = await handledKeys(db, candidates.map((c) => c.mark));
  const pending = candidates.filter((c) => !handled.has(c.mark));
  if (pending.length === 0) return { offers: 0, nudges: 0 };
  const leaders = groupBy(await leadersOfCells(db, [...new Set(pending.map((c) => c.meeting.orgId))]), (l) => l.orgId);
  const settings = await settingsOfPaths(db, [...new Set(pending.map((c) => c.meeting.path))]);
  // Meetings of an evening share their texts: each is rendered once per language.
  const when = memoize((locale: string, startsAt: number, timeZone: string) => formatWhen(t, locale, new Date(startsAt), timeZone));
  const label = memoize((locale: string) => t(locale, "attendance-open"));
  const items: OutboxItem[] = [];
  const marks: string[] = [];
  let offers = 0;
  let nudges = 0;
  for (const { meeting, mark } of pending) {
    const { start, end } = settings.get(meeting.path)!.quietHours;
    const quiet = quietNow(meeting.timezone, start, end);
    const endedAt = meeting.startsAt.getTime() + meeting.durationMinutes * 60_000;
    const overdueDays = Math.floor((now.getTime() - endedAt) / DAY);
    const dayKey = today(meeting.timezone);
    const offer = memoize((locale: string) => t(locale, "record-offer", { when: when(locale, meeting.startsAt.getTime(), meeting.timezone) }));
    const nudge = memoize((locale: string) =>
      t(locale, "record-nudge", { when: when(locale, meeting.startsAt.getTime(), meeting.timezone), days: overdueDays }),
    );
    for (const l of leaders.get(meeting.orgId) ?? []) {
      const locale = l.locale ?? "vi";
      const base = { chatId: l.telegramChatId, personId: l.personId, orgId: meeting.orgId, meetingId: meeting.id };
      const button = new InlineKeyboard().text(label(locale), openListButton.encode({ action: "o", meetingId: meeting.id }));
      if (overdueDays < NUDGE_AFTER_DAYS) {
        items.push({
          ...base,
          key: `record-offer:${meeting.id}:${meeting.revision}:${l.personId}`,
          kind: "record_offer",
          payload: { text: offer(locale), replyMarkup: button },
          notBefore: allowedFrom(meeting.timezone, start, end),
        });
        offers++;
      } else if (!quiet) {
        items.push({
          ...base,
          key: `record-nudge:${meeting.id}:${dayKey}:${l.personId}`,
          kind: "record_nudge",
          payload: { text: nudge(locale), replyMarkup: button },
          notBefore: now,
        });
        nudges++;
      }
    }
    // A nudge due in quiet hours is not marked, so the morning tick sends it.
    if (overdueDays < NUDGE_AFTER_DAYS || !quiet) marks.push(mark);
  }
  await enqueue(db, items, now);
  await markHandled(db, marks.map((key) => ({ key, outcome: "queued" })));
  return { offers, nudges };
}

/** The linked, reachable secretaries and deputies of many cells, in one query. */
async function leadersOfCells(db: Db, orgIds: number[]) {
  return db.$queryRaw<{ orgId: number; personId: number; telegramChatId: string; locale: string | null }[]>(Prisma.sql`
    SELECT m."orgId", m."personId", p."telegramChatId", p."locale"
    FROM "Membership" m JOIN "Person" p ON p."id" = m."personId"
    WHERE m."orgId" IN ${idList(db, orgIds)} AND m."role" IN ('secretary', 'deputy') AND ${inForceSql("m")}
      AND p."telegramChatId" IS NOT NULL AND p."unreachableAt" IS NULL
    ORDER BY m."orgId", m."personId"`);
}

function groupBy<T, K>(rows: T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
