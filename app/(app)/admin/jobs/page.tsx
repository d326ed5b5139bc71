import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/auth";
import { AdminCrumbs } from "@/components/admin/admin-crumbs";
import { JobsTable } from "@/components/admin/jobs-table";
import { Notice } from "@/components/ui/notice";
import { type JobFilter, listProblemJobs, parseJobFilter } from "@/lib/admin/list-jobs";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Jobs" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const TABS = [
  { label: "All", state: undefined },
  { label: "Failed", state: "failed" },
  { label: "Retrying", state: "retry" },
] as const;

export default async function JobsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  let filter: JobFilter = {};
  let error: string | null = null;
  try {
    filter = parseJobFilter(await searchParams);
  } catch (failure) {
    if (!(failure instanceof AppError)) throw failure;
    error = failure.publicMessage;
  }
  const jobs = error ? [] : await listProblemJobs(getDb(), filter);
  return (
    <>
      <AdminCrumbs title="Jobs" />
      <div className="mx-auto max-w-6xl space-y-6 px-6 py-8">
        <p className="text-[13px] text-ink-500">
          Background jobs (correlation, Jira sync, reconciliation, bulk changes, recovery, replays) that failed or are
          waiting to retry. Retry runs one now; cancel sets it aside.
        </p>
        <nav aria-label="Job states" className="flex gap-1 text-[13px]">
          {TABS.map((tab) => {
            const current = filter.state === tab.state;
            return (
              <Link
                key={tab.label}
                href={tab.state ? `/admin/jobs?state=${tab.state}` : "/admin/jobs"}
                aria-current={current ? "page" : undefined}
                className={`rounded-md px-2.5 py-1 ${current ? "bg-ink-100 font-medium text-ink-900" : "text-ink-600 hover:bg-ink-50"}`}
              >
                {tab.label}
              </Link>
            );
          })}
        </nav>
        {error && <Notice tone="error">Filter not applied: {error}</Notice>}
        <JobsTable jobs={jobs} empty="No failed or retrying jobs. Everything ran." />
      </div>
    </>
  );
}
