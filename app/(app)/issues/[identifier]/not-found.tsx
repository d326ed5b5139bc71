import { SearchX } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";

export default function IssueNotFound() {
  return (
    <>
      <PageHeader>
        <Link href="/issues" className="text-ink-500 hover:text-ink-900">
          Issues
        </Link>
      </PageHeader>
      <div className="flex flex-col items-center px-6 py-32 text-center">
        <span className="flex size-10 items-center justify-center rounded-full bg-ink-100 text-ink-500">
          <SearchX className="size-5" aria-hidden />
        </span>
        <h1 className="mt-4 text-sm font-medium text-ink-900">Issue not found</h1>
        <p className="mt-1 text-[13px] text-ink-500">It may have been deleted, or the identifier is mistyped.</p>
        <Link href="/issues" className="mt-4 text-[13px] font-medium text-link hover:text-link-hover">
          Back to issues
        </Link>
      </div>
    </>
  );
}
