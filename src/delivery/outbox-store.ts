// The outbox table's store: every statement that writes OutboxMessage. First the
// sender's (and on Person.unreachableAt, which decides whether a row is worth a call). Rows are
// claimed with a lease, a time with random milliseconds that doubles as a token of
// ownership: an outcome is recorded only on a row still holding the lease that claimed
// it, so a sender that lost its rows to another (its lease ran out) changes nothing.
// It is also where every other statement that writes OutboxMessage lives (rows queued
// by outbox.ts's enqueue and by org/meeting-messages.ts, dropped when a meeting changes,
// cleared when a person is forgotten): one place to read what can change a message.
import { Prisma, type OutboxMessage } from "../generated/prisma/client.js";
import type { Db, Provider } from "../db/client.js";
import type { Channel } from "../bot/channels.js";
import type { Verdict } from "./outcomes.js";
import { BULK_LANE, DIRECT_LANE } from "./lanes.js";

export interface OutboxStoreOptions {
  db: Db;
  provider: Provider;
  /** Only rows of this messenger's chats; all rows when absent. */
  channel?: Channel;
  /** Only rows of this sender (OutboxMessage.bot: botOfRowSql); all rows when absent. */
  bot?: string;
  /** Rows claimed at once. */
  batchSize: number;
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

/** A sent row and the id Telegram gave its message. */
export interface SentRow {
  row: OutboxMessage;
  messageId: number;
}

/**
 * Which due rows go first: the direct lane, then the earliest expiry (none: last), then
 * the oldest due; claimOrder says the same. On PostgreSQL an ascending order puts NULLs
 * last and the index on (status, lane, expiresAt, nextAttemptAt, id) gives the rows in
 * this order: a claim reads its batch, not every due row (90,000 reminders due: 0.2 ms
 * against 105 ms a claim). SQLite puts NULLs first, so it is told, and sorts.
 */
function claimOrderSql(provider: Provider): Prisma.Sql {
  return provider === "postgresql"
    ? Prisma.sql`"lane", "expiresAt", "nextAttemptAt", "id"`
    : Prisma.sql`"lane", "expiresAt" IS NULL, "expiresAt", "nextAttemptAt", "id"`;
}

const NO_EXPIRY = Number.MAX_SAFE_INTEGER;

/** CLAIM_ORDER, on rows read back. */
function claimOrder(a: OutboxMessage, b: OutboxMessage): number {
  return (
    a.lane - b.lane ||
    (a.expiresAt?.getTime() ?? NO_EXPIRY) - (b.expiresAt?.getTime() ?? NO_EXPIRY) ||
    a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() ||
    a.id - b.id
  );
}

/** Stored on a row dropped because its expiresAt passed; the SQL in dropExpired says the same. */
const EXPIRED = "expired before it could be sent";

/**
 * Rows of one messenger, by chat id (rows queued by statements that do not know the
 * messenger carry the column's default, so the chat id decides): channelOfSql.
 */
function channelFilter(provider: Provider, channel: Channel | undefined): Prisma.Sql {
  if (channel === undefined) return Prisma.empty;
  return Prisma.sql`AND (${channelOfSql(provider, Prisma.sql`"chatId"`)}) = ${channel}`;
}

/** The Zalo sender's rows: one Zalo bot serves every organisation. */
export const ZALO_SENDER = "zalo";

/**
 * The sender of a row being inserted: the Zalo sender for a Zalo chat; otherwise the
 * Telegram bot of the row's organisation (Org.bot), or of the person's home cell when
 * the row has no organisation; "" (the default bot) when neither has one.
 */
function botOfRowSql(row: { channel: Prisma.Sql; orgId: Prisma.Sql; personId: Prisma.Sql }): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${row.channel} = ${ZALO_SENDER} THEN ${ZALO_SENDER} ELSE COALESCE(
      (SELECT o."bot" FROM "Org" o WHERE o."id" = ${row.orgId}),
      (SELECT o."bot" FROM "Membership" m JOIN "Org" o ON o."id" = m."orgId"
       WHERE m."personId" = ${row.personId} AND m."kind" = 'home' AND m."endedOn" IS NULL LIMIT 1),
      '') END`;
}

export class OutboxStore {
  private readonly db: Db;
  private readonly provider: Provider;
  private readonly channel?: Channel;
  private readonly batchSize: number;
  /** This sender's rows: its messenger's chats and, when given, its bot's rows. */
  private readonly onlyChannel: Prisma.Sql;

  constructor(options: OutboxStoreOptions) {
    this.db = options.db;
    this.provider = options.provider;
    this.channel = options.channel;
    this.batchSize = options.batchSize;
    const onlyBot = options.bot === undefined ? Prisma.empty : Prisma.sql`AND "bot" = ${options.bot}`;
    this.onlyChannel = Prisma.sql`${channelFilter(options.provider, options.channel)} ${onlyBot}`;
  }

  /**
   * PostgreSQL: SKIP LOCKED lets concurrent senders take disjoint rows without waiting.
   * SQLite: one UPDATE statement is atomic; writers are serialised by the database.
   */
  private skipLocked(): Prisma.Sql {
    return this.provider === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  }

  /**
   * Rows that can no longer be useful (expiresAt passed) are dropped, not sent: those
   * that are due (nextAttemptAt passed). Their keys. Pending and held rows apart, each
   * through an index (lanes are 0 and 1: named, so the lane column does not stop the
   * index at it).
   */
  async dropExpired(now: Date): Promise<string[]> {
    const expired = Prisma.sql`"nextAttemptAt" <= ${now} AND "expiresAt" IS NOT NULL AND "expiresAt" <= ${now} ${this.onlyChannel}`;
    const drop = (which: Prisma.Sql) => this.db.$queryRaw<{ key: string }[]>`
      UPDATE "OutboxMessage"
      SET "status" = 'dropped', "lastError" = 'expired before it could be sent', "leaseUntil" = NULL
      WHERE "id" IN (
        SELECT "id" FROM "OutboxMessage" WHERE ${which} AND ${expired}
        LIMIT 10000 ${this.skipLocked()})
      RETURNING "key"`;
    const pending = await drop(Prisma.sql`"status" = 'pending' AND "lane" IN (${DIRECT_LANE}, ${BULK_LANE})`);
    const held = await drop(Prisma.sql`"status" = 'sending' AND "leaseUntil" <= ${now}`);
    return [...pending, ...held].map((row) => row.key);
  }

  /**
   * Takes up to batchSize due rows (free, or held by a lease that ran out) under `lease`:
   * the direct lane first (lanes.ts), then the rows whose time runs out first (a
   * meeting's reminders expire when it starts: the earliest meeting's go first), then
   * the oldest due. In that order.
   */
  async claim(now: Date, lease: Date): Promise<OutboxMessage[]> {
    return this.claimWhere(now, lease, Prisma.empty, this.batchSize);
  }

  /** Up to `limit` due rows of the direct lane only, as claim takes them: a look between bulk sends. */
  async claimDirect(now: Date, lease: Date, limit: number): Promise<OutboxMessage[]> {
    return this.claimWhere(now, lease, Prisma.sql`AND "lane" = ${DIRECT_LANE}`, limit);
  }

  /**
   * Rows held by a lease that ran out (a sender died or stalled: few) are taken first,
   * then pending ones: two statements, so that each walks its index in claim order
   * (one with an OR between them read and sorted every due row).
   */
  private async claimWhere(now: Date, lease: Date, lane: Prisma.Sql, limit: number): Promise<OutboxMessage[]> {
    const due = Prisma.sql`"nextAttemptAt" <= ${now} AND "notBefore" <= ${now} ${lane} ${this.onlyChannel}`;
    // Rows queued by statements that do not know the messenger (the column defaults to
    // telegram) get the right one as they are claimed.
    const channel = this.channel ? Prisma.sql`, "channel" = ${this.channel}` : Prisma.empty;
    const take = (which: Prisma.Sql, count: number) => this.db.$queryRaw<{ id: number }[]>`
      UPDATE "OutboxMessage" SET "status" = 'sending', "leaseUntil" = ${lease} ${channel}
      WHERE "id" IN (
        SELECT "id" FROM "OutboxMessage" WHERE ${which} AND ${due}
        ORDER BY ${claimOrderSql(this.provider)} LIMIT ${count} ${this.skipLocked()})
      RETURNING "id"`;
    const takenOver = await take(Prisma.sql`"status" = 'sending' AND "leaseUntil" <= ${now}`, limit);
    const pending = takenOver.length < limit ? await take(Prisma.sql`"status" = 'pending'`, limit - takenOver.length) : [];
    const claimed = [...takenOver, ...pending];
    if (claimed.length === 0) return [];
    const rows = await this.db.outboxMessage.findMany({ where: { id: { in: claimed.map((row) => Number(row.id)) } } });
    return rows.sort(claimOrder);
  }

  /**
   * When to look again for a row that is otherwise due, if within the deadline: the
   * earliest retry time of a pending row, or the end of the lease on a row another
   * sender holds. A process killed mid-batch leaves its rows held: they are taken over
   * when the lease ends, not left behind. A live holder usually records them sooner,
   * hence a look every `heldRecheckMs` meanwhile.
   */
  async nextDueAt(now: number, deadline: number, heldRecheckMs: number): Promise<number | null> {
    const [pending, held] = await Promise.all([
      this.db.$queryRaw<{ id: number }[]>`
        SELECT "id" FROM "OutboxMessage"
        WHERE "status" = 'pending' AND "notBefore" <= ${new Date(now)} AND "nextAttemptAt" <= ${new Date(deadline)} ${this.onlyChannel}
        ORDER BY "nextAttemptAt" LIMIT 1`,
      this.db.$queryRaw<{ id: number }[]>`
        SELECT "id" FROM "OutboxMessage"
        WHERE "status" = 'sending' AND "leaseUntil" <= ${new Date(deadline)}
          AND "notBefore" <= ${new Date(now)} AND "nextAttemptAt" <= ${new Date(deadline)} ${this.onlyChannel}
        ORDER BY "leaseUntil" LIMIT 1`,
    ]);
    const ids = [...pending, ...held].map((row) => Number(row.id));
    if (ids.length === 0) return null;
    const rows = await this.db.outboxMessage.findMany({ where: { id: { in: ids } }, select: { status: true, nextAttemptAt: true, leaseUntil: true } });
    const times = rows.map((row) =>
      row.status === "sending" && row.leaseUntil
        ? Math.min(Math.max(row.leaseUntil.getTime(), row.nextAttemptAt.getTime()), now + heldRecheckMs)
        : row.nextAttemptAt.getTime(),
    );
    return times.length > 0 ? Math.min(...times) : null;
  }

  /**
   * Marks rows sent, in one statement. Recorded whatever happened to the lease
   * meanwhile: the messages did go out.
   */
  async recordSent(items: SentRow[], now: Date): Promise<void> {
    const json = JSON.stringify(items.map((item) => ({ id: item.row.id, a: item.row.attempts + 1, m: item.messageId })));
    if (this.provider === "postgresql") {
      await this.db.$executeRaw`
        UPDATE "OutboxMessage" AS o
        SET "status" = 'sent', "sentAt" = ${now}, "leaseUntil" = NULL, "lastError" = NULL,
            "attempts" = j."a", "telegramMessageId" = j."m"
        FROM jsonb_to_recordset(${json}::jsonb) AS j("id" integer, "a" integer, "m" integer)
        WHERE o."id" = j."id"`;
    } else {
      await this.db.$executeRaw`
        UPDATE "OutboxMessage"
        SET "status" = 'sent', "sentAt" = ${now}, "leaseUntil" = NULL, "lastError" = NULL,
            "attempts" = j."a", "telegramMessageId" = j."m"
        FROM (SELECT value ->> 'id' AS "id", value ->> 'a' AS "a", value ->> 'm' AS "m" FROM json_each(${json})) AS j
        WHERE "OutboxMessage"."id" = j."id"`;
    }
  }

  /** Drops a claimed row that expired while it waited; false when the lease is no longer ours. */
  async markDropped(id: number, lease: Date): Promise<boolean> {
    const done = await this.db.outboxMessage.updateMany({
      where: { id, status: "sending", leaseUntil: lease },
      data: { status: "dropped", lastError: EXPIRED, leaseUntil: null },
    });
    return done.count > 0;
  }

  /** Records a failure's verdict (pending again after its wait, or failed); false when the lease is no longer ours. */
  async settle(id: number, lease: Date, verdict: Verdict, now: Date): Promise<boolean> {
    const data =
      verdict.status === "pending"
        ? {
            status: "pending",
            attempts: verdict.attempts,
            nextAttemptAt: new Date(now.getTime() + verdict.waitMs),
            leaseUntil: null,
            lastError: verdict.error,
          }
        : { status: "failed", attempts: verdict.attempts, leaseUntil: null, lastError: verdict.error };
    const done = await this.db.outboxMessage.updateMany({ where: { id, status: "sending", leaseUntil: lease }, data });
    return done.count > 0;
  }

  /** Gives rows back, if still ours; with `nextAttemptAt`, not before then. How many were given back. */
  async release(ids: number[], lease: Date, nextAttemptAt: Date | null): Promise<number> {
    const done = await this.db.outboxMessage.updateMany({
      where: { id: { in: ids }, status: "sending", leaseUntil: lease },
      data: { status: "pending", leaseUntil: null, ...(nextAttemptAt !== null ? { nextAttemptAt } : {}) },
    });
    return done.count;
  }

  /** Of the rows' recipients, those already known unreachable. */
  async unreachablePersons(rows: OutboxMessage[]): Promise<Set<number>> {
    const ids = [...new Set(rows.flatMap((row) => (row.personId === null ? [] : [row.personId])))];
    if (ids.length === 0) return new Set();
    const persons = await this.db.person.findMany({
      where: { id: { in: ids }, unreachableAt: { not: null } },
      select: { id: true },
    });
    return new Set(persons.map((p) => p.id));
  }

  /** Sets Person.unreachableAt once: true only for the call that set it. */
  async markPersonUnreachable(personId: number, now: Date): Promise<boolean> {
    const updated = await this.db.person.updateMany({
      where: { id: personId, unreachableAt: null },
      data: { unreachableAt: now },
    });
    return updated.count > 0;
  }
}

// ---------------------------------------------------------------------------------------
// Rows queued and dropped (src/delivery/outbox.ts, org/meeting-messages.ts)

/**
 * A JSON parameter holding texts, as SQL text: bound as its UTF-8 bytes and read back as
 * text by the database. Prisma takes ~6 times longer over a string of Vietnamese text
 * than over the same bytes (a 600 KB batch of messages: ~40 ms against ~13 ms here, on
 * either store), and a tick of 90,000 reminders binds 30 of them.
 */
export function utf8JsonSql(provider: Provider, json: string): Prisma.Sql {
  const bytes = Buffer.from(json, "utf8");
  return provider === "sqlite" ? Prisma.sql`CAST(${bytes} AS TEXT)` : Prisma.sql`convert_from(${bytes}, 'UTF8')`;
}

/**
 * One statement per batch with the whole batch as a single JSON parameter: binding
 * ten parameters per row costs Prisma more than the insert itself costs SQLite
 * (90,000 rows: ~3 s this way on a small machine, twice that with parameters).
 * nextAttemptAt starts at notBefore.
 */
export async function insertRows(db: Db, provider: Provider, json: string): Promise<number> {
  return db.$executeRaw(insertStatement(provider, json));
}

function insertStatement(provider: Provider, json: string): Prisma.Sql {
  const rows = utf8JsonSql(provider, json);
  if (provider === "sqlite") {
    // "WHERE true" resolves SQLite's parsing ambiguity between SELECT ... ON and upsert.
    // value -> 6 is the payload's JSON text.
    const bot = botOfRowSql({ channel: Prisma.sql`value ->> 10`, personId: Prisma.sql`value ->> 2`, orgId: Prisma.sql`value ->> 3` });
    return Prisma.sql`
      INSERT INTO "OutboxMessage"
        ("key", "chatId", "personId", "orgId", "meetingId", "kind", "payload",
         "notBefore", "expiresAt", "nextAttemptAt", "createdAt", "channel", "lane", "bot")
      SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5,
             value -> 6, value ->> 7, value ->> 8, value ->> 7, value ->> 9, value ->> 10, value ->> 11, ${bot}
      FROM json_each(${rows}) WHERE true
      ON CONFLICT ("key") DO NOTHING`;
  }
  // Timestamps are UTC ISO strings; casting to timestamp (without zone) keeps UTC,
  // which is how Prisma stores DateTime on PostgreSQL. json (not jsonb) keeps the
  // payload's text as written.
  const bot = botOfRowSql({ channel: Prisma.sql`(e ->> 10)`, personId: Prisma.sql`(e ->> 2)::integer`, orgId: Prisma.sql`(e ->> 3)::integer` });
  return Prisma.sql`
    INSERT INTO "OutboxMessage"
      ("key", "chatId", "personId", "orgId", "meetingId", "kind", "payload",
       "notBefore", "expiresAt", "nextAttemptAt", "createdAt", "channel", "lane", "bot")
    SELECT e ->> 0, e ->> 1, (e ->> 2)::integer, (e ->> 3)::integer, (e ->> 4)::integer, e ->> 5,
           (e -> 6)::text, (e ->> 7)::timestamp(3), (e ->> 8)::timestamp(3), (e ->> 7)::timestamp(3),
           (e ->> 9)::timestamp(3), e ->> 10, (e ->> 11)::integer, ${bot}
    FROM json_array_elements(${rows}::json) AS e
    ON CONFLICT ("key") DO NOTHING`;
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

/** What insertCellMessages needs: the messages' cells and texts as JSON rows, who hears (SQL over "cell"), the languages. */
export interface CellMessagesInput {
  /** JSON rows [idx, orgId, meetingId, revision, keyPrefix, kind, notBefore, expiresAt]. */
  cells: string;
  /** JSON rows [idx, locale, answered (0/1), payload]. */
  variants: string;
  createdAt: string;
  /** Rows (idx, personId, chatId, locale, follower) for the rows of "cell": org/people.ts's recipientsOfCellsSql. */
  recipients: Prisma.Sql;
  /** Languages with texts, and the one a recipient of another language reads. */
  locales: { known: string[]; fallback: string };
}

/**
 * One INSERT … SELECT of a batch of cell messages (org/meeting-messages.ts's
 * enqueueToCells): a row per recipient with a reachable chat, the text of their
 * language and answered-or-not; keys already queued are left alone.
 */
export async function insertCellMessages(db: Db, provider: Provider, input: CellMessagesInput): Promise<number> {
  return db.$executeRaw(cellMessagesStatement(provider, input));
}

function cellMessagesStatement(provider: Provider, { cells, variants, createdAt, recipients, locales }: CellMessagesInput): Prisma.Sql {
  // Parameters as JSON rows: cells [idx, orgId, meetingId, revision, keyPrefix, kind,
  // notBefore, expiresAt] and variants [idx, locale, answered (0/1), payload].
  const inputs =
    provider === "sqlite"
      ? Prisma.sql`
        "cell" AS MATERIALIZED (
          SELECT value ->> 0 AS "idx", value ->> 1 AS "orgId", value ->> 2 AS "meetingId", value ->> 3 AS "revision",
                 value ->> 4 AS "keyPrefix", value ->> 5 AS "kind", value ->> 6 AS "notBefore", value ->> 7 AS "expiresAt",
                 (SELECT o."bot" FROM "Org" o WHERE o."id" = value ->> 1) AS "bot"
          FROM json_each(${cells})),
        "variant" AS MATERIALIZED (
          SELECT value ->> 0 AS "idx", value ->> 1 AS "locale", value ->> 2 AS "answered", value -> 3 AS "payload"
          FROM json_each(${utf8JsonSql(provider, variants)}))`
      : Prisma.sql`
        "cell" AS MATERIALIZED (
          SELECT (e ->> 0)::integer AS "idx", (e ->> 1)::integer AS "orgId", (e ->> 2)::integer AS "meetingId",
                 (e ->> 3)::integer AS "revision", e ->> 4 AS "keyPrefix", e ->> 5 AS "kind",
                 (e ->> 6)::timestamp(3) AS "notBefore", (e ->> 7)::timestamp(3) AS "expiresAt",
                 (SELECT o."bot" FROM "Org" o WHERE o."id" = (e ->> 1)::integer) AS "bot"
          FROM json_array_elements(${cells}::json) AS e),
        "variant" AS MATERIALIZED (
          SELECT (e ->> 0)::integer AS "idx", e ->> 1 AS "locale", (e ->> 2)::integer AS "answered", (e -> 3)::text AS "payload"
          FROM json_array_elements(${utf8JsonSql(provider, variants)}::json) AS e)`;
  const created = provider === "sqlite" ? Prisma.sql`${createdAt}` : Prisma.sql`${createdAt}::timestamp(3)`;
  // "addressed" is materialized: each recipient's language and answered-or-not are
  // worked out once, before the texts are joined. Inlined, PostgreSQL joined every text
  // of the recipient's language first and filtered after (twice the rows, sorted on disk
  // with their texts: ~0.3 s more for a province's 90,000 reminders). SQLite
  // materialized it anyway.
  return Prisma.sql`
    WITH ${inputs},
    "recipient" AS (${recipients}),
    "addressed" AS MATERIALIZED (
      SELECT c."idx", c."orgId", c."meetingId", c."keyPrefix", c."kind", c."notBefore", c."expiresAt", c."bot",
             r."personId", r."chatId", r."follower", ${channelOfSql(provider, Prisma.sql`r."chatId"`)} AS "channel",
             CASE WHEN r."locale" IN (${Prisma.join(locales.known)}) THEN r."locale" ELSE ${locales.fallback} END AS "locale",
             CASE WHEN EXISTS (
               SELECT 1 FROM "MeetingAnswer" a
               WHERE a."meetingId" = c."meetingId" AND a."personId" = r."personId" AND a."revision" = c."revision" AND a."answer" IS NOT NULL
             ) THEN 1 ELSE 0 END AS "answered"
      FROM "recipient" r JOIN "cell" c ON c."idx" = r."idx"
      WHERE r."chatId" IS NOT NULL)
    INSERT INTO "OutboxMessage"
      ("key", "chatId", "personId", "orgId", "meetingId", "kind", "payload",
       "notBefore", "expiresAt", "nextAttemptAt", "createdAt", "channel", "bot")
    SELECT x."keyPrefix" || CAST(x."personId" AS TEXT), x."chatId", x."personId", x."orgId", x."meetingId", x."kind", v."payload",
           x."notBefore", x."expiresAt", x."notBefore", ${created}, x."channel",
           CASE WHEN x."channel" = ${ZALO_SENDER} THEN ${ZALO_SENDER} ELSE COALESCE(x."bot", '') END
    FROM "addressed" x
    JOIN "variant" v ON v."idx" = x."idx" AND v."locale" = x."locale" AND v."answered" = x."answered"
    WHERE true
    ORDER BY x."idx", x."follower", x."personId"
    ON CONFLICT ("key") DO NOTHING`;
}

/** Waiting Telegram messages move to their organisation's bot after the bots changed (bot-routes.ts). */
export async function moveWaitingToOrgBots(db: Db): Promise<number> {
  return db.$executeRaw`
    UPDATE "OutboxMessage" SET "bot" = (SELECT o."bot" FROM "Org" o WHERE o."id" = "OutboxMessage"."orgId")
    WHERE "status" = 'pending' AND "bot" <> ${ZALO_SENDER} AND "orgId" IS NOT NULL
      AND "bot" <> (SELECT o."bot" FROM "Org" o WHERE o."id" = "OutboxMessage"."orgId")`;
}

// ---------------------------------------------------------------------------------------
// Rows dropped or cleared for a person (features/follow, features/privacy)

/** A former follower's meeting messages still waiting (kinds given by the caller). */
/**
 * Pending messages whose key starts with `keyPrefix` (to `personId` only, when given) are
 * dropped: a task done, moved or withdrawn needs no reminder of its old state.
 */
export async function dropPendingWithKeyPrefix(db: Db, where: { keyPrefix: string; personId?: number }): Promise<number> {
  const result = await db.outboxMessage.updateMany({
    where: { key: { startsWith: where.keyPrefix }, status: "pending", ...(where.personId !== undefined ? { personId: where.personId } : {}) },
    data: { status: "dropped", lastError: "dropped: task changed" },
  });
  return result.count;
}

export async function dropPendingForFollower(db: Db, where: { orgId: number; personId: number; kinds: string[] }): Promise<number> {
  const result = await db.outboxMessage.updateMany({
    where: { orgId: where.orgId, personId: where.personId, meetingId: { not: null }, kind: { in: where.kinds }, status: "pending" },
    data: { status: "dropped", lastError: "dropped: follow ended" },
  });
  return result.count;
}

/**
 * Messages to a forgotten person's own chats: they move to `placeholderChat` with
 * `emptyPayload`; sent (and already dropped) ones keep their status, the others are dropped.
 */
export async function clearMessagesToChats(
  tx: Db,
  input: { chats: string[]; placeholderChat: string; emptyPayload: string },
): Promise<{ cleared: number; dropped: number }> {
  const gone = { payload: input.emptyPayload, chatId: input.placeholderChat, lastError: null, leaseUntil: null };
  const where = { chatId: { in: input.chats } };
  const cleared = await tx.outboxMessage.updateMany({ where: { ...where, status: { in: ["sent", "dropped"] } }, data: gone });
  const dropped = await tx.outboxMessage.updateMany({ where, data: { ...gone, status: "dropped" } });
  return { cleared: cleared.count, dropped: dropped.count };
}

/** Replaces one text column of a row (payload or lastError) with a scrubbed copy. */
export async function rewriteText(tx: Db, id: number, column: "payload" | "lastError", text: string): Promise<void> {
  await tx.outboxMessage.update({ where: { id }, data: { [column]: text } });
}
