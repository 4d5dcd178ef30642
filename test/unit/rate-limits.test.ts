import { describe, expect, it } from "vitest";
import { ChatLimiter, TokenBucket, isGroupChat } from "../../src/delivery/rate-limits.js";

/** A fake monotonic clock: milliseconds that move only when told. */
class FakeClock {
  constructor(public ms = 0) {}
  advance(ms: number): number {
    this.ms += ms;
    return this.ms;
  }
}

/** Sends `count` messages as soon as the bucket allows, as the sender does; the send times. */
function paceBucket(bucket: TokenBucket, clock: FakeClock, count: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    clock.advance(bucket.waitMs(clock.ms));
    bucket.take(clock.ms);
    times.push(clock.ms);
  }
  return times;
}

/** Sends `count` messages to one chat as soon as the limiter allows; the send times. */
function paceChat(limiter: ChatLimiter, chatId: string, clock: FakeClock, count: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    clock.ms = Math.max(clock.ms, limiter.availableAt(chatId));
    limiter.record(chatId, clock.ms);
    times.push(clock.ms);
  }
  return times;
}

describe("TokenBucket", () => {
  it.each([
    ["25/s, capacity 1: every 40 ms", 25, 1, 6, [0, 40, 80, 120, 160, 200]],
    ["30/s, capacity 1: every 34 ms (rounded up, never faster than the rate)", 30, 1, 4, [0, 34, 68, 102]],
    ["10/s, capacity 1: no burst, one token then the rate", 10, 1, 4, [0, 100, 200, 300]],
    ["10/s, capacity 3: the saved tokens at once, then the rate", 10, 3, 5, [0, 0, 0, 100, 200]],
  ])("paces evenly at its rate: %s", (_case, rate, capacity, count, expected) => {
    const clock = new FakeClock(1_000);
    const bucket = new TokenBucket(rate, capacity, clock.ms);
    expect(paceBucket(bucket, clock, count).map((t) => t - 1_000)).toEqual(expected);
  });

  it.each([
    ["capacity 1: one token after a long idle, not a burst", 1, [5_000, 5_100, 5_200]],
    ["capacity 3: refills to capacity, never beyond", 3, [5_000, 5_000, 5_000, 5_100]],
  ])("refills after idle: %s", (_case, capacity, expected) => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(10, capacity, clock.ms);
    paceBucket(bucket, clock, capacity);
    clock.ms = 5_000;
    expect(paceBucket(bucket, clock, expected.length)).toEqual(expected);
  });

  it.each([
    ["during the pause", 500, 100],
    ["when the pause ends: a full interval, no burst", 2_000, 100],
    ["an interval after the pause", 2_100, 0],
  ])("is empty until a 429 pause ends: waitMs %s", (_case, at, wait) => {
    const bucket = new TokenBucket(10, 1, 0);
    bucket.emptyUntil(2_000);
    expect(bucket.waitMs(at)).toBe(wait);
  });

  it("waits part of an interval when part of a token has come back", () => {
    const bucket = new TokenBucket(10, 1, 0);
    bucket.take(0);
    expect([bucket.waitMs(30), bucket.waitMs(50), bucket.waitMs(100)]).toEqual([70, 50, 0]);
  });
});

describe("isGroupChat", () => {
  it.each([
    ["-100123456", true],
    ["-42", true],
    ["42", false],
    [String(2 ** 52 + 7), false],
  ])("%s: %s", (chatId, group) => {
    expect(isGroupChat(chatId)).toBe(group);
  });
});

describe("ChatLimiter", () => {
  it.each([
    ["one chat at 1 msg/s", 1_000, "42", 4, [0, 1_000, 2_000, 3_000]],
    ["one chat at 2 msg/s", 500, "42", 3, [0, 500, 1_000]],
    ["a private chat has no minute window", 1_000, "42", 25, Array.from({ length: 25 }, (_, i) => i * 1_000)],
  ])("spaces %s", (_case, spacingMs, chatId, count, expected) => {
    const limiter = new ChatLimiter(spacingMs, 20);
    expect(paceChat(limiter, chatId, new FakeClock(), count)).toEqual(expected);
  });

  it("keeps chats apart: one chat's message holds back no other", () => {
    const limiter = new ChatLimiter(1_000, 20);
    limiter.record("42", 0);
    limiter.record("-100", 0);
    expect([limiter.availableAt("42"), limiter.availableAt("-100"), limiter.availableAt("43"), limiter.availableAt("-101")]).toEqual([1_000, 1_000, 0, 0]);
  });

  it.each([
    // 20 a minute: the 21st waits for the 1st to leave the window, then the spacing rules again.
    ["messages 1 to 20 at the spacing", 0, 20, Array.from({ length: 20 }, (_, i) => i * 1_000)],
    ["the 21st a minute after the 1st", 20, 1, [60_000]],
    ["the 22nd a minute after the 2nd", 21, 1, [61_000]],
    ["the 40th a minute after the 20th", 39, 1, [79_000]],
    ["the 41st a minute after the 21st", 40, 1, [120_000]],
  ])("holds a group to 20 a minute: %s", (_case, before, count, expected) => {
    const limiter = new ChatLimiter(1_000, 20);
    const clock = new FakeClock();
    paceChat(limiter, "-100777", clock, before);
    expect(paceChat(limiter, "-100777", clock, count)).toEqual(expected);
  });

  it.each([
    ["an answer within the spacing: a full spacing from the answer", 0, 250, 1_250],
    ["a slow answer: a full spacing from the answer", 0, 3_000, 4_000],
    ["an answer cannot make the chat free earlier than the send did", 5_000, 0, 6_000],
  ])("hold() after an answer (a 429 included): %s", (_case, sentAt, answeredAt, expected) => {
    const limiter = new ChatLimiter(1_000, 20);
    limiter.record("42", sentAt);
    limiter.hold("42", answeredAt);
    expect(limiter.availableAt("42")).toBe(expected);
  });

  it.each([
    ["below the threshold: nothing is forgotten", 10, 61_000, { chats: 3, groups: 1 }, [1_000, 1_500]],
    ["chats free again are forgotten; the group's window still counts", 2, 1_200, { chats: 1, groups: 1 }, [0, 1_500]],
    ["after a minute everything is forgotten", 2, 61_000, { chats: 0, groups: 0 }, [0, 0]],
  ])("prune: %s", (_case, pruneAbove, at, size, available) => {
    const limiter = new ChatLimiter(1_000, 20, pruneAbove);
    limiter.record("42", 0);
    limiter.record("43", 500);
    limiter.record("-100", 200);
    limiter.prune(at);
    expect(limiter.size).toEqual(size);
    expect([limiter.availableAt("42"), limiter.availableAt("43")]).toEqual(available);
  });

  it("prune keeps a group's window while it holds the group back", () => {
    const limiter = new ChatLimiter(1_000, 2, 1);
    paceChat(limiter, "-100", new FakeClock(), 2);
    limiter.prune(30_000);
    expect(limiter.size).toEqual({ chats: 0, groups: 1 });
    expect(limiter.availableAt("-100")).toBe(60_000);
  });
});
