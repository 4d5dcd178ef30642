// `chibo outbox`: what happened to the bot's messages, for the operator. For the
// messages queued in a window (default the last 24 hours): counts by status and
// messenger, what was not delivered grouped by reason, the people Telegram or Zalo
// marked unreachable; and, whatever the window, the messages due now and not yet sent,
// with their next attempt. `chibo doctor` points here when something failed.
import { parseArgs } from "node:util";
import type { Db } from "../db/client.js";
import { parseDuration } from "../domain/invite.js";
import { formatLocalDateTime } from "../domain/time.js";
import { UsageError, type CliContext, openCliDatabase } from "./io.js";
import { IN_FORCE } from "../db/memberships.js";
import { budgetMonth, paidBroadcastSpending, type PaidBroadcast } from "../delivery/paid-broadcast.js";
import { paidBroadcastConfig } from "../config.js";

/** Why a message was not delivered: lastError (sender.ts, outbox.ts, features) in a few words. */
export type FailureReason =
  | "blocked"
  | "deactivated"
  | "kicked"
  | "forbidden"
  | "unreachable-earlier"
  | "chat-not-found"
  | "too-long"
  | "bad-request"
  | "gave-up-server"
  | "gave-up-network"
  | "gave-up-setup"
  | "expired"
  | "meeting-changed"
  | "follow-ended"
  | "bad-payload"
  | "other";

/** Dropped on purpose (the meeting moved, a follow ended): not a fault to look into. */
const INTENDED: ReadonlySet<FailureReason> = new Set(["meeting-changed", "follow-ended"]);

const STATUSES = ["sent", "failed", "dropped", "pending", "sending"] as const;
/** Rows listed as waiting (the count covers all of them). */
const WAITING_LISTED = 200;
const WAITING_PRINTED = 20;

/** A Bot API error as the sender records it: "403: Forbidden: bot was blocked by the user". */
function apiFailure(code: string, text: string): FailureReason {
  if (code === "403") {
    if (text.includes("blocked")) return "blocked";
    if (text.includes("deactivated")) return "deactivated";
    if (text.includes("kicked") || text.includes("not a member")) return "kicked";
    return "forbidden";
  }
  if (text.includes("chat not found") || text.includes("user not found")) return "chat-not-found";
  if (text.includes("too long")) return "too-long";
  return code.startsWith("4") ? "bad-request" : "other";
}

/** A retried error the sender gave up on: the server failing, the network, or the setup (token, API root). */
function gaveUp(cause: string): FailureReason {
  const code = /^(\d{3}):/.exec(cause)?.[1];
  if (code === "401" || code === "404") return "gave-up-setup";
  if (code?.startsWith("5")) return "gave-up-server";
  return "gave-up-network";
}

export function failureReason(lastError: string | null): FailureReason {
  const text = (lastError ?? "").trim().toLowerCase();
  if (text.startsWith("expired")) return "expired";
  if (text.startsWith("dropped: meeting")) return "meeting-changed";
  if (text.startsWith("dropped: follow")) return "follow-ended";
  if (text.startsWith("recipient unreachable")) return "unreachable-earlier";
  if (text.startsWith("payload is not valid json")) return "bad-payload";
  const retried = /^gave up after \d+ attempts: (.*)$/s.exec(text);
  if (retried) return gaveUp(retried[1]!);
  const code = /^(\d{3}):/.exec(text)?.[1];
  return code ? apiFailure(code, text) : "other";
}

export interface OutboxReport {
  since: string;
  now: string;
  /** Messages queued in the window, by status. */
  byStatus: Record<string, number>;
  /** The same, per messenger. */
  byChannel: Record<string, Record<string, number>>;
  /** Failed or dropped messages of the window: faults first, the most frequent first. */
  notDelivered: { status: string; reason: FailureReason; intended: boolean; count: number; example: string | null }[];
  /** Failed or dropped for a reason worth looking into (not a meeting that moved). */
  faults: number;
  unreachable: { personId: number; name: string; orgs: string[]; since: string }[];
  /** Due now (or retrying) and not sent yet, whenever queued; oldest first. */
  waiting: {
    count: number;
    oldestWaitingMinutes: number | null;
    rows: { id: number; key: string; kind: string; channel: string; chatId: string; status: string; attempts: number; dueSince: string; nextAttemptAt: string; leaseUntil: string | null; lastError: string | null }[];
  };
  /** Not due yet (quiet hours, a set time). */
  scheduledLater: number;
  /**
   * Telegram's paid broadcasts: what this deployment allows (null: off) and what was
   * spent this month and the last (UTC), by bot.
   */
  paidBroadcast: {
    allowed: { perSecond: number; starsPerMonth: number } | null;
    /** This month (UTC, YYYY-MM), as the budget counts it. */
    month: string;
    spent: { bot: string; month: string; messages: number; stars: number }[];
  };
}

/** The messages of the window that were not delivered, grouped by status and reason. */
async function notDelivered(db: Db, since: Date): Promise<OutboxReport["notDelivered"]> {
  const groups = await db.outboxMessage.groupBy({
    by: ["status", "lastError"],
    where: { createdAt: { gte: since }, status: { in: ["failed", "dropped"] } },
    _count: { _all: true },
  });
  const merged = new Map<string, OutboxReport["notDelivered"][number] & { exampleCount: number }>();
  for (const group of groups) {
    const reason = failureReason(group.lastError);
    const key = `${group.status} ${reason}`;
    const count = group._count._all;
    const entry = merged.get(key) ?? { status: group.status, reason, intended: INTENDED.has(reason), count: 0, example: null, exampleCount: 0 };
    entry.count += count;
    if (count > entry.exampleCount) Object.assign(entry, { example: group.lastError, exampleCount: count });
    merged.set(key, entry);
  }
  return [...merged.values()]
    .sort((a, b) => Number(a.intended) - Number(b.intended) || b.count - a.count || a.reason.localeCompare(b.reason))
    .map(({ exampleCount: _, ...entry }) => entry);
}

const faultsIn = (entries: OutboxReport["notDelivered"]) => entries.filter((entry) => !entry.intended).reduce((sum, entry) => sum + entry.count, 0);

/** Failed or dropped messages queued since `since`, leaving out the ones dropped on purpose. */
export async function countFaults(db: Db, since: Date): Promise<number> {
  return faultsIn(await notDelivered(db, since));
}

async function countsByStatus(db: Db, since: Date) {
  const groups = await db.outboxMessage.groupBy({ by: ["status", "channel"], where: { createdAt: { gte: since } }, _count: { _all: true } });
  const byStatus: Record<string, number> = {};
  const byChannel: Record<string, Record<string, number>> = {};
  for (const group of groups) {
    byStatus[group.status] = (byStatus[group.status] ?? 0) + group._count._all;
    (byChannel[group.channel] ??= {})[group.status] = group._count._all;
  }
  return { byStatus, byChannel };
}

async function unreachablePeople(db: Db, since: Date): Promise<OutboxReport["unreachable"]> {
  const people = await db.person.findMany({
    where: { unreachableAt: { gte: since } },
    include: { memberships: { where: IN_FORCE, include: { org: { select: { code: true } } } } },
    orderBy: [{ unreachableAt: "asc" }, { id: "asc" }],
  });
  return people.map((person) => ({
    personId: person.id,
    name: person.fullName,
    orgs: person.memberships.map((m) => m.org.code).sort(),
    since: person.unreachableAt!.toISOString(),
  }));
}

async function waitingRows(db: Db, now: Date): Promise<Pick<OutboxReport, "waiting" | "scheduledLater">> {
  const unsent = { status: { in: ["pending", "sending"] } };
  const [count, scheduledLater, rows] = await Promise.all([
    db.outboxMessage.count({ where: { ...unsent, notBefore: { lte: now } } }),
    db.outboxMessage.count({ where: { ...unsent, notBefore: { gt: now } } }),
    db.outboxMessage.findMany({
      where: { ...unsent, notBefore: { lte: now } },
      orderBy: [{ notBefore: "asc" }, { id: "asc" }],
      take: WAITING_LISTED,
      select: { id: true, key: true, kind: true, channel: true, chatId: true, status: true, attempts: true, notBefore: true, createdAt: true, nextAttemptAt: true, leaseUntil: true, lastError: true },
    }),
  ]);
  // Due since it was queued, or since the time it was queued for, whichever is later.
  const dueSince = (row: (typeof rows)[number]) => new Date(Math.max(row.notBefore.getTime(), row.createdAt.getTime()));
  const oldest = rows.length > 0 ? Math.min(...rows.map((row) => dueSince(row).getTime())) : undefined;
  return {
    scheduledLater,
    waiting: {
      count,
      oldestWaitingMinutes: oldest === undefined ? null : Math.max(0, Math.floor((now.getTime() - oldest) / 60_000)),
      rows: rows.map((row) => ({
        id: row.id,
        key: row.key,
        kind: row.kind,
        channel: row.channel,
        chatId: row.chatId,
        status: row.status,
        attempts: row.attempts,
        dueSince: dueSince(row).toISOString(),
        nextAttemptAt: row.nextAttemptAt.toISOString(),
        leaseUntil: row.leaseUntil?.toISOString() ?? null,
        lastError: row.lastError,
      })),
    },
  };
}

export async function outboxReport(db: Db, since: Date, now: Date, paid?: PaidBroadcast): Promise<OutboxReport> {
  const months = [budgetMonth(now), budgetMonth(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)))];
  const [counts, failures, unreachable, waiting, spent] = await Promise.all([
    countsByStatus(db, since),
    notDelivered(db, since),
    unreachablePeople(db, since),
    waitingRows(db, now),
    paidBroadcastSpending(db, months),
  ]);
  const paidBroadcast = { allowed: paid ? { perSecond: paid.perSecond, starsPerMonth: paid.starsPerMonth } : null, month: months[0]!, spent };
  return { since: since.toISOString(), now: now.toISOString(), ...counts, notDelivered: failures, faults: faultsIn(failures), unreachable, ...waiting, paidBroadcast };
}

/** "--since 24h", "7d", "90m" (back from now) or an ISO time. */
export function parseSince(text: string, now: Date): Date {
  const duration = parseDuration(text);
  if (duration !== undefined) return new Date(now.getTime() - duration);
  const date = /^\d{4}-\d{2}-\d{2}/.test(text.trim()) ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--since: "${text}" is neither a duration (24h, 7d, 90m) nor an ISO time`);
  return date;
}

export async function outboxCommand(cli: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { since: { type: "string", default: "24h" }, json: { type: "boolean" } } });
  if (positionals.length > 0) throw new UsageError("outbox [--since <24h | 7d | ISO time>] [--json]");
  const now = cli.now();
  const since = parseSince(values.since, now);
  const database = await openCliDatabase(cli);
  try {
    const report = await outboxReport(database.db, since, now, paidBroadcastConfig(cli.config));
    if (values.json) cli.io.out(JSON.stringify(report, null, 2));
    else printReport(cli, report);
    return 0;
  } finally {
    await database.close();
  }
}

function printReport(cli: CliContext, report: OutboxReport) {
  const { say, io } = cli;
  const zone = cli.config.DEFAULT_TIMEZONE;
  const when = (iso: string) => formatLocalDateTime(new Date(iso), zone);
  const total = Object.values(report.byStatus).reduce((sum, n) => sum + n, 0);
  io.out(say("cli-outbox-title", { since: when(report.since), zone, total }));
  for (const [channel, counts] of Object.entries(report.byChannel).sort()) io.out(`  ${channel}: ${statusList(cli, counts)}`);

  io.out(report.notDelivered.length === 0 ? say("cli-outbox-delivered-all") : say("cli-outbox-not-delivered"));
  for (const entry of report.notDelivered) {
    io.out(`  ${entry.count} × ${say(`cli-outbox-status-${entry.status}`)}: ${say(`cli-outbox-reason-${entry.reason}`)}${entry.reason === "other" && entry.example ? ` (${entry.example})` : ""}`);
  }

  io.out(say("cli-outbox-unreachable", { count: report.unreachable.length }));
  for (const person of report.unreachable) {
    io.out(`  ${say("cli-outbox-unreachable-line", { name: person.name, orgs: person.orgs.join(", ") || "—", when: when(person.since) })}`);
  }

  const { waiting } = report;
  io.out(waiting.count === 0 ? say("cli-outbox-waiting-none") : say("cli-outbox-waiting", { count: waiting.count, age: age(cli, waiting.oldestWaitingMinutes ?? 0) }));
  for (const row of waiting.rows.slice(0, WAITING_PRINTED)) io.out(`  ${waitingLine(cli, row, when)}`);
  if (waiting.count > WAITING_PRINTED) io.out(`  ${say("cli-outbox-waiting-more", { count: waiting.count - WAITING_PRINTED })}`);
  if (report.scheduledLater > 0) io.out(say("cli-outbox-later", { count: report.scheduledLater }));
  printPaidBroadcast(cli, report.paidBroadcast);
}

/** One line when paid broadcasts are allowed or were used: the budget, then each month's spending. */
function printPaidBroadcast(cli: CliContext, paid: OutboxReport["paidBroadcast"]) {
  if (!paid.allowed && paid.spent.length === 0) return;
  const thisMonth = paid.spent.filter((month) => month.month === paid.month).reduce((sum, month) => sum + month.stars, 0);
  cli.io.out(
    paid.allowed
      ? cli.say("cli-outbox-paid-allowed", { rate: paid.allowed.perSecond, budget: paid.allowed.starsPerMonth, month: paid.month, stars: Math.round(thisMonth * 10) / 10 })
      : cli.say("cli-outbox-paid-off"),
  );
  for (const month of paid.spent) cli.io.out(`  ${cli.say("cli-outbox-paid-spent", { month: month.month, bot: month.bot, messages: month.messages, stars: month.stars })}`);
}

function statusList(cli: CliContext, counts: Record<string, number>): string {
  const known = STATUSES.filter((status) => counts[status]).map((status) => `${cli.say(`cli-outbox-status-${status}`)} ${counts[status]}`);
  const others = Object.keys(counts).filter((status) => !(STATUSES as readonly string[]).includes(status)).map((status) => `${status} ${counts[status]}`);
  return [...known, ...others].join(" · ");
}

function waitingLine(cli: CliContext, row: OutboxReport["waiting"]["rows"][number], when: (iso: string) => string): string {
  const state =
    row.status === "sending"
      ? cli.say("cli-outbox-state-sending", { until: when(row.leaseUntil ?? row.nextAttemptAt) })
      : row.attempts > 0
        ? cli.say("cli-outbox-state-retrying", { attempts: row.attempts, next: when(row.nextAttemptAt), error: row.lastError ?? "?" })
        : cli.say("cli-outbox-state-due", { since: when(row.dueSince) });
  return cli.say("cli-outbox-waiting-line", { id: row.id, kind: row.kind, chat: row.chatId, channel: row.channel, state });
}

function age(cli: CliContext, minutes: number): string {
  if (minutes < 120) return cli.say("cli-outbox-age-minutes", { count: minutes });
  if (minutes < 48 * 60) return cli.say("cli-outbox-age-hours", { count: Math.floor(minutes / 60) });
  return cli.say("cli-outbox-age-days", { count: Math.floor(minutes / 1440) });
}
