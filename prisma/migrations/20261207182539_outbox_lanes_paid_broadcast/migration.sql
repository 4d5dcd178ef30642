-- Written by hand: Prisma would copy the whole outbox into a new table to add one
-- column; SQLite adds a NOT NULL column with a default in place.

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "lane" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "OutboxMessage_status_lane_expiresAt_nextAttemptAt_id_idx" ON "OutboxMessage"("status", "lane", "expiresAt", "nextAttemptAt", "id");

-- CreateTable
CREATE TABLE "PaidBroadcastMonth" (
    "bot" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "messages" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("bot", "month")
);
