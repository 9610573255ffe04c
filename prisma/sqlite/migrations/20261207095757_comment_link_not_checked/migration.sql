-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CommentLink" (
    "commentId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "label" TEXT,
    "notChecked" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("commentId", "url"),
    CONSTRAINT "CommentLink_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CommentLink" ("commentId", "label", "url") SELECT "commentId", "label", "url" FROM "CommentLink";
DROP TABLE "CommentLink";
ALTER TABLE "new_CommentLink" RENAME TO "CommentLink";
CREATE INDEX "CommentLink_url_idx" ON "CommentLink"("url");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
