-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "lane" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "PaidBroadcastMonth" (
    "bot" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "messages" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PaidBroadcastMonth_pkey" PRIMARY KEY ("bot","month")
);

-- CreateIndex
CREATE INDEX "OutboxMessage_status_lane_expiresAt_nextAttemptAt_id_idx" ON "OutboxMessage"("status", "lane", "expiresAt", "nextAttemptAt", "id");

