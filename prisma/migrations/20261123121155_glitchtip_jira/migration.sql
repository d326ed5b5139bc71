-- CreateEnum
CREATE TYPE "JiraFlavor" AS ENUM ('cloud', 'datacenter');

-- CreateEnum
CREATE TYPE "ConnectionStatus" AS ENUM ('unknown', 'ok', 'broken');

-- CreateEnum
CREATE TYPE "JiraTicketState" AS ENUM ('pending', 'rate_limited', 'creating', 'created', 'failed');

-- AlterTable
ALTER TABLE "source_mapping" ADD COLUMN     "github_token_encrypted" TEXT,
ADD COLUMN     "glitchtip_api_url" TEXT,
ADD COLUMN     "glitchtip_token_encrypted" TEXT,
ADD COLUMN     "jira_components" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "jira_connection_id" TEXT,
ADD COLUMN     "jira_issue_type" TEXT NOT NULL DEFAULT 'Bug',
ADD COLUMN     "jira_labels" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "jira_priorities" JSONB,
ADD COLUMN     "jira_tickets_per_hour" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "webhook_token_hash" TEXT;

-- AlterTable
ALTER TABLE "webhook_delivery" ADD COLUMN     "dedup_key" TEXT;

-- CreateTable
CREATE TABLE "jira_connection" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "flavor" "JiraFlavor" NOT NULL DEFAULT 'cloud',
    "base_url" TEXT NOT NULL,
    "email" TEXT,
    "token_encrypted" TEXT NOT NULL,
    "webhook_secret_encrypted" TEXT,
    "status" "ConnectionStatus" NOT NULL DEFAULT 'unknown',
    "status_reason" TEXT,
    "status_changed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "jira_connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jira_ticket" (
    "issue_id" TEXT NOT NULL,
    "mapping_id" TEXT,
    "connection_id" TEXT NOT NULL,
    "project_key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "state" "JiraTicketState" NOT NULL DEFAULT 'pending',
    "slot_at" TIMESTAMPTZ(3),
    "create_attempted_at" TIMESTAMPTZ(3),
    "ticket_id" TEXT,
    "ticket_key" TEXT,
    "ticket_url" TEXT,
    "ticket_category" TEXT,
    "ticket_resolution" TEXT,
    "last_error" TEXT,
    "not_before" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "jira_ticket_pkey" PRIMARY KEY ("issue_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "jira_connection_name_key" ON "jira_connection"("name");

-- CreateIndex
CREATE UNIQUE INDEX "jira_ticket_fingerprint_key" ON "jira_ticket"("fingerprint");

-- CreateIndex
CREATE INDEX "jira_ticket_connection_id_project_key_slot_at_idx" ON "jira_ticket"("connection_id", "project_key", "slot_at");

-- CreateIndex
CREATE INDEX "jira_ticket_state_idx" ON "jira_ticket"("state");

-- CreateIndex
CREATE UNIQUE INDEX "jira_ticket_connection_id_ticket_key_key" ON "jira_ticket"("connection_id", "ticket_key");

-- CreateIndex
CREATE UNIQUE INDEX "source_mapping_webhook_token_hash_key" ON "source_mapping"("webhook_token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_delivery_source_dedup_key_key" ON "webhook_delivery"("source", "dedup_key");

-- AddForeignKey
ALTER TABLE "source_mapping" ADD CONSTRAINT "source_mapping_jira_connection_id_fkey" FOREIGN KEY ("jira_connection_id") REFERENCES "jira_connection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jira_ticket" ADD CONSTRAINT "jira_ticket_issue_id_fkey" FOREIGN KEY ("issue_id") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jira_ticket" ADD CONSTRAINT "jira_ticket_mapping_id_fkey" FOREIGN KEY ("mapping_id") REFERENCES "source_mapping"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jira_ticket" ADD CONSTRAINT "jira_ticket_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "jira_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

