-- CreateTable
CREATE TABLE "SpamModel" (
    "siteId" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 0,
    "spamDocs" INTEGER NOT NULL DEFAULT 0,
    "hamDocs" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SpamToken" (
    "siteId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "spam" INTEGER NOT NULL DEFAULT 0,
    "ham" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("siteId", "token")
);

-- CreateTable
CREATE TABLE "SpamLabel" (
    "commentId" TEXT NOT NULL PRIMARY KEY,
    "siteId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "features" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SpamLabel_siteId_idx" ON "SpamLabel"("siteId");
