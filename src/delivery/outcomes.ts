// What an API call's result means for its outbox row, as pure functions: the error
// classified (retry, failed, unreachable), the backoff before a retry, and the row's
// next state. No I/O, so each rule is a row in test/unit/outcomes.test.ts.
import { GrammyError, HttpError } from "grammy";
import { scrub } from "../lib/secrets.js";

export type Outcome =
  | { kind: "sent"; messageId: number }
  | { kind: "retry"; error: string; retryAfterMs?: number }
  /** noCall: settled without calling Telegram (the recipient is known unreachable). */
  | { kind: "failed"; error: string; unreachable?: boolean; noCall?: boolean };

/** Every outcome but a sent message. */
export type Failure = Exclude<Outcome, { kind: "sent" }>;

/** A row whose chat already refused us (a 403 earlier) fails without another call. */
export const KNOWN_UNREACHABLE: Failure = Object.freeze({ kind: "failed", error: "recipient unreachable (403 earlier)", noCall: true });

/** A 429: the messenger pacing us (retry_after), not a fault of the message. Counted apart (/metrics). */
export function isThrottled(failure: Failure): failure is Extract<Failure, { kind: "retry" }> & { retryAfterMs: number } {
  return failure.kind === "retry" && failure.retryAfterMs !== undefined;
}

/** Exponential backoff for 5xx, timeouts and network errors: base * 2^(attempts-1), capped, ±20% jitter. */
export interface Backoff {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 5_000, maxMs: 600_000 };

/** What a failed call means for its row; the error text is stored and logged, so it is scrubbed of secrets. */
export function classifyError(error: unknown): Failure {
  const outcome = classifyUnscrubbed(error);
  return { ...outcome, error: scrub(outcome.error) };
}

function classifyUnscrubbed(error: unknown): Failure {
  if (error instanceof GrammyError) return classifyApiError(error);
  if (error instanceof HttpError) {
    const cause = error.error instanceof Error ? `: ${error.error.message}` : "";
    return { kind: "retry", error: `${error.message}${cause}` };
  }
  return { kind: "retry", error: error instanceof Error ? error.message : String(error) };
}

/** How Telegram's answer decides a row's fate. */
function classifyApiError(error: GrammyError): Failure {
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

/**
 * The wait before the next try after `attempts` calls. Jitter spreads the retries of
 * a batch that failed together; `random` is injectable so tests can pin it.
 */
export function backoffMs(attempts: number, backoff: Backoff, random: () => number = Math.random): number {
  const base = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + random() * 0.4));
}

/** A row's next state after a failure: back to pending after a wait, or failed for good. */
export type Verdict =
  | { status: "pending"; attempts: number; waitMs: number; error: string }
  | { status: "failed"; attempts: number; error: string; unreachable: boolean };

/**
 * Decides a row's fate from its attempts so far and the failure. A 429 is Telegram
 * pacing us, not a fault of this message: it spends no attempt (a long backlog sent too
 * fast must not exhaust maxAttempts). A row settled without a call spends none either.
 */
export function verdict(
  attemptsBefore: number,
  failure: Failure,
  limits: { maxAttempts: number; backoff: Backoff; random?: () => number },
): Verdict {
  const throttled = isThrottled(failure);
  const free = throttled || (failure.kind === "failed" && failure.noCall === true);
  const attempts = attemptsBefore + (free ? 0 : 1);
  if (failure.kind === "retry" && (throttled || attempts < limits.maxAttempts)) {
    const waitMs = failure.retryAfterMs ?? backoffMs(attempts, limits.backoff, limits.random);
    return { status: "pending", attempts, waitMs, error: failure.error };
  }
  if (failure.kind === "retry") {
    return { status: "failed", attempts, error: `gave up after ${attempts} attempts: ${failure.error}`, unreachable: false };
  }
  return { status: "failed", attempts, error: failure.error, unreachable: failure.unreachable === true };
}
