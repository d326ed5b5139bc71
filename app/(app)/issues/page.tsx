import type { Metadata } from "next";
import { requireUser } from "@/auth";
import { EmptyState } from "@/components/issues/empty-state";
import { FilterBar } from "@/components/issues/list/filter-bar";
import { IssueList } from "@/components/issues/list/issue-list";
import { SearchBox } from "@/components/issues/list/search-box";
import { formatTotal, Pagination } from "@/components/issues/pagination";
import { PageHeader } from "@/components/shell/page-header";
import { BulkOperationsResume } from "@/components/triage/bulk-progress";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/lib/db";
import { listRunningBulkOperations } from "@/lib/issues/bulk-update";
import { hasFilters, issueQueryHref, parseIssueQuery } from "@/lib/issues/issue-query";
import { listIssues, toListRow } from "@/lib/issues/list-issues";
import { VIEW_NAMES } from "@/lib/issues/vocabulary";

export const metadata: Metadata = { title: "Issues" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function IssuesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  const query = parseIssueQuery(params);
  const [{ issues, total, nextCursor, prevCursor }, running] = await Promise.all([
    listIssues(getDb(), query, { userId: user.id }),
    listRunningBulkOperations(getDb(), user.id),
  ]);
  const now = new Date();

  return (
    <>
      <PageHeader>
        <h1 className="font-medium text-ink-900">{VIEW_NAMES[query.view]}</h1>
        <span className="rounded-full bg-ink-100 px-1.5 text-xs tabular-nums text-ink-600" data-testid="issue-count">
          {formatTotal(total)}
        </span>
      </PageHeader>
      {params.denied === "admin" && (
        <div className="px-6 pt-4">
          <Notice tone="info">That page is only available to admins.</Notice>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3 border-b border-ink-200 px-6 py-2">
        <SearchBox query={query} />
        <div className="min-w-0 flex-1">
          <FilterBar query={query} />
        </div>
      </div>
      <BulkOperationsResume operations={running} />
      {issues.length === 0 ? (
        <EmptyState filtered={hasFilters(query) || query.view !== "all" || Boolean(query.after || query.before)} />
      ) : (
        <IssueList issues={issues.map(toListRow)} total={total} queryKey={issueQueryHref(query)} now={now} />
      )}
      <Pagination query={query} shown={issues.length} total={total} prevCursor={prevCursor} nextCursor={nextCursor} />
    </>
  );
}
