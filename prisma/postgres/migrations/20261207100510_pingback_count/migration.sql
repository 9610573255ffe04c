-- AlterTable
ALTER TABLE "Thread" ADD COLUMN "pingbackCount" INTEGER NOT NULL DEFAULT 0;

-- Pingbacks and trackbacks imported before this column: counted apart now, so a site can hide them.
UPDATE "Thread" SET "pingbackCount" = (
  SELECT COUNT(*) FROM "Comment" c WHERE c."threadId" = "Thread"."id" AND c."status" = 'published' AND c."kind" <> 'comment'
);
