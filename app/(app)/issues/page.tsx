import type { Metadata } from "next";
import { requireUser } from "@/auth";
import { EmptyState } from "@/components/issues/empty-state";
import { IssueFilters } from "@/components/issues/issue-filters";
import { IssueRow } from "@/components/issues/issue-row";
import { formatTotal, Pagination } from "@/components/issues/pagination";
import { PageHeader } from "@/components/shell/page-header";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/lib/db";
import { hasFilters, parseIssueQuery } from "@/lib/issues/issue-query";
import { listIssues } from "@/lib/issues/list-issues";

export const metadata: Metadata = { title: "Issues" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function IssuesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  const query = parseIssueQuery(params);
  const { issues, total, nextCursor, prevCursor } = await listIssues(getDb(), query, { userId: user.id });
  const now = new Date();

  return (
    <>
      <PageHeader>
        <h1 className="font-medium text-zinc-900">Issues</h1>
        <span className="rounded-full bg-zinc-100 px-1.5 text-xs tabular-nums text-zinc-500" data-testid="issue-count">{formatTotal(total)}</span>
      </PageHeader>
      {params.denied === "admin" && (
        <div className="px-6 pt-4">
          <Notice tone="info">That page is only available to admins.</Notice>
        </div>
      )}
      <IssueFilters query={query} />
      {issues.length === 0 ? (
        <EmptyState filtered={hasFilters(query) || query.view !== "all" || Boolean(query.after || query.before)} />
      ) : (
        <ul aria-label="Issues">
          {issues.map((issue) => (
            <IssueRow key={issue.id} issue={issue} now={now} />
          ))}
        </ul>
      )}
      <Pagination query={query} shown={issues.length} total={total} prevCursor={prevCursor} nextCursor={nextCursor} />
    </>
  );
}
