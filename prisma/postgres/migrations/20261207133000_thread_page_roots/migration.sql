-- A page of a thread reads its top-level comments (and whether each is shown) from this index alone,
-- without the rows (store/read-thread-page.ts).
-- CreateIndex
CREATE INDEX "Comment_threadId_parentId_createdAt_id_status_kind_idx" ON "Comment"("threadId", "parentId", "createdAt", "id", "status", "kind");
