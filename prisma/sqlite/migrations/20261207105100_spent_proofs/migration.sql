-- CreateTable
CREATE TABLE "SpentProof" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SpentProof_expiresAt_idx" ON "SpentProof"("expiresAt");
