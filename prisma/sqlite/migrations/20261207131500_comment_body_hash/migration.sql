-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "bodyHash" TEXT;

-- CreateIndex
CREATE INDEX "Comment_bodyHash_createdAt_idx" ON "Comment"("bodyHash", "createdAt");
