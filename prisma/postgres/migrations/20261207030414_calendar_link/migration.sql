-- AlterTable
ALTER TABLE "Org" ADD COLUMN     "calendarLink" INTEGER NOT NULL DEFAULT 1;

