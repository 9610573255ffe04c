-- CreateTable
CREATE TABLE "ReaderAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "provider" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "avatarUrl" TEXT,
    "email" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" DATETIME NOT NULL,
    "disabledAt" DATETIME
);

-- CreateTable
CREATE TABLE "ReaderSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "siteId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "ReaderSession_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ReaderAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignInFlow" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "provider" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "nonce" TEXT,
    "codeVerifier" TEXT NOT NULL,
    "returnTo" TEXT NOT NULL,
    "popupOrigin" TEXT,
    "siteId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);

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
    "metadata" JSONB NOT NULL,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "editTokenHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" DATETIME,
    "publishedAt" DATETIME,
    "kind" TEXT NOT NULL DEFAULT 'comment',
    "importKey" TEXT,
    CONSTRAINT "Comment_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_moderatorId_fkey" FOREIGN KEY ("moderatorId") REFERENCES "Moderator" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_readerAccountId_fkey" FOREIGN KEY ("readerAccountId") REFERENCES "ReaderAccount" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("authorEmail", "authorName", "authorUrl", "bodyHtml", "bodySource", "createdAt", "depth", "editTokenHash", "editedAt", "flags", "id", "importKey", "ipHash", "kind", "metadata", "moderatorId", "parentId", "publishedAt", "reportCount", "revision", "status", "threadId") SELECT "authorEmail", "authorName", "authorUrl", "bodyHtml", "bodySource", "createdAt", "depth", "editTokenHash", "editedAt", "flags", "id", "importKey", "ipHash", "kind", "metadata", "moderatorId", "parentId", "publishedAt", "reportCount", "revision", "status", "threadId" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";
CREATE INDEX "Comment_threadId_status_createdAt_idx" ON "Comment"("threadId", "status", "createdAt");
CREATE INDEX "Comment_status_createdAt_idx" ON "Comment"("status", "createdAt");
CREATE INDEX "Comment_authorEmail_createdAt_idx" ON "Comment"("authorEmail", "createdAt");
CREATE INDEX "Comment_ipHash_createdAt_idx" ON "Comment"("ipHash", "createdAt");
CREATE INDEX "Comment_readerAccountId_createdAt_idx" ON "Comment"("readerAccountId", "createdAt");
CREATE INDEX "Comment_parentId_idx" ON "Comment"("parentId");
CREATE UNIQUE INDEX "Comment_threadId_importKey_key" ON "Comment"("threadId", "importKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ReaderAccount_provider_subject_key" ON "ReaderAccount"("provider", "subject");

-- CreateIndex
CREATE INDEX "ReaderSession_accountId_idx" ON "ReaderSession"("accountId");

-- CreateIndex
CREATE INDEX "ReaderSession_expiresAt_idx" ON "ReaderSession"("expiresAt");

-- CreateIndex
CREATE INDEX "SignInFlow_expiresAt_idx" ON "SignInFlow"("expiresAt");
