// One instance at a time in a chat's conversation. In one process sequentialize keeps a
// chat's updates apart; across instances (webhook mode behind a load balancer) two
// updates of one chat can be handled at once. The versioned state (conversation-storage.ts)
// then keeps one of them, but the other's side effects (a meeting created, a broadcast
// sent by the last step) would already have happened. So an update of a chat whose
// conversation is in progress first takes that chat's lease: a row `lease:<chat id>` in
// ConversationState holding a random token until an expiry. Another instance waits for
// it to be released (or to expire, if its holder died) before reading the state, and then
// reads what the first one saved. Updates of chats with no conversation in progress take
// no lease: they share no state (a conversation started twice at once is caught by the
// versioned state's create).
import { randomUUID } from "node:crypto";
import type { NextFunction } from "grammy";
import type { Db } from "../db/client.js";
import { ConversationConflictError } from "./conversation-storage.js";
import { dialectOf } from "../db/dialect.js";

export interface LeaseOptions {
  /** A holder that died frees the chat after this long; longer than any update takes. */
  leaseMs?: number;
  /** How long an update waits for the chat before it gives up (a conflict: "answer again"). */
  waitMs?: number;
  pollMs?: number;
  /** As the conversation storage's (databaseConversationStorage): a province bot's id and a colon. */
  keyPrefix?: string;
}

const leaseKey = (chatKey: string) => `lease:${chatKey}`;

/** Takes the lease if nobody holds it or the holder's has expired; true when taken. */
async function acquire(db: Db, key: string, token: string, leaseMs: number, now: Date): Promise<boolean> {
  const nowSql = dialectOf(db).instant(now);
  const untilSql = dialectOf(db).instant(new Date(now.getTime() + leaseMs));
  const taken = await db.$executeRaw`
    INSERT INTO "ConversationState" ("key", "value", "version", "expiresAt", "updatedAt")
    VALUES (${key}, ${token}, 0, ${untilSql}, ${nowSql})
    ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "expiresAt" = excluded."expiresAt", "updatedAt" = excluded."updatedAt"
    WHERE "ConversationState"."expiresAt" < ${nowSql}`;
  return taken === 1;
}

async function release(db: Db, key: string, token: string): Promise<void> {
  await db.conversationState.deleteMany({ where: { key, value: token } });
}

/**
 * `now` is the bot's clock (the wall clock in production): a lease's expiry is an instant
 * stored for other instances to compare with theirs. The wait is a duration in this
 * process, on the monotonic clock.
 */
export function conversationLease(db: Db, now: () => Date, options: LeaseOptions = {}) {
  const leaseMs = options.leaseMs ?? 60_000;
  const waitMs = options.waitMs ?? 15_000;
  const pollMs = options.pollMs ?? 50;
  return async (ctx: { chat?: { id: number } }, next: NextFunction) => {
    if (ctx.chat === undefined) return next();
    const chatKey = `${options.keyPrefix ?? ""}${ctx.chat.id}`;
    if ((await db.conversationState.count({ where: { key: chatKey } })) === 0) return next();
    const key = leaseKey(chatKey);
    const token = randomUUID();
    const deadline = performance.now() + waitMs;
    while (!(await acquire(db, key, token, leaseMs, now()))) {
      if (performance.now() > deadline) throw new ConversationConflictError(chatKey);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    try {
      await next();
    } finally {
      // A failed release (the database went away) leaves the lease to expire.
      await release(db, key, token).catch(() => undefined);
    }
  };
}
