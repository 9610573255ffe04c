-- The moderation queues' counts as changes appended by triggers (store/queue-counts.ts): a status
-- change, a report opened or resolved, a comment written or removed adds +1/-1 rows for the queues it
-- leaves and enters, in the same transaction. The triggers first, then the current counts as one row
-- per queue (the migration holds the write lock: nothing is written between the two).
CREATE TABLE "QueueCountChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "queue" TEXT NOT NULL,
    "n" INTEGER NOT NULL
);

CREATE TRIGGER "Comment_queueCounts_insert" AFTER INSERT ON "Comment"
BEGIN
  INSERT INTO "QueueCountChange" ("queue", "n")
  SELECT NEW."status", 1
  UNION ALL SELECT 'all', 1 WHERE NEW."status" <> 'deleted'
  UNION ALL SELECT 'reported', 1 WHERE NEW."status" = 'published' AND NEW."reportCount" > 0;
END;

CREATE TRIGGER "Comment_queueCounts_delete" AFTER DELETE ON "Comment"
BEGIN
  INSERT INTO "QueueCountChange" ("queue", "n")
  SELECT OLD."status", -1
  UNION ALL SELECT 'all', -1 WHERE OLD."status" <> 'deleted'
  UNION ALL SELECT 'reported', -1 WHERE OLD."status" = 'published' AND OLD."reportCount" > 0;
END;

CREATE TRIGGER "Comment_queueCounts_update" AFTER UPDATE OF "status", "reportCount" ON "Comment"
WHEN OLD."status" <> NEW."status"
  OR (OLD."status" = 'published' AND OLD."reportCount" > 0) <> (NEW."status" = 'published' AND NEW."reportCount" > 0)
BEGIN
  INSERT INTO "QueueCountChange" ("queue", "n")
  SELECT OLD."status", -1 WHERE OLD."status" <> NEW."status"
  UNION ALL SELECT NEW."status", 1 WHERE OLD."status" <> NEW."status"
  UNION ALL SELECT 'all', -1 WHERE OLD."status" <> 'deleted' AND NEW."status" = 'deleted'
  UNION ALL SELECT 'all', 1 WHERE OLD."status" = 'deleted' AND NEW."status" <> 'deleted'
  UNION ALL SELECT 'reported', -1 WHERE (OLD."status" = 'published' AND OLD."reportCount" > 0)
    AND NOT (NEW."status" = 'published' AND NEW."reportCount" > 0)
  UNION ALL SELECT 'reported', 1 WHERE NOT (OLD."status" = 'published' AND OLD."reportCount" > 0)
    AND (NEW."status" = 'published' AND NEW."reportCount" > 0);
END;

INSERT INTO "QueueCountChange" ("queue", "n")
SELECT "status", COUNT(*) FROM "Comment" GROUP BY "status"
UNION ALL SELECT 'all', COUNT(*) FROM "Comment" WHERE "status" <> 'deleted'
UNION ALL SELECT 'reported', COUNT(*) FROM "Comment" WHERE "status" = 'published' AND "reportCount" > 0;
