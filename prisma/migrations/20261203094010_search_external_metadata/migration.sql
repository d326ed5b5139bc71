-- CreateIndex
CREATE INDEX "external_issue_metadata_idx" ON "external_issue" USING GIN ("metadata" jsonb_path_ops);

