-- CreateTable
CREATE TABLE "HandledUpdate" (
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HandledUpdate_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AttemptCount" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "windowEndsAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AttemptCount_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "HandledUpdate_createdAt_idx" ON "HandledUpdate"("createdAt");

-- CreateIndex
CREATE INDEX "AttemptCount_windowEndsAt_idx" ON "AttemptCount"("windowEndsAt");

