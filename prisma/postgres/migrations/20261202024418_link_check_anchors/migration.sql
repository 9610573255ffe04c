/*
  Warnings:

  - You are about to drop the column `fragmentFound` on the `LinkCheck` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "LinkCheck" DROP COLUMN "fragmentFound",
ADD COLUMN     "anchors" JSONB;
