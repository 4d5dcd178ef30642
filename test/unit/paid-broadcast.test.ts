// The paid broadcast budget's arithmetic: Stars to messages, and the month a message counts in.
import { describe, expect, it } from "vitest";
import { budgetMonth, messagesInBudget } from "../../src/delivery/paid-broadcast.js";

describe("paid broadcast budget", () => {
  it.each([
    [0, 0],
    [0.05, 0],
    [0.1, 1],
    [0.35, 3],
    [1, 10],
    [3, 30],
    [1500, 15_000],
    [0.3, 3], // not 2: 0.3 / 0.1 is 2.9999… in floating point
  ])("%d Stars a month buy %d messages", (stars, messages) => {
    expect(messagesInBudget(stars)).toBe(messages);
  });

  it.each([
    ["2026-12-31T23:59:59.999Z", "2026-12"],
    ["2027-01-01T00:00:00.000Z", "2027-01"],
    // 06:30 on 1 January in Hanoi is still December in UTC: the budget counts UTC months.
    ["2026-12-31T23:30:00.000Z", "2026-12"],
  ])("a message sent at %s counts in %s", (at, month) => {
    expect(budgetMonth(new Date(at))).toBe(month);
  });
});
