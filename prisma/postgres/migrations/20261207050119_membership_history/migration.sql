-- DropIndex
DROP INDEX "Membership_orgId_personId_key";

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "admittedOn" TIMESTAMP(3),
ADD COLUMN     "officialOn" TIMESTAMP(3),
ADD COLUMN     "probationRemindedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "endReason" TEXT,
ADD COLUMN     "endedOn" TIMESTAMP(3),
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'home',
ADD COLUMN     "note" TEXT,
ADD COLUMN     "startedOn" TIMESTAMP(3),
ADD COLUMN     "until" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "TransferRequest" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "fromOrgId" INTEGER NOT NULL,
    "toOrgId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'move',
    "effectiveOn" TIMESTAMP(3) NOT NULL,
    "until" TIMESTAMP(3),
    "note" TEXT,
    "requestedBy" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransferRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TransferRequest_toOrgId_state_idx" ON "TransferRequest"("toOrgId", "state");

-- CreateIndex
CREATE INDEX "TransferRequest_personId_state_idx" ON "TransferRequest"("personId", "state");

-- CreateIndex
CREATE INDEX "Membership_orgId_personId_idx" ON "Membership"("orgId", "personId");

-- CreateIndex
CREATE INDEX "Membership_orgId_endedOn_idx" ON "Membership"("orgId", "endedOn");

-- AddForeignKey
ALTER TABLE "TransferRequest" ADD CONSTRAINT "TransferRequest_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferRequest" ADD CONSTRAINT "TransferRequest_fromOrgId_fkey" FOREIGN KEY ("fromOrgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferRequest" ADD CONSTRAINT "TransferRequest_toOrgId_fkey" FOREIGN KEY ("toOrgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

