-- CreateIndex
CREATE INDEX "Comment_threadId_createdAt_status_idx" ON "Comment"("threadId", "createdAt", "status");

-- CreateIndex
CREATE INDEX "Comment_id_threadId_createdAt_idx" ON "Comment"("id", "threadId", "createdAt");

-- CreateIndex
CREATE INDEX "ModerationAction_createdAt_moderatorId_fromStatus_commentId_idx" ON "ModerationAction"("createdAt", "moderatorId", "fromStatus", "commentId");
