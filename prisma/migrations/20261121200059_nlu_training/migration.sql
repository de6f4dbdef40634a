-- AlterEnum
ALTER TYPE "ModelStatus" ADD VALUE 'QUEUED';

-- AlterTable
ALTER TABLE "NluModel" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "finishedAt" TIMESTAMP(3),
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "progress" DOUBLE PRECISION,
ADD COLUMN     "request" JSONB,
ADD COLUMN     "startedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "suggestionConfidence" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "ModelActivation" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "modelId" UUID NOT NULL,
    "activatedById" UUID,
    "reason" TEXT,
    "activatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelActivation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ModelActivation_kind_activatedAt_idx" ON "ModelActivation"("kind", "activatedAt");

-- CreateIndex
CREATE INDEX "NluModel_status_createdAt_idx" ON "NluModel"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_status_suggestionConfidence_idx" ON "Ticket"("status", "suggestionConfidence");

-- AddForeignKey
ALTER TABLE "ModelActivation" ADD CONSTRAINT "ModelActivation_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "NluModel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
