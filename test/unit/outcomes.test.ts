import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_BACKOFF,
  KNOWN_UNREACHABLE,
  backoffMs,
  classifyError,
  verdict,
  type Failure,
} from "../../src/delivery/outcomes.js";
import { rememberSecrets } from "../../src/lib/secrets.js";

const TOKEN = "123456789:AAFakeTokenForTheOutcomesTest_abcdefgh";
const SECRET = "outcomes-test-secret-value";
rememberSecrets([SECRET]);

function apiError(code: number, description: string, parameters?: { retry_after?: number }): GrammyError {
  return new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code: code, description, parameters }, "sendMessage", {});
}

describe("classifyError", () => {
  it.each([
    ["400 bad request: failed", apiError(400, "Bad Request: chat not found"), { kind: "failed", error: "400: Bad Request: chat not found" }],
    ["401 wrong token: retried", apiError(401, "Unauthorized"), { kind: "retry", error: "401: Unauthorized" }],
    ["403 blocked: failed, unreachable", apiError(403, "Forbidden: bot was blocked by the user"), { kind: "failed", error: "403: Forbidden: bot was blocked by the user", unreachable: true }],
    ["404 wrong API root: retried", apiError(404, "Not Found"), { kind: "retry", error: "404: Not Found" }],
    ["409 another 4xx: failed", apiError(409, "Conflict"), { kind: "failed", error: "409: Conflict" }],
    ["429 with retry_after: retried after it", apiError(429, "Too Many Requests: retry after 7", { retry_after: 7 }), { kind: "retry", error: "429: Too Many Requests: retry after 7", retryAfterMs: 7_000 }],
    ["429 without retry_after: one second", apiError(429, "Too Many Requests"), { kind: "retry", error: "429: Too Many Requests", retryAfterMs: 1_000 }],
    ["429 with retry_after 0: at least one second", apiError(429, "Too Many Requests", { retry_after: 0 }), { kind: "retry", error: "429: Too Many Requests", retryAfterMs: 1_000 }],
    ["500: retried", apiError(500, "Internal Server Error"), { kind: "retry", error: "500: Internal Server Error" }],
    ["502: retried", apiError(502, "Bad Gateway"), { kind: "retry", error: "502: Bad Gateway" }],
    [
      "network error: retried, with its cause",
      new HttpError("Network request for 'sendMessage' failed!", new Error("socket hang up")),
      { kind: "retry", error: "Network request for 'sendMessage' failed!: socket hang up" },
    ],
    ["network error without an Error cause", new HttpError("Network request for 'sendMessage' failed!", "reset"), { kind: "retry", error: "Network request for 'sendMessage' failed!" }],
    ["a plain error: retried", new Error("The operation was aborted due to timeout"), { kind: "retry", error: "The operation was aborted due to timeout" }],
    ["a thrown string: retried", "boom", { kind: "retry", error: "boom" }],
    ["a thrown value: retried", 42, { kind: "retry", error: "42" }],
  ])("%s", (_case, error, expected) => {
    expect(classifyError(error)).toEqual(expected);
  });

  it.each([
    [
      "the token in a Bot API URL",
      new HttpError("Network request for 'sendMessage' failed!", new Error(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed`)),
      "Network request for 'sendMessage' failed!: request to https://api.telegram.org/bot[secret]/sendMessage failed",
    ],
    ["a known secret in a plain error", new Error(`connect failed for ${SECRET}`), "connect failed for [secret]"],
    ["a known secret in Telegram's description", apiError(400, `Bad Request: ${SECRET}`), "400: Bad Request: [secret]"],
  ])("scrubs %s from the stored error", (_case, error, stored) => {
    expect(classifyError(error).error).toBe(stored);
  });
});

describe("backoffMs", () => {
  const middle = () => 0.5;
  it.each([
    ["the first retry waits the base", 1, 5_000],
    ["no attempt yet counts as the first", 0, 5_000],
    ["doubles each attempt", 2, 10_000],
    ["and again", 3, 20_000],
    ["up to the cap", 7, 320_000],
    ["capped at maxMs", 8, 600_000],
    ["stays capped", 30, 600_000],
  ])("%s (attempts %i: %i ms)", (_case, attempts, expected) => {
    expect(backoffMs(attempts, DEFAULT_BACKOFF, middle)).toBe(expected);
  });

  it.each([
    ["lowest jitter: 80%", 0, 4_000],
    ["highest jitter: just under 120%", 0.999_999, 6_000],
  ])("jitters ±20%%: %s", (_case, random, expected) => {
    expect(backoffMs(1, DEFAULT_BACKOFF, () => random)).toBe(expected);
  });

  it("follows the options' base and cap", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, { baseMs: 50, maxMs: 200 }, middle))).toEqual([50, 100, 200, 200]);
  });
});

describe("verdict", () => {
  const limits = { maxAttempts: 3, backoff: { baseMs: 1_000, maxMs: 60_000 }, random: () => 0.5 };
  const retry: Failure = { kind: "retry", error: "502: Bad Gateway" };
  const throttled: Failure = { kind: "retry", error: "429: Too Many Requests", retryAfterMs: 7_000 };
  const refused: Failure = { kind: "failed", error: "403: Forbidden", unreachable: true };
  const rejected: Failure = { kind: "failed", error: "400: Bad Request" };
  it.each([
    ["a 5xx spends an attempt and backs off", 0, retry, { status: "pending", attempts: 1, waitMs: 1_000, error: "502: Bad Gateway" }],
    ["the next one backs off longer", 1, retry, { status: "pending", attempts: 2, waitMs: 2_000, error: "502: Bad Gateway" }],
    ["the last attempt gives up", 2, retry, { status: "failed", attempts: 3, error: "gave up after 3 attempts: 502: Bad Gateway", unreachable: false }],
    ["a 429 spends no attempt and waits retry_after", 0, throttled, { status: "pending", attempts: 0, waitMs: 7_000, error: "429: Too Many Requests" }],
    ["a 429 never gives up, even past maxAttempts", 5, throttled, { status: "pending", attempts: 5, waitMs: 7_000, error: "429: Too Many Requests" }],
    ["a 403 fails at once, unreachable", 0, refused, { status: "failed", attempts: 1, error: "403: Forbidden", unreachable: true }],
    ["a 400 fails at once", 1, rejected, { status: "failed", attempts: 2, error: "400: Bad Request", unreachable: false }],
    ["a row settled without a call spends no attempt", 2, KNOWN_UNREACHABLE, { status: "failed", attempts: 2, error: "recipient unreachable (403 earlier)", unreachable: false }],
  ])("%s", (_case, attemptsBefore, failure, expected) => {
    expect(verdict(attemptsBefore, failure, limits)).toEqual(expected);
  });
});
