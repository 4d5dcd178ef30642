// What the scheduler does for upper committees on each tick:
// - the weekly digest of every non-cell organisation, on its day and time (settings
//   digestWeekday/digestTime, default Monday 07:30), to each linked committee member;
// - from escalationDay (default 20) of a month, a nudge to the secretaries of cells with
//   no regular meeting scheduled for it; the day, quiet hours and time zone are those of
//   the committee directly above the cell (its own settings or inherited);
// - in the first days of a month, the cells that did not hold last month's regular
//   meeting, reported at once to the organisation directly above each of them, outside
//   that organisation's quiet hours.
// Each is marked handled (plan marks) after its messages are queued with unique keys,
// so a second tick, a second instance or a restart never sends anything twice.
import { translate as t } from "../../bot/i18n.js";
import type { Db } from "../../db/client.js";
import { handledKeys, markHandled } from "../../db/plan-marks.js";
import { enqueue, type OutboxItem } from "../../delivery/outbox.js";
import type { TickContext } from "../feature.js";
import { channelOf } from "../../bot/channels.js";
import { digestDueNow, missedByParent, monthJustEnded, nudgeMonth, type MissedCell } from "../../domain/committee-calendar.js";
import { buildDigest, type Digest, type DigestInput } from "../../domain/digest.js";
import { isQuiet, nextAllowed } from "../../domain/quiet.js";
import { settingsAlongPaths, type OrgSettings } from "../../domain/settings.js";
import { addMonths, monthLabel, monthStart } from "../../domain/zoned.js";
import type { Logger } from "../../logger.js";
import { cellLeaders, committeeOrgs, committeeReaders, groupBy, type CommitteeOrg, type Reader } from "./committees-data.js";
import { digestInput, digestInputsOf } from "./data.js";
import { dashboardButton, digestItems, renderDigest, type RenderedDigest } from "./messages.js";
import { memoize } from "../../lib/memoize.js";

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

export async function runDigestTick(db: Db, now: Date, logger: Logger, context: TickContext = {}): Promise<DigestTickSummary> {
  const orgs = await committeeOrgs(db);
  const settingsOf = settingsResolver(orgs);
  const summary = { digests: 0, digestMessages: 0, nudges: 0, monthEndReports: 0 };
  const weekly = await weeklyDigests(db, orgs, settingsOf, now, logger, context);
  summary.digests = weekly.digests;
  summary.digestMessages = weekly.messages;
  for (const root of orgs.filter((o) => o.parentId === null)) {
    const tree = orgs.filter((o) => o.path.startsWith(root.path));
    const escalated = await escalate(db, root, tree, settingsOf, now);
    summary.nudges += escalated.nudges;
    summary.monthEndReports += escalated.reports;
  }
  return summary;
}

/** Settings of a committee from its own and its ancestors' stored JSON (all non-cell). */
function settingsResolver(orgs: CommitteeOrg[]): (org: CommitteeOrg) => OrgSettings {
  // A country's 55,000 committees mostly inherit the same few chains: resolved once each.
  const settingsAt = settingsAlongPaths(new Map(orgs.map((o) => [o.id, o.settings])));
  return (org) => settingsAt(org.path);
}


async function weeklyDigests(db: Db, orgs: CommitteeOrg[], settingsOf: (org: CommitteeOrg) => OrgSettings, now: Date, logger: Logger, context: TickContext) {
  // Once per time zone, weekday and time, not once per committee: a country's share a few.
  const dueOf = memoize((timeZone: string, weekday: number, time: string) => digestDueNow(now, timeZone, weekday, time));
  const due = orgs.flatMap((org) => {
    const settings = settingsOf(org);
    const when = dueOf(org.timezone, settings.digestWeekday, settings.digestTime);
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
      const expiresAt = new Date(dueAt.getTime() + WEEK_MS);
      const viewer = { personId: reader.personId, channel: channelOf(reader.chatId) };
      const dashboard = dashboardButton(t(reader.locale, "report-dashboard"), viewer, org.id, context.links, expiresAt);
      items.push(...digestItems(t, reader, rendered.get(reader.locale)!, key, org.id, notBefore, expiresAt, dashboard));
    }
    messages += await enqueue(db, items, now);
    await markHandled(db, [{ key, outcome: "queued" }]);
    digests++;
  }
  return { digests, messages };
}

/**
 * Committees of a tree that nudge their cells alike: same time zone, escalation day and
 * quiet hours. Usually the whole tree is one group; a commune with its own day is another.
 * A group is named by its first committee (ids ascending, so the root's group by the root).
 */
function nudgeGroups(tree: CommitteeOrg[], settingsOf: (org: CommitteeOrg) => OrgSettings) {
  const groups = new Map<string, { first: CommitteeOrg; settings: OrgSettings; committees: Set<number> }>();
  const signatures = new Map<OrgSettings, string>(); // settingsOf shares one object per chain
  for (const org of tree) {
    const settings = settingsOf(org);
    let nudging = signatures.get(settings);
    if (nudging === undefined) signatures.set(settings, (nudging = JSON.stringify([settings.escalationDay, settings.quietHours])));
    const signature = `${org.timezone} ${nudging}`;
    const group = groups.get(signature);
    if (group) group.committees.add(org.id);
    else groups.set(signature, { first: org, settings, committees: new Set([org.id]) });
  }
  return [...groups.values()];
}

/** The nudge and the month-end report for one tree, from one digest of its root. */
async function escalate(db: Db, root: CommitteeOrg, tree: CommitteeOrg[], settingsOf: (org: CommitteeOrg) => OrgSettings, now: Date) {
  // Quiet hours: the nudge waits for the morning; the month-end report is queued at once
  // and held by the outbox until the morning of the committee it goes to.
  const nudging = nudgeGroups(tree, settingsOf).flatMap(({ first, settings, committees }) => {
    const month = isQuiet(now, first.timezone, settings.quietHours) ? undefined : nudgeMonth(now, first.timezone, settings.escalationDay);
    return month ? [{ key: `escalate-nudge:${first.id}:${month}`, month, day: settings.escalationDay, timeZone: first.timezone, committees }] : [];
  });
  const endedMonth = monthJustEnded(now, root.timezone);
  const reportKey = endedMonth && `escalate-month:${root.id}:${endedMonth}`;
  const handled = await handledKeys(db, [...nudging.map((n) => n.key), ...(reportKey ? [reportKey] : [])]);
  const wanted = nudging.filter((n) => !handled.has(n.key));
  const wantReport = reportKey && !handled.has(reportKey);
  if (wanted.length === 0 && !wantReport) return { nudges: 0, reports: 0 };

  const input = await digestInput(db, root, now);
  const digest = buildDigest(input);
  const parentOf = new Map(input.orgs.map((o) => [o.id, o.parentId]));
  let nudges = 0;
  const marks: string[] = [];
  for (const group of wanted) {
    // A group in another time zone may be in another month than the root's digest: later.
    if (group.month !== digest.thisMonth) continue;
    const cells = digest.notScheduledThisMonth.filter((c) => group.committees.has(parentOf.get(c.cellId) ?? -1));
    nudges += await nudgeUnscheduled(db, cells, digest.thisMonth, now, group.timeZone, group.day);
    marks.push(group.key);
  }
  const committees = new Map(tree.map((o) => [o.id, o]));
  const notBefore = (parentId: number) => {
    const parent = committees.get(parentId) ?? root;
    return nextAllowed(now, parent.timezone, settingsOf(parent).quietHours);
  };
  const reports = wantReport ? await reportMissedMonth(db, input, digest, notBefore, now) : 0;
  if (wantReport) marks.push(reportKey);
  await markHandled(db, marks.map((key) => ({ key, outcome: "queued" })));
  return { nudges, reports };
}

async function nudgeUnscheduled(db: Db, unscheduled: Digest["notScheduledThisMonth"], thisMonth: string, now: Date, timeZone: string, day: number): Promise<number> {
  if (unscheduled.length === 0) return 0;
  const cells = new Map(unscheduled.map((c) => [c.cellId, c]));
  const leaders = await cellLeaders(db, [...cells.keys()]);
  const items = leaders.map((l): OutboxItem => ({
    key: `escalate-nudge:${l.orgId}:${thisMonth}:${l.personId}`,
    chatId: l.chatId,
    personId: l.personId,
    orgId: l.orgId,
    kind: "escalation_nudge",
    payload: { text: t(l.locale, "escalation-nudge", { cell: cells.get(l.orgId)!.name, month: monthLabel(thisMonth), day }) },
    notBefore: now,
    // A nudge about this month is useless once the month is over.
    expiresAt: monthStart(addMonths(thisMonth, 1), timeZone),
  }));
  return enqueue(db, items, now);
}

async function reportMissedMonth(db: Db, input: DigestInput, digest: Digest, notBefore: (parentId: number) => Date, now: Date): Promise<number> {
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
        notBefore: notBefore(parentId),
      });
    }
  }
  return enqueue(db, items, now);
}

function monthEndText(reader: Reader, orgName: string, month: string, cells: MissedCell[]): string {
  const lines = [t(reader.locale, "escalation-month-end", { org: orgName, month: monthLabel(month), count: cells.length })];
  for (const cell of cells.slice(0, MONTH_END_LIST_LIMIT)) {
    const key = cell.recordPending ? "escalation-month-end-pending" : "escalation-month-end-line";
    lines.push(`• ${t(reader.locale, key, { cell: cell.name, secretary: cell.secretary ?? "—" })}`);
  }
  if (cells.length > MONTH_END_LIST_LIMIT) lines.push(t(reader.locale, "escalation-month-end-more", { count: cells.length - MONTH_END_LIST_LIMIT }));
  return lines.join("\n");
}

