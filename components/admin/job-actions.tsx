"use client";
// Retry and cancel of one failed or retrying job; refusals (it ran meanwhile) are shown as a toast.
import { useTransition } from "react";
import { toast } from "sonner";
import { cancelJobAction, retryJobAction } from "@/app/(app)/admin/jobs/actions";
import { secondaryButtonClass } from "@/components/ui/styles";

const small = `${secondaryButtonClass} px-2 py-1 text-xs`;

export function JobActions({ jobId, queue }: { jobId: string; queue: string }) {
  const [pending, startTransition] = useTransition();
  const run = (action: typeof retryJobAction, done: string) =>
    startTransition(async () => {
      const result = await action(jobId);
      if (result.ok) toast.success(done);
      else toast.error(result.error);
    });
  return (
    <div className="flex gap-1.5">
      <button
        type="button"
        disabled={pending}
        className={small}
        aria-label={`Retry ${queue} job`}
        onClick={() => run(retryJobAction, "Job queued to run again")}
      >
        Retry
      </button>
      <button
        type="button"
        disabled={pending}
        className={small}
        aria-label={`Cancel ${queue} job`}
        onClick={() => run(cancelJobAction, "Job cancelled")}
      >
        Cancel
      </button>
    </div>
  );
}
