// What the scheduler does for rosters: a probationary member's twelve months must not
// run out unnoticed. Ahead of the end (probationReminderDays, a setting; 30 by default)
// the cell's secretary and deputies are told, once per member, that the cell must
// consider the move to official (../shared/notes/domain.md, "membership over time").
//
// Who counts: a current home period in a cell with status "probationary" (or
// "transferred" while the member attends elsewhere as a probationary member: the home
// cell decides), and Person.admittedOn set. Person.probationRemindedAt records the
// reminder; a new admission (addMember) clears it. The outbox keys carry the admission
// day, so a rerun, a second instance or a crash before the mark queues nothing twice.
//
// Day-level precision is enough, so the scan runs once an hour (a `probation-scan:`
// plan mark claims each hour): it reads probationary members admitted long enough ago,
// never one query per cell.
import type { Db } from "../../db/client.js";
import { translate as t } from "../../bot/i18n.js";
import { enqueue, type OutboxItem } from "../../delivery/outbox.js";
import { dialectOf } from "../../db/dialect.js";
import { claimOnce } from "../../db/plan-marks.js";
import { inChunks } from "../../db/chunks.js";
import { Prisma } from "../../generated/prisma/client.js";
import { nextAllowed } from "../../domain/quiet.js";
import { isoDay, localDay, probationEndDay, probationReminderFrom } from "../../domain/probation.js";
import { formatLocalDay } from "../../domain/past-date.js";
import { memoize } from "../../lib/memoize.js";
import { leadersOfCells } from "../../org/people.js";
import { settingsOfPaths } from "../../org/settings.js";

const DAY_MS = 86_400_000;
/**
 * Members admitted more recently than this are not read: the end is at least 365 days
 * after admission and the setting allows 180 days ahead at most (a day's margin for
 * time zones).
 */
const READ_AFTER_DAYS = 365 - 180 - 2;

interface Candidate {
  personId: number | bigint;
  fullName: string;
  admittedOn: Date | string;
  orgId: number | bigint;
  orgName: string;
  path: string;
  timezone: string;
}

/** The hour's scan, claimed once across instances: "probation-scan:2026-11-23T07". */
export function scanKey(now: Date): string {
  return `probation-scan:${now.toISOString().slice(0, 13)}`;
}

export async function runProbationTick(db: Db, now: Date): Promise<{ probationReminders: number }> {
  if (!(await claimOnce(db, scanKey(now)))) return { probationReminders: 0 };
  return remindProbations(db, now);
}

/** The reminders due at `now`, queued; the scan itself, without the hourly claim (for tests). */
export async function remindProbations(db: Db, now: Date): Promise<{ probationReminders: number }> {
  const dialect = dialectOf(db);
  const admittedBy = dialect.instant(new Date(now.getTime() - READ_AFTER_DAYS * DAY_MS));
  const rows = await db.$queryRaw<Candidate[]>(Prisma.sql`
    SELECT p."id" AS "personId", p."fullName", p."admittedOn", m."orgId", o."name" AS "orgName", o."path", o."timezone"
    FROM "Person" p
    JOIN "Membership" m ON m."personId" = p."id"
    JOIN "Org" o ON o."id" = m."orgId"
    WHERE p."admittedOn" IS NOT NULL AND p."admittedOn" <= ${admittedBy} AND p."probationRemindedAt" IS NULL
      AND m."kind" = 'home' AND m."endedOn" IS NULL AND o."kind" = 'cell'
      AND (m."status" = 'probationary' OR (m."status" = 'transferred' AND EXISTS (
        SELECT 1 FROM "Membership" a
        WHERE a."personId" = m."personId" AND a."kind" = 'attached' AND a."endedOn" IS NULL AND a."status" = 'probationary')))
    ORDER BY p."id"`);
  if (rows.length === 0) return { probationReminders: 0 };
  const settings = await settingsOfPaths(db, [...new Set(rows.map((r) => r.path))]);
  const due = rows
    .map((r) => ({ ...r, personId: Number(r.personId), orgId: Number(r.orgId), admittedOn: new Date(r.admittedOn) }))
    .filter((r) => probationReminderFrom(r.admittedOn, r.timezone, settings.get(r.path)!.probationReminderDays).getTime() <= now.getTime());
  if (due.length === 0) return { probationReminders: 0 };

  const leaders = await leadersOfCells(db, [...new Set(due.map((r) => r.orgId))]);
  const allowedFrom = memoize((timeZone: string, start: string, end: string) => nextAllowed(now, timeZone, { start, end }));
  const items: OutboxItem[] = [];
  const reminded: number[] = [];
  for (const member of due) {
    const { quietHours } = settings.get(member.path)!;
    const admitted = localDay(member.admittedOn, member.timezone);
    const ends = probationEndDay(member.admittedOn, member.timezone);
    const passed = isoDay(ends) < isoDay(localDay(now, member.timezone));
    const notBefore = allowedFrom(member.timezone, quietHours.start, quietHours.end);
    const to = (leaders.get(member.orgId) ?? []).filter((l) => l.chatId !== null);
    for (const leader of to) {
      items.push({
        key: `probation:${member.personId}:${isoDay(admitted)}:${leader.personId}`,
        chatId: leader.chatId!,
        personId: leader.personId,
        orgId: member.orgId,
        kind: "probation_reminder",
        payload: {
          text: t(leader.locale, "probation-reminder", {
            member: member.fullName,
            org: member.orgName,
            admitted: formatLocalDay(admitted),
            ends: formatLocalDay(ends),
            passed: passed ? "yes" : "no",
          }),
        },
        notBefore,
      });
    }
    // A cell with nobody to tell keeps the member unmarked: its leader, once linked, hears of it.
    if (to.length > 0) reminded.push(member.personId);
  }
  await enqueue(db, items, now);
  await inChunks(reminded, async (part) => {
    await db.person.updateMany({ where: { id: { in: part }, probationRemindedAt: null }, data: { probationRemindedAt: now } });
    return [];
  });
  return { probationReminders: items.length };
}
