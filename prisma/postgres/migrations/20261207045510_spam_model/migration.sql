-- CreateTable
CREATE TABLE "SpamModel" (
    "siteId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "spamDocs" INTEGER NOT NULL DEFAULT 0,
    "hamDocs" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpamModel_pkey" PRIMARY KEY ("siteId")
);

-- CreateTable
CREATE TABLE "SpamToken" (
    "siteId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "spam" INTEGER NOT NULL DEFAULT 0,
    "ham" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SpamToken_pkey" PRIMARY KEY ("siteId","token")
);

-- CreateTable
CREATE TABLE "SpamLabel" (
    "commentId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "features" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpamLabel_pkey" PRIMARY KEY ("commentId")
);

-- CreateIndex
CREATE INDEX "SpamLabel_siteId_idx" ON "SpamLabel"("siteId");
