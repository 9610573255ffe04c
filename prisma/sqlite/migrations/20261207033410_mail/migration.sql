-- CreateTable
CREATE TABLE "MailOutbox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "toAddress" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "claimToken" TEXT,
    "claimedUntil" DATETIME,
    "lastError" TEXT,
    "subject" TEXT,
    "textBody" TEXT,
    "htmlBody" TEXT,
    "messageId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "EmailAddress" (
    "address" TEXT NOT NULL PRIMARY KEY,
    "verifiedAt" DATETIME,
    "suppressedAt" DATETIME,
    "suppressReason" TEXT,
    "optedOutAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Subscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "address" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "commentId" TEXT,
    "scope" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" DATETIME,
    "stoppedAt" DATETIME,
    "cursor" DATETIME NOT NULL,
    "lastMailAt" DATETIME,
    CONSTRAINT "Subscription_address_fkey" FOREIGN KEY ("address") REFERENCES "EmailAddress" ("address") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Subscription_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Moderator" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" DATETIME,
    "alertMode" TEXT NOT NULL DEFAULT 'none',
    "alertCursor" DATETIME
);
INSERT INTO "new_Moderator" ("createdAt", "disabledAt", "email", "id", "name", "passwordHash", "role") SELECT "createdAt", "disabledAt", "email", "id", "name", "passwordHash", "role" FROM "Moderator";
DROP TABLE "Moderator";
ALTER TABLE "new_Moderator" RENAME TO "Moderator";
CREATE UNIQUE INDEX "Moderator_email_key" ON "Moderator"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
