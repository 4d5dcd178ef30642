// Conversation state lives in the database, not in memory: a restart or a second
// instance resumes it. Each row carries a version and an expiry, after which the
// conversation is treated as abandoned.
//
// Writes are optimistic. The conversations plugin reads a chat's state when an update
// arrives and writes it back once the update is handled; the version seen at the read
// is kept for that update (keyed by its context object), and the write succeeds only if
// the row still has that version (or, when there was no row, if none was created
// meanwhile). Two instances handling two updates of one chat at once therefore cannot
// both save: the second gets a ConversationConflictError and its state is discarded,
// so the conversation holds exactly one of the two answers (create-bot.ts tells the
// person to answer again). Within one process, sequentialize already keeps a chat's
// updates apart; the race is between instances (webhook mode).
import { randomInt } from "node:crypto";
import type { VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import type { Db } from "../db/client.js";

/** Another update saved this conversation after ours read it: ours was not saved. */
export class ConversationConflictError extends Error {
  constructor(readonly key: string) {
    super(`conversation state ${key} was changed by another update`);
    this.name = "ConversationConflictError";
  }
}

/** What the storage needs from a context: the chat whose conversation it is. */
export interface ConversationOwner {
  chatId?: number;
}

/** The version read for one update: a row's version, or null when there was no row. */
type Seen = { key: string; version: number | null };

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}

/**
 * A fresh row starts at a random version, not 0: a conversation that ends (row deleted)
 * and a new one that starts (row created) between another update's read and write
 * would otherwise be mistaken for the row that update read.
 */
function firstVersion(): number {
  return randomInt(1, 2 ** 30);
}

/**
 * `keyPrefix` keeps the conversations of one person with several bots apart (a province's
 * bot: its id and a colon; the default bot: none, as before there were several).
 */
export function databaseConversationStorage<C extends ConversationOwner, S>(
  db: Db,
  timeoutMs: number,
  now: () => Date,
  keyPrefix = "",
): VersionedStateStorage<C, S> {
  const seen = new WeakMap<C, Seen>();
  const keyOf = (ctx: C) => (ctx.chatId === undefined ? undefined : `${keyPrefix}${ctx.chatId}`);
  const expiry = () => new Date(now().getTime() + timeoutMs);

  async function create(key: string, value: string) {
    try {
      const row = await db.conversationState.create({ data: { key, value, version: firstVersion(), expiresAt: expiry() } });
      return row.version;
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConversationConflictError(key);
      throw error;
    }
  }

  async function update(key: string, version: number, value: string) {
    const updated = await db.conversationState.updateMany({
      where: { key, version },
      data: { value, expiresAt: expiry(), version: version + 1 },
    });
    if (updated.count === 0) throw new ConversationConflictError(key);
    return version + 1;
  }

  return {
    async read(ctx) {
      const key = keyOf(ctx);
      if (key === undefined) return undefined;
      const row = await db.conversationState.findUnique({ where: { key } });
      if (row && row.expiresAt.getTime() > now().getTime()) {
        seen.set(ctx, { key, version: row.version });
        return JSON.parse(row.value) as VersionedState<S>;
      }
      // Abandoned: removed, unless another update has just renewed it.
      if (row) await db.conversationState.deleteMany({ where: { key, version: row.version } });
      seen.set(ctx, { key, version: null });
      return undefined;
    },
    async write(ctx, state) {
      const key = keyOf(ctx);
      if (key === undefined) return;
      const value = JSON.stringify(state);
      // The plugin always reads before it writes; a write without a read expects no row.
      const version = seen.get(ctx)?.version ?? null;
      const written = version === null ? await create(key, value) : await update(key, version, value);
      seen.set(ctx, { key, version: written });
    },
    async delete(ctx) {
      const key = keyOf(ctx);
      if (key === undefined) return;
      const version = seen.get(ctx)?.version ?? null;
      if (version === null) {
        await db.conversationState.deleteMany({ where: { key } });
        return;
      }
      const deleted = await db.conversationState.deleteMany({ where: { key, version } });
      // Gone already (both updates ended it) is no conflict; a newer state is kept.
      if (deleted.count === 0 && (await db.conversationState.count({ where: { key } })) > 0) throw new ConversationConflictError(key);
      seen.delete(ctx);
    },
  };
}
