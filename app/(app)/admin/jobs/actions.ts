"use server";
// Server actions of the jobs console: retry or cancel a failed or retrying job.
import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/auth";
import { cancelJob, retryJob } from "@/lib/admin/manage-job";
import { getDb } from "@/lib/db";
import { type ActionResult, attempt } from "../../issues/action-result";

export async function retryJobAction(jobId: string): Promise<ActionResult<void>> {
  const admin = await requireAdmin();
  const result = await attempt(() => retryJob(getDb(), String(jobId), { userId: admin.id }));
  revalidatePath("/admin/jobs");
  return result;
}

export async function cancelJobAction(jobId: string): Promise<ActionResult<void>> {
  const admin = await requireAdmin();
  const result = await attempt(() => cancelJob(getDb(), String(jobId), { userId: admin.id }));
  revalidatePath("/admin/jobs");
  return result;
}
