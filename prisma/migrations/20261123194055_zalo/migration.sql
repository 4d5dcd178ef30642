-- AlterTable
ALTER TABLE "Person" ADD COLUMN "zaloUserId" TEXT;

-- CreateTable
CREATE TABLE "ZaloChat" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "zaloChatId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "lastMessageId" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ZaloInbound" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "messageId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SharedFile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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

