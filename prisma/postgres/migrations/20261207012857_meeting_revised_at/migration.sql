-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "revisedAt" TIMESTAMP(3);

