// The outbox: every bulk or scheduled message is a row with a unique key before it is
// sent, so running the scheduler twice or restarting never sends a second copy.
// src/delivery/sender.ts drains it within each messenger's limits; a row's messenger
// follows from its chat id (src/bot/channels.ts).
import type { Db } from "../db/client.js";
import { dialectOf } from "../db/dialect.js";
import { insertRows } from "./outbox-store.js";

/** Everything that writes OutboxMessage is in outbox-store.ts; these re-exports keep the queue's API in one place. */
export { dropPending, dropPendingWithKeyPrefix } from "./outbox-store.js";
import { channelOf, type Channel } from "../bot/channels.js";
import { laneOf, type Lane } from "./lanes.js";

export interface OutboxPayload {
  text: string;
  /** Telegram reply_markup JSON (inline keyboard...). */
  replyMarkup?: unknown;
  /** Sent with sendDocument; the caption defaults to `text` when that is not empty. */
  document?: { filename: string; contentBase64?: string; fileId?: string; caption?: string };
  /** Sent with sendPhoto (a chart); the caption defaults to `text` when that is not empty. */
  photo?: { filename: string; contentBase64: string; caption?: string };
}

export interface OutboxItem {
  /** Unique forever: a second enqueue of the same key is ignored. */
  key: string;
  chatId: string;
  personId?: number;
  orgId?: number;
  meetingId?: number;
  kind: string;
  payload: OutboxPayload;
  notBefore: Date;
  expiresAt?: Date;
}

/** Rows per INSERT statement, and a cap on the JSON handed to one statement. */
const BATCH_ROWS = 500;
const BATCH_BYTES = 8 * 1024 * 1024;

/**
 * A row as a JSON array, in the column order of the INSERT below. The payload stays
 * an object inside it (not a string within a string): less to escape and to parse.
 */
type JsonRow = [
  key: string,
  chatId: string,
  personId: number | null,
  orgId: number | null,
  meetingId: number | null,
  kind: string,
  payload: OutboxPayload,
  notBefore: string,
  expiresAt: string | null,
  createdAt: string,
  channel: Channel,
  lane: Lane,
];

function toJsonRow(item: OutboxItem, stamp: (date: Date) => string, createdAt: Date): JsonRow {
  if (!item.key) throw new Error("outbox: an item needs a key");
  if (!(item.notBefore instanceof Date) || Number.isNaN(item.notBefore.getTime())) {
    throw new Error(`outbox: item ${item.key} has no valid notBefore`);
  }
  if (!item.payload || typeof item.payload.text !== "string") {
    throw new Error(`outbox: item ${item.key} has no payload text`);
  }
  return [
    item.key,
    String(item.chatId),
    item.personId ?? null,
    item.orgId ?? null,
    item.meetingId ?? null,
    item.kind,
    item.payload,
    stamp(item.notBefore),
    item.expiresAt ? stamp(item.expiresAt) : null,
    stamp(createdAt),
    channelOf(item.chatId),
    laneOf(item.kind),
  ];
}

/**
 * Adds messages to the outbox; a key already there (from an earlier run, or a
 * concurrent call) is left alone. Returns how many rows were new.
 * Items with the same key within one call: the first wins. `now` (the injected clock)
 * is the rows' createdAt.
 */
export async function enqueue(db: Db, items: OutboxItem[], now: Date): Promise<number> {
  if (items.length === 0) return 0;
  const { provider, timestamp } = dialectOf(db);
  const createdAt = now;
  // A fan-out shares a few instants: format each once.
  const stamps = new Map<number, string>();
  const stamp = (date: Date) => {
    let text = stamps.get(date.getTime());
    if (text === undefined) {
      text = timestamp(date);
      if (stamps.size < 10_000) stamps.set(date.getTime(), text);
    }
    return text;
  };
  let inserted = 0;
  let batch: string[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const json = `[${batch.join(",")}]`;
    batch = [];
    bytes = 0;
    inserted += await insertRows(db, provider, json);
  };
  for (const item of items) {
    const row = JSON.stringify(toJsonRow(item, stamp, createdAt));
    if (batch.length > 0 && (batch.length >= BATCH_ROWS || bytes + row.length > BATCH_BYTES)) await flush();
    batch.push(row);
    bytes += row.length;
  }
  await flush();
  return inserted;
}

/**
 * Messages not yet sent that are meant to go by `now`, including those waiting for a
 * retry: the demo and the tests wait for zero before reading the chats.
 */
export async function countUnsent(db: Db, now: Date): Promise<number> {
  return db.outboxMessage.count({
    where: { status: { in: ["pending", "sending"] }, notBefore: { lte: now }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
  });
}

/** A sender's messages due and not yet sent, and since when the oldest of them is due. */
export interface Backlog {
  channel: Channel;
  /** OutboxMessage.bot: the sender's route ("" for the default Telegram bot, "zalo"). */
  bot: string;
  due: number;
  /** notBefore of the oldest due message. */
  oldestDue: Date;
}

/**
 * The due messages by messenger and bot (what `chibo outbox` calls waiting: pending or
 * being sent, notBefore passed, retries included): one aggregate statement, read by
 * /metrics at each scrape. Senders with nothing due are absent.
 */
export async function outboxBacklog(db: Db, now: Date): Promise<Backlog[]> {
  const groups = await db.outboxMessage.groupBy({
    by: ["channel", "bot"],
    where: { status: { in: ["pending", "sending"] }, notBefore: { lte: now } },
    _count: { _all: true },
    _min: { notBefore: true },
  });
  return groups.flatMap((group) =>
    group._min.notBefore ? [{ channel: group.channel as Channel, bot: group.bot, due: group._count._all, oldestDue: group._min.notBefore }] : [],
  );
}
