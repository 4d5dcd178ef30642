-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN "revisedAt" DATETIME;

