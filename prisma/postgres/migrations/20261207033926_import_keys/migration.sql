/*
  Warnings:

  - A unique constraint covering the columns `[threadId,importKey]` on the table `Comment` will be added. If there are existing duplicate values, this will fail.
  - A unique constraint covering the columns `[siteId,importKey]` on the table `Thread` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "importKey" TEXT,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'comment';

-- AlterTable
ALTER TABLE "Thread" ADD COLUMN     "importKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Comment_threadId_importKey_key" ON "Comment"("threadId", "importKey");

-- CreateIndex
CREATE UNIQUE INDEX "Thread_siteId_importKey_key" ON "Thread"("siteId", "importKey");
