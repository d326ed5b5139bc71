"use client";
// Replay one delivery and show what the pipeline made of it, linking to the new delivery.
import Link from "next/link";
import { useState, useTransition } from "react";
import { replayDeliveryAction } from "@/app/(app)/admin/deliveries/actions";
import { Notice } from "@/components/ui/notice";
import { primaryButtonClass } from "@/components/ui/styles";
import type { ReplayResult } from "@/lib/admin/replay-delivery";

export function ReplayButton({ deliveryId }: { deliveryId: string }) {
  const [result, setResult] = useState<ReplayResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const replay = () =>
    startTransition(async () => {
      setError(null);
      const answer = await replayDeliveryAction(deliveryId);
      if (answer.ok) setResult(answer.value);
      else setError(answer.error);
    });
  return (
    <div className="space-y-2">
      <button type="button" onClick={replay} disabled={pending} className={primaryButtonClass}>
        {pending ? "Replaying…" : "Replay"}
      </button>
      {error && <Notice tone="error">{error}</Notice>}
      {result && (
        <Notice tone={result.status < 400 ? "success" : "error"}>
          Replayed as a new delivery: {result.outcome}
          {result.issue ? ` (${result.issue.identifier})` : ""}
          {result.reason ? ` — ${result.reason}` : ""}.{" "}
          <Link href={`/admin/deliveries/${result.deliveryId}`} className="font-medium underline">
            Open the replay
          </Link>
        </Notice>
      )}
    </div>
  );
}
