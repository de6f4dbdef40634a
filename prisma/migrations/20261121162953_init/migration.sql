-- CreateEnum
CREATE TYPE "ConversationStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "MessageDirection" AS ENUM ('INBOUND', 'OUTBOUND');

-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('RECEIVED', 'PROCESSED', 'PENDING', 'SENT', 'DELIVERED', 'SKIPPED', 'FAILED');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('DRAFT', 'ACCEPTED', 'PENDING_DISPATCH', 'DISPATCHED', 'RETURN_REQUESTED', 'SIGNED', 'EXTENSION_REQUESTED', 'REPLIED', 'REVIEWED', 'CALLBACK_DONE', 'REOPENED', 'CLOSED', 'CLOSED_DIRECT', 'REJECTED', 'MERGED', 'TRANSFERRED_EMERGENCY');

-- CreateEnum
CREATE TYPE "RequestType" AS ENUM ('CONSULT', 'HELP', 'COMPLAINT', 'REPORT', 'SUGGEST', 'PRAISE', 'OTHER');

-- CreateEnum
CREATE TYPE "Urgency" AS ENUM ('EXTRA_URGENT', 'URGENT', 'PRIORITY', 'NORMAL', 'COMPLEX');

-- CreateEnum
CREATE TYPE "RequesterKind" AS ENUM ('PERSON', 'ENTERPRISE');

-- CreateEnum
CREATE TYPE "Satisfaction" AS ENUM ('SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED', 'UNREACHABLE');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('SYSTEM', 'CITIZEN', 'AGENT', 'ADMIN', 'DEPARTMENT', 'API');

-- CreateEnum
CREATE TYPE "DepartmentLevel" AS ENUM ('CITY', 'DISTRICT', 'STREET');

-- CreateEnum
CREATE TYPE "TrainingSource" AS ENUM ('SEED', 'REVIEW', 'IMPORT');

-- CreateEnum
CREATE TYPE "ModelStatus" AS ENUM ('TRAINING', 'READY', 'FAILED');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('AGENT', 'ADMIN');

-- CreateTable
CREATE TABLE "Citizen" (
    "id" UUID NOT NULL,
    "displayName" TEXT,
    "phone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Citizen_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelIdentity" (
    "id" UUID NOT NULL,
    "citizenId" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "channelUserId" TEXT NOT NULL,
    "displayName" TEXT,
    "phone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" UUID NOT NULL,
    "citizenId" UUID NOT NULL,
    "identityId" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "status" "ConversationStatus" NOT NULL DEFAULT 'OPEN',
    "state" JSONB NOT NULL DEFAULT '{}',
    "lastMessageAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" UUID NOT NULL,
    "direction" "MessageDirection" NOT NULL,
    "channel" TEXT NOT NULL,
    "dedupKey" TEXT,
    "externalId" TEXT,
    "channelUserId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT,
    "payload" JSONB NOT NULL,
    "locationText" TEXT,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "datum" TEXT,
    "status" "MessageStatus" NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "idempotencyKey" TEXT,
    "replyToId" UUID,
    "conversationId" UUID,
    "citizenId" UUID,
    "ticketId" UUID,
    "sentAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" UUID NOT NULL,
    "messageId" UUID,
    "kind" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "fileName" TEXT,
    "sourceUrl" TEXT,
    "ownerChannel" TEXT,
    "ownerChannelUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "status" "TicketStatus" NOT NULL DEFAULT 'DRAFT',
    "requestType" "RequestType",
    "categoryId" UUID,
    "urgency" "Urgency" NOT NULL DEFAULT 'NORMAL',
    "requesterKind" "RequesterKind" NOT NULL DEFAULT 'PERSON',
    "leadDepartmentId" UUID,
    "citizenId" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "conversationId" UUID,
    "originMessageId" UUID,
    "title" TEXT,
    "description" TEXT NOT NULL,
    "locationText" TEXT,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "datum" TEXT,
    "areaCode" TEXT,
    "consentContact" BOOLEAN NOT NULL DEFAULT false,
    "consentPublish" BOOLEAN NOT NULL DEFAULT false,
    "reporterConfidential" BOOLEAN NOT NULL DEFAULT false,
    "disposition" TEXT,
    "reasonCode" TEXT,
    "duplicateOfId" UUID,
    "returnCount" INTEGER NOT NULL DEFAULT 0,
    "extensionCount" INTEGER NOT NULL DEFAULT 0,
    "escalated" BOOLEAN NOT NULL DEFAULT false,
    "satisfaction" "Satisfaction",
    "resolved" BOOLEAN,
    "callbackAttempts" INTEGER NOT NULL DEFAULT 0,
    "acceptedAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "dispatchedAt" TIMESTAMP(3),
    "signDeadlineAt" TIMESTAMP(3),
    "signedAt" TIMESTAMP(3),
    "deadlineAt" TIMESTAMP(3),
    "repliedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketCoDepartment" (
    "ticketId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,

    CONSTRAINT "TicketCoDepartment_pkey" PRIMARY KEY ("ticketId","departmentId")
);

-- CreateTable
CREATE TABLE "TicketCounter" (
    "day" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "TicketCounter_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" BIGSERIAL NOT NULL,
    "ticketId" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "fromStatus" "TicketStatus",
    "toStatus" "TicketStatus",
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "reason" TEXT,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NluSuggestion" (
    "id" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "modelVersion" TEXT NOT NULL,
    "categories" JSONB NOT NULL,
    "departments" JSONB NOT NULL,
    "requestType" JSONB,
    "urgency" JSONB,
    "band" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NluSuggestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Category" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "level" INTEGER NOT NULL,
    "parentId" UUID,
    "description" TEXT,
    "keywords" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Department" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "level" "DepartmentLevel" NOT NULL,
    "parentId" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CategoryDepartment" (
    "categoryId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "rank" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CategoryDepartment_pkey" PRIMARY KEY ("categoryId","departmentId")
);

-- CreateTable
CREATE TABLE "TrainingExample" (
    "id" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "departmentCode" TEXT,
    "requestType" "RequestType",
    "urgency" "Urgency",
    "source" "TrainingSource" NOT NULL,
    "ticketId" UUID,
    "modelVersion" TEXT,
    "suggestedCategoryCode" TEXT,
    "suggestedDepartmentCode" TEXT,
    "categoryCorrect" BOOLEAN,
    "departmentCorrect" BOOLEAN,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingExample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NluModel" (
    "id" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "ModelStatus" NOT NULL,
    "metrics" JSONB,
    "artefact" BYTEA,
    "sizeBytes" INTEGER,
    "error" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NluModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActiveModel" (
    "kind" TEXT NOT NULL,
    "modelId" UUID NOT NULL,
    "activatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActiveModel_pkey" PRIMARY KEY ("kind")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChannelIdentity_citizenId_idx" ON "ChannelIdentity"("citizenId");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelIdentity_channel_channelUserId_key" ON "ChannelIdentity"("channel", "channelUserId");

-- CreateIndex
CREATE INDEX "Conversation_identityId_status_idx" ON "Conversation"("identityId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Message_idempotencyKey_key" ON "Message"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Message_direction_status_receivedAt_idx" ON "Message"("direction", "status", "receivedAt");

-- CreateIndex
CREATE INDEX "Message_ticketId_idx" ON "Message"("ticketId");

-- CreateIndex
CREATE INDEX "Message_channel_channelUserId_createdAt_idx" ON "Message"("channel", "channelUserId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Message_channel_dedupKey_key" ON "Message"("channel", "dedupKey");

-- CreateIndex
CREATE INDEX "Attachment_messageId_idx" ON "Attachment"("messageId");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_number_key" ON "Ticket"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_originMessageId_key" ON "Ticket"("originMessageId");

-- CreateIndex
CREATE INDEX "Ticket_status_acceptedAt_idx" ON "Ticket"("status", "acceptedAt");

-- CreateIndex
CREATE INDEX "Ticket_citizenId_idx" ON "Ticket"("citizenId");

-- CreateIndex
CREATE INDEX "TicketEvent_ticketId_id_idx" ON "TicketEvent"("ticketId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "NluSuggestion_ticketId_modelVersion_key" ON "NluSuggestion"("ticketId", "modelVersion");

-- CreateIndex
CREATE UNIQUE INDEX "Category_code_key" ON "Category"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Department_code_key" ON "Department"("code");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingExample_ticketId_key" ON "TrainingExample"("ticketId");

-- CreateIndex
CREATE INDEX "TrainingExample_source_createdAt_idx" ON "TrainingExample"("source", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "NluModel_version_key" ON "NluModel"("version");

-- CreateIndex
CREATE UNIQUE INDEX "ActiveModel_modelId_key" ON "ActiveModel"("modelId");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- AddForeignKey
ALTER TABLE "ChannelIdentity" ADD CONSTRAINT "ChannelIdentity_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "ChannelIdentity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_replyToId_fkey" FOREIGN KEY ("replyToId") REFERENCES "Message"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_leadDepartmentId_fkey" FOREIGN KEY ("leadDepartmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_originMessageId_fkey" FOREIGN KEY ("originMessageId") REFERENCES "Message"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketCoDepartment" ADD CONSTRAINT "TicketCoDepartment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketCoDepartment" ADD CONSTRAINT "TicketCoDepartment_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NluSuggestion" ADD CONSTRAINT "NluSuggestion_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Category" ADD CONSTRAINT "Category_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Department" ADD CONSTRAINT "Department_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategoryDepartment" ADD CONSTRAINT "CategoryDepartment_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategoryDepartment" ADD CONSTRAINT "CategoryDepartment_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingExample" ADD CONSTRAINT "TrainingExample_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActiveModel" ADD CONSTRAINT "ActiveModel_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "NluModel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The ticket event log is the audit trail (DOMAIN.md §6.2): rows are appended, never changed.
CREATE FUNCTION suqiu_reject_ticket_event_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'TicketEvent is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "TicketEvent_append_only"
  BEFORE UPDATE OR DELETE ON "TicketEvent"
  FOR EACH ROW EXECUTE FUNCTION suqiu_reject_ticket_event_change();
