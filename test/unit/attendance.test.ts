import { describe, expect, it } from "vitest";
import { countsTowardTarget, isExpected, meetsTarget } from "../../src/domain/attendance.js";

describe("isExpected", () => {
  it.each<[string, boolean, boolean]>([
    ["official", false, true],
    ["official", true, true],
    ["probationary", false, true],
    ["probationary", true, true],
    ["exempt", true, true],
    ["exempt", false, false],
    ["transferred", true, false],
    ["transferred", false, false],
    ["", true, false],
    ["OFFICIAL", true, false],
    ["suspended", true, false],
  ])("%j with noticeOptIn %s → %s", (status, noticeOptIn, expected) => {
    expect(isExpected({ status, noticeOptIn })).toBe(expected);
  });
});

describe("countsTowardTarget", () => {
  it.each<[string, boolean]>([
    ["official", true],
    ["probationary", true],
    ["exempt", false],
    ["transferred", false],
    ["", false],
    ["Official", false],
  ])("%j → %s", (status, expected) => {
    expect(countsTowardTarget(status)).toBe(expected);
  });
});

describe("meetsTarget", () => {
  // "Đạt tỷ lệ trên 85%" (Hướng dẫn 12-HD/BTCTW): strictly above the target.
  it.each<[number, number, number, boolean]>([
    // Around 85%: 84.99%, exactly 85%, 85.01%.
    [8499, 10000, 0.85, false],
    [17, 20, 0.85, false],
    [85, 100, 0.85, false],
    [34, 40, 0.85, false],
    [8501, 10000, 0.85, true],
    [29, 34, 0.85, true],
    [18, 20, 0.85, true],
    [16, 20, 0.85, false],
    [20, 20, 0.85, true],
    [0, 20, 0.85, false],
    [0, 0, 0.85, true],
    [0, 0, 1, true],
    [5, 0, 0.85, true],
    [84, 100, 0.85, false],
    [6, 7, 0.85, true],
    [5, 6, 0.85, false],
    // A target of 100% asks for everyone: met when all came.
    [3, 3, 1, true],
    [99, 100, 1, false],
    // No target.
    [0, 20, 0, true],
    // An exact share is never above its target although target × expected is off in
    // floating point: 0.55 × 100 is 55.00000000000001, 0.29 × 100 is 28.999….
    [55, 100, 0.55, false],
    [56, 100, 0.55, true],
    [14, 25, 0.56, false],
    [29, 100, 0.29, false],
    [30, 100, 0.29, true],
    [57, 100, 0.57, false],
    [7, 10, 0.7, false],
    [21, 20, 0.85, true],
  ])("%i of %i against %s → %s", (attending, expected, target, result) => {
    expect(meetsTarget(attending, expected, target)).toBe(result);
  });
});
