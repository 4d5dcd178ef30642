-- Written by hand: Prisma would copy the Org and outbox tables into new ones to add a
-- column; SQLite adds a NOT NULL column with a default in place.

-- DropIndex
DROP INDEX "OutboxMessage_status_lane_expiresAt_nextAttemptAt_id_idx";

-- AlterTable
ALTER TABLE "Org" ADD COLUMN "bot" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "bot" TEXT NOT NULL DEFAULT '';

-- Rows to Zalo chats (bridged ids: 16 digits from 2^52) are the Zalo sender's.
UPDATE "OutboxMessage" SET "bot" = 'zalo'
WHERE length("chatId") = 16 AND "chatId" NOT GLOB '*[^0-9]*'
  AND "chatId" BETWEEN '4503599627370496' AND '9007199254740991';

-- CreateIndex
CREATE INDEX "OutboxMessage_status_bot_lane_expiresAt_nextAttemptAt_id_idx" ON "OutboxMessage"("status", "bot", "lane", "expiresAt", "nextAttemptAt", "id");

-- Each sender's look for work is by its bot: an index led by status alone sent every
-- sender through every bot's waiting rows whenever the planner's statistics were old.
DROP INDEX "OutboxMessage_status_nextAttemptAt_idx";
CREATE INDEX "OutboxMessage_status_bot_nextAttemptAt_idx" ON "OutboxMessage"("status", "bot", "nextAttemptAt");
