-- CreateEnum
CREATE TYPE "ResolveAction" AS ENUM ('resolve', 'comment', 'ignore');

-- AlterEnum
ALTER TYPE "DeliveryOutcome" ADD VALUE 'updated';

-- AlterTable
ALTER TABLE "source_mapping" ADD COLUMN     "escalation_priority" "Priority",
ADD COLUMN     "github_path_prefix" TEXT,
ADD COLUMN     "on_resolve" "ResolveAction" NOT NULL DEFAULT 'resolve';

-- CreateTable
CREATE TABLE "external_issue_event" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "event_key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "result" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "external_issue_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "external_issue_event_source_external_id_occurred_at_idx" ON "external_issue_event"("source", "external_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "external_issue_event_source_external_id_event_key_key" ON "external_issue_event"("source", "external_id", "event_key");

