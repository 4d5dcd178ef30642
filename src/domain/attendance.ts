// Who is expected at a meeting and who counts toward the attendance rate. Exempted
// members (elderly, weak health) need not come and are left out of rates; a temporarily
// transferred member attends the host cell instead.

/**
 * Whether a member is invited and reminded: official and probationary members always;
 * exempted members only if they asked for notices; transferred members never.
 * Unknown statuses are not expected.
 */
export function isExpected(m: { status: string; noticeOptIn: boolean }): boolean {
  switch (m.status) {
    case "official":
    case "probationary":
      return true;
    case "exempt":
      return m.noticeOptIn;
    default:
      return false;
  }
}

/** Whether a member is in the attendance rate (numerator and denominator): official and probationary only. */
export function countsTowardTarget(status: string): boolean {
  return status === "official" || status === "probationary";
}

/**
 * Whether attendance reaches the quality target, which Hướng dẫn 12-HD/BTCTW words as
 * "trên 85%": strictly above, so 17 of 20 (exactly 85%) does not meet it.
 * - attending / expected > target;
 * - everyone expected came: met whatever the target (a target of 100% asks for that);
 * - nobody expected, or a target of 0 (no target): met.
 * Division, not `attending > target * expected`: 0.29 * 100 is 28.999…, while 29 / 100
 * rounds to the same double as the literal 0.29, so an exact share is never "above" it.
 */
export function meetsTarget(attending: number, expected: number, target: number): boolean {
  if (expected <= 0 || target <= 0 || attending >= expected) return true;
  return attending / expected > target;
}
