-- AlterTable
ALTER TABLE "CommentLink" ADD COLUMN     "notChecked" BOOLEAN NOT NULL DEFAULT false;
