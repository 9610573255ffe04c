-- AlterTable
ALTER TABLE "Moderator" ADD COLUMN     "alertCursor" TIMESTAMP(3),
ADD COLUMN     "alertMode" TEXT NOT NULL DEFAULT 'none';

-- CreateTable
CREATE TABLE "MailOutbox" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "toAddress" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "claimToken" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "subject" TEXT,
    "textBody" TEXT,
    "htmlBody" TEXT,
    "messageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "MailOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailAddress" (
    "address" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "suppressedAt" TIMESTAMP(3),
    "suppressReason" TEXT,
    "optedOutAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailAddress_pkey" PRIMARY KEY ("address")
);

-- CreateTable
CREATE TABLE "Subscription" (
    "id" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "commentId" TEXT,
    "scope" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),
    "stoppedAt" TIMESTAMP(3),
    "cursor" TIMESTAMP(3) NOT NULL,
    "lastMailAt" TIMESTAMP(3),

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MailOutbox_idempotencyKey_key" ON "MailOutbox"("idempotencyKey");

-- CreateIndex
CREATE INDEX "MailOutbox_status_nextAttemptAt_idx" ON "MailOutbox"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "MailOutbox_toAddress_kind_createdAt_idx" ON "MailOutbox"("toAddress", "kind", "createdAt");

-- CreateIndex
CREATE INDEX "MailOutbox_createdAt_idx" ON "MailOutbox"("createdAt");

-- CreateIndex
CREATE INDEX "Subscription_commentId_idx" ON "Subscription"("commentId");

-- CreateIndex
CREATE INDEX "Subscription_kind_stoppedAt_idx" ON "Subscription"("kind", "stoppedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_address_threadId_scope_key" ON "Subscription"("address", "threadId", "scope");

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_address_fkey" FOREIGN KEY ("address") REFERENCES "EmailAddress"("address") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
