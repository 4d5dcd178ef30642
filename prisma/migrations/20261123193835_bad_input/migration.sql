-- CreateTable
CREATE TABLE "HandledUpdate" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AttemptCount" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL DEFAULT 0,
    "windowEndsAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "HandledUpdate_createdAt_idx" ON "HandledUpdate"("createdAt");

-- CreateIndex
CREATE INDEX "AttemptCount_windowEndsAt_idx" ON "AttemptCount"("windowEndsAt");

