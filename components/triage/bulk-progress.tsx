"use client";
// Progress of a bulk change that runs as a job: a toast with a progress bar, polled once a second. The
// job goes on without the page; coming back to the list resumes watching (BulkOperationsResume).
import { useEffect } from "react";
import { toast } from "sonner";
import { bulkProgressAction } from "@/app/(app)/issues/triage-actions";
import type { BulkProgress } from "@/lib/issues/bulk-update";

const watching = new Set<string>();

function ProgressMessage({ done, total }: { done: number; total: number }) {
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  return (
    <div className="w-64">
      <p className="text-[13px]">Changing {total.toLocaleString("en")} issues…</p>
      <div
        role="progressbar"
        aria-label="Bulk change"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-ink-200"
      >
        <div className="h-full bg-indigo-500 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-xs tabular-nums text-ink-500">
        {done.toLocaleString("en")} of {total.toLocaleString("en")}
      </p>
    </div>
  );
}

export function watchBulkOperation(operationId: string, total: number, onDone: () => void, done = 0): void {
  if (watching.has(operationId)) return;
  watching.add(operationId);
  const id = `bulk-${operationId}`;
  toast.loading(<ProgressMessage done={done} total={total} />, { id, duration: Infinity });
  // Never rejects: a failed request reads as "no news" and the next poll asks again.
  const poll = async () => {
    const result = await bulkProgressAction(operationId).catch(() => null);
    const progress = result?.ok ? result.value : null;
    if (progress?.state === "done") {
      watching.delete(operationId);
      toast.success(`Changed ${progress.total.toLocaleString("en")} issues`, { id, duration: 5000 });
      return onDone();
    }
    if (progress?.state === "failed") {
      watching.delete(operationId);
      return void toast.error(
        `The bulk change stopped after ${progress.done.toLocaleString("en")} of ${progress.total.toLocaleString("en")}: ${progress.error ?? "unknown error"}`,
        { id, duration: Infinity },
      );
    }
    if (progress)
      toast.loading(<ProgressMessage done={progress.done} total={progress.total} />, { id, duration: Infinity });
    setTimeout(() => void poll(), 1000);
  };
  setTimeout(() => void poll(), 500);
}

/** Picks up the signed-in person's bulk changes still running when a page opens. */
export function BulkOperationsResume({ operations, onDone }: { operations: BulkProgress[]; onDone?: () => void }) {
  useEffect(() => {
    for (const operation of operations) {
      if (operation.state === "queued" || operation.state === "running")
        watchBulkOperation(operation.id, operation.total, onDone ?? (() => undefined), operation.done);
    }
  }, [operations, onDone]);
  return null;
}
