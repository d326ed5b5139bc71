// Jira tickets as engineers and admins see them: the ticket key links out from the list and the issue
// page, a ticket held by flood control says so, and a broken connection is visible on the admin page.
import { missingTicketNote } from "@/lib/jira-sync/ticket-moved";
import { ADMIN, deliverSentryIssue, expect, screenshot, signIn, test, uniqueSentryId } from "./fixtures";

test("ticket column, pending (rate limit) and a broken connection", async ({ page, app }) => {
  const project = await app.db.project.upsert({
    where: { key: "TIX" },
    update: {},
    create: { key: "TIX", name: "Tickets" },
  });
  const connection = await app.db.jiraConnection.create({
    data: {
      name: `acme-jira-${uniqueSentryId()}`,
      baseUrl: "https://acme.atlassian.net",
      email: "bot@acme.test",
      tokenEncrypted: "sealed",
      status: "broken",
      statusReason: "Jira answered 401: Client must be authenticated",
      statusChangedAt: new Date(),
    },
  });
  const slug = `tix-${uniqueSentryId()}`;
  await app.db.sourceMapping.create({
    data: {
      source: "sentry",
      externalProject: slug,
      projectId: project.id,
      jiraConnectionId: connection.id,
      jiraProjectKey: "OPS",
    },
  });
  // The worker cannot reach this Jira; the test sets the sync states the worker would leave.
  const withTicket = await deliverSentryIssue(app, { id: uniqueSentryId(), slug, title: "Has a ticket" });
  const waiting = await deliverSentryIssue(app, { id: uniqueSentryId(), slug, title: "Waits for the hourly window" });
  const refused = await deliverSentryIssue(app, { id: uniqueSentryId(), slug, title: "Jira refused it" });
  const idOf = async (identifier: string) => (await app.db.issue.findUniqueOrThrow({ where: { identifier } })).id;
  await app.db.jiraConnection.update({ where: { id: connection.id }, data: { status: "ok", statusReason: null } });
  await app.db.jiraTicket.update({
    where: { issueId: await idOf(withTicket) },
    data: {
      state: "created",
      ticketKey: "OPS-42",
      ticketUrl: "https://acme.atlassian.net/browse/OPS-42",
      ticketCategory: "new",
    },
  });
  await app.db.jiraTicket.update({
    where: { issueId: await idOf(waiting) },
    data: { state: "rate_limited", notBefore: new Date(Date.now() + 40 * 60_000) },
  });
  await app.db.jiraTicket.update({
    where: { issueId: await idOf(refused) },
    data: { state: "failed", lastError: "components: Component name 'Payments' is not valid" },
  });

  await signIn(page, ADMIN);
  const row = (identifier: string) =>
    page.getByTestId("issue-row").filter({ hasText: new RegExp(`${identifier}(?!\\d)`) });
  const key = row(withTicket).getByRole("link", { name: "OPS-42" });
  await expect(key).toHaveAttribute("href", "https://acme.atlassian.net/browse/OPS-42");
  await expect(key).toHaveAttribute("target", "_blank");
  await expect(row(waiting).getByTestId("jira-ticket")).toHaveText("pending (rate limit)");
  await expect(row(refused).getByTestId("jira-ticket")).toHaveText("failed");
  await screenshot(page, "issue-list-jira");

  // The title still opens the issue; the key opens Jira.
  await row(waiting).getByRole("link", { name: "Waits for the hourly window" }).click();
  await expect(page).toHaveURL(new RegExp(`/issues/${waiting}$`));
  await expect(page.getByTestId("jira-ticket")).toHaveText("pending (rate limit)");
  await expect(page.getByTestId("jira-ticket-detail")).toContainText("hourly ticket limit");
  await screenshot(page, "issue-jira-rate-limited");

  await page.goto(`/issues/${refused}`);
  await expect(page.getByTestId("jira-ticket-detail")).toContainText("Component name 'Payments' is not valid");

  // A ticket moved to another project and later deleted in Jira, as the sync records it.
  const withTicketId = await idOf(withTicket);
  await app.db.jiraTicket.update({
    where: { issueId: withTicketId },
    data: {
      ticketKey: "SUP-7",
      ticketUrl: "https://acme.atlassian.net/browse/SUP-7",
      lastError: missingTicketNote("SUP-7"),
    },
  });
  await app.db.activity.createMany({
    data: [
      {
        issueId: withTicketId,
        actorName: "Jira",
        action: "jira_ticket_moved",
        fromValue: "OPS-42",
        toValue: "SUP-7",
        data: { key: "SUP-7", from: "OPS-42" },
      },
      {
        issueId: withTicketId,
        actorName: "Jira",
        action: "jira_ticket_missing",
        data: { key: "SUP-7", message: missingTicketNote("SUP-7") },
      },
    ],
  });
  await page.goto(`/issues/${withTicket}`);
  await expect(page.getByTestId("jira-ticket")).toHaveText("SUP-7");
  await expect(page.getByTestId("jira-ticket-detail")).toContainText("SUP-7 no longer exists in Jira");
  await expect(page.getByText("followed Jira ticket OPS-42 to SUP-7 (moved in Jira)")).toBeVisible();
  await screenshot(page, "issue-jira-moved-then-deleted");

  await app.db.jiraConnection.update({
    where: { id: connection.id },
    data: { status: "broken", statusReason: "Jira answered 401: Client must be authenticated" },
  });
  await page.goto(`/issues/${waiting}`);
  await expect(page.getByTestId("jira-ticket")).toHaveText("pending (Jira connection broken)");
  await page.goto("/admin");
  const connections = page.getByRole("region", { name: "Jira connections" });
  await expect(connections.getByTestId("jira-connection-row").filter({ hasText: connection.name })).toContainText(
    "broken",
  );
  await expect(connections).toContainText("Client must be authenticated");
  await expect(page.getByTestId("mapping-row").filter({ hasText: slug })).toContainText("OPS");
  await screenshot(page, "admin-jira");
});
