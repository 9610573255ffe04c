-- CreateTable
CREATE TABLE "ImportJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "siteId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "dryRun" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "heartbeatAt" DATETIME NOT NULL,
    "progress" JSONB,
    "summary" JSONB,
    "report" JSONB NOT NULL,
    "error" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReaderAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "provider" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "nameSkeleton" TEXT NOT NULL DEFAULT '',
    "avatarUrl" TEXT,
    "email" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" DATETIME NOT NULL,
    "disabledAt" DATETIME
);
INSERT INTO "new_ReaderAccount" ("avatarUrl", "createdAt", "disabledAt", "displayName", "email", "id", "lastSignInAt", "provider", "subject") SELECT "avatarUrl", "createdAt", "disabledAt", "displayName", "email", "id", "lastSignInAt", "provider", "subject" FROM "ReaderAccount";
DROP TABLE "ReaderAccount";
ALTER TABLE "new_ReaderAccount" RENAME TO "ReaderAccount";
CREATE INDEX "ReaderAccount_nameSkeleton_idx" ON "ReaderAccount"("nameSkeleton");
CREATE UNIQUE INDEX "ReaderAccount_provider_subject_key" ON "ReaderAccount"("provider", "subject");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ImportJob_startedAt_idx" ON "ImportJob"("startedAt");
