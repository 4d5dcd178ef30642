// Which lane an outbox row goes out in. On the evening a province's cells all meet, the
// sender has 90,000 reminders to send at 30 a second (50 minutes). A message that one
// person's action sends to another (a member's absence to the secretary, a join request,
// the secretary's answer) must not wait behind them: it is claimed first, and a sender
// busy with bulk rows looks for such rows every half second (sender.ts).

export const DIRECT_LANE = 0;
export const BULK_LANE = 1;
export type Lane = typeof DIRECT_LANE | typeof BULK_LANE;

/** Kinds written when one person acts and another (one, or a cell's leaders) is told. */
const DIRECT_KINDS: ReadonlySet<string> = new Set([
  "absence",
  "agenda_proposal",
  "agenda_decision",
  "join_request",
  "join_decision",
  "transfer_request",
  "transfer_decision",
  "follow_added",
  "follow_ended",
]);

export function laneOf(kind: string): Lane {
  return DIRECT_KINDS.has(kind) ? DIRECT_LANE : BULK_LANE;
}
