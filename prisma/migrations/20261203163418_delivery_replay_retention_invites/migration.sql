-- AlterTable
ALTER TABLE "webhook_delivery" ADD COLUMN     "body_pruned_at" TIMESTAMPTZ(3),
ADD COLUMN     "replay_of_id" TEXT;

-- CreateTable
CREATE TABLE "user_invite" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_invite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "replay_operation" (
    "id" TEXT NOT NULL,
    "actor_id" TEXT,
    "filter" JSONB NOT NULL,
    "delivery_ids" TEXT[],
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "state" "BulkState" NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "replay_operation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "user_invite_token_hash_key" ON "user_invite"("token_hash");

-- CreateIndex
CREATE INDEX "user_invite_user_id_idx" ON "user_invite"("user_id");

-- CreateIndex
CREATE INDEX "replay_operation_created_at_idx" ON "replay_operation"("created_at");

-- CreateIndex
CREATE INDEX "webhook_delivery_received_at_id_idx" ON "webhook_delivery"("received_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "webhook_delivery_body_pruned_at_received_at_idx" ON "webhook_delivery"("body_pruned_at", "received_at");

-- CreateIndex
CREATE INDEX "webhook_delivery_replay_of_id_idx" ON "webhook_delivery"("replay_of_id");

-- AddForeignKey
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_replay_of_id_fkey" FOREIGN KEY ("replay_of_id") REFERENCES "webhook_delivery"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_invite" ADD CONSTRAINT "user_invite_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_invite" ADD CONSTRAINT "user_invite_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "replay_operation" ADD CONSTRAINT "replay_operation_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

