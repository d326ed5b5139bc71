// issues.bulk: apply a bulk change too large for one request (lib/issues/bulk-update.ts).
import { z } from "zod";
import { getDb } from "../../db";
import { PermanentFailure } from "../../errors";
import { failBulkOperation, runBulkOperation } from "../../issues/bulk-update";
import { QUEUES } from "../queues";
import type { JobHandler } from "../run-worker";

const bulkJobSchema = z.object({ operationId: z.string() });

export const bulkUpdateJob: JobHandler = async (raw, { attempt }) => {
  const parsed = bulkJobSchema.safeParse(raw);
  if (!parsed.success) throw new PermanentFailure(`malformed job data: ${parsed.error.message}`);
  try {
    await runBulkOperation(getDb(), parsed.data.operationId);
  } catch (error) {
    // The last attempt: say so on the operation, whose progress bar would otherwise wait forever.
    if (attempt > QUEUES.issuesBulk.retryLimit)
      await failBulkOperation(getDb(), parsed.data.operationId, error instanceof Error ? error.message : String(error));
    throw error;
  }
};
