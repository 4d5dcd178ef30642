// What the scheduler does for upper committees on each tick:
// - the weekly digest of every non-cell organisation, on its day and time (settings
//   digestWeekday/digestTime, default Monday 07:30), to each linked committee member;
// - from escalationDay (default 20) of a month, a nudge to the secretaries of cells with
//   no regular meeting scheduled for it;
// - in the first days of a month, the cells that did not hold last month's regular
//   meeting, reported at once to the organisation directly above each of them.
// Each is marked handled (plan marks) after its messages are queued with unique keys,
// so a second tick, a second instance or a restart never sends anything twice.
import { translate as t } from "../../bot/i18n.js";
import type { Db } from "../../db/client.js";
import { handledKeys, markHandled } from "../../db/plan-marks.js";
import { enqueue, type OutboxItem } from "../../delivery/outbox.js";
import { digestDueNow, missedByParent, monthJustEnded, nudgeMonth, type MissedCell } from "../../domain/committee-calendar.js";
import { buildDigest, type Digest, type DigestInput } from "../../domain/digest.js";
import { isQuiet, nextAllowed } from "../../domain/quiet.js";
import { resolveSettings, type OrgSettings } from "../../domain/settings.js";
import { idsOnPath } from "../../domain/tree.js";
import { addMonths, monthStart } from "../../domain/zoned.js";
import type { Logger } from "../../logger.js";
import { cellLeaders, committeeOrgs, committeeReaders, groupBy, type CommitteeOrg, type Reader } from "./committees.js";
import { digestInput, digestInputsOf } from "./data.js";
import { digestItems, renderDigest, type RenderedDigest } from "./messages.js";

/**
 * Digests built in one tick at most; the rest wait for the next minute's tick. Keeps a
 * province's Monday morning (some two hundred committees, each with a chart) from
 * holding the scheduler for long in one go.
 */
export const DIGESTS_PER_TICK = 50;

/** Cells named in one month-end message; the rest are counted. */
export const MONTH_END_LIST_LIMIT = 30;

const WEEK_MS = 7 * 86_400_000;

export interface DigestTickSummary {
  digests: number;
  digestMessages: number;
  nudges: number;
  monthEndReports: number;
}

export async function runDigestTick(db: Db, now: Date, logger: Logger): Promise<DigestTickSummary> {
  const orgs = await committeeOrgs(db);
  const settingsOf = settingsResolver(orgs);
  const summary = { digests: 0, digestMessages: 0, nudges: 0, monthEndReports: 0 };
  const weekly = await weeklyDigests(db, orgs, settingsOf, now, logger);
  summary.digests = weekly.digests;
  summary.digestMessages = weekly.messages;
  for (const root of orgs.filter((o) => o.parentId === null)) {
    const escalated = await escalate(db, root, settingsOf(root), now);
    summary.nudges += escalated.nudges;
    summary.monthEndReports += escalated.reports;
  }
  return summary;
}

/** Settings of a committee from its own and its ancestors' stored JSON (all non-cell). */
function settingsResolver(orgs: CommitteeOrg[]): (org: CommitteeOrg) => OrgSettings {
  const raw = new Map(orgs.map((o) => [o.id, o.settings]));
  return (org) => resolveSettings(idsOnPath(org.path).map((id) => raw.get(id) ?? "{}"));
}

async function weeklyDigests(db: Db, orgs: CommitteeOrg[], settingsOf: (org: CommitteeOrg) => OrgSettings, now: Date, logger: Logger) {
  const due = orgs.flatMap((org) => {
    const settings = settingsOf(org);
    const when = digestDueNow(now, org.timezone, settings.digestWeekday, settings.digestTime);
    return when ? [{ org, settings, dueAt: when.dueAt, key: `digest:${org.id}:${when.week}` }] : [];
  });
  const handled = await handledKeys(db, due.map((d) => d.key));
  const pending = due.filter((d) => !handled.has(d.key)).slice(0, DIGESTS_PER_TICK);
  const readers = groupBy(await committeeReaders(db, pending.map((p) => p.org.id)), (r) => r.orgId);
  const byOrg = new Map(pending.map((p) => [p.org.id, p]));
  const withReaders = pending.filter((p) => readers.has(p.org.id)).map((p) => p.org);
  // Nobody to tell: recorded, so the tick does not come back to it every minute.
  const unread = pending.filter((p) => !readers.has(p.org.id));
  for (const { org } of unread) logger.info({ org: org.code }, "digest skipped: no linked committee member");
  await markHandled(db, unread.map((p) => ({ key: p.key, outcome: "no-readers" })));
  let digests = 0;
  let messages = 0;
  // A province and its communes are due together: loaded once, cut for each committee.
  for await (const [org, input] of digestInputsOf(db, withReaders, settingsOf, now)) {
    const { settings, dueAt, key } = byOrg.get(org.id)!;
    const digest = buildDigest(input);
    const rendered = new Map<string, RenderedDigest>();
    const items: OutboxItem[] = [];
    const notBefore = nextAllowed(now, org.timezone, settings.quietHours);
    for (const reader of readers.get(org.id)!) {
      if (!rendered.has(reader.locale)) rendered.set(reader.locale, await renderDigest(t, reader.locale, digest, org.timezone));
      items.push(...digestItems(t, reader, rendered.get(reader.locale)!, key, org.id, notBefore, new Date(dueAt.getTime() + WEEK_MS)));
    }
    messages += await enqueue(db, items);
    await markHandled(db, [{ key, outcome: "queued" }]);
    digests++;
  }
  return { digests, messages };
}

/** The day-20 nudge and the month-end report for one tree, from one digest of its root. */
async function escalate(db: Db, root: CommitteeOrg, settings: OrgSettings, now: Date) {
  // Quiet hours: the nudge waits for the morning; the month-end report is queued at once
  // and held by the outbox until the morning.
  const nudgeFor = isQuiet(now, root.timezone, settings.quietHours) ? undefined : nudgeMonth(now, root.timezone, settings.escalationDay);
  const endedMonth = monthJustEnded(now, root.timezone);
  const nudgeKey = nudgeFor && `escalate-nudge:${root.id}:${nudgeFor}`;
  const reportKey = endedMonth && `escalate-month:${root.id}:${endedMonth}`;
  const handled = await handledKeys(db, [nudgeKey, reportKey].filter((k): k is string => Boolean(k)));
  const wantNudge = nudgeKey && !handled.has(nudgeKey);
  const wantReport = reportKey && !handled.has(reportKey);
  if (!wantNudge && !wantReport) return { nudges: 0, reports: 0 };

  const input = await digestInput(db, root, now);
  const digest = buildDigest(input);
  const notBefore = nextAllowed(now, root.timezone, settings.quietHours);
  const nudges = wantNudge ? await nudgeUnscheduled(db, digest, now, root.timezone, settings.escalationDay) : 0;
  const reports = wantReport ? await reportMissedMonth(db, input, digest, notBefore) : 0;
  await markHandled(db, [wantNudge ? nudgeKey : undefined, wantReport ? reportKey : undefined].filter((k): k is string => Boolean(k)).map((key) => ({ key, outcome: "queued" })));
  return { nudges, reports };
}

async function nudgeUnscheduled(db: Db, digest: Digest, now: Date, timeZone: string, day: number): Promise<number> {
  const cells = new Map(digest.notScheduledThisMonth.map((c) => [c.cellId, c]));
  const leaders = await cellLeaders(db, [...cells.keys()]);
  const [year, month] = digest.thisMonth.split("-");
  const items = leaders.map((l): OutboxItem => ({
    key: `escalate-nudge:${l.orgId}:${digest.thisMonth}:${l.personId}`,
    chatId: l.chatId,
    personId: l.personId,
    orgId: l.orgId,
    kind: "escalation_nudge",
    payload: { text: t(l.locale, "escalation-nudge", { cell: cells.get(l.orgId)!.name, month: `${Number(month)}/${year}`, day }) },
    notBefore: now,
    // A nudge about this month is useless once the month is over.
    expiresAt: monthStart(addMonths(digest.thisMonth, 1), timeZone),
  }));
  return enqueue(db, items);
}

async function reportMissedMonth(db: Db, input: DigestInput, digest: Digest, notBefore: Date): Promise<number> {
  const byParent = missedByParent(input, digest);
  const readers = await committeeReaders(db, [...byParent.keys()]);
  const names = new Map(input.orgs.map((o) => [o.id, o.name]));
  const items: OutboxItem[] = [];
  for (const [parentId, parentReaders] of groupBy(readers, (r) => r.orgId)) {
    for (const reader of parentReaders) {
      items.push({
        key: `escalate-month:${parentId}:${digest.lastMonth}:${reader.personId}`,
        chatId: reader.chatId,
        personId: reader.personId,
        orgId: parentId,
        kind: "escalation_month_end",
        payload: { text: monthEndText(reader, names.get(parentId) ?? "", digest.lastMonth, byParent.get(parentId)!) },
        notBefore,
      });
    }
  }
  return enqueue(db, items);
}

function monthEndText(reader: Reader, orgName: string, month: string, cells: MissedCell[]): string {
  const [year, m] = month.split("-");
  const lines = [t(reader.locale, "escalation-month-end", { org: orgName, month: `${Number(m)}/${year}`, count: cells.length })];
  for (const cell of cells.slice(0, MONTH_END_LIST_LIMIT)) {
    const key = cell.recordPending ? "escalation-month-end-pending" : "escalation-month-end-line";
    lines.push(`• ${t(reader.locale, key, { cell: cell.name, secretary: cell.secretary ?? "—" })}`);
  }
  if (cells.length > MONTH_END_LIST_LIMIT) lines.push(t(reader.locale, "escalation-month-end-more", { count: cells.length - MONTH_END_LIST_LIMIT }));
  return lines.join("\n");
}

