-- DropIndex
DROP INDEX "ModerationAction_createdAt_moderatorId_fromStatus_commentId_idx";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "threadId" TEXT NOT NULL,
    "parentId" TEXT,
    "depth" INTEGER NOT NULL DEFAULT 1,
    "authorName" TEXT NOT NULL,
    "authorEmail" TEXT NOT NULL,
    "authorUrl" TEXT,
    "moderatorId" TEXT,
    "readerAccountId" TEXT,
    "ipHash" TEXT NOT NULL,
    "bodySource" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "flags" JSONB NOT NULL,
    "flagCodes" TEXT NOT NULL DEFAULT '[]',
    "metadata" JSONB NOT NULL,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "editTokenHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" DATETIME,
    "publishedAt" DATETIME,
    "decidedAt" DATETIME,
    "kind" TEXT NOT NULL DEFAULT 'comment',
    "importKey" TEXT,
    CONSTRAINT "Comment_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_moderatorId_fkey" FOREIGN KEY ("moderatorId") REFERENCES "Moderator" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_readerAccountId_fkey" FOREIGN KEY ("readerAccountId") REFERENCES "ReaderAccount" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("authorEmail", "authorName", "authorUrl", "bodyHtml", "bodySource", "createdAt", "depth", "editTokenHash", "editedAt", "flags", "id", "importKey", "ipHash", "kind", "metadata", "moderatorId", "parentId", "publishedAt", "readerAccountId", "reportCount", "revision", "status", "threadId") SELECT "authorEmail", "authorName", "authorUrl", "bodyHtml", "bodySource", "createdAt", "depth", "editTokenHash", "editedAt", "flags", "id", "importKey", "ipHash", "kind", "metadata", "moderatorId", "parentId", "publishedAt", "readerAccountId", "reportCount", "revision", "status", "threadId" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";

-- Backfill (written by hand): the flags' distinct codes, and each comment's first decision by a moderator while it waited.
UPDATE "Comment" SET "flagCodes" = (
    SELECT json_group_array("code") FROM (
        SELECT DISTINCT json_extract(f.value, '$.code') AS "code" FROM json_each("Comment"."flags") f ORDER BY 1
    )
) WHERE "flags" <> '[]';
UPDATE "Comment" SET "decidedAt" = (
    SELECT MIN(a."createdAt") FROM "ModerationAction" a
    WHERE a."commentId" = "Comment"."id" AND a."moderatorId" IS NOT NULL AND a."fromStatus" IN ('pending', 'held')
);
CREATE INDEX "Comment_threadId_status_createdAt_reportCount_flagCodes_idx" ON "Comment"("threadId", "status", "createdAt", "reportCount", "flagCodes");
CREATE INDEX "Comment_threadId_createdAt_status_flagCodes_idx" ON "Comment"("threadId", "createdAt", "status", "flagCodes");
CREATE INDEX "Comment_decidedAt_threadId_createdAt_idx" ON "Comment"("decidedAt", "threadId", "createdAt");
CREATE INDEX "Comment_id_threadId_createdAt_idx" ON "Comment"("id", "threadId", "createdAt");
CREATE INDEX "Comment_status_createdAt_idx" ON "Comment"("status", "createdAt");
CREATE INDEX "Comment_authorEmail_createdAt_idx" ON "Comment"("authorEmail", "createdAt");
CREATE INDEX "Comment_ipHash_createdAt_idx" ON "Comment"("ipHash", "createdAt");
CREATE INDEX "Comment_readerAccountId_createdAt_idx" ON "Comment"("readerAccountId", "createdAt");
CREATE INDEX "Comment_parentId_idx" ON "Comment"("parentId");
CREATE UNIQUE INDEX "Comment_threadId_importKey_key" ON "Comment"("threadId", "importKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
