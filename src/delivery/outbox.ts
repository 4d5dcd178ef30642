// The outbox: every bulk or scheduled message is a row with a unique key before it is
// sent, so running the scheduler twice or restarting never sends a second copy.
// src/delivery/sender.ts drains it within each messenger's limits; a row's messenger
// follows from its chat id (src/bot/channels.ts).
import { Prisma } from "../generated/prisma/client.js";
import type { Db, Provider } from "../db/client.js";
import { channelOf, type Channel } from "../bot/channels.js";

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
 * Which database a client talks to. Both generated clients carry it; the Db type does
 * not declare it, hence the cast.
 */
export function providerOfClient(db: Db): Provider {
  const active = (db as unknown as { _activeProvider?: string })._activeProvider;
  if (active === "sqlite" || active === "postgresql") return active;
  throw new Error(`outbox: unsupported database provider ${String(active)}`);
}

/**
 * How the better-sqlite3 adapter writes a DateTime (its default "iso8601" format):
 * rows written here must compare as text with values Prisma writes and binds.
 */
function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/**
 * A DateTime as raw SQL here binds it: SQLite's text form above, or a UTC ISO string
 * that PostgreSQL casts to timestamp(3) (Prisma keeps DateTime there as UTC without zone).
 */
export function rawTimestamp(provider: Provider, date: Date): string {
  return provider === "sqlite" ? sqliteTimestamp(date) : date.toISOString();
}

/** An instant in raw SQL, compared with DateTime columns as Prisma stores them. */
export function instant(db: Db, date: Date): Prisma.Sql {
  const provider = providerOfClient(db);
  const text = rawTimestamp(provider, date);
  return provider === "sqlite" ? Prisma.sql`${text}` : Prisma.sql`${text}::timestamp(3)`;
}

/** Bridged Zalo chat ids run from 2^52 to the largest safe integer: 16 digits each. */
const ZALO_IDS = { first: String(2 ** 52), last: String(Number.MAX_SAFE_INTEGER) };

/**
 * A row's channel in SQL, for rows written set-based (INSERT … SELECT): channelOf
 * (src/bot/channels.ts) on the chat id column. Both bounds have 16 digits, so among
 * digit strings of that length text order is numeric order.
 */
export function channelOfSql(provider: Provider, chatId: Prisma.Sql): Prisma.Sql {
  const digits = provider === "sqlite" ? Prisma.sql`${chatId} NOT GLOB '*[^0-9]*'` : Prisma.sql`${chatId} ~ '^[0-9]+$'`;
  const [first, last] = [Prisma.raw(`'${ZALO_IDS.first}'`), Prisma.raw(`'${ZALO_IDS.last}'`)];
  return Prisma.sql`CASE WHEN length(${chatId}) = ${Prisma.raw(String(ZALO_IDS.first.length))} AND ${digits}
    AND ${chatId} BETWEEN ${first} AND ${last} THEN 'zalo' ELSE 'telegram' END`;
}

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
  ];
}

/**
 * One statement per batch with the whole batch as a single JSON parameter: binding
 * ten parameters per row costs Prisma more than the insert itself costs SQLite
 * (90,000 rows: ~3 s this way on a small machine, twice that with parameters).
 * nextAttemptAt starts at notBefore.
 */
function insertStatement(provider: Provider, json: string): Prisma.Sql {
  if (provider === "sqlite") {
    // "WHERE true" resolves SQLite's parsing ambiguity between SELECT ... ON and upsert.
    // value -> 6 is the payload's JSON text.
    return Prisma.sql`
      INSERT INTO "OutboxMessage"
        ("key", "chatId", "personId", "orgId", "meetingId", "kind", "payload",
         "notBefore", "expiresAt", "nextAttemptAt", "createdAt", "channel")
      SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5,
             value -> 6, value ->> 7, value ->> 8, value ->> 7, value ->> 9, value ->> 10
      FROM json_each(${json}) WHERE true
      ON CONFLICT ("key") DO NOTHING`;
  }
  // Timestamps are UTC ISO strings; casting to timestamp (without zone) keeps UTC,
  // which is how Prisma stores DateTime on PostgreSQL. json (not jsonb) keeps the
  // payload's text as written.
  return Prisma.sql`
    INSERT INTO "OutboxMessage"
      ("key", "chatId", "personId", "orgId", "meetingId", "kind", "payload",
       "notBefore", "expiresAt", "nextAttemptAt", "createdAt", "channel")
    SELECT e ->> 0, e ->> 1, (e ->> 2)::integer, (e ->> 3)::integer, (e ->> 4)::integer, e ->> 5,
           (e -> 6)::text, (e ->> 7)::timestamp(3), (e ->> 8)::timestamp(3), (e ->> 7)::timestamp(3),
           (e ->> 9)::timestamp(3), e ->> 10
    FROM json_array_elements(${json}::json) AS e
    ON CONFLICT ("key") DO NOTHING`;
}

/**
 * Adds messages to the outbox; a key already there (from an earlier run, or a
 * concurrent call) is left alone. Returns how many rows were new.
 * Items with the same key within one call: the first wins. `now` (the injected clock)
 * is the rows' createdAt.
 */
export async function enqueue(db: Db, items: OutboxItem[], now: Date): Promise<number> {
  if (items.length === 0) return 0;
  const provider = providerOfClient(db);
  const createdAt = now;
  // A fan-out shares a few instants: format each once.
  const stamps = new Map<number, string>();
  const stamp = (date: Date) => {
    let text = stamps.get(date.getTime());
    if (text === undefined) {
      text = rawTimestamp(provider, date);
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
    inserted += await db.$executeRaw(insertStatement(provider, json));
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
 * Marks the meeting's messages that are not sent yet as dropped (the meeting was
 * cancelled or postponed). With keyPrefix, only keys starting with it; with kinds, only
 * those kinds. Rows a sender holds are dropped too (a dead sender's included); one it
 * is sending at this very moment may still go out, and is then recorded as sent.
 * Returns how many rows were dropped.
 */
export async function dropPending(
  db: Db,
  where: { meetingId: number; keyPrefix?: string; kinds?: string[] },
): Promise<number> {
  const result = await db.outboxMessage.updateMany({
    where: {
      meetingId: where.meetingId,
      status: { in: ["pending", "sending"] },
      ...(where.keyPrefix !== undefined ? { key: { startsWith: where.keyPrefix } } : {}),
      ...(where.kinds !== undefined ? { kind: { in: where.kinds } } : {}),
    },
    data: { status: "dropped", lastError: "dropped: meeting changed", leaseUntil: null },
  });
  return result.count;
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
