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
 * attending / expected >= target; a meeting with nobody expected meets it.
 * Division, not `attending >= target * expected`: 0.29 * 100 is 28.999…, while 29 / 100
 * rounds to the same double as the literal 0.29, so exact shares compare as equal.
 */
export function meetsTarget(attending: number, expected: number, target: number): boolean {
  if (expected <= 0) return true;
  return attending / expected >= target;
}
