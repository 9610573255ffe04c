-- AlterTable
ALTER TABLE "ReaderAccount" ADD COLUMN     "nameSkeleton" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "dryRun" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3) NOT NULL,
    "progress" JSONB,
    "summary" JSONB,
    "report" JSONB NOT NULL,
    "error" TEXT,

    CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportJob_startedAt_idx" ON "ImportJob"("startedAt");

-- CreateIndex
CREATE INDEX "ReaderAccount_nameSkeleton_idx" ON "ReaderAccount"("nameSkeleton");
