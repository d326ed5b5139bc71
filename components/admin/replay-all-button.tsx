"use client";
// "Replay all failed in this filter": starts the durable job and follows its progress until done.
import { useEffect, useState, useTransition } from "react";
import { replayAllFailedAction, replayProgressAction } from "@/app/(app)/admin/deliveries/actions";
import { Notice } from "@/components/ui/notice";
import { secondaryButtonClass } from "@/components/ui/styles";
import type { ReplayProgress } from "@/lib/admin/replay-failed-deliveries";
import { ProgressBar } from "./progress-bar";

export function ReplayAllButton({ filter, running }: { filter: Record<string, string>; running: ReplayProgress[] }) {
  const [operations, setOperations] = useState<ReplayProgress[]>(running);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const active = operations.filter((operation) => operation.state === "queued" || operation.state === "running");

  useEffect(() => {
    if (active.length === 0) return;
    const poll = async () => {
      const next = await Promise.all(
        operations.map(async (operation) => {
          if (operation.state === "done" || operation.state === "failed") return operation;
          const result = await replayProgressAction(operation.id);
          return result.ok ? result.value : operation;
        }),
      );
      setOperations(next);
    };
    // A failed poll (server restarting, network gone) is tried again on the next tick.
    const timer = setInterval(() => void poll().catch(() => undefined), 1000);
    return () => clearInterval(timer);
  }, [operations, active.length]);

  const start = () =>
    startTransition(async () => {
      setError(null);
      const result = await replayAllFailedAction(filter);
      if (result.ok) setOperations((current) => [result.value, ...current]);
      else setError(result.error);
    });

  return (
    <div className="space-y-3">
      <button type="button" onClick={start} disabled={pending} className={secondaryButtonClass}>
        {pending ? "Starting…" : "Replay all failed in this filter"}
      </button>
      {error && <Notice tone="error">{error}</Notice>}
      {operations.map((operation) => (
        <div
          key={operation.id}
          data-testid="replay-operation"
          className="space-y-1 rounded-md border border-ink-200 p-3"
        >
          <ProgressBar
            label={
              operation.state === "done"
                ? "Replay finished"
                : operation.state === "failed"
                  ? "Replay stopped"
                  : "Replaying failed deliveries"
            }
            done={operation.done}
            total={operation.total}
          />
          {operation.state === "done" && (
            <p role="status" className="text-xs text-ink-600">
              {operation.total - operation.failed} replayed, {operation.failed} failed again.
            </p>
          )}
          {operation.error && <p className="text-xs text-red-700 dark:text-red-300">{operation.error}</p>}
        </div>
      ))}
    </div>
  );
}
