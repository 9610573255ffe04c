-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "addressHash" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Report_commentId_addressHash_idx" ON "Report"("commentId", "addressHash");

-- Reports written before this column: each old reporter counts as its own address, as it did.
UPDATE "Report" SET "addressHash" = "reporterKey" WHERE "addressHash" = '';
