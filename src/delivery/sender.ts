// Drains the outbox within Telegram's limits: claims due rows with a lease (safe with
// several senders on one PostgreSQL database), sends them through a token bucket and
// per-chat spacing, and records each outcome on its row. This file is the loop; its
// parts are the limits (rate-limits.ts), what an answer means (outcomes.ts), the API
// call (transport.ts) and the SQL (outbox-store.ts). See src/delivery/outbox.ts.
import type { Api } from "grammy";
import type { OutboxMessage } from "../generated/prisma/client.js";
import type { Db, Provider } from "../db/client.js";
import { failureStreak, type Logger } from "../logger.js";
import { dialectOf } from "../db/dialect.js";
import type { Channel } from "../bot/channels.js";
import { ChatLimiter, TokenBucket, isGroupChat } from "./rate-limits.js";
import { DEFAULT_BACKOFF, KNOWN_UNREACHABLE, isThrottled, verdict, type Backoff, type Failure } from "./outcomes.js";
import { deliver } from "./transport.js";
import { OutboxStore, type SentRow } from "./outbox-store.js";
import { BULK_LANE } from "./lanes.js";
import { PaidAllowance, type PaidBroadcast, type PaidReservation } from "./paid-broadcast.js";

// Moved to outcomes.ts; still exported here for code that imported it from the sender.
export { classifyError } from "./outcomes.js";

export interface SenderLimits {
  /** Messages per second overall (token bucket; Telegram allows about 30). */
  perSecond: number;
  /** Messages per second to one chat. */
  perChatPerSecond: number;
  /** Messages per minute to one group chat (negative chat id). */
  perGroupPerMinute: number;
  /** API calls per message before it is marked failed (429 answers do not count). */
  maxAttempts: number;
  /** How long a claimed row belongs to this sender; after that another may take it. */
  leaseSeconds: number;
}

export const DEFAULT_LIMITS: SenderLimits = {
  perSecond: 25,
  perChatPerSecond: 1,
  perGroupPerMinute: 20,
  maxAttempts: 8,
  leaseSeconds: 60,
};

export interface DrainSummary {
  sent: number;
  /** Retry outcomes recorded (a message retried then sent counts here and in sent). */
  retried: number;
  failed: number;
  dropped: number;
}

/**
 * Outcomes as they are recorded, for /metrics (src/metrics.ts makes them, labelled with
 * the sender's messenger and bot). A row retried then sent counts in retried and in sent.
 */
export interface DeliveryCounters {
  sent(count: number): void;
  retried(count: number): void;
  /** Failed for good (refused, or out of attempts). */
  failed(count: number): void;
  /** Expired before it could be sent. */
  dropped(count: number): void;
  /** A 429 answer (retry_after): every send of this sender pauses. */
  rateLimited(): void;
}

const NO_COUNTERS: DeliveryCounters = { sent() {}, retried() {}, failed() {}, dropped() {}, rateLimited() {} };

export interface UnreachableRow {
  personId: number | null;
  chatId: string;
  orgId: number | null;
}

export interface SenderOptions {
  db: Db;
  /** A grammY Api without the auto-retry transformer: the sender handles 429 and 5xx itself. */
  api: Api;
  limits?: Partial<SenderLimits>;
  /**
   * The clock for rows (notBefore, expiresAt, retry times, leases). When it stands still
   * (a fixed instant, a test clock), it runs on in real time from its last value. Rate
   * limits, pauses and timeouts always use real time.
   */
  now: () => Date;
  logger: Logger;
  /** Called once per person when Telegram refuses delivery (403), not again while Person.unreachableAt is set. */
  onUnreachable?: (row: UnreachableRow) => Promise<void>;
  onSent?: (row: OutboxMessage, telegramMessageId: number) => Promise<void>;
  /** Exponential backoff for 5xx, timeouts and network errors: base * 2^(attempts-1), capped, ±20% jitter. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Rows claimed per drain; default perSecond * 4, at most 500. */
  batchSize?: number;
  /** Each API call is aborted after this long; default leaseSeconds / 4, at most 30 s. */
  requestTimeoutMs?: number;
  /** Normally read from the client. */
  provider?: Provider;
  /**
   * Only rows for this messenger's chats (told apart by chat id: src/bot/channels.ts),
   * sent through `api` within `limits`; each messenger has its own sender. All rows when
   * absent.
   */
  channel?: Channel;
  /**
   * Only the rows this sender sends (OutboxMessage.bot): its Telegram bot's id, "" for the
   * default bot, "zalo" for Zalo's. All rows when absent.
   */
  bot?: string;
  /** Counts outcomes for /metrics; none when absent. */
  counters?: DeliveryCounters;
  /**
   * Telegram's paid broadcasts, allowed for bulk rows beyond limits.perSecond up to a
   * rate and a monthly budget (paid-broadcast.ts); off when absent.
   */
  paidBroadcast?: PaidBroadcast;
}

interface BatchResult extends DrainSummary {
  claimed: number;
  released: number;
}

/** How long a batch waits for a chat to be free before giving its rows back. */
const MAX_HOLD_MS = 1500;
/** While another sender holds due rows, drainUntilIdle looks this often whether they are done. */
const HELD_RECHECK_MS = 250;
/**
 * A batch of bulk rows lasts seconds (four seconds' worth at the default size): this
 * often meanwhile, rows of the direct lane (lanes.ts) are claimed and sent first.
 */
const DIRECT_LOOK_MS = 500;
/** Direct rows claimed at one look. */
const DIRECT_PER_LOOK = 20;
/**
 * How often (real ms) the expired rows are dropped in one statement. Not every batch:
 * with 90,000 rows due, PostgreSQL misjudges how many have expired and reads the whole
 * table (~0.2 s). A claimed row that expired is dropped as it comes (triage) anyway.
 */
const EXPIRY_SWEEP_MS = 10_000;

const zero = (): DrainSummary => ({ sent: 0, retried: 0, failed: 0, dropped: 0 });

/** What one drain did, for its single log event. */
class Tally implements DrainSummary {
  sent = 0;
  retried = 0;
  failed = 0;
  dropped = 0;
  released = 0;
  /** Rows of the direct lane claimed during the batch, besides those it began with. */
  claimedDirect = 0;
  droppedKeys: string[] = [];
  errors = new Map<string, number>();
  noteError(error: string): void {
    const short = error.slice(0, 120);
    this.errors.set(short, (this.errors.get(short) ?? 0) + 1);
  }
  noteDropped(key: string): void {
    this.dropped += 1;
    if (this.droppedKeys.length < 20) this.droppedKeys.push(key);
  }
}

interface SentItem extends SentRow {
  done: () => void;
  fail: (error: unknown) => void;
}

/**
 * Records sent rows a few at a time (one statement per ≤50 rows or 20 ms) instead of
 * one write per message: the database, not Telegram, was the bottleneck.
 */
class SentBatcher {
  private pending: SentItem[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  constructor(
    private readonly write: (items: SentItem[]) => Promise<void>,
    private readonly maxRows = 50,
    private readonly maxDelayMs = 20,
  ) {}

  add(row: OutboxMessage, messageId: number): Promise<void> {
    return new Promise<void>((done, fail) => {
      this.pending.push({ row, messageId, done, fail });
      if (this.pending.length >= this.maxRows) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.maxDelayMs);
    });
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const items = this.pending;
    this.pending = [];
    if (items.length > 0) {
      this.chain = this.chain.then(() =>
        this.write(items).then(
          () => items.forEach((item) => item.done()),
          (error: unknown) => items.forEach((item) => item.fail(error)),
        ),
      );
    }
    return this.chain;
  }
}

/** One claimed batch while it is being sent. */
interface Batch {
  /** The lease the rows were claimed with: outcomes are recorded only while it holds. */
  lease: Date;
  tally: Tally;
  /** Sends and recordings under way. */
  inFlight: Set<Promise<void>>;
  /** Chats that answered 403 during this batch: their other rows fail without a call. */
  refused: Set<string>;
  /** Chats with a request in flight: one at a time per chat keeps their order. */
  busy: Set<string>;
  /** Recipients already known unreachable (Person.unreachableAt set). */
  unreachablePersons: Set<number>;
  batcher: SentBatcher;
  /** Rows to give back: row id → nextAttemptAt (a row time, ms), null: unchanged. */
  release: Map<number, number | null>;
  /** When (real ms) to look again for direct rows claimed since the batch began. */
  nextDirectLook: number;
  /** This batch's share of the paid broadcast budget; none when paid broadcasts are off. */
  paid?: PaidReservation;
}

/** The rows still to send, and which of them may go now (-1: none, `earliest` says when a chat frees up). */
interface Triage {
  rest: OutboxMessage[];
  pick: number;
  earliest: number;
}

export class Sender {
  private readonly api: Api;
  private readonly limits: SenderLimits;
  private readonly clock: () => Date;
  private readonly logger: Logger;
  private readonly onUnreachable?: SenderOptions["onUnreachable"];
  private readonly onSent?: SenderOptions["onSent"];
  private readonly backoff: Backoff;
  private readonly requestTimeoutMs: number;
  private readonly channel?: Channel;
  private readonly bot?: string;
  private readonly counters: DeliveryCounters;
  private readonly store: OutboxStore;
  private readonly bucket: TokenBucket;
  private readonly chats: ChatLimiter;
  private readonly paid?: PaidAllowance;
  /** Group chats that refused us (no person row to remember it); cleared on a successful send. */
  private readonly unreachableGroups = new Set<string>();
  /** When (real ms) the next batch drops expired rows first (EXPIRY_SWEEP_MS). */
  private nextExpirySweep = Number.NEGATIVE_INFINITY;
  /** All sending waits until then (a 429's retry_after), real time. */
  private pauseUntil = 0;
  private lastClock = Number.NaN;
  private lastClockReal = 0;
  private stopping = false;
  /** Bumped by stop(): a drainUntilIdle begun before it ends. */
  private generation = 0;
  private loop: Promise<void> | undefined;
  private readonly active = new Set<Promise<unknown>>();
  private readonly sleepers = new Set<() => void>();

  constructor(options: SenderOptions) {
    this.api = options.api;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    for (const [name, value] of Object.entries(this.limits)) {
      if (!(typeof value === "number" && value > 0)) throw new Error(`Sender: limits.${name} must be a positive number`);
    }
    this.clock = options.now;
    this.logger = options.logger;
    this.onUnreachable = options.onUnreachable;
    this.onSent = options.onSent;
    this.backoff = {
      baseMs: options.backoff?.baseMs ?? DEFAULT_BACKOFF.baseMs,
      maxMs: options.backoff?.maxMs ?? DEFAULT_BACKOFF.maxMs,
    };
    this.requestTimeoutMs = options.requestTimeoutMs ?? Math.min(30_000, this.limits.leaseSeconds * 250);
    this.channel = options.channel;
    this.bot = options.bot;
    this.counters = options.counters ?? NO_COUNTERS;
    this.store = new OutboxStore({
      db: options.db,
      provider: options.provider ?? dialectOf(options.db).provider,
      channel: options.channel,
      bot: options.bot,
      batchSize: Math.max(1, Math.floor(options.batchSize ?? Math.min(500, (this.limits.perSecond + (options.paidBroadcast?.perSecond ?? 0)) * 4))),
    });
    if (options.paidBroadcast) this.paid = new PaidAllowance(options.db, options.paidBroadcast, this.realMs());
    // Capacity 1: messages are paced evenly. A full second of burst on top of the rate
    // trips Telegram's 30/s window, and each 429 pauses all sending.
    this.bucket = new TokenBucket(this.limits.perSecond, 1, this.realMs());
    this.chats = new ChatLimiter(1000 / this.limits.perChatPerSecond, this.limits.perGroupPerMinute);
  }

  /** Monotonic real time in milliseconds, for limits, pauses and timeouts. */
  private realMs(): number {
    return performance.now();
  }

  /** The row clock: the injected clock, run on in real time while it stands still. */
  private rowNow(): Date {
    const value = this.clock().getTime();
    const real = this.realMs();
    if (value !== this.lastClock) {
      this.lastClock = value;
      this.lastClockReal = real;
      return new Date(value);
    }
    return new Date(value + Math.floor(real - this.lastClockReal));
  }

  /** Claims the due rows once, sends them within the limits and records each outcome. */
  async drainOnce(): Promise<DrainSummary> {
    const { sent, retried, failed, dropped } = await this.drainBatch();
    return { sent, retried, failed, dropped };
  }

  /**
   * Drains until nothing is due. Rows waiting for a retry (or for a chat's or the
   * global pause, or for the lease of another sender, maybe a dead one) count as due
   * when their time falls within the timeout: it waits for them. Rows whose notBefore
   * is still ahead are not waited for.
   */
  async drainUntilIdle(options: { timeoutMs?: number } = {}): Promise<DrainSummary> {
    const deadline = this.realMs() + (options.timeoutMs ?? 120_000);
    const generation = this.generation;
    const total = zero();
    while (!this.stopping && generation === this.generation) {
      const batch = await this.drainBatch();
      total.sent += batch.sent;
      total.retried += batch.retried;
      total.failed += batch.failed;
      total.dropped += batch.dropped;
      const remaining = deadline - this.realMs();
      if (remaining <= 0) break;
      if (batch.claimed > batch.released) continue;
      const now = this.rowNow().getTime();
      const next = await this.store.nextDueAt(now, now + remaining, HELD_RECHECK_MS);
      if (next === null) break;
      const wait = Math.max(next - now, this.pauseUntil - this.realMs());
      if (wait > remaining) break;
      await this.sleep(Math.max(wait, 5));
    }
    return total;
  }

  /** Drains in the background: at once while rows are due, else every intervalMs. */
  start(intervalMs = 1000): void {
    if (this.loop) return;
    this.stopping = false;
    const failures = failureStreak(this.logger, "outbox drain failed");
    this.loop = (async () => {
      while (!this.stopping) {
        try {
          const batch = await this.drainBatch();
          failures.succeeded();
          if (batch.claimed > batch.released) continue;
        } catch (error) {
          failures.failed(error);
        }
        if (this.stopping) break;
        const pause = this.pauseUntil - this.realMs();
        await this.sleep(Math.max(intervalMs, pause));
      }
    })();
  }

  /** Stops the loop (and any drain in progress): sends in flight finish and are recorded, unsent rows are released. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.generation += 1;
    for (const wake of [...this.sleepers]) wake();
    await this.loop;
    await Promise.allSettled([...this.active]);
    this.loop = undefined;
    this.stopping = false;
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.sleepers.add(done);
    });
  }

  private async drainBatch(): Promise<BatchResult> {
    const run = this.runBatch();
    this.active.add(run);
    try {
      return await run;
    } finally {
      this.active.delete(run);
    }
  }

  private async runBatch(): Promise<BatchResult> {
    const started = this.realMs();
    const tally = new Tally();
    if (this.stopping || this.pauseUntil > this.realMs()) return { ...zero(), claimed: 0, released: 0 };

    if (started >= this.nextExpirySweep) {
      this.nextExpirySweep = started + EXPIRY_SWEEP_MS;
      const expired = await this.store.dropExpired(this.rowNow());
      for (const key of expired) tally.noteDropped(key);
      if (expired.length > 0) this.counters.dropped(expired.length);
    }
    const claimedAt = this.realMs();
    const now = this.rowNow();
    // Milliseconds of jitter make the lease a token of ownership: a sender only
    // records an outcome on a row whose lease is still the one it set.
    const lease = new Date(now.getTime() + this.limits.leaseSeconds * 1000 + Math.floor(Math.random() * 1000));
    const rows = await this.store.claim(now, lease);
    if (rows.length > 0) await this.sendBatch(rows, lease, claimedAt, tally);

    const claimed = rows.length + tally.claimedDirect;
    if (claimed > 0 || tally.dropped > 0) this.logDrain(claimed, tally, started);
    return {
      sent: tally.sent,
      retried: tally.retried,
      failed: tally.failed,
      dropped: tally.dropped,
      claimed,
      released: tally.released,
    };
  }

  /** One log event per drain that did something. */
  private logDrain(claimed: number, tally: Tally, started: number): void {
    this.logger.info(
      {
        event: "outbox.drain",
        ...(this.channel ? { channel: this.channel } : {}),
        ...(this.bot ? { bot: this.bot } : {}),
        claimed,
        sent: tally.sent,
        retried: tally.retried,
        failed: tally.failed,
        dropped: tally.dropped,
        released: tally.released,
        ...(tally.droppedKeys.length ? { droppedKeys: tally.droppedKeys } : {}),
        ...(tally.errors.size ? { errors: Object.fromEntries(tally.errors) } : {}),
        ...(this.pauseUntil > this.realMs() ? { pausedForMs: Math.round(this.pauseUntil - this.realMs()) } : {}),
        ms: Math.round(this.realMs() - started),
      },
      "outbox drain",
    );
  }

  private async sendBatch(rows: OutboxMessage[], lease: Date, claimedAt: number, tally: Tally): Promise<void> {
    const leaseMs = this.limits.leaseSeconds * 1000;
    // The last moment a send may start and still be recorded before the lease ends.
    const sendDeadline = claimedAt + leaseMs - this.requestTimeoutMs - Math.min(1000, leaseMs / 10);
    const maxInFlight = Math.max(1, Math.ceil(this.limits.perSecond + (this.paid?.paid.perSecond ?? 0)));
    const batch: Batch = {
      lease,
      tally,
      inFlight: new Set(),
      refused: new Set(),
      busy: new Set(),
      unreachablePersons: await this.store.unreachablePersons(rows),
      batcher: new SentBatcher((items) => this.recordSent(items, tally)),
      release: new Map(),
      nextDirectLook: claimedAt + DIRECT_LOOK_MS,
      paid: await this.reservePaid(rows),
    };
    const { inFlight, release } = batch;
    let queue = rows;

    while (queue.length > 0) {
      if (this.stopping) {
        for (const row of queue) release.set(row.id, null);
        break;
      }
      const now = this.realMs();
      const rowNow = this.rowNow().getTime();
      /** A real-time instant as a row time. */
      const asRowTime = (real: number) => rowNow + Math.max(0, Math.ceil(real - now));
      if (this.pauseUntil > now) {
        if (this.pauseUntil >= sendDeadline) {
          for (const row of queue) release.set(row.id, asRowTime(this.pauseUntil));
          break;
        }
        await this.sleep(this.pauseUntil - now);
        continue;
      }
      if (now >= sendDeadline) {
        for (const row of queue) release.set(row.id, null);
        break;
      }

      if (now >= batch.nextDirectLook) {
        queue = [...(await this.claimDirect(batch, rowNow)), ...queue];
        continue;
      }

      const { rest, pick, earliest } = this.triage(queue, batch, now, rowNow);
      queue = rest;
      if (queue.length === 0) break;
      if (pick === -1 && earliest === Infinity) {
        // Every remaining row waits for its chat's answer.
        await (inFlight.size > 0 ? Promise.race(inFlight) : this.sleep(1));
        continue;
      }
      if (pick === -1) {
        // A long wait (a group's minute window) gives the rows back rather than
        // holding the batch: new rows for other chats would wait behind it.
        if (earliest >= sendDeadline || earliest - now > MAX_HOLD_MS) {
          for (const row of queue) release.set(row.id, asRowTime(this.chats.availableAt(row.chatId)));
          break;
        }
        await this.sleep(earliest - now);
        continue;
      }
      // A free token, else (a bulk row, paid broadcasts allowed) a paid one, else wait for the first.
      const tokenWait = this.bucket.waitMs(now);
      const paidWait = batch.paid && queue[pick]!.lane === BULK_LANE ? this.paid!.waitMs(batch.paid, now) : Infinity;
      if (tokenWait > 0 && paidWait > 0) {
        await this.sleep(Math.min(tokenWait, paidWait));
        continue;
      }
      if (inFlight.size >= maxInFlight) {
        await Promise.race(inFlight);
        continue;
      }

      this.launch(queue[pick]!, batch, tokenWait > 0);
      queue = queue.filter((_, i) => i !== pick);
    }

    await Promise.allSettled([...inFlight]);
    // Rows whose sent mark failed to save keep their lease: once it ends they are claimed
    // again, and the store's lease check keeps a late duplicate mark out.
    await batch.batcher.flush().catch((error: unknown) => this.logger.error({ err: error }, "outbox: recording sent rows failed"));
    await this.release(release, lease, tally);
    if (batch.paid) await this.paid!.settle(batch.paid).catch((error: unknown) => this.logger.error({ err: error }, "outbox: giving back paid broadcast budget failed"));
    this.chats.prune(this.realMs());
  }

  /** A share of the paid budget for the batch's bulk rows, when paid broadcasts are allowed. */
  private async reservePaid(rows: OutboxMessage[]): Promise<PaidReservation | undefined> {
    if (!this.paid) return undefined;
    const bulk = rows.filter((row) => row.lane === BULK_LANE).length;
    if (bulk === 0) return undefined;
    try {
      return await this.paid.reserve(this.rowNow(), bulk);
    } catch (error) {
      this.logger.warn({ err: error }, "outbox: reserving paid broadcast budget failed; sending at the free rate");
      return undefined;
    }
  }

  /**
   * Rows of the direct lane that fell due while this batch was being sent, claimed under
   * its lease to go before the rest of it. A failed look is logged and the batch goes on.
   */
  private async claimDirect(batch: Batch, rowNow: number): Promise<OutboxMessage[]> {
    batch.nextDirectLook = this.realMs() + DIRECT_LOOK_MS;
    try {
      const rows = await this.store.claimDirect(new Date(rowNow), batch.lease, DIRECT_PER_LOOK);
      if (rows.length === 0) return [];
      for (const id of await this.store.unreachablePersons(rows)) batch.unreachablePersons.add(id);
      batch.tally.claimedDirect += rows.length;
      return rows;
    } catch (error) {
      this.logger.warn({ err: error }, "outbox: looking for direct messages failed");
      return [];
    }
  }

  /**
   * Settles the rows that need no call (expired, recipient known unreachable) and
   * finds the first row whose chat is free.
   */
  private triage(queue: OutboxMessage[], batch: Batch, now: number, rowNow: number): Triage {
    let pick = -1;
    let earliest = Infinity;
    const rest: OutboxMessage[] = [];
    for (const row of queue) {
      if (row.expiresAt && row.expiresAt.getTime() <= rowNow) {
        void this.track(batch.inFlight, this.finish(row, batch.lease, { kind: "dropped" }, batch.tally));
        continue;
      }
      const knownUnreachable = row.personId !== null && !isGroupChat(row.chatId) && batch.unreachablePersons.has(row.personId);
      if (batch.refused.has(row.chatId) || knownUnreachable) {
        void this.track(batch.inFlight, this.finish(row, batch.lease, KNOWN_UNREACHABLE, batch.tally));
        continue;
      }
      rest.push(row);
      if (pick === -1 && !batch.busy.has(row.chatId)) {
        const at = this.chats.availableAt(row.chatId);
        if (at <= now) pick = rest.length - 1;
        else earliest = Math.min(earliest, at);
      }
    }
    return { rest, pick, earliest };
  }

  /**
   * Starts the row's send, within the limits it was picked under, and records its outcome
   * when it comes. paid: on a paid broadcast token, with the flag.
   */
  private launch(row: OutboxMessage, batch: Batch, paid: boolean): void {
    const now = this.realMs();
    if (paid) this.paid!.take(batch.paid!, now);
    else this.bucket.take(now);
    this.chats.record(row.chatId, now);
    batch.busy.add(row.chatId);
    this.track(
      batch.inFlight,
      deliver(this.api, row, this.requestTimeoutMs, paid).then(async (outcome) => {
        batch.busy.delete(row.chatId);
        if (paid) {
          if (outcome.kind === "sent") this.paid!.sent(batch.paid!);
          else this.paid!.failed(batch.paid!);
        }
        this.chats.hold(row.chatId, this.realMs());
        if (outcome.kind === "failed" && outcome.unreachable) batch.refused.add(row.chatId);
        if (outcome.kind === "sent") await batch.batcher.add(row, outcome.messageId);
        else await this.finish(row, batch.lease, outcome, batch.tally);
      }),
    );
  }

  private track(set: Set<Promise<void>>, work: Promise<void>): Promise<void> {
    const guarded = work.catch((error: unknown) => {
      this.logger.error({ err: error }, "outbox: recording an outcome failed");
    });
    set.add(guarded);
    void guarded.finally(() => set.delete(guarded));
    return guarded;
  }

  /** Records sent rows (one statement for the lot), then tells onSent about each. */
  private async recordSent(items: SentItem[], tally: Tally): Promise<void> {
    const now = this.rowNow();
    await this.store.recordSent(items, now);
    tally.sent += items.length;
    this.counters.sent(items.length);
    for (const { row, messageId } of items) {
      this.unreachableGroups.delete(row.chatId);
      if (!this.onSent) continue;
      const sentRow: OutboxMessage = {
        ...row,
        status: "sent",
        sentAt: now,
        telegramMessageId: messageId,
        attempts: row.attempts + 1,
        leaseUntil: null,
        lastError: null,
      };
      await this.onSent(sentRow, messageId).catch((error: unknown) => {
        this.logger.error({ err: error, key: row.key }, "outbox: onSent failed");
      });
    }
  }

  /** Records an outcome other than sent on the row (and the person, for a 403). */
  private async finish(row: OutboxMessage, lease: Date, outcome: Failure | { kind: "dropped" }, tally: Tally): Promise<void> {
    const now = this.rowNow();
    if (outcome.kind === "dropped") {
      if (await this.store.markDropped(row.id, lease)) {
        tally.noteDropped(row.key);
        this.counters.dropped(1);
      }
      return;
    }
    tally.noteError(outcome.error);
    if (isThrottled(outcome)) {
      this.counters.rateLimited();
      this.pauseFor(outcome.retryAfterMs);
    }
    const next = verdict(row.attempts, outcome, { maxAttempts: this.limits.maxAttempts, backoff: this.backoff });
    const done = await this.store.settle(row.id, lease, next, now);
    if (next.status === "pending") {
      if (done) {
        tally.retried += 1;
        this.counters.retried(1);
      }
      return;
    }
    if (done) {
      tally.failed += 1;
      this.counters.failed(1);
    }
    if (next.unreachable) await this.markUnreachable(row, now);
  }

  /** A 429: all sending waits, and the bucket starts empty after, so no burst follows. */
  private pauseFor(ms: number): void {
    const until = this.realMs() + ms;
    if (until > this.pauseUntil) {
      this.pauseUntil = until;
      this.bucket.emptyUntil(until);
    }
  }

  /** Person.unreachableAt is set once; onUnreachable runs only for the call that set it. */
  private async markUnreachable(row: OutboxMessage, now: Date): Promise<void> {
    let first: boolean;
    if (row.personId !== null) {
      first = await this.store.markPersonUnreachable(row.personId, now);
    } else {
      first = !this.unreachableGroups.has(row.chatId);
      this.unreachableGroups.add(row.chatId);
    }
    if (first && this.onUnreachable) {
      await this.onUnreachable({ personId: row.personId, chatId: row.chatId, orgId: row.orgId }).catch((error: unknown) => {
        this.logger.error({ err: error, key: row.key }, "outbox: onUnreachable failed");
      });
    }
  }

  /** Gives rows not sent in this batch back, if they are still ours: one statement per retry time. */
  private async release(release: Map<number, number | null>, lease: Date, tally: Tally): Promise<void> {
    const groups = new Map<number | null, number[]>();
    for (const [id, at] of release) {
      const list = groups.get(at) ?? [];
      list.push(id);
      groups.set(at, list);
    }
    for (const [at, ids] of groups) {
      tally.released += await this.store.release(ids, lease, at !== null ? new Date(at) : null);
    }
  }
}
