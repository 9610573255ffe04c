-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Report" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "commentId" TEXT NOT NULL,
    "reporterKey" TEXT NOT NULL,
    "addressHash" TEXT NOT NULL DEFAULT '',
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    CONSTRAINT "Report_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Report" ("commentId", "createdAt", "id", "note", "reason", "reporterKey", "resolvedAt") SELECT "commentId", "createdAt", "id", "note", "reason", "reporterKey", "resolvedAt" FROM "Report";
DROP TABLE "Report";
ALTER TABLE "new_Report" RENAME TO "Report";
CREATE INDEX "Report_commentId_addressHash_idx" ON "Report"("commentId", "addressHash");
CREATE INDEX "Report_createdAt_idx" ON "Report"("createdAt");
CREATE UNIQUE INDEX "Report_commentId_reporterKey_key" ON "Report"("commentId", "reporterKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Reports written before this column: each old reporter counts as its own address, as it did.
UPDATE "Report" SET "addressHash" = "reporterKey" WHERE "addressHash" = '';
