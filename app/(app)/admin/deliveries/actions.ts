"use server";
import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/auth";
import { parseDeliveryFilter } from "@/lib/admin/list-deliveries";
import { type ReplayResult, replayDelivery } from "@/lib/admin/replay-delivery";
import { getReplayProgress, type ReplayProgress, startReplayOfFailed } from "@/lib/admin/replay-failed-deliveries";
import { getDb } from "@/lib/db";
// Server actions of the deliveries console: authenticate the admin, call lib/admin, shape the answer.
import { textArgument } from "@/lib/validation";
import { type ActionResult, attempt } from "../../issues/action-result";

export async function replayDeliveryAction(deliveryId: string): Promise<ActionResult<ReplayResult>> {
  const admin = await requireAdmin();
  const result = await attempt(() => replayDelivery(getDb(), textArgument(deliveryId), { userId: admin.id }));
  if (result.ok) revalidatePath("/admin/deliveries");
  return result;
}

/** `filter`: the page's query string, parsed with the list's own schema. */
export async function replayAllFailedAction(filter: Record<string, string>): Promise<ActionResult<ReplayProgress>> {
  const admin = await requireAdmin();
  return attempt(() =>
    startReplayOfFailed(getDb(), parseDeliveryFilter(typeof filter === "object" && filter ? filter : {}), {
      userId: admin.id,
    }),
  );
}

export async function replayProgressAction(operationId: string): Promise<ActionResult<ReplayProgress>> {
  await requireAdmin();
  const result = await attempt(() => getReplayProgress(getDb(), String(operationId)));
  if (result.ok && result.value.state === "done") revalidatePath("/admin/deliveries");
  return result;
}
