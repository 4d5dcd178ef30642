// "crash": crash safety of a reminder fan-out. One cell's members are due their T-3d
// reminder; the bot (`chibo tick`, a child process, as an operator or the scheduler runs
// it) sends it through a Bot API stand-in that lives in this process, so the stand-in
// outlives every kill. The child is killed with SIGKILL at random points (after a random
// share of what is left has arrived at the stand-in; the benchmark's first kill as soon
// as the tick has queued the fan-out) and started again, until a last run completes. Then every member must have the reminder, and at most the messages that were
// in flight at a kill may have arrived twice.
//
// In flight at a kill: a message the stand-in accepted during the killed run whose row
// the run had not yet recorded as sent. The sender records sent rows in small batches
// (src/delivery/sender.ts, SentBatcher), so this is measured at each kill, not derived
// from the sender's concurrency. Such a row is still 'sending' with the killed run's
// lease; a later run takes it over when the lease ends and sends it again.
//
// Each restart ticks at the first instant plus the real time since the first start, as
// the bot's own clock would read: the same reminder is due, the leases of the killed run
// end SENDER_LEASE_SECONDS after they were taken, as they would for `chibo start`.
//
// The harness (seedFanOut, crashRun, and the tallies) is shared with
// test/integration/crash.test.ts, the short version in the suite.
import type { Db } from "../src/db/client.js";
import { createMeeting } from "../src/features/meetings/mutations.js";
import { BotApiStandin, type StandinSent } from "../src/testing/bot-api-standin.js";
import { spawnChibo, type ChiboProcess } from "../src/testing/chibo-process.js";
import { withDatabase, type BenchStore } from "./databases.js";
import { seedProvince, telegramIdOf } from "./seed.js";
import { count, seconds, table, type BenchOptions, type BenchResult, type Check } from "./report.js";


/** A Thursday meeting; its notices went out on the 1st. */
const MEETING_AT = new Date("2026-12-10T19:30:00+07:00");
const NOTICES_AT = new Date("2026-12-01T10:00:00+07:00");
/** A minute after the T-3d reminder fell due: 19:31 local, outside quiet hours (21:30–06:30). */
export const REMINDER_DUE_AT = new Date("2026-12-07T19:31:00+07:00");

/** The reminder as a member sees it (locales/vi.ftl, reminder-title). */
export const isReminder = (message: StandinSent) => message.method === "sendMessage" && (message.text ?? "").startsWith("⏰ NHẮC LỊCH");

export interface FanOut {
  meetingId: number;
  /** The members' private chats: one reminder each is due. */
  chats: string[];
}

/**
 * One cell of `members` linked members with a confirmed meeting whose notices are
 * already sent: the next thing due, at REMINDER_DUE_AT, is the reminder to all of them.
 */
export async function seedFanOut(db: Db, members: number): Promise<FanOut> {
  const province = await seedProvince(db, { cells: 1, membersPerCell: members });
  const cell = province.cells[0]!;
  const meeting = await createMeeting(
    db,
    { orgId: cell.id, kind: "regular", startsAt: MEETING_AT, durationMinutes: 90, place: "Hội trường", agenda: "", documents: [] },
    "confirmed",
    NOTICES_AT,
  );
  await db.outboxMessage.updateMany({ where: { meetingId: meeting.id }, data: { status: "sent", sentAt: NOTICES_AT, attempts: 1 } });
  return { meetingId: meeting.id, chats: cell.memberIds.map((id) => String(telegramIdOf(id))) };
}

export interface CrashOptions {
  db: Db;
  databaseUrl: string;
  standin: BotApiStandin;
  fanOut: FanOut;
  kills: number;
  /** TELEGRAM_PER_SECOND of the child. */
  perSecond: number;
  /** SENDER_LEASE_SECONDS of the child. */
  leaseSeconds: number;
  random: () => number;
  /** Share of the fan-out not yet recorded as sent that arrives before each kill. */
  killAfterShare?: [min: number, max: number];
  /** The first kill comes as soon as the tick has queued the fan-out, before anything is sent. */
  firstKillAtEnqueue?: boolean;
  /**
   * Holds a kill while a row that was in flight at an earlier kill may be in flight
   * again, so no member gets more than two copies; the kill stays at a random point.
   */
  spareRetakenRows?: boolean;
  /** A run that neither reaches its kill nor ends by then fails the scenario. */
  runTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface RowState {
  id: number;
  key: string;
  chatId: string;
  status: string;
  leaseUntil: Date | null;
  sentAt: Date | null;
  attempts: number;
  telegramMessageId: number | null;
}

export interface Kill {
  run: number;
  /** What the kill waited for. */
  point: "queued" | "messages";
  /** From the start of the run to the kill. */
  afterMs: number;
  /** Fan-out messages the stand-in accepted during the run. */
  delivered: number;
  /** Fan-out rows recorded as sent when the run was killed (all runs so far). */
  recordedSent: number;
  /** Rows the killed run held ('sending' with its lease). */
  held: number;
  /** Chats whose message was accepted during the run but not recorded as sent. */
  inFlight: string[];
  /** Every outbox row as the kill left it. */
  rows: RowState[];
}

export interface Restart {
  run: number;
  /** From the start of the run to the first fan-out message accepted. */
  firstMessageMs: number | null;
  /**
   * From the start of the run until every chat whose row the last kill left held had its
   * message (0 when it left none); null if this run was killed before that.
   */
  takeoverMs: number | null;
  /** From the start of the run to its exit; only the last run ends by itself. */
  drainedMs: number | null;
}

export interface CrashOutcome {
  kills: Kill[];
  restarts: Restart[];
  /** The last run's output. */
  final: { code: number | null; stdout: string; stderr: string };
  totalMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small seeded generator (mulberry32), so a run's kill points can be told and replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function startTick(options: CrashOptions, at: Date): ChiboProcess {
  return spawnChibo(["tick", "--at", at.toISOString()], {
    LOG_LEVEL: "silent",
    DATABASE_URL: options.databaseUrl,
    BOT_TOKEN: "123456:crash-test-token",
    TELEGRAM_API_ROOT: options.standin.apiRoot,
    TELEGRAM_PER_SECOND: String(options.perSecond),
    SENDER_LEASE_SECONDS: String(options.leaseSeconds),
  });
}

const outputOf = (child: ChiboProcess) => ({ stdout: child.stdout.join("\n"), stderr: child.stderr.join("\n") });

/** The reminder's rows (the notices went to the same chats before). */
function isFanOutRow(fanOut: FanOut, row: RowState): boolean {
  return row.key.startsWith(`rem:${fanOut.meetingId}:`);
}

async function rowStates(db: Db): Promise<RowState[]> {
  return db.outboxMessage.findMany({
    select: { id: true, key: true, chatId: true, status: true, leaseUntil: true, sentAt: true, attempts: true, telegramMessageId: true },
    orderBy: { id: "asc" },
  });
}

/** Polls until `condition` holds or the child ends; true if the condition held first. */
async function until(child: ChiboProcess, condition: () => boolean | Promise<boolean>, deadline: number): Promise<boolean> {
  for (;;) {
    if (!child.alive()) return false;
    if (await condition()) return true;
    if (Date.now() > deadline) throw new Error("crash run: a run neither reached its kill nor ended in time");
    await sleep(5);
  }
}

/** Fan-out messages the stand-in accepted from index `from` (to `to`). */
function fanOutSince(standin: BotApiStandin, from: number, to = Infinity): StandinSent[] {
  return standin.sent.slice(from, Math.min(to, standin.sent.length)).filter(isReminder);
}

/** How many fan-out messages arrived since index `from`, counted as they come. */
function fanOutCounter(standin: BotApiStandin, from: number): () => number {
  let seen = from;
  let counted = 0;
  return () => {
    for (; seen < standin.sent.length; seen++) if (isReminder(standin.sent[seen]!)) counted++;
    return counted;
  };
}

export async function crashRun(options: CrashOptions): Promise<CrashOutcome> {
  const { db, standin, fanOut, random } = options;
  const [minShare, maxShare] = options.killAfterShare ?? [0.1, 0.5];
  const runTimeoutMs = options.runTimeoutMs ?? 120_000;
  const log = options.log ?? (() => undefined);
  const kills: Kill[] = [];
  const runs: { started: number; base: number; end: number }[] = [];
  /** Rows in flight at an earlier kill, with the lease they were left with, until recorded sent. */
  const retaken = new Map<number, number>();
  const firstStart = Date.now();
  let final: CrashOutcome["final"] | undefined;
  let drainedMs: number | null = null;

  for (let run = 1; run <= options.kills + 1; run++) {
    const base = standin.sent.length;
    const started = Date.now();
    runs.push({ started, base, end: Infinity });
    const child = startTick(options, new Date(REMINDER_DUE_AT.getTime() + (started - firstStart)));
    const deadline = started + runTimeoutMs;
    if (run > options.kills) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), runTimeoutMs)));
      const code = await Promise.race([child.exit, timeout]);
      clearTimeout(timer);
      if (code === "timeout") {
        await child.kill();
        throw new Error(`crash run: the last run did not finish in ${runTimeoutMs} ms\n${outputOf(child).stderr}`);
      }
      drainedMs = Date.now() - started;
      final = { code, ...outputOf(child) };
      break;
    }

    const recordedSent = kills.at(-1)?.recordedSent ?? 0;
    const target = Math.max(1, Math.floor((fanOut.chats.length - recordedSent) * (minShare + random() * (maxShare - minShare))));
    const arrived = fanOutCounter(standin, base);
    const point = run === 1 && options.firstKillAtEnqueue ? "queued" : "messages";
    const queued = async () => (await db.outboxMessage.count({ where: { key: { startsWith: `rem:${fanOut.meetingId}:` } } })) > 0;
    const reached = await until(child, point === "queued" ? queued : () => arrived() >= target, deadline);
    const spared = reached && options.spareRetakenRows ? await until(child, () => retakenAreSafe(db, retaken, firstStart), deadline) : reached;
    // A run that finished on its own just before the signal was not killed either.
    if (!spared || (await child.kill()) !== null) {
      throw new Error(`crash run: run ${run} ended before its kill (${arrived()} of ${target} messages)\n${outputOf(child).stderr}`);
    }
    const afterMs = Date.now() - started;
    // Requests already read from the killed process's sockets are still answered here.
    await sleep(100);
    const rows = await rowStates(db);
    const fanOutRows = rows.filter((r) => isFanOutRow(fanOut, r));
    const sentChats = new Set(fanOutRows.filter((r) => r.status === "sent").map((r) => r.chatId));
    // The kill leaves the database as it is until the next run starts: what arrives
    // until then belongs to this run.
    const delivered = fanOutSince(standin, base);
    const inFlight = [...new Set(delivered.map((m) => m.chatId).filter((chat) => !sentChats.has(chat)))];
    const inFlightSet = new Set(inFlight);
    for (const row of fanOutRows) {
      if (inFlightSet.has(row.chatId) && row.leaseUntil) retaken.set(row.id, row.leaseUntil.getTime());
    }
    const kill: Kill = {
      run,
      point,
      afterMs,
      delivered: delivered.length,
      recordedSent: sentChats.size,
      held: rows.filter((r) => r.status === "sending").length,
      inFlight,
      rows,
    };
    kills.push(kill);
    runs.at(-1)!.end = standin.sent.length;
    log(`    kill ${run} after ${seconds(afterMs)}: ${kill.delivered} delivered in the run, ${kill.recordedSent} recorded sent in all, ${kill.held} held, ${inFlight.length} in flight`);
  }

  const restarts = runs.slice(1).map((r, i): Restart => {
    const messages = fanOutSince(standin, r.base, r.end);
    const heldChats = new Set(kills[i]!.rows.filter((row) => row.status === "sending").map((row) => row.chatId));
    const reachedAt = new Map<string, number>();
    for (const m of messages) if (heldChats.has(m.chatId) && !reachedAt.has(m.chatId)) reachedAt.set(m.chatId, m.at);
    return {
      run: i + 2,
      firstMessageMs: messages.length > 0 ? messages[0]!.at - r.started : null,
      takeoverMs: reachedAt.size === heldChats.size ? Math.max(r.started, ...reachedAt.values()) - r.started : null,
      drainedMs: i + 2 === runs.length ? drainedMs : null,
    };
  });
  return { kills, restarts, final: final!, totalMs: Date.now() - firstStart };
}

/**
 * Whether a kill now cannot catch a row for the second time in flight: each row that was
 * in flight at an earlier kill is recorded sent, or still holds that kill's lease and
 * no run's clock has reached it (half a second to spare), so no run has taken it over.
 */
async function retakenAreSafe(db: Db, retaken: Map<number, number>, firstStart: number): Promise<boolean> {
  if (retaken.size === 0) return true;
  const rows = await db.outboxMessage.findMany({ where: { id: { in: [...retaken.keys()] } }, select: { id: true, status: true, leaseUntil: true } });
  for (const row of rows) if (row.status === "sent") retaken.delete(row.id);
  if (retaken.size === 0) return true;
  const latestClock = REMINDER_DUE_AT.getTime() + (Date.now() - firstStart) + 500;
  return rows.every((row) => row.status === "sent" || (row.leaseUntil?.getTime() === retaken.get(row.id) && retaken.get(row.id)! > latestClock));
}

export interface Tally {
  /** Fan-out messages per chat, all runs. */
  copies: Map<string, number>;
  /** Members who never got the reminder. */
  lost: string[];
  /** Copies beyond the first, summed. */
  duplicates: number;
  /** Messages in flight at the kills, summed: the most duplicates there may be. */
  inFlightBound: number;
  /** Chats with more copies than 1 + the kills at which theirs was in flight. */
  overBound: string[];
  /** Rows recorded as sent at a kill that are missing or changed now. */
  changedAfterKill: { key: string; kill: number; before: string; now: string }[];
  /** Rows not 'sent' at the end. */
  unsent: RowState[];
  maxCopies: number;
}

export async function tally(db: Db, standin: BotApiStandin, fanOut: FanOut, outcome: CrashOutcome): Promise<Tally> {
  const copies = new Map<string, number>();
  for (const m of standin.sent.filter(isReminder)) copies.set(m.chatId, (copies.get(m.chatId) ?? 0) + 1);
  const timesInFlight = new Map<string, number>();
  for (const kill of outcome.kills) for (const chat of kill.inFlight) timesInFlight.set(chat, (timesInFlight.get(chat) ?? 0) + 1);
  const final = new Map((await rowStates(db)).map((row) => [row.id, row]));
  const outcomeOf = (row: RowState | undefined) =>
    row ? `${row.status} message ${row.telegramMessageId} attempts ${row.attempts} at ${row.sentAt?.toISOString()}` : "missing";
  const changedAfterKill = outcome.kills.flatMap((kill, i) =>
    kill.rows
      .filter((row) => row.status === "sent" && outcomeOf(final.get(row.id)) !== outcomeOf(row))
      .map((row) => ({ key: row.key, kill: i + 1, before: outcomeOf(row), now: outcomeOf(final.get(row.id)) })),
  );
  return {
    copies,
    lost: fanOut.chats.filter((chat) => !copies.has(chat)),
    duplicates: [...copies.values()].reduce((sum, n) => sum + n - 1, 0),
    inFlightBound: outcome.kills.reduce((sum, kill) => sum + kill.inFlight.length, 0),
    overBound: [...copies].filter(([chat, n]) => n > 1 + (timesInFlight.get(chat) ?? 0)).map(([chat]) => chat),
    changedAfterKill,
    unsent: [...final.values()].filter((row) => row.status !== "sent"),
    maxCopies: Math.max(0, ...copies.values()),
  };
}

// --- the benchmark ---------------------------------------------------------------

const STORES: BenchStore[] = ["sqlite", "postgresql"];
const PER_SECOND = 200;
const LEASE_SECONDS = 10;

interface Measurement {
  store: BenchStore;
  members: number;
  seed: number;
  outcome: CrashOutcome;
  tally: Tally;
}

async function measure(store: BenchStore, members: number, kills: number, options: BenchOptions): Promise<Measurement> {
  return withDatabase(store, async (database) => {
    const fanOut = await seedFanOut(database.db, members);
    const standin = await BotApiStandin.start();
    const seed = Date.now() % 1_000_000;
    try {
      options.log(`  [crash ${store}] ${count(members)} members, ${kills} kills, seed ${seed}`);
      const outcome = await crashRun({
        db: database.db,
        databaseUrl: database.url,
        standin,
        fanOut,
        kills,
        perSecond: PER_SECOND,
        leaseSeconds: LEASE_SECONDS,
        random: seededRandom(seed),
        firstKillAtEnqueue: true,
        runTimeoutMs: 300_000,
        log: options.log,
      });
      const t = await tally(database.db, standin, fanOut, outcome);
      options.log(`  [crash ${store}] lost ${t.lost.length}, duplicates ${t.duplicates} (in flight at the kills ${t.inFlightBound}), total ${seconds(outcome.totalMs)}`);
      return { store, members, seed, outcome, tally: t };
    } finally {
      await standin.stop();
    }
  });
}

const ms = (value: number | null) => (value === null ? "—" : seconds(value));

export async function runCrash(options: BenchOptions): Promise<BenchResult> {
  const members = options.quick ? 1_000 : 10_000;
  const kills = options.quick ? 3 : 10;
  const measured: Measurement[] = [];
  for (const store of STORES) measured.push(await measure(store, members, kills, options));
  const figures = measured.flatMap((m) => [
    `${m.store} (seed ${m.seed}):`,
    ...table(
      ["run", "killed after", "delivered in run", "recorded sent (all)", "held at kill", "in flight at kill", "restart → 1st message", "restart → held rows sent", "restart → drained"],
      [...m.outcome.kills.map((k) => k.run), m.outcome.kills.length + 1].map((run) => {
        const kill = m.outcome.kills.find((k) => k.run === run);
        const restart = m.outcome.restarts.find((r) => r.run === run);
        return [
          String(run),
          kill ? `${seconds(kill.afterMs)}${kill.point === "queued" ? " (at enqueue)" : ""}` : "(ran to the end)",
          kill ? count(kill.delivered) : "",
          kill ? count(kill.recordedSent) : "",
          kill ? count(kill.held) : "",
          kill ? String(kill.inFlight.length) : "",
          restart ? ms(restart.firstMessageMs) : "",
          restart ? (m.outcome.kills[run - 2]!.held === 0 ? "none held" : ms(restart.takeoverMs)) : "",
          restart ? ms(restart.drainedMs) : "",
        ];
      }),
    ),
    "",
  ]);
  figures.push(
    ...table(
      ["store", "members", "kills survived", "lost", "duplicates", "in flight at kills (bound)", "most copies to one member", "total wall"],
      measured.map((m) => [
        m.store,
        count(m.members),
        `${m.outcome.kills.length}/${kills}`,
        String(m.tally.lost.length),
        String(m.tally.duplicates),
        String(m.tally.inFlightBound),
        String(m.tally.maxCopies),
        seconds(m.outcome.totalMs),
      ]),
    ),
  );
  const checks: Check[] = measured.flatMap((m) => [
    { name: `every kill survived on ${m.store}`, ok: m.outcome.kills.length === kills && m.outcome.final.code === 0, detail: `${m.outcome.kills.length} kills, last run exit ${m.outcome.final.code}` },
    { name: `nothing lost on ${m.store}`, ok: m.tally.lost.length === 0, detail: `${m.tally.lost.length} members without the reminder` },
    { name: `duplicates only from messages in flight on ${m.store}`, ok: m.tally.duplicates <= m.tally.inFlightBound && m.tally.overBound.length === 0, detail: `${m.tally.duplicates} duplicates, ${m.tally.inFlightBound} in flight at the kills, ${m.tally.overBound.length} members over their own bound` },
    { name: `every row ends sent on ${m.store}`, ok: m.tally.unsent.length === 0, detail: `${m.tally.unsent.length} rows not sent` },
    { name: `rows sent before a kill unchanged on ${m.store}`, ok: m.tally.changedAfterKill.length === 0, detail: `${m.tally.changedAfterKill.length} changed or missing` },
  ]);
  return {
    name: "crash",
    setup: [
      `one cell of ${count(members)} linked members, a confirmed meeting with its notices sent; \`chibo tick --at <T-3d reminder due>\` as a child process sends the reminder to all of them`,
      `the Bot API stand-in runs in the benchmark's process (no rate limit); the child has TELEGRAM_PER_SECOND=${PER_SECOND}, SENDER_LEASE_SECONDS=${LEASE_SECONDS} (default 60: a crashed run's rows wait that long in service)`,
      `${kills} SIGKILLs: the first as soon as the tick has queued the fan-out (before anything is sent), each other after a random 10–50% of what was not yet recorded sent has arrived at the stand-in; each restart ticks at the first instant plus the real time since the first start; a last run completes`,
      `in flight at a kill = messages the stand-in accepted in the killed run whose rows were not recorded sent; duplicates must not exceed their sum, and no member more than 1 + the kills at which theirs was in flight`,
      `held rows = rows the killed run had claimed ('sending' with its lease); "restart → held rows sent" = until each of their chats had its message, — when the run was killed before that`,
    ],
    figures,
    targets: [],
    checks,
  };
}
