-- AlterTable
-- The reader's page language when they subscribed: their mails are written in it (en, de, fr).
ALTER TABLE "Subscription" ADD COLUMN "language" TEXT NOT NULL DEFAULT 'en';
