-- DropIndex
DROP INDEX "Comment_threadId_createdAt_status_idx";

-- DropIndex
DROP INDEX "Comment_threadId_status_createdAt_idx";

-- DropIndex
DROP INDEX "ModerationAction_createdAt_moderatorId_fromStatus_commentId_idx";

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "decidedAt" TIMESTAMP(3),
ADD COLUMN     "flagCodes" TEXT NOT NULL DEFAULT '[]';

-- Backfill (written by hand): the flags' distinct codes, and each comment's first decision by a moderator while it waited.
UPDATE "Comment" c SET "flagCodes" = (
    SELECT COALESCE('[' || string_agg(to_json(s."code")::text, ',' ORDER BY s."code" COLLATE "C") || ']', '[]')
    FROM (SELECT DISTINCT f->>'code' AS "code" FROM jsonb_array_elements(c."flags") f) s
) WHERE jsonb_typeof(c."flags") = 'array' AND c."flags" <> '[]'::jsonb;
UPDATE "Comment" c SET "decidedAt" = d."decidedAt"
FROM (
    SELECT a."commentId", MIN(a."createdAt") AS "decidedAt" FROM "ModerationAction" a
    WHERE a."moderatorId" IS NOT NULL AND a."fromStatus" IN ('pending', 'held')
    GROUP BY a."commentId"
) d WHERE d."commentId" = c."id";

-- CreateIndex
CREATE INDEX "Comment_threadId_status_createdAt_reportCount_flagCodes_idx" ON "Comment"("threadId", "status", "createdAt", "reportCount", "flagCodes");

-- CreateIndex
CREATE INDEX "Comment_threadId_createdAt_status_flagCodes_idx" ON "Comment"("threadId", "createdAt", "status", "flagCodes");

-- CreateIndex
CREATE INDEX "Comment_decidedAt_threadId_createdAt_idx" ON "Comment"("decidedAt", "threadId", "createdAt");
