// A background job that gave up is visible on its issue, and a person can retry it from there.
import { randomUUID } from "node:crypto";
import { ADMIN, deliverSentryIssue, expect, screenshot, signIn, test, uniqueSentryId } from "./fixtures";

test("a failed correlation shows its reason and can be retried from the issue page", async ({ page, app }) => {
  const identifier = await deliverSentryIssue(app, { id: uniqueSentryId(), title: "TypeError: retry me" });
  const issue = await app.db.issue.findUniqueOrThrow({ where: { identifier } });
  // The job payload names an issue that no longer exists, so the retried job finishes as a no-op
  // without reaching out to GitHub.
  await app.db.activity.create({
    data: {
      issueId: issue.id,
      actorName: "Tracker",
      action: "job_failed",
      data: {
        queue: "github.correlate",
        jobId: randomUUID(),
        reason: "repository not found or no access",
        attempts: 1,
        jobData: { issueId: randomUUID(), source: "sentry", externalId: "0", repo: "acme/missing" },
      },
    },
  });

  await signIn(page, ADMIN, `/issues/${identifier}`);
  const failure = page.getByTestId("activity").filter({ hasText: "could not finish GitHub correlation" });
  await expect(failure).toContainText("repository not found or no access");
  await screenshot(page, "issue-detail-job-failed");

  await failure.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByTestId("activity").filter({ hasText: "retried the failed job" })).toBeVisible();
  await expect(failure.getByRole("button", { name: "Retry" })).toHaveCount(0);
  const retried = await app.db.activity.findFirstOrThrow({ where: { issueId: issue.id, action: "job_retried" } });
  expect(retried.data).toMatchObject({ queue: "github.correlate" });
});
