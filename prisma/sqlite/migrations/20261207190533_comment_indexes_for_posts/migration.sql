-- Every post writes each of Comment's indexes (issue #13: the INSERT was a post's costliest statement).
-- Comment(id, threadId, createdAt) goes: no query's plan uses it (EXPLAIN QUERY PLAN of the statements
-- the integration suites send), and the primary key finds a comment by id. The poster's index gains
-- the status: a post's author record (comments by email, counted by status; store/governing-rows.ts)
-- and the queue's author records are then read from the index alone, not from each comment's row.
-- DropIndex
DROP INDEX "Comment_authorEmail_createdAt_idx";

-- DropIndex
DROP INDEX "Comment_id_threadId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Comment_authorEmail_createdAt_status_idx" ON "Comment"("authorEmail", "createdAt", "status");
