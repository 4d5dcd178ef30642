// What the scheduler does after meetings: when a meeting ends, offer the secretary the
// attendance list; when its record is still missing 2 days later, nudge once a day.
import { inChunks } from "../../db/chunks.js";
import { InlineKeyboard } from "grammy";
import type { Db } from "../../db/client.js";
import { translate as t } from "../../bot/i18n.js";
import { enqueue, type OutboxItem } from "../../delivery/outbox.js";
import { isQuiet, nextAllowed } from "../../domain/quiet.js";
import { resolveSettings } from "../../domain/settings.js";
import { idsOnPath } from "../../domain/tree.js";
import { toLocal } from "../../domain/zoned.js";
import { formatWhen } from "../meetings/format.js";
import { handledKeys, markHandled } from "../../db/plan-marks.js";

const DAY = 86_400_000;
/** After this many days without a record, the secretary is nudged each day. */
export const NUDGE_AFTER_DAYS = 2;
/** Past this, the committee digest lists the record as overdue (upper committees issue). */
export const OVERDUE_AFTER_DAYS = 5;

export async function runRecordsTick(db: Db, now: Date): Promise<{ offers: number; nudges: number }> {
  const ended = await db.meeting.findMany({
    where: {
      status: "confirmed",
      startsAt: { lte: now, gte: new Date(now.getTime() - 60 * DAY) },
      OR: [{ record: null }, { record: { state: "draft" } }],
    },
    include: { org: true },
  });
  const open = ended.filter((m) => m.startsAt.getTime() + m.durationMinutes * 60_000 <= now.getTime());
  if (open.length === 0) return { offers: 0, nudges: 0 };
  const orgIds = [...new Set(open.map((m) => m.orgId))];
  const leaders = await inChunks(orgIds, (part) =>
    db.membership.findMany({
      where: { orgId: { in: part }, role: { in: ["secretary", "deputy"] }, person: { telegramChatId: { not: null }, unreachableAt: null } },
      include: { person: true },
    }),
  );
  const settingsRows = await inChunks([...new Set(open.flatMap((m) => idsOnPath(m.org.path)))], (part) =>
    db.org.findMany({ where: { id: { in: part } }, select: { id: true, settings: true } }),
  );
  const raw = new Map(settingsRows.map((o) => [o.id, o.settings]));
  // Offers and the day's nudges already handled are skipped with one query.
  const markOf = (meeting: { id: number; revision: number }, dayKey: string, overdue: boolean) =>
    overdue ? `record-nudge:${meeting.id}:${dayKey}` : `record-offer:${meeting.id}:${meeting.revision}`;
  const candidates = open.map((m) => {
    const local = toLocal(now, m.org.timezone);
    const overdue = Math.floor((now.getTime() - (m.startsAt.getTime() + m.durationMinutes * 60_000)) / DAY) >= NUDGE_AFTER_DAYS;
    return markOf(m, `${local.year}-${local.month}-${local.day}`, overdue);
  });
  const handled = await handledKeys(db, candidates);
  const items: OutboxItem[] = [];
  const marks: string[] = [];
  let offers = 0;
  let nudges = 0;
  for (const [index, meeting] of open.entries()) {
    if (handled.has(candidates[index])) continue;
    const settings = resolveSettings(idsOnPath(meeting.org.path).map((id) => raw.get(id) ?? "{}"));
    const endedAt = meeting.startsAt.getTime() + meeting.durationMinutes * 60_000;
    const overdueDays = Math.floor((now.getTime() - endedAt) / DAY);
    const localDay = toLocal(now, meeting.org.timezone);
    const dayKey = `${localDay.year}-${localDay.month}-${localDay.day}`;
    for (const l of leaders.filter((m) => m.orgId === meeting.orgId)) {
      const locale = l.person.locale ?? "vi";
      const base = { chatId: l.person.telegramChatId!, personId: l.personId, orgId: meeting.orgId, meetingId: meeting.id };
      const button = new InlineKeyboard().text(t(locale, "attendance-open"), `at:o:${meeting.id}`);
      const when = formatWhen(t, locale, meeting.startsAt, meeting.org.timezone);
      if (overdueDays < NUDGE_AFTER_DAYS) {
        items.push({
          ...base,
          key: `record-offer:${meeting.id}:${meeting.revision}:${l.personId}`,
          kind: "record_offer",
          payload: { text: t(locale, "record-offer", { when }), replyMarkup: button },
          notBefore: nextAllowed(now, meeting.org.timezone, settings.quietHours),
        });
        offers++;
      } else if (!isQuiet(now, meeting.org.timezone, settings.quietHours)) {
        items.push({
          ...base,
          key: `record-nudge:${meeting.id}:${dayKey}:${l.personId}`,
          kind: "record_nudge",
          payload: { text: t(locale, "record-nudge", { when, days: overdueDays }), replyMarkup: button },
          notBefore: now,
        });
        nudges++;
      }
    }
    // A nudge due in quiet hours is not marked, so the morning tick sends it.
    if (overdueDays < NUDGE_AFTER_DAYS || !isQuiet(now, meeting.org.timezone, settings.quietHours)) marks.push(candidates[index]);
  }
  await enqueue(db, items);
  await markHandled(db, marks.map((key) => ({ key, outcome: "queued" })));
  return { offers, nudges };
}
