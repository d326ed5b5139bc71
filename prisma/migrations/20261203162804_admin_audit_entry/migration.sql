-- CreateTable
CREATE TABLE "admin_audit_entry" (
    "id" TEXT NOT NULL,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "target_name" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admin_audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "admin_audit_entry_created_at_idx" ON "admin_audit_entry"("created_at" DESC);

-- CreateIndex
CREATE INDEX "admin_audit_entry_target_type_target_id_idx" ON "admin_audit_entry"("target_type", "target_id");

-- AddForeignKey
ALTER TABLE "admin_audit_entry" ADD CONSTRAINT "admin_audit_entry_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

