import type { Metadata } from "next";
import { requireUser } from "@/auth";
import { EmptyState } from "@/components/issues/empty-state";
import { IssueFilters } from "@/components/issues/issue-filters";
import { IssueRow } from "@/components/issues/issue-row";
import { Pagination } from "@/components/issues/pagination";
import { PageHeader } from "@/components/shell/page-header";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/lib/db";
import { listIssues } from "@/lib/issues/list-issues";

export const metadata: Metadata = { title: "Issues" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function IssuesPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const params = await searchParams;
  const { issues, total, filters, pageCount } = await listIssues(getDb(), {
    status: params.status,
    priority: params.priority,
    page: params.page,
  });
  const now = new Date();

  return (
    <>
      <PageHeader>
        <h1 className="font-medium text-zinc-900">Issues</h1>
        <span className="rounded-full bg-zinc-100 px-1.5 text-xs tabular-nums text-zinc-500" data-testid="issue-count">{total}</span>
      </PageHeader>
      {params.denied === "admin" && (
        <div className="px-6 pt-4">
          <Notice tone="info">That page is only available to admins.</Notice>
        </div>
      )}
      <IssueFilters filters={filters} />
      {issues.length === 0 ? (
        <EmptyState filtered={Boolean(filters.status || filters.priority || filters.page > 1)} />
      ) : (
        <ul aria-label="Issues">
          {issues.map((issue) => (
            <IssueRow key={issue.id} issue={issue} now={now} />
          ))}
        </ul>
      )}
      <Pagination filters={filters} total={total} pageCount={pageCount} />
    </>
  );
}
