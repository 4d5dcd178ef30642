// Paid broadcasts: Telegram sends up to 1,000 messages a second for a bot that passes
// allow_paid_broadcast, at 0.1 Star a message taken from the bot's balance. An operator
// may allow it for bulk rows (lanes.ts) above the free rate, up to a rate and a monthly
// budget of Stars; off by default. Senders reserve messages from the month's ledger
// (PaidBroadcastMonth) before they send with the flag and give back what they did not
// use, so instances of one bot share one budget and it is never overspent: a sender
// killed mid-batch loses its reservation (counted as spent), never the other way round.
import type { Db } from "../db/client.js";
import { TokenBucket } from "./rate-limits.js";

/** Telegram's price of one message sent with allow_paid_broadcast, in Stars. */
export const STARS_PER_MESSAGE = 0.1;
/** What Telegram allows with the flag, free rate included. */
export const PAID_BROADCAST_MAX_PER_SECOND = 1000;

export interface PaidBroadcast {
  /** Messages a second sent with the flag, above the sender's free rate. */
  perSecond: number;
  /** The Stars a month (UTC) these may cost. */
  starsPerMonth: number;
  /** The bot's id (the token before its colon): one budget per bot. */
  bot: string;
}

/** The month a message is counted in: UTC, "YYYY-MM". */
export function budgetMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The month's budget in messages (Stars ÷ 0.1, rounded down). */
export function messagesInBudget(starsPerMonth: number): number {
  return Math.floor(Math.round(starsPerMonth * 100) / (STARS_PER_MESSAGE * 100));
}

const RESERVE_TRIES = 5;

/**
 * Reserves up to `wanted` messages of the month's budget: how many were granted (0 when
 * it is spent). Optimistic: the count is changed only if no other sender changed it
 * since it was read; a few tries, then none this time.
 */
export async function reservePaid(db: Db, paid: PaidBroadcast, at: Date, wanted: number): Promise<number> {
  if (wanted <= 0) return 0;
  const month = budgetMonth(at);
  const budget = messagesInBudget(paid.starsPerMonth);
  await db.paidBroadcastMonth.upsert({ where: { bot_month: { bot: paid.bot, month } }, create: { bot: paid.bot, month }, update: {} });
  for (let i = 0; i < RESERVE_TRIES; i++) {
    const { messages } = await db.paidBroadcastMonth.findUniqueOrThrow({ where: { bot_month: { bot: paid.bot, month } } });
    const granted = Math.min(wanted, budget - messages);
    if (granted <= 0) return 0;
    const taken = await db.paidBroadcastMonth.updateMany({ where: { bot: paid.bot, month, messages }, data: { messages: messages + granted } });
    if (taken.count === 1) return granted;
  }
  return 0;
}

/** Gives back what a reservation did not use. */
export async function returnPaid(db: Db, paid: PaidBroadcast, month: string, unused: number): Promise<void> {
  if (unused <= 0) return;
  await db.paidBroadcastMonth.updateMany({ where: { bot: paid.bot, month }, data: { messages: { decrement: unused } } });
}

/** Messages sent with the flag (or reserved for it, being sent) by month and bot, newest month first. */
export async function paidBroadcastSpending(db: Db, months: string[]): Promise<{ bot: string; month: string; messages: number; stars: number }[]> {
  const rows = await db.paidBroadcastMonth.findMany({ where: { month: { in: months }, messages: { gt: 0 } }, orderBy: [{ month: "desc" }, { bot: "asc" }] });
  return rows.map((row) => ({ bot: row.bot, month: row.month, messages: row.messages, stars: Math.round(row.messages * STARS_PER_MESSAGE * 10) / 10 }));
}

/** A batch's share of the budget: reserved at its start, settled at its end. */
export interface PaidReservation {
  month: string;
  /** Reserved and not yet used. */
  left: number;
  /** Sent with the flag. */
  used: number;
  /** Reserved in all. */
  reserved: number;
}

/**
 * A sender's paid allowance: its own rate (a token bucket, as the free rate's) and the
 * reservations its batches take from the month's budget.
 */
export class PaidAllowance {
  private readonly bucket: TokenBucket;
  constructor(
    private readonly db: Db,
    readonly paid: PaidBroadcast,
    realNow: number,
  ) {
    this.bucket = new TokenBucket(paid.perSecond, 1, realNow);
  }

  /** Reserves enough for a batch's bulk rows; an empty reservation when the budget is spent or the ledger unreadable. */
  async reserve(at: Date, bulkRows: number): Promise<PaidReservation> {
    const month = budgetMonth(at);
    const reserved = await reservePaid(this.db, this.paid, at, bulkRows);
    return { month, left: reserved, used: 0, reserved };
  }

  /** Milliseconds until a paid send may start for this batch (Infinity: its reservation is used up). */
  waitMs(reservation: PaidReservation, realNow: number): number {
    return reservation.left > 0 ? this.bucket.waitMs(realNow) : Infinity;
  }

  take(reservation: PaidReservation, realNow: number): void {
    this.bucket.take(realNow);
    reservation.left -= 1;
  }

  /** A paid send that Telegram did not accept costs nothing: its share goes back. */
  failed(reservation: PaidReservation): void {
    reservation.left += 1;
  }

  sent(reservation: PaidReservation): void {
    reservation.used += 1;
  }

  /** Gives back what the batch did not use. */
  async settle(reservation: PaidReservation): Promise<void> {
    await returnPaid(this.db, this.paid, reservation.month, reservation.reserved - reservation.used);
  }
}
