-- CreateIndex
CREATE INDEX "jira_ticket_connection_id_ticket_id_idx" ON "jira_ticket"("connection_id", "ticket_id");

