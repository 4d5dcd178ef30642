-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "zaloUserId" TEXT;

-- CreateTable
CREATE TABLE "ZaloChat" (
    "id" SERIAL NOT NULL,
    "zaloChatId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "lastMessageId" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ZaloChat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ZaloInbound" (
    "id" SERIAL NOT NULL,
    "messageId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ZaloInbound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SharedFile" (
    "id" SERIAL NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SharedFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ZaloChat_zaloChatId_key" ON "ZaloChat"("zaloChatId");

-- CreateIndex
CREATE UNIQUE INDEX "ZaloInbound_messageId_key" ON "ZaloInbound"("messageId");

-- CreateIndex
CREATE INDEX "ZaloInbound_receivedAt_idx" ON "ZaloInbound"("receivedAt");

-- CreateIndex
CREATE INDEX "SharedFile_expiresAt_idx" ON "SharedFile"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Person_zaloUserId_key" ON "Person"("zaloUserId");

