// The sender's rate limits, as pure bookkeeping: every method takes the time (monotonic
// milliseconds, performance.now() in the sender) as an argument, so a test can drive
// them with a fake clock. Nothing here sleeps; the sender asks when, then waits.

/** Telegram's group chats have negative ids (bridged Zalo ids are positive: src/bot/channels.ts). */
export function isGroupChat(chatId: string): boolean {
  return chatId.startsWith("-");
}

/** The overall limit: `rate` tokens a second, at most `capacity` saved up. */
export class TokenBucket {
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

/** Chats remembered before prune() starts forgetting: below it, pruning is not worth a pass. */
const PRUNE_ABOVE = 10_000;
const MINUTE_MS = 60_000;

/** The per-chat limits: a spacing between two messages to a chat, and a minute window per group. */
export class ChatLimiter {
  private readonly next = new Map<string, number>();
  private readonly windows = new Map<string, number[]>();
  constructor(
    private readonly spacingMs: number,
    private readonly groupPerMinute: number,
    private readonly pruneAbove = PRUNE_ABOVE,
  ) {}

  /** The earliest time the chat may get its next message. */
  availableAt(chatId: string): number {
    let at = this.next.get(chatId) ?? 0;
    if (isGroupChat(chatId)) {
      const window = this.windows.get(chatId);
      if (window && window.length >= this.groupPerMinute) {
        at = Math.max(at, window[window.length - this.groupPerMinute]! + MINUTE_MS);
      }
    }
    return at;
  }

  /** A message to the chat starts at `at`. */
  record(chatId: string, at: number): void {
    this.next.set(chatId, at + this.spacingMs);
    if (isGroupChat(chatId)) {
      const window = (this.windows.get(chatId) ?? []).filter((t) => t > at - MINUTE_MS);
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
    if (this.next.size < this.pruneAbove) return;
    for (const [chatId, at] of this.next) if (at <= now) this.next.delete(chatId);
    for (const [chatId, window] of this.windows) {
      if (window.every((t) => t <= now - MINUTE_MS)) this.windows.delete(chatId);
    }
  }

  /** Chats remembered (spacing, group windows), for tests of prune(). */
  get size(): { chats: number; groups: number } {
    return { chats: this.next.size, groups: this.windows.size };
  }
}
