-- AlterTable
ALTER TABLE "SignInFlow" ADD COLUMN     "inviteId" TEXT,
ADD COLUMN     "purpose" TEXT NOT NULL DEFAULT 'reader',
ADD COLUMN     "widgetNonce" TEXT;

-- CreateTable
CREATE TABLE "AccountAction" (
    "id" TEXT NOT NULL,
    "moderatorId" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccountAction_moderatorId_createdAt_idx" ON "AccountAction"("moderatorId", "createdAt");

-- AddForeignKey
ALTER TABLE "AccountAction" ADD CONSTRAINT "AccountAction_moderatorId_fkey" FOREIGN KEY ("moderatorId") REFERENCES "Moderator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountAction" ADD CONSTRAINT "AccountAction_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Moderator"("id") ON DELETE SET NULL ON UPDATE CASCADE;
