// deliveries.replay: "replay all failed in this filter" (lib/admin/replay-failed-deliveries.ts).
import { z } from "zod";
import { failReplayOperation, runReplayOperation } from "../../admin/replay-failed-deliveries";
import { getDb } from "../../db";
import { PermanentFailure } from "../../errors";
import { QUEUES } from "../queues";
import type { JobHandler } from "../run-worker";

const replayJobSchema = z.object({ operationId: z.string() });

export const replayDeliveriesJob: JobHandler = async (raw, { attempt }) => {
  const parsed = replayJobSchema.safeParse(raw);
  if (!parsed.success) throw new PermanentFailure(`malformed job data: ${parsed.error.message}`);
  try {
    await runReplayOperation(getDb(), parsed.data.operationId);
  } catch (error) {
    // The last attempt: say so on the operation, whose progress bar would otherwise wait forever.
    if (attempt > QUEUES.deliveriesReplay.retryLimit)
      await failReplayOperation(
        getDb(),
        parsed.data.operationId,
        error instanceof Error ? error.message : String(error),
      );
    throw error;
  }
};
