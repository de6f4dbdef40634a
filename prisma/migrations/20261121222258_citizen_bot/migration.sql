-- CreateEnum
CREATE TYPE "KnowledgeSource" AS ENUM ('ADMIN', 'IMPORT', 'AGENT');

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "answer" TEXT,
ADD COLUMN     "callbackAt" TIMESTAMP(3),
ADD COLUMN     "flags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "KnowledgeEntry" (
    "id" UUID NOT NULL,
    "question" TEXT NOT NULL,
    "alternates" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "answer" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'zh',
    "categoryCode" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "source" "KnowledgeSource" NOT NULL DEFAULT 'ADMIN',
    "ticketId" UUID,
    "helpful" INTEGER NOT NULL DEFAULT 0,
    "unhelpful" INTEGER NOT NULL DEFAULT 0,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnowledgeEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BotText" (
    "key" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "updatedById" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BotText_pkey" PRIMARY KEY ("key","language")
);

-- CreateIndex
CREATE INDEX "KnowledgeEntry_active_updatedAt_idx" ON "KnowledgeEntry"("active", "updatedAt");
