-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "readerAccountId" TEXT;

-- CreateTable
CREATE TABLE "ReaderAccount" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "avatarUrl" TEXT,
    "email" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" TIMESTAMP(3) NOT NULL,
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "ReaderAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReaderSession" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "siteId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReaderSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInFlow" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "nonce" TEXT,
    "codeVerifier" TEXT NOT NULL,
    "returnTo" TEXT NOT NULL,
    "popupOrigin" TEXT,
    "siteId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInFlow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReaderAccount_provider_subject_key" ON "ReaderAccount"("provider", "subject");

-- CreateIndex
CREATE INDEX "ReaderSession_accountId_idx" ON "ReaderSession"("accountId");

-- CreateIndex
CREATE INDEX "ReaderSession_expiresAt_idx" ON "ReaderSession"("expiresAt");

-- CreateIndex
CREATE INDEX "SignInFlow_expiresAt_idx" ON "SignInFlow"("expiresAt");

-- CreateIndex
CREATE INDEX "Comment_readerAccountId_createdAt_idx" ON "Comment"("readerAccountId", "createdAt");

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_readerAccountId_fkey" FOREIGN KEY ("readerAccountId") REFERENCES "ReaderAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReaderSession" ADD CONSTRAINT "ReaderSession_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ReaderAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
