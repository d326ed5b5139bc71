-- AlterTable
ALTER TABLE "webhook_delivery" ADD COLUMN     "resumed_at" TIMESTAMPTZ(3);

