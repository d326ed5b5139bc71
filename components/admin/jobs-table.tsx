import Link from "next/link";
import type { JobView } from "@/lib/admin/list-jobs";
import { formatDateTime } from "@/lib/text/format-date-time";
import { JobActions } from "./job-actions";
import { cellClass, Table } from "./table";

const STATE_TONE = {
  failed: "bg-red-50 text-red-700 dark:bg-red-400/10 dark:text-red-300",
  retry: "bg-amber-50 text-amber-800 dark:bg-amber-400/10 dark:text-amber-300",
};

export function JobsTable({ jobs, empty }: { jobs: JobView[]; empty: string }) {
  return (
    <Table
      columns={["Queue", "State", "Attempts", "Error", "Next run", "Issue", ""]}
      empty={jobs.length === 0 ? empty : undefined}
    >
      {jobs.map((job) => (
        <tr key={job.id} data-testid="job-row">
          <td className={`${cellClass} whitespace-nowrap font-mono text-xs`}>{job.queue}</td>
          <td className={cellClass}>
            <span className={`inline-flex rounded px-1.5 py-0.5 text-[11px] font-medium ${STATE_TONE[job.state]}`}>
              {job.state === "retry" ? "retrying" : "failed"}
            </span>
          </td>
          <td className={`${cellClass} tabular-nums`}>
            {job.attempts} of {job.retryLimit + 1}
          </td>
          <td className={`${cellClass} max-w-md break-words text-ink-600`}>
            {job.error ?? <span className="text-ink-300">—</span>}
          </td>
          <td className={`${cellClass} whitespace-nowrap tabular-nums text-ink-600`}>
            {job.nextRunAt ? (
              formatDateTime(job.nextRunAt, { seconds: true })
            ) : (
              <span className="text-ink-500">gave up{job.failedAt ? ` ${formatDateTime(job.failedAt)}` : ""}</span>
            )}
          </td>
          <td className={`${cellClass} whitespace-nowrap`}>
            {job.issue ? (
              <Link href={`/issues/${job.issue.identifier}`} className="text-link hover:text-link-hover">
                {job.issue.identifier}
              </Link>
            ) : (
              <span className="text-ink-300">—</span>
            )}
          </td>
          <td className={cellClass}>
            <JobActions jobId={job.id} queue={job.queue} />
          </td>
        </tr>
      ))}
    </Table>
  );
}
