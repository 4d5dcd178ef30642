-- CreateTable
CREATE TABLE "MeetingRecord" (
    "meetingId" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "notHeld" BOOLEAN NOT NULL DEFAULT false,
    "notHeldReason" TEXT,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "chair" TEXT,
    "noteTaker" TEXT,
    "guests" TEXT NOT NULL DEFAULT '[]',
    "checks" TEXT NOT NULL DEFAULT '{}',
    "scoreItems" TEXT,
    "scoreTotal" INTEGER,
    "scoreGrade" TEXT,
    "scoreConfirmedByPersonId" INTEGER,
    "scoreConfirmedAt" TIMESTAMP(3),
    "recordedByPersonId" INTEGER,
    "submittedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MeetingRecord_pkey" PRIMARY KEY ("meetingId")
);

-- CreateTable
CREATE TABLE "AttendanceEntry" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "memberStatus" TEXT NOT NULL,
    "attendance" TEXT NOT NULL,

    CONSTRAINT "AttendanceEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DuesMark" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "orgId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "markedByPersonId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DuesMark_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MeetingRecord_state_idx" ON "MeetingRecord"("state");

-- CreateIndex
CREATE INDEX "AttendanceEntry_personId_idx" ON "AttendanceEntry"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "AttendanceEntry_meetingId_personId_key" ON "AttendanceEntry"("meetingId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "DuesMark_personId_month_key" ON "DuesMark"("personId", "month");

-- AddForeignKey
ALTER TABLE "MeetingRecord" ADD CONSTRAINT "MeetingRecord_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttendanceEntry" ADD CONSTRAINT "AttendanceEntry_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttendanceEntry" ADD CONSTRAINT "AttendanceEntry_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuesMark" ADD CONSTRAINT "DuesMark_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

