-- AlterTable
ALTER TABLE "Person" ADD COLUMN "admittedOn" DATETIME;
ALTER TABLE "Person" ADD COLUMN "officialOn" DATETIME;
ALTER TABLE "Person" ADD COLUMN "probationRemindedAt" DATETIME;

-- CreateTable
CREATE TABLE "TransferRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "fromOrgId" INTEGER NOT NULL,
    "toOrgId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'move',
    "effectiveOn" DATETIME NOT NULL,
    "until" DATETIME,
    "note" TEXT,
    "requestedBy" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TransferRequest_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TransferRequest_fromOrgId_fkey" FOREIGN KEY ("fromOrgId") REFERENCES "Org" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TransferRequest_toOrgId_fkey" FOREIGN KEY ("toOrgId") REFERENCES "Org" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Membership" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'home',
    "noticeOptIn" BOOLEAN NOT NULL DEFAULT false,
    "startedOn" DATETIME,
    "endedOn" DATETIME,
    "endReason" TEXT,
    "note" TEXT,
    "until" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Membership_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Membership_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Membership" ("createdAt", "id", "noticeOptIn", "orgId", "personId", "role", "status", "updatedAt") SELECT "createdAt", "id", "noticeOptIn", "orgId", "personId", "role", "status", "updatedAt" FROM "Membership";
DROP TABLE "Membership";
ALTER TABLE "new_Membership" RENAME TO "Membership";
CREATE INDEX "Membership_orgId_personId_idx" ON "Membership"("orgId", "personId");
CREATE INDEX "Membership_personId_idx" ON "Membership"("personId");
CREATE INDEX "Membership_orgId_endedOn_idx" ON "Membership"("orgId", "endedOn");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TransferRequest_toOrgId_state_idx" ON "TransferRequest"("toOrgId", "state");

-- CreateIndex
CREATE INDEX "TransferRequest_personId_state_idx" ON "TransferRequest"("personId", "state");

