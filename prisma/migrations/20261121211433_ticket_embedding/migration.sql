-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "embedding" BYTEA,
ADD COLUMN     "embeddingModel" TEXT;
