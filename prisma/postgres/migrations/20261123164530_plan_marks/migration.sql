-- CreateTable
CREATE TABLE "PlanMark" (
    "key" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanMark_pkey" PRIMARY KEY ("key")
);

