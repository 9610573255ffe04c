/*
  Warnings:

  - You are about to drop the column `fragmentFound` on the `LinkCheck` table. All the data in the column will be lost.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LinkCheck" (
    "url" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "finalUrl" TEXT,
    "finalDomain" TEXT,
    "redirectChain" JSONB NOT NULL,
    "contentType" TEXT,
    "title" TEXT,
    "anchors" JSONB,
    "durationMs" INTEGER,
    "error" TEXT,
    "checkedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);
INSERT INTO "new_LinkCheck" ("checkedAt", "contentType", "durationMs", "error", "expiresAt", "finalDomain", "finalUrl", "httpStatus", "redirectChain", "state", "title", "url") SELECT "checkedAt", "contentType", "durationMs", "error", "expiresAt", "finalDomain", "finalUrl", "httpStatus", "redirectChain", "state", "title", "url" FROM "LinkCheck";
DROP TABLE "LinkCheck";
ALTER TABLE "new_LinkCheck" RENAME TO "LinkCheck";
CREATE INDEX "LinkCheck_expiresAt_idx" ON "LinkCheck"("expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
