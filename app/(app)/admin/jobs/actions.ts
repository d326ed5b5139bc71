"use server";
import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/auth";
import { cancelJob, retryJob } from "@/lib/admin/manage-job";
import { getDb } from "@/lib/db";
// Server actions of the jobs console: retry or cancel a failed or retrying job.
import { textArgument } from "@/lib/validation";
import { type ActionResult, attempt } from "../../issues/action-result";

export async function retryJobAction(jobId: string): Promise<ActionResult<void>> {
  const admin = await requireAdmin();
  const result = await attempt(() => retryJob(getDb(), textArgument(jobId), { userId: admin.id }));
  revalidatePath("/admin/jobs");
  return result;
}

export async function cancelJobAction(jobId: string): Promise<ActionResult<void>> {
  const admin = await requireAdmin();
  const result = await attempt(() => cancelJob(getDb(), textArgument(jobId), { userId: admin.id }));
  revalidatePath("/admin/jobs");
  return result;
}
