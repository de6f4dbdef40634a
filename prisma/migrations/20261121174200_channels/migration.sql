-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "fetchError" TEXT,
ADD COLUMN     "sourceRef" TEXT,
ADD COLUMN     "transcript" TEXT;

-- AlterTable
ALTER TABLE "ChannelIdentity" ADD COLUMN     "address" JSONB,
ADD COLUMN     "phoneVerified" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "VendorToken" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VendorToken_pkey" PRIMARY KEY ("key")
);
