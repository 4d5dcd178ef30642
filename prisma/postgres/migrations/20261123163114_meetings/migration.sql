-- AlterTable
ALTER TABLE "Org" ADD COLUMN     "groupChatId" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "unreachableAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "noticeOptIn" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Follow" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Follow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsualSchedule" (
    "orgId" INTEGER NOT NULL,
    "dayOfMonth" INTEGER NOT NULL,
    "time" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UsualSchedule_pkey" PRIMARY KEY ("orgId")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "forMonth" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "place" TEXT NOT NULL,
    "agenda" TEXT NOT NULL DEFAULT '',
    "thematicTopic" TEXT,
    "status" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "statusReason" TEXT,
    "createdByPersonId" INTEGER,
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingDocument" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT NOT NULL,

    CONSTRAINT "MeetingDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingAnswer" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "answer" TEXT,
    "reasonCategory" TEXT,
    "reasonText" TEXT,
    "revision" INTEGER NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "agendaReadAt" TIMESTAMP(3),

    CONSTRAINT "MeetingAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgendaProposal" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgendaProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'telegram',
    "chatId" TEXT NOT NULL,
    "personId" INTEGER,
    "orgId" INTEGER,
    "meetingId" INTEGER,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "telegramMessageId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupTally" (
    "meetingId" INTEGER NOT NULL,
    "chatId" TEXT NOT NULL,
    "messageId" INTEGER,
    "dirty" BOOLEAN NOT NULL DEFAULT true,
    "lastEditAt" TIMESTAMP(3),

    CONSTRAINT "GroupTally_pkey" PRIMARY KEY ("meetingId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Follow_orgId_personId_key" ON "Follow"("orgId", "personId");

-- CreateIndex
CREATE INDEX "Meeting_orgId_startsAt_idx" ON "Meeting"("orgId", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_status_startsAt_idx" ON "Meeting"("status", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingAnswer_meetingId_personId_key" ON "MeetingAnswer"("meetingId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_key_key" ON "OutboxMessage"("key");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_meetingId_idx" ON "OutboxMessage"("meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "Org_groupChatId_key" ON "Org"("groupChatId");

-- AddForeignKey
ALTER TABLE "Follow" ADD CONSTRAINT "Follow_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Follow" ADD CONSTRAINT "Follow_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsualSchedule" ADD CONSTRAINT "UsualSchedule_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingDocument" ADD CONSTRAINT "MeetingDocument_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAnswer" ADD CONSTRAINT "MeetingAnswer_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAnswer" ADD CONSTRAINT "MeetingAnswer_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaProposal" ADD CONSTRAINT "AgendaProposal_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaProposal" ADD CONSTRAINT "AgendaProposal_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

