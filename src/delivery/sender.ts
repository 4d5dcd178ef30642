// Drains the outbox within Telegram's limits: claims due rows with a lease (safe with
// several senders on one PostgreSQL database), sends them through a token bucket and
// per-chat spacing, and records each outcome on its row. See src/delivery/outbox.ts.
import { GrammyError, HttpError, InputFile, type Api } from "grammy";
import type { ForceReply, InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from "grammy/types";
import { Prisma, type OutboxMessage } from "../generated/prisma/client.js";
import type { Db, Provider } from "../db/client.js";
import { failureStreak, type Logger } from "../logger.js";
import { providerOfClient, type OutboxPayload } from "./outbox.js";
import { ZALO_ID_BASE, type Channel } from "../bot/channels.js";
import { scrub } from "../lib/secrets.js";

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
}

type Outcome =
  | { kind: "sent"; messageId: number }
  | { kind: "retry"; error: string; retryAfterMs?: number }
  /** noCall: settled without calling Telegram (the recipient is known unreachable). */
  | { kind: "failed"; error: string; unreachable?: boolean; noCall?: boolean };

type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

interface BatchResult extends DrainSummary {
  claimed: number;
  released: number;
}

/** How long a batch waits for a chat to be free before giving its rows back. */
const MAX_HOLD_MS = 1500;
/** While another sender holds due rows, drainUntilIdle looks this often whether they are done. */
const HELD_RECHECK_MS = 250;

const zero = (): DrainSummary => ({ sent: 0, retried: 0, failed: 0, dropped: 0 });

/**
 * Rows of one messenger, by chat id: a Zalo chat's bridged id is a whole number of at
 * least 2^52 (16 digits or more), which no Telegram chat id reaches. Compared as text:
 * digits of equal length compare like numbers. Plain SQL for SQLite and PostgreSQL alike.
 */
function channelFilter(channel: Channel | undefined): Prisma.Sql {
  if (channel === undefined) return Prisma.empty;
  const base = String(ZALO_ID_BASE);
  const zalo = Prisma.sql`("chatId" NOT LIKE '-%' AND (length("chatId") > ${base.length} OR (length("chatId") = ${base.length} AND "chatId" >= ${base})))`;
  return channel === "zalo" ? Prisma.sql`AND ${zalo}` : Prisma.sql`AND NOT ${zalo}`;
}

function isGroupChat(chatId: string): boolean {
  return chatId.startsWith("-");
}

/** How Telegram's answer (or its absence) decides a row's fate. */
/** What a failed call means for its row; the error text is stored and logged, so it is scrubbed of secrets. */
export function classifyError(error: unknown): Exclude<Outcome, { kind: "sent" }> {
  const outcome = classifyUnscrubbed(error);
  return { ...outcome, error: scrub(outcome.error) };
}

function classifyUnscrubbed(error: unknown): Exclude<Outcome, { kind: "sent" }> {
  if (error instanceof GrammyError) {
    const code = error.error_code;
    const text = `${code}: ${error.description}`;
    if (code === 429) {
      const seconds = Number(error.parameters.retry_after ?? 1);
      return { kind: "retry", error: text, retryAfterMs: Math.max(1, Number.isFinite(seconds) ? seconds : 1) * 1000 };
    }
    // Blocked, deactivated, kicked from the group, never started the bot.
    if (code === 403) return { kind: "failed", error: text, unreachable: true };
    // 401/404 mean a wrong token or API root: keep the messages, retry with backoff.
    if (code === 401 || code === 404) return { kind: "retry", error: text };
    // Chat not found, message too long, bad markup...: sending again will not help.
    if (code >= 400 && code < 500) return { kind: "failed", error: text };
    return { kind: "retry", error: text };
  }
  if (error instanceof HttpError) {
    const cause = error.error instanceof Error ? `: ${error.error.message}` : "";
    return { kind: "retry", error: `${error.message}${cause}` };
  }
  return { kind: "retry", error: error instanceof Error ? error.message : String(error) };
}

class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly rate: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }
  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.rate);
      this.last = now;
    }
  }
  /** Milliseconds until a token is available (0: now). */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.rate) * 1000);
  }
  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }
  /** Empty until `until`: no burst right after a 429 pause. */
  emptyUntil(until: number): void {
    this.tokens = 0;
    this.last = Math.max(this.last, until);
  }
}

class ChatLimiter {
  private readonly next = new Map<string, number>();
  private readonly windows = new Map<string, number[]>();
  constructor(
    private readonly spacingMs: number,
    private readonly groupPerMinute: number,
  ) {}

  availableAt(chatId: string): number {
    let at = this.next.get(chatId) ?? 0;
    if (isGroupChat(chatId)) {
      const window = this.windows.get(chatId);
      if (window && window.length >= this.groupPerMinute) {
        at = Math.max(at, window[window.length - this.groupPerMinute]! + 60_000);
      }
    }
    return at;
  }

  record(chatId: string, at: number): void {
    this.next.set(chatId, at + this.spacingMs);
    if (isGroupChat(chatId)) {
      const window = (this.windows.get(chatId) ?? []).filter((t) => t > at - 60_000);
      window.push(at);
      this.windows.set(chatId, window);
    }
  }

  /** After an answer: the chat's next message waits a full spacing from now. */
  hold(chatId: string, at: number): void {
    this.next.set(chatId, Math.max(this.next.get(chatId) ?? 0, at + this.spacingMs));
  }

  /** Forgets chats that are free again, so memory stays bounded. */
  prune(now: number): void {
    if (this.next.size < 10_000) return;
    for (const [chatId, at] of this.next) if (at <= now) this.next.delete(chatId);
    for (const [chatId, window] of this.windows) {
      if (window.every((t) => t <= now - 60_000)) this.windows.delete(chatId);
    }
  }
}

/** What one drain did, for its single log event. */
class Tally implements DrainSummary {
  sent = 0;
  retried = 0;
  failed = 0;
  dropped = 0;
  released = 0;
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

interface SentItem {
  row: OutboxMessage;
  messageId: number;
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

export class Sender {
  private readonly db: Db;
  private readonly api: Api;
  private readonly limits: SenderLimits;
  private readonly clock: () => Date;
  private readonly logger: Logger;
  private readonly onUnreachable?: SenderOptions["onUnreachable"];
  private readonly onSent?: SenderOptions["onSent"];
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly batchSize: number;
  private readonly requestTimeoutMs: number;
  private readonly provider: Provider;
  private readonly channel?: Channel;
  private readonly onlyChannel: Prisma.Sql;
  private readonly bucket: TokenBucket;
  private readonly chats: ChatLimiter;
  /** Group chats that refused us (no person row to remember it); cleared on a successful send. */
  private readonly unreachableGroups = new Set<string>();
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
    this.db = options.db;
    this.api = options.api;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    for (const [name, value] of Object.entries(this.limits)) {
      if (!(typeof value === "number" && value > 0)) throw new Error(`Sender: limits.${name} must be a positive number`);
    }
    this.clock = options.now;
    this.logger = options.logger;
    this.onUnreachable = options.onUnreachable;
    this.onSent = options.onSent;
    this.backoffBaseMs = options.backoff?.baseMs ?? 5_000;
    this.backoffMaxMs = options.backoff?.maxMs ?? 600_000;
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? Math.min(500, this.limits.perSecond * 4)));
    this.requestTimeoutMs = options.requestTimeoutMs ?? Math.min(30_000, this.limits.leaseSeconds * 250);
    this.provider = options.provider ?? providerOfClient(options.db);
    this.channel = options.channel;
    this.onlyChannel = channelFilter(options.channel);
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
      const next = await this.nextDueAt(now, now + remaining);
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

    await this.dropExpired(tally);
    const claimedAt = this.realMs();
    const now = this.rowNow();
    // Milliseconds of jitter make the lease a token of ownership: a sender only
    // records an outcome on a row whose lease is still the one it set.
    const lease = new Date(now.getTime() + this.limits.leaseSeconds * 1000 + Math.floor(Math.random() * 1000));
    const rows = await this.claim(now, lease);
    if (rows.length > 0) await this.sendBatch(rows, lease, claimedAt, tally);

    if (rows.length > 0 || tally.dropped > 0) {
      this.logger.info(
        {
          event: "outbox.drain",
          ...(this.channel ? { channel: this.channel } : {}),
          claimed: rows.length,
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
    return {
      sent: tally.sent,
      retried: tally.retried,
      failed: tally.failed,
      dropped: tally.dropped,
      claimed: rows.length,
      released: tally.released,
    };
  }

  /**
   * Rows that can no longer be useful (expiresAt passed) are dropped, not sent: those
   * that are due (nextAttemptAt passed, so the index serves the query).
   */
  private async dropExpired(tally: Tally): Promise<void> {
    const now = this.rowNow();
    const lock = this.provider === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
    const rows = await this.db.$queryRaw<{ key: string }[]>`
      UPDATE "OutboxMessage"
      SET "status" = 'dropped', "lastError" = 'expired before it could be sent', "leaseUntil" = NULL
      WHERE "id" IN (
        SELECT "id" FROM "OutboxMessage"
        WHERE ("status" = 'pending' OR ("status" = 'sending' AND "leaseUntil" <= ${now}))
          AND "nextAttemptAt" <= ${now} AND "expiresAt" IS NOT NULL AND "expiresAt" <= ${now} ${this.onlyChannel}
        LIMIT 10000 ${lock})
      RETURNING "key"`;
    for (const row of rows) tally.noteDropped(row.key);
  }

  private async claim(now: Date, lease: Date): Promise<OutboxMessage[]> {
    const due = Prisma.sql`
      ("status" = 'pending' OR ("status" = 'sending' AND "leaseUntil" <= ${now}))
      AND "nextAttemptAt" <= ${now} AND "notBefore" <= ${now} ${this.onlyChannel}`;
    // Rows queued by statements that do not know the messenger (the column defaults to
    // telegram) get the right one as they are claimed.
    const channel = this.channel ? Prisma.sql`, "channel" = ${this.channel}` : Prisma.empty;
    // PostgreSQL: SKIP LOCKED lets concurrent senders take disjoint rows without waiting.
    // SQLite: one UPDATE statement is atomic; writers are serialised by the database.
    const lock = this.provider === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
    const claimed = await this.db.$queryRaw<{ id: number }[]>`
      UPDATE "OutboxMessage" SET "status" = 'sending', "leaseUntil" = ${lease} ${channel}
      WHERE "id" IN (
        SELECT "id" FROM "OutboxMessage" WHERE ${due}
        ORDER BY "nextAttemptAt", "id" LIMIT ${this.batchSize} ${lock})
      RETURNING "id"`;
    if (claimed.length === 0) return [];
    return this.db.outboxMessage.findMany({
      where: { id: { in: claimed.map((row) => Number(row.id)) } },
      orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    });
  }

  /**
   * When to look again for a row that is otherwise due, if within the deadline: the
   * earliest retry time of a pending row, or the end of the lease on a row another
   * sender holds. A process killed mid-batch leaves its rows held: they are taken over
   * when the lease ends, not left behind. A live holder usually records them sooner,
   * hence a look every HELD_RECHECK_MS meanwhile.
   */
  private async nextDueAt(now: number, deadline: number): Promise<number | null> {
    const [pending, held] = await Promise.all([
      this.db.$queryRaw<{ id: number }[]>`
        SELECT "id" FROM "OutboxMessage"
        WHERE "status" = 'pending' AND "notBefore" <= ${new Date(now)} AND "nextAttemptAt" <= ${new Date(deadline)} ${this.onlyChannel}
        ORDER BY "nextAttemptAt" LIMIT 1`,
      this.db.$queryRaw<{ id: number }[]>`
        SELECT "id" FROM "OutboxMessage"
        WHERE "status" = 'sending' AND "leaseUntil" <= ${new Date(deadline)}
          AND "notBefore" <= ${new Date(now)} AND "nextAttemptAt" <= ${new Date(deadline)} ${this.onlyChannel}
        ORDER BY "leaseUntil" LIMIT 1`,
    ]);
    const ids = [...pending, ...held].map((row) => Number(row.id));
    if (ids.length === 0) return null;
    const rows = await this.db.outboxMessage.findMany({ where: { id: { in: ids } }, select: { status: true, nextAttemptAt: true, leaseUntil: true } });
    const times = rows.map((row) =>
      row.status === "sending" && row.leaseUntil
        ? Math.min(Math.max(row.leaseUntil.getTime(), row.nextAttemptAt.getTime()), now + HELD_RECHECK_MS)
        : row.nextAttemptAt.getTime(),
    );
    return times.length > 0 ? Math.min(...times) : null;
  }

  private async sendBatch(rows: OutboxMessage[], lease: Date, claimedAt: number, tally: Tally): Promise<void> {
    const leaseMs = this.limits.leaseSeconds * 1000;
    // The last moment a send may start and still be recorded before the lease ends.
    const sendDeadline = claimedAt + leaseMs - this.requestTimeoutMs - Math.min(1000, leaseMs / 10);
    const maxInFlight = Math.max(1, Math.ceil(this.limits.perSecond));
    const inFlight = new Set<Promise<void>>();
    /** Chats that answered 403 during this batch: their other rows fail without a call. */
    const refused = new Set<string>();
    /** Chats with a request in flight: one at a time per chat keeps their order. */
    const busy = new Set<string>();
    const unreachablePersons = await this.unreachablePersons(rows);
    const batcher = new SentBatcher((items) => this.recordSent(items, tally));
    let queue = rows;
    const release = new Map<number, number | null>(); // row id → nextAttemptAt (ms), null: unchanged

    while (queue.length > 0) {
      if (this.stopping) {
        for (const row of queue) release.set(row.id, null);
        break;
      }
      let now = this.realMs();
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

      // Settle rows that need no call, then pick the first row whose chat is free.
      let pick = -1;
      let earliest = Infinity;
      const rest: OutboxMessage[] = [];
      for (const row of queue) {
        if (row.expiresAt && row.expiresAt.getTime() <= rowNow) {
          void this.track(inFlight, this.finish(row, lease, { kind: "dropped" }, tally));
          continue;
        }
        const knownUnreachable = row.personId !== null && !isGroupChat(row.chatId) && unreachablePersons.has(row.personId);
        if (refused.has(row.chatId) || knownUnreachable) {
          void this.track(inFlight, this.finish(row, lease, { kind: "failed", error: "recipient unreachable (403 earlier)", noCall: true }, tally));
          continue;
        }
        rest.push(row);
        if (pick === -1 && !busy.has(row.chatId)) {
          const at = this.chats.availableAt(row.chatId);
          if (at <= now) pick = rest.length - 1;
          else earliest = Math.min(earliest, at);
        }
      }
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
      const tokenWait = this.bucket.waitMs(now);
      if (tokenWait > 0) {
        await this.sleep(tokenWait);
        continue;
      }
      if (inFlight.size >= maxInFlight) {
        await Promise.race(inFlight);
        continue;
      }

      const row = queue[pick]!;
      queue = queue.filter((_, i) => i !== pick);
      now = this.realMs();
      this.bucket.take(now);
      this.chats.record(row.chatId, now);
      busy.add(row.chatId);
      this.track(
        inFlight,
        this.deliver(row).then(async (outcome) => {
          busy.delete(row.chatId);
          this.chats.hold(row.chatId, this.realMs());
          if (outcome.kind === "failed" && outcome.unreachable) refused.add(row.chatId);
          if (outcome.kind === "sent") await batcher.add(row, outcome.messageId);
          else await this.finish(row, lease, outcome, tally);
        }),
      );
    }

    await Promise.allSettled([...inFlight]);
    await batcher.flush().catch(() => undefined);
    await this.release(release, lease, tally);
    this.chats.prune(this.realMs());
  }

  private track(set: Set<Promise<void>>, work: Promise<void>): Promise<void> {
    const guarded = work.catch((error: unknown) => {
      this.logger.error({ err: error }, "outbox: recording an outcome failed");
    });
    set.add(guarded);
    void guarded.finally(() => set.delete(guarded));
    return guarded;
  }

  private async unreachablePersons(rows: OutboxMessage[]): Promise<Set<number>> {
    const ids = [...new Set(rows.flatMap((row) => (row.personId === null ? [] : [row.personId])))];
    if (ids.length === 0) return new Set();
    const persons = await this.db.person.findMany({
      where: { id: { in: ids }, unreachableAt: { not: null } },
      select: { id: true },
    });
    return new Set(persons.map((p) => p.id));
  }

  /** One API call for a row; never throws. */
  private async deliver(row: OutboxMessage): Promise<Outcome> {
    let payload: OutboxPayload;
    try {
      payload = JSON.parse(row.payload) as OutboxPayload;
    } catch {
      return { kind: "failed", error: "payload is not valid JSON" };
    }
    // grammY's Node typings name the abort-controller package's AbortSignal; the native one works.
    const signal = AbortSignal.timeout(this.requestTimeoutMs) as unknown as Parameters<Api["sendMessage"]>[3];
    // The payload holds Telegram's reply_markup JSON as given by the caller.
    const replyMarkup = (payload.replyMarkup ?? undefined) as ReplyMarkup | undefined;
    try {
      if (payload.document) {
        const { filename, contentBase64, fileId, caption } = payload.document;
        // A file already on Telegram (a secretary's upload) is sent again by its id.
        const file = fileId ?? new InputFile(Buffer.from(contentBase64 ?? "", "base64"), filename);
        const message = await this.api.sendDocument(
          row.chatId,
          file,
          { caption: caption ?? (payload.text ? payload.text : undefined), reply_markup: replyMarkup },
          signal,
        );
        return { kind: "sent", messageId: message.message_id };
      }
      if (payload.photo) {
        const { filename, contentBase64, caption } = payload.photo;
        const message = await this.api.sendPhoto(
          row.chatId,
          new InputFile(Buffer.from(contentBase64, "base64"), filename),
          { caption: caption ?? (payload.text ? payload.text : undefined), reply_markup: replyMarkup },
          signal,
        );
        return { kind: "sent", messageId: message.message_id };
      }
      const message = await this.api.sendMessage(row.chatId, payload.text, { reply_markup: replyMarkup }, signal);
      return { kind: "sent", messageId: message.message_id };
    } catch (error) {
      return classifyError(error);
    }
  }

  private backoffMs(attempts: number): number {
    const base = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  /**
   * Marks rows sent, in one statement. Recorded whatever happened to the lease
   * meanwhile: the messages did go out.
   */
  private async recordSent(items: SentItem[], tally: Tally): Promise<void> {
    const now = this.rowNow();
    const json = JSON.stringify(items.map((item) => ({ id: item.row.id, a: item.row.attempts + 1, m: item.messageId })));
    if (this.provider === "postgresql") {
      await this.db.$executeRaw`
        UPDATE "OutboxMessage" AS o
        SET "status" = 'sent', "sentAt" = ${now}, "leaseUntil" = NULL, "lastError" = NULL,
            "attempts" = j."a", "telegramMessageId" = j."m"
        FROM jsonb_to_recordset(${json}::jsonb) AS j("id" integer, "a" integer, "m" integer)
        WHERE o."id" = j."id"`;
    } else {
      await this.db.$executeRaw`
        UPDATE "OutboxMessage"
        SET "status" = 'sent', "sentAt" = ${now}, "leaseUntil" = NULL, "lastError" = NULL,
            "attempts" = j."a", "telegramMessageId" = j."m"
        FROM (SELECT value ->> 'id' AS "id", value ->> 'a' AS "a", value ->> 'm' AS "m" FROM json_each(${json})) AS j
        WHERE "OutboxMessage"."id" = j."id"`;
    }
    tally.sent += items.length;
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
  private async finish(
    row: OutboxMessage,
    lease: Date,
    outcome: Exclude<Outcome, { kind: "sent" }> | { kind: "dropped" },
    tally: Tally,
  ): Promise<void> {
    const now = this.rowNow();
    const mine = { id: row.id, status: "sending", leaseUntil: lease };
    if (outcome.kind === "dropped") {
      const done = await this.db.outboxMessage.updateMany({
        where: mine,
        data: { status: "dropped", lastError: "expired before it could be sent", leaseUntil: null },
      });
      if (done.count > 0) tally.noteDropped(row.key);
      return;
    }

    // A 429 is Telegram pacing us, not a fault of this message: it spends no attempt
    // (a long backlog sent too fast must not exhaust maxAttempts). A row settled
    // without a call (recipient known unreachable) spends none either.
    const throttled = outcome.kind === "retry" && outcome.retryAfterMs !== undefined;
    const attempts = row.attempts + ((outcome.kind === "failed" && outcome.noCall) || throttled ? 0 : 1);
    tally.noteError(outcome.error);
    if (outcome.kind === "retry" && outcome.retryAfterMs !== undefined) {
      const until = this.realMs() + outcome.retryAfterMs;
      if (until > this.pauseUntil) {
        this.pauseUntil = until;
        this.bucket.emptyUntil(until);
      }
    }
    if (outcome.kind === "retry" && (throttled || attempts < this.limits.maxAttempts)) {
      const wait = outcome.retryAfterMs ?? this.backoffMs(attempts);
      const done = await this.db.outboxMessage.updateMany({
        where: mine,
        data: { status: "pending", attempts, nextAttemptAt: new Date(now.getTime() + wait), leaseUntil: null, lastError: outcome.error },
      });
      if (done.count > 0) tally.retried += 1;
      return;
    }
    const error = outcome.kind === "retry" ? `gave up after ${attempts} attempts: ${outcome.error}` : outcome.error;
    const done = await this.db.outboxMessage.updateMany({
      where: mine,
      data: { status: "failed", attempts, leaseUntil: null, lastError: error },
    });
    if (done.count > 0) tally.failed += 1;
    if (outcome.kind === "failed" && outcome.unreachable) await this.markUnreachable(row, now);
  }

  /** Person.unreachableAt is set once; onUnreachable runs only for the call that set it. */
  private async markUnreachable(row: OutboxMessage, now: Date): Promise<void> {
    let first: boolean;
    if (row.personId !== null) {
      const updated = await this.db.person.updateMany({
        where: { id: row.personId, unreachableAt: null },
        data: { unreachableAt: now },
      });
      first = updated.count > 0;
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

  /** Gives rows not sent in this batch back, if they are still ours. */
  private async release(release: Map<number, number | null>, lease: Date, tally: Tally): Promise<void> {
    const groups = new Map<number | null, number[]>();
    for (const [id, at] of release) {
      const list = groups.get(at) ?? [];
      list.push(id);
      groups.set(at, list);
    }
    for (const [at, ids] of groups) {
      const done = await this.db.outboxMessage.updateMany({
        where: { id: { in: ids }, status: "sending", leaseUntil: lease },
        data: { status: "pending", leaseUntil: null, ...(at !== null ? { nextAttemptAt: new Date(at) } : {}) },
      });
      tally.released += done.count;
    }
  }
}
