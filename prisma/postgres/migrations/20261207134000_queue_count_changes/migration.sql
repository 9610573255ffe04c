-- The moderation queues' counts as changes appended by triggers (store/queue-counts.ts): a status
-- change, a report opened or resolved, a comment written or removed adds +1/-1 rows for the queues it
-- leaves and enters, in the same transaction. Append-only: concurrent writers never wait on a counter
-- row. The trigger first (CREATE TRIGGER waits for writers in flight and holds them off until the
-- migration commits), then the current counts as one row per queue.
CREATE TABLE "QueueCountChange" (
    "id" SERIAL NOT NULL,
    "queue" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "QueueCountChange_pkey" PRIMARY KEY ("id")
);

CREATE FUNCTION "Comment_queueCounts"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_in BOOLEAN := TG_OP <> 'INSERT';
  is_in BOOLEAN := TG_OP <> 'DELETE';
  was_status TEXT;
  is_status TEXT;
  was_reported BOOLEAN := FALSE;
  is_reported BOOLEAN := FALSE;
BEGIN
  IF was_in THEN
    was_status := OLD."status"::text;
    was_reported := OLD."status" = 'published' AND OLD."reportCount" > 0;
  END IF;
  IF is_in THEN
    is_status := NEW."status"::text;
    is_reported := NEW."status" = 'published' AND NEW."reportCount" > 0;
  END IF;
  INSERT INTO "QueueCountChange" ("queue", "n")
  SELECT q, n FROM (VALUES
    (was_status, -1, was_in AND was_status IS DISTINCT FROM is_status),
    (is_status, 1, is_in AND was_status IS DISTINCT FROM is_status),
    ('all', -1, was_in AND was_status <> 'deleted' AND (NOT is_in OR is_status = 'deleted')),
    ('all', 1, is_in AND is_status <> 'deleted' AND (NOT was_in OR was_status = 'deleted')),
    ('reported', -1, was_reported AND NOT is_reported),
    ('reported', 1, is_reported AND NOT was_reported)
  ) AS c(q, n, counts) WHERE c.counts;
  RETURN NULL;
END $$;

CREATE TRIGGER "Comment_queueCounts" AFTER INSERT OR DELETE OR UPDATE OF "status", "reportCount" ON "Comment"
FOR EACH ROW EXECUTE FUNCTION "Comment_queueCounts"();

INSERT INTO "QueueCountChange" ("queue", "n")
SELECT "status"::text, COUNT(*) FROM "Comment" GROUP BY "status"
UNION ALL SELECT 'all', COUNT(*) FROM "Comment" WHERE "status" <> 'deleted'
UNION ALL SELECT 'reported', COUNT(*) FROM "Comment" WHERE "status" = 'published' AND "reportCount" > 0;
