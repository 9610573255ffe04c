-- CreateTable
CREATE TABLE "AccountAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "moderatorId" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AccountAction_moderatorId_fkey" FOREIGN KEY ("moderatorId") REFERENCES "Moderator" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AccountAction_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Moderator" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SignInFlow" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "provider" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "nonce" TEXT,
    "codeVerifier" TEXT NOT NULL,
    "returnTo" TEXT NOT NULL,
    "popupOrigin" TEXT,
    "siteId" TEXT,
    "widgetNonce" TEXT,
    "purpose" TEXT NOT NULL DEFAULT 'reader',
    "inviteId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);
INSERT INTO "new_SignInFlow" ("codeVerifier", "createdAt", "expiresAt", "id", "nonce", "popupOrigin", "provider", "returnTo", "siteId", "state") SELECT "codeVerifier", "createdAt", "expiresAt", "id", "nonce", "popupOrigin", "provider", "returnTo", "siteId", "state" FROM "SignInFlow";
DROP TABLE "SignInFlow";
ALTER TABLE "new_SignInFlow" RENAME TO "SignInFlow";
CREATE INDEX "SignInFlow_expiresAt_idx" ON "SignInFlow"("expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AccountAction_moderatorId_createdAt_idx" ON "AccountAction"("moderatorId", "createdAt");
