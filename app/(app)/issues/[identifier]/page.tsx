import { ChevronRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/auth";
import { ActivityTimeline } from "@/components/issues/activity-timeline";
import { CommentForm } from "@/components/issues/comment-form";
import { CommentTimeline } from "@/components/issues/comment-timeline";
import { IssueDescription } from "@/components/issues/issue-description";
import { IssueProperties } from "@/components/issues/issue-properties";
import { IssueTitle } from "@/components/issues/issue-title";
import { PageHeader } from "@/components/shell/page-header";
import { getDb } from "@/lib/db";
import { getIssue, issueIdentifierSchema } from "@/lib/issues/get-issue";
import { retryJobAction } from "./actions";

type Params = Promise<{ identifier: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const parsed = issueIdentifierSchema.safeParse((await params).identifier);
  return { title: parsed.success ? parsed.data : "Issue not found" };
}

function Section({ title, count, children }: { title: string; count: number; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="mt-10">
      <h2 className="mb-3 text-xs font-medium uppercase tracking-wide text-ink-500">
        {title}{" "}
        <span className="text-ink-300" aria-hidden>
          ·
        </span>{" "}
        <span className="tabular-nums text-ink-500">{count.toLocaleString("en")}</span>
      </h2>
      {children}
    </section>
  );
}

export default async function IssuePage({ params }: { params: Params }) {
  await requireUser();
  const issue = await getIssue(getDb(), (await params).identifier);
  if (!issue) notFound();
  const now = new Date();

  return (
    <>
      <PageHeader>
        <Link href="/issues" className="text-ink-500 hover:text-ink-900">
          Issues
        </Link>
        <ChevronRight className="size-3.5 text-ink-300" aria-hidden />
        <span className="font-medium text-ink-900">{issue.identifier}</span>
      </PageHeader>
      <div className="flex flex-col lg:flex-row">
        <article className="min-w-0 flex-1 px-6 py-8 lg:px-10">
          <div className="mx-auto max-w-3xl">
            <IssueTitle identifier={issue.identifier} title={issue.title} />
            <div className="mt-5">
              <IssueDescription identifier={issue.identifier} description={issue.description} />
            </div>
            <Section title="Comments" count={issue.commentCount}>
              <div className="space-y-4">
                <CommentTimeline issueId={issue.id} newest={issue.comments} now={now} />
                <CommentForm identifier={issue.identifier} />
              </div>
            </Section>
            <Section title="Activity" count={issue.activityCount}>
              <ActivityTimeline
                issueId={issue.id}
                newest={issue.activities}
                now={now}
                retry={{ identifier: issue.identifier, retryAction: retryJobAction }}
              />
            </Section>
          </div>
        </article>
        <aside className="shrink-0 border-t border-ink-200 px-6 py-6 lg:w-80 lg:border-l lg:border-t-0 lg:px-5">
          <IssueProperties issue={issue} />
        </aside>
      </div>
    </>
  );
}
