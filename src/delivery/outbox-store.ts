// The sender's side of the outbox table: every statement it runs on OutboxMessage (and
// on Person.unreachableAt, which decides whether a row is worth a call). Rows are
// claimed with a lease, a time with random milliseconds that doubles as a token of
// ownership: an outcome is recorded only on a row still holding the lease that claimed
// it, so a sender that lost its rows to another (its lease ran out) changes nothing.
// src/delivery/outbox.ts writes the rows; this file moves them along.
import { Prisma, type OutboxMessage } from "../generated/prisma/client.js";
import type { Db, Provider } from "../db/client.js";
import { ZALO_ID_BASE, type Channel } from "../bot/channels.js";
import type { Verdict } from "./outcomes.js";

export interface OutboxStoreOptions {
  db: Db;
  provider: Provider;
  /** Only rows of this messenger's chats; all rows when absent. */
  channel?: Channel;
  /** Rows claimed at once. */
  batchSize: number;
}

/** A sent row and the id Telegram gave its message. */
export interface SentRow {
  row: OutboxMessage;
  messageId: number;
}

/** Stored on a row dropped because its expiresAt passed; the SQL in dropExpired says the same. */
const EXPIRED = "expired before it could be sent";

/**
 * Rows of one messenger, by chat id: a Zalo chat's bridged id is a whole number of at
 * least 2^52 (16 digits or more), which no Telegram chat id reaches. Compared as text:
 * digits of equal length compare like numbers. Plain SQL for SQLite and PostgreSQL alike.
 */
function channelFilter(channel: Channel | undefined): Prisma.Sql {
  if (channel === undefined) return Prisma.empty;
  const base = String(ZALO_ID_BASE);
  const zalo = Prisma.sql`("chatId" NOT LIKE '-%' AND (length("chatId") > ${base.length} OR (length("chatId") = ${base.length} AND "chatId" >= ${base})))`;
  return channel === "zalo" ? Prisma.sql`AND ${zalo}` : Prisma.sql`AND NOT ${zalo}`;
}

export class OutboxStore {
  private readonly db: Db;
  private readonly provider: Provider;
  private readonly channel?: Channel;
  private readonly batchSize: number;
  private readonly onlyChannel: Prisma.Sql;

  constructor(options: OutboxStoreOptions) {
    this.db = options.db;
    this.provider = options.provider;
    this.channel = options.channel;
    this.batchSize = options.batchSize;
    this.onlyChannel = channelFilter(options.channel);
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
   * that are due (nextAttemptAt passed, so the index serves the query). Their keys.
   */
  async dropExpired(now: Date): Promise<string[]> {
    const rows = await this.db.$queryRaw<{ key: string }[]>`
      UPDATE "OutboxMessage"
      SET "status" = 'dropped', "lastError" = 'expired before it could be sent', "leaseUntil" = NULL
      WHERE "id" IN (
        SELECT "id" FROM "OutboxMessage"
        WHERE ("status" = 'pending' OR ("status" = 'sending' AND "leaseUntil" <= ${now}))
          AND "nextAttemptAt" <= ${now} AND "expiresAt" IS NOT NULL AND "expiresAt" <= ${now} ${this.onlyChannel}
        LIMIT 10000 ${this.skipLocked()})
      RETURNING "key"`;
    return rows.map((row) => row.key);
  }

  /** Takes up to batchSize due rows (free, or held by a lease that ran out) under `lease`, oldest due first. */
  async claim(now: Date, lease: Date): Promise<OutboxMessage[]> {
    const due = Prisma.sql`
      ("status" = 'pending' OR ("status" = 'sending' AND "leaseUntil" <= ${now}))
      AND "nextAttemptAt" <= ${now} AND "notBefore" <= ${now} ${this.onlyChannel}`;
    // Rows queued by statements that do not know the messenger (the column defaults to
    // telegram) get the right one as they are claimed.
    const channel = this.channel ? Prisma.sql`, "channel" = ${this.channel}` : Prisma.empty;
    const claimed = await this.db.$queryRaw<{ id: number }[]>`
      UPDATE "OutboxMessage" SET "status" = 'sending', "leaseUntil" = ${lease} ${channel}
      WHERE "id" IN (
        SELECT "id" FROM "OutboxMessage" WHERE ${due}
        ORDER BY "nextAttemptAt", "id" LIMIT ${this.batchSize} ${this.skipLocked()})
      RETURNING "id"`;
    if (claimed.length === 0) return [];
    return this.db.outboxMessage.findMany({
      where: { id: { in: claimed.map((row) => Number(row.id)) } },
      orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    });
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
