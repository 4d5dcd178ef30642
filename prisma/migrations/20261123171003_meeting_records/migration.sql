-- CreateTable
CREATE TABLE "MeetingRecord" (
    "meetingId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "notHeld" BOOLEAN NOT NULL DEFAULT false,
    "notHeldReason" TEXT,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "chair" TEXT,
    "noteTaker" TEXT,
    "guests" TEXT NOT NULL DEFAULT '[]',
    "checks" TEXT NOT NULL DEFAULT '{}',
    "scoreItems" TEXT,
    "scoreTotal" INTEGER,
    "scoreGrade" TEXT,
    "scoreConfirmedByPersonId" INTEGER,
    "scoreConfirmedAt" DATETIME,
    "recordedByPersonId" INTEGER,
    "submittedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MeetingRecord_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttendanceEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "meetingId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "memberStatus" TEXT NOT NULL,
    "attendance" TEXT NOT NULL,
    CONSTRAINT "AttendanceEntry_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AttendanceEntry_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DuesMark" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "orgId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "markedByPersonId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DuesMark_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "MeetingRecord_state_idx" ON "MeetingRecord"("state");

-- CreateIndex
CREATE INDEX "AttendanceEntry_personId_idx" ON "AttendanceEntry"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "AttendanceEntry_meetingId_personId_key" ON "AttendanceEntry"("meetingId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "DuesMark_personId_month_key" ON "DuesMark"("personId", "month");

