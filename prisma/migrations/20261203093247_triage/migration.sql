-- Triage: search (full-text + trigram), sorts by events / last seen, the Regressed view, the issue
-- change outbox and bulk operations.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "BulkState" AS ENUM ('queued', 'running', 'done', 'failed');

-- DropIndex
DROP INDEX "issue_created_at_idx";

-- AlterTable
ALTER TABLE "issue" ADD COLUMN     "event_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "last_seen_at" TIMESTAMPTZ(3),
ADD COLUMN     "regressed_at" TIMESTAMPTZ(3),
ADD COLUMN     "search_vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple', "identifier"), 'A') ||
  setweight(to_tsvector('english', "title"), 'A') ||
  setweight(to_tsvector('english', left("description", 100000)), 'C')
) STORED,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'manual';

-- AlterTable
ALTER TABLE "comment" ADD COLUMN     "search_vector" tsvector GENERATED ALWAYS AS (
  to_tsvector('english', left("body", 100000))
) STORED;

-- Existing issues: where they came from, and their occurrences so far.
UPDATE "issue" i SET "source" = e."source"
  FROM (SELECT DISTINCT ON ("issue_id") "issue_id", "source" FROM "external_issue" WHERE "source" <> 'jira'
         ORDER BY "issue_id", "created_at") e
 WHERE e."issue_id" = i."id";
UPDATE "issue" i SET "event_count" = d.n, "last_seen_at" = d.last
  FROM (SELECT "issue_id", count(*)::int AS n, max("received_at") AS last FROM "webhook_delivery"
         WHERE "outcome" IN ('created', 'deduplicated') AND "issue_id" IS NOT NULL GROUP BY "issue_id") d
 WHERE d."issue_id" = i."id";

-- CreateTable
CREATE TABLE "issue_event" (
    "id" BIGSERIAL NOT NULL,
    "issue_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actor_id" TEXT,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "issue_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bulk_operation" (
    "id" TEXT NOT NULL,
    "actor_id" TEXT,
    "changes" JSONB NOT NULL,
    "issue_ids" TEXT[],
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "state" "BulkState" NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "bulk_operation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "issue_event_issue_id_id_idx" ON "issue_event"("issue_id", "id");

-- CreateIndex
CREATE INDEX "issue_event_created_at_idx" ON "issue_event"("created_at");

-- CreateIndex
CREATE INDEX "bulk_operation_actor_id_created_at_idx" ON "bulk_operation"("actor_id", "created_at");

-- CreateIndex
CREATE INDEX "jira_ticket_ticket_key_idx" ON "jira_ticket"("ticket_key");

-- CreateIndex
CREATE INDEX "issue_created_at_id_idx" ON "issue"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "issue_updated_at_id_idx" ON "issue"("updated_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "issue_last_seen_at_id_idx" ON "issue"("last_seen_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "issue_event_count_id_idx" ON "issue"("event_count" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "issue_priority_created_at_id_idx" ON "issue"("priority", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "issue_assignee_created_at_idx" ON "issue"("assignee_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "issue_project_created_at_idx" ON "issue"("project_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "issue_source_created_at_idx" ON "issue"("source", "created_at" DESC);

-- CreateIndex
CREATE INDEX "issue_regressed_at_idx" ON "issue"("regressed_at");

-- CreateIndex
CREATE INDEX "issue_search_vector_idx" ON "issue" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "issue_title_trgm_idx" ON "issue" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "comment_search_vector_idx" ON "comment" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "external_issue_external_id_idx" ON "external_issue"("external_id");

-- AddForeignKey
ALTER TABLE "issue_event" ADD CONSTRAINT "issue_event_issue_id_fkey" FOREIGN KEY ("issue_id") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_operation" ADD CONSTRAINT "bulk_operation_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

