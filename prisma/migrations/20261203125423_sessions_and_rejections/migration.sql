-- AlterTable
ALTER TABLE "user" ADD COLUMN     "deactivated_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "webhook_rejection" (
    "id" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "client_address" TEXT NOT NULL,
    "body_sha256" TEXT NOT NULL,
    "body_bytes" INTEGER NOT NULL,
    "body_prefix" TEXT NOT NULL,
    "headers" JSONB NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_rejection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_window" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "hits" INTEGER NOT NULL,

    CONSTRAINT "rate_limit_window_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "webhook_rejection_fingerprint_key" ON "webhook_rejection"("fingerprint");

-- CreateIndex
CREATE INDEX "webhook_rejection_last_seen_at_idx" ON "webhook_rejection"("last_seen_at");

-- CreateIndex
CREATE INDEX "rate_limit_window_window_start_idx" ON "rate_limit_window"("window_start");

-- CreateIndex
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

