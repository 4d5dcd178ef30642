// Limits on repeated failures, such as invite codes that match nothing. Failures are
// counted in fixed windows (aligned on the epoch, so every instance agrees on them);
// once a count reaches its limit, every attempt under that key is refused, a right one
// too, until the window ends.

export interface AttemptLimit {
  /** Failures allowed in one window. */
  max: number;
  windowMs: number;
}

export interface AttemptWindow {
  start: Date;
  end: Date;
}

export function windowOf(now: Date, windowMs: number): AttemptWindow {
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return { start: new Date(start), end: new Date(start + windowMs) };
}

/** The counter's key in the current window: "<scope>:<window start in ms>". */
export function attemptKey(scope: string, now: Date, limit: AttemptLimit): string {
  return `${scope}:${windowOf(now, limit.windowMs).start.getTime()}`;
}

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Refused while any count has reached its limit; the wait is until the latest such window ends. */
export function attemptVerdict(counts: { count: number; limit: AttemptLimit }[], now: Date): AttemptVerdict {
  const full = counts.filter((c) => c.count >= c.limit.max);
  if (full.length === 0) return { allowed: true };
  const end = Math.max(...full.map((c) => windowOf(now, c.limit.windowMs).end.getTime()));
  return { allowed: false, retryAfterMs: end - now.getTime() };
}

/**
 * Invite codes that match nothing, counted per messenger account. A code is 12
 * characters of 57: 57^12 ≈ 1.1 × 10^21 codes. A thousand throwaway accounts at 10
 * guesses an hour each, against 10,000 live codes, would need about 10^13 hours for
 * one hit: guessing is hopeless without a cap on the whole installation, and such a cap
 * (there was one, 50 an hour) let five accounts stop every newcomer's valid code. A code
 * that exists but is expired or used up is no guess and is not counted.
 */
export const INVITE_GUESS_LIMITS = {
  perAccount: { max: 10, windowMs: 3_600_000 },
} satisfies Record<string, AttemptLimit>;

export interface AttemptCounter {
  key: string;
  limit: AttemptLimit;
  windowEndsAt: Date;
}

function counter(scope: string, limit: AttemptLimit, now: Date): AttemptCounter {
  return { key: attemptKey(scope, now, limit), limit, windowEndsAt: windowOf(now, limit.windowMs).end };
}

/** The counters an invite code that matched nothing adds to, and an attempt is checked against. */
export function inviteGuessCounters(telegramUserId: string, now: Date): AttemptCounter[] {
  return [counter(`invite:user:${telegramUserId}`, INVITE_GUESS_LIMITS.perAccount, now)];
}
