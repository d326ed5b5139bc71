-- CreateIndex
CREATE INDEX "webhook_delivery_external_id_idx" ON "webhook_delivery"("source", "external_id", "received_at" DESC);

