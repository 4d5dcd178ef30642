// Conversation state lives in the database, not in memory: a restart or a second
// instance resumes it. Each row carries a version (bumped on every write) and an
// expiry, after which the conversation is treated as abandoned.
import type { VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import type { Db } from "../db/client.js";

export function databaseConversationStorage<S>(
  db: Db,
  timeoutMs: number,
  now: () => Date,
): VersionedStateStorage<string, S> {
  return {
    async read(key) {
      const row = await db.conversationState.findUnique({ where: { key } });
      if (!row) return undefined;
      if (row.expiresAt.getTime() <= now().getTime()) {
        await db.conversationState.deleteMany({ where: { key } });
        return undefined;
      }
      return JSON.parse(row.value) as VersionedState<S>;
    },
    async write(key, state) {
      const value = JSON.stringify(state);
      const expiresAt = new Date(now().getTime() + timeoutMs);
      await db.conversationState.upsert({
        where: { key },
        create: { key, value, expiresAt },
        update: { value, expiresAt, version: { increment: 1 } },
      });
    },
    async delete(key) {
      await db.conversationState.deleteMany({ where: { key } });
    },
  };
}
