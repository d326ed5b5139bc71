// The operations half of the admin console in the browser: deliveries (filter, detail, replay, replay
// all failed with its progress bar), jobs (retry, cancel), users (add with a password or an invite,
// validation, role, deactivation, the last admin kept), the audit log, and a member refused all of it.
// Forms are driven from the keyboard; each page is screenshotted (E2E_COLOR_SCHEME=dark for dark).
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { enqueueJob } from "../../lib/jobs/enqueue-job";
import { postSentry } from "../support/sentry";
import { actionHeaders } from "../support/server-actions";
import { expectNoSeriousA11yViolations } from "./a11y";
import {
  ADMIN,
  deliverSentryIssue,
  ensureMember,
  expect,
  MEMBER,
  screenshot,
  signIn,
  test,
  uniqueSentryId,
} from "./fixtures";

test.describe.configure({ timeout: 150_000 });

const scheme = process.env.E2E_COLOR_SCHEME === "dark" ? "dark" : "light";
const shot = (page: Page, name: string) => screenshot(page, `admin-ops-${name}-${scheme}`);
/** The page's message (Next's route announcer is an empty alert of its own). */
const alertOf = (page: Page) => page.getByRole("alert").filter({ hasText: /\S/ });
const PAGES = ["/admin/deliveries", "/admin/jobs", "/admin/users", "/admin/audit"];

test("a member is refused every operations page and every action", async ({ page, app }) => {
  await ensureMember(app);
  await signIn(page, MEMBER);
  const delivery = await app.db.webhookDelivery.findFirst({ select: { id: true } });
  for (const path of [...PAGES, `/admin/deliveries/${delivery?.id ?? randomUUID()}`]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/issues\?denied=admin$/);
  }
  const member = await app.db.user.findUniqueOrThrow({ where: { email: MEMBER.email } });
  const before = { users: await app.db.user.count(), audit: await app.db.adminAuditEntry.count() };
  const calls: [string, string, string, unknown[]][] = [
    [
      "/admin/users",
      "app/(app)/admin/users/actions.ts",
      "addUserAction",
      [{ email: "sneaky@example.com", role: "admin", access: "password", password: "sneaky-password" }],
    ],
    ["/admin/users", "app/(app)/admin/users/actions.ts", "changeRoleAction", [member.id, "admin"]],
    ["/admin/users", "app/(app)/admin/users/actions.ts", "deactivateUserAction", [member.id]],
    ["/admin/users", "app/(app)/admin/users/actions.ts", "reactivateUserAction", [member.id]],
    ["/admin/users", "app/(app)/admin/users/actions.ts", "reinviteUserAction", [member.id]],
    ["/admin/jobs", "app/(app)/admin/jobs/actions.ts", "retryJobAction", [randomUUID()]],
    ["/admin/jobs", "app/(app)/admin/jobs/actions.ts", "cancelJobAction", [randomUUID()]],
    [
      "/admin/deliveries",
      "app/(app)/admin/deliveries/actions.ts",
      "replayDeliveryAction",
      [delivery?.id ?? randomUUID()],
    ],
    ["/admin/deliveries", "app/(app)/admin/deliveries/actions.ts", "replayAllFailedAction", [{}]],
    ["/admin/deliveries", "app/(app)/admin/deliveries/actions.ts", "replayProgressAction", [randomUUID()]],
  ];
  for (const [path, file, name, args] of calls) {
    // The browser's own cookies, posted as the page's client code would.
    const response = await page.request.post(path, {
      headers: actionHeaders(file, name, { origin: app.url }),
      data: JSON.stringify(args),
      maxRedirects: 0,
    });
    expect(response.status(), name).toBeLessThan(500);
    expect(response.headers()["x-action-redirect"] ?? response.headers().location ?? "", name).toContain(
      "/issues?denied=admin",
    );
  }
  expect({ users: await app.db.user.count(), audit: await app.db.adminAuditEntry.count() }).toEqual(before);
  expect(
    await app.db.user.findUniqueOrThrow({ where: { id: member.id }, select: { role: true, deactivatedAt: true } }),
  ).toEqual({ role: "member", deactivatedAt: null });
});

test("empty states: jobs, audit log and a filter that matches nothing", async ({ page }) => {
  await signIn(page, ADMIN, "/admin/jobs");
  await expect(page.getByText("No failed or retrying jobs")).toBeVisible();
  await shot(page, "jobs-empty");
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await shot(page, "audit-empty");
  await page.goto("/admin/deliveries?source=glitchtip&from=2099-01-01T00:00"); // other specs share the database
  await expect(page.getByText("No deliveries match this filter.")).toBeVisible();
  await shot(page, "deliveries-empty");
});

test("the last active admin cannot deactivate or demote themselves", async ({ page, app }) => {
  expect(await app.db.user.count({ where: { role: "admin", deactivatedAt: null } })).toBe(1);
  await signIn(page, ADMIN, "/admin/users");
  const me = page.getByTestId("user-row").filter({ hasText: ADMIN.email });
  await me.getByRole("button", { name: `Deactivate ${ADMIN.email}` }).click();
  await me.getByRole("button", { name: "Confirm deactivate" }).press("Enter");
  await expect(page.getByText("At least one active admin must remain")).toBeVisible();
  await me.getByLabel(`Role of ${ADMIN.email}`).selectOption("member");
  await expect(page.getByText("At least one active admin must remain").first()).toBeVisible();
  await expect(me.getByLabel(`Role of ${ADMIN.email}`)).toHaveValue("admin");
  expect(
    await app.db.user.findUniqueOrThrow({ where: { email: ADMIN.email }, select: { role: true, deactivatedAt: true } }),
  ).toEqual({ role: "admin", deactivatedAt: null });
});

test("deliveries: filter from the keyboard, bad filter, detail without secrets, replay", async ({ page, app }) => {
  const identifier = await deliverSentryIssue(app, { id: uniqueSentryId(), title: "TypeError: replay me" });
  for (let n = 0; n < 3; n++) await deliverSentryIssue(app, { id: uniqueSentryId(), title: `Error ${n}` });
  expect((await postSentry(app.url, "{}", { signature: "0".repeat(64) })).status).toBe(401);

  await signIn(page, ADMIN, "/admin/deliveries");
  await expect(page.getByTestId("delivery-row").first()).toBeVisible();
  await expect(page.getByTestId("delivery-row").filter({ hasText: "unauthenticated" }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, "deliveries");
  await shot(page, "deliveries-full");

  // Keyboard only: type the issue, pick the outcome, submit with Enter.
  await page.getByLabel("Issue").focus();
  await page.keyboard.type(identifier.toLowerCase());
  await page.getByLabel("Outcome").focus();
  await page.getByLabel("Outcome").selectOption("created");
  await page.getByLabel("Issue").press("Enter");
  await expect(page).toHaveURL(new RegExp(`issue=${identifier.toLowerCase()}`));
  await expect(page.getByTestId("delivery-row")).toHaveCount(1);
  await expect(page.getByTestId("delivery-row")).toContainText(identifier);

  await page.goto("/admin/deliveries?from=yesterday&outcome=lost");
  await expect(alertOf(page)).toContainText("outcome: must be one of");
  await expect(alertOf(page)).toContainText("from: must be a date");
  await shot(page, "deliveries-error");

  await page.goto(`/admin/deliveries?issue=${identifier}`);
  await page
    .getByTestId("delivery-row")
    .getByRole("link", { name: /Delivery received/ })
    .click();
  await expect(page.getByRole("heading", { name: "Sentry delivery" })).toBeVisible();
  const headers = page.getByRole("region", { name: "Headers" });
  await expect(headers.getByRole("row").filter({ hasText: "sentry-hook-signature" })).toContainText("[redacted]");
  await expect(page.getByRole("region", { name: "Payload" })).toContainText('"title": "TypeError: replay me"');
  const signature = await app.db.webhookDelivery.findFirstOrThrow({
    where: { issue: { identifier } },
    select: { headers: true },
  });
  expect(await page.content()).not.toContain((signature.headers as Record<string, string>)["sentry-hook-signature"]);
  await expectNoSeriousA11yViolations(page, "delivery detail");
  await shot(page, "delivery-detail");

  await page.getByRole("button", { name: "Replay" }).press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Replayed as a new delivery: deduplicated" })).toContainText(
    identifier,
  );
  await page.getByRole("link", { name: "Open the replay" }).click();
  await expect(page.getByText("Replay of")).toBeVisible();
  await shot(page, "delivery-replay");

  // A pruned body says so and offers no replay.
  const original = await app.db.webhookDelivery.findFirstOrThrow({
    where: { issue: { identifier }, replayOfId: null },
  });
  await app.db.webhookDelivery.update({ where: { id: original.id }, data: { rawBody: "", bodyPrunedAt: new Date() } });
  await page.goto(`/admin/deliveries/${original.id}`);
  await expect(page.getByText(/The body was pruned by retention on/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Replay" })).toHaveCount(0);
  await shot(page, "delivery-pruned");
});

test("replay all failed in this filter shows its progress to the end", async ({ page, app }) => {
  const ids: string[] = [];
  for (let n = 0; n < 6; n++) {
    const identifier = await deliverSentryIssue(app, { id: uniqueSentryId(), title: `Flaky ${n}` });
    ids.push((await app.db.webhookDelivery.findFirstOrThrow({ where: { issue: { identifier } } })).id);
  }
  await app.db.webhookDelivery.updateMany({
    where: { id: { in: ids } },
    data: { outcome: "failed", reason: "Error: connection reset" },
  });

  await signIn(page, ADMIN, "/admin/deliveries?outcome=failed");
  await expect(page.getByTestId("delivery-row")).toHaveCount(6);
  await page.getByRole("button", { name: "Replay all failed in this filter" }).press("Enter");
  const operation = page.getByTestId("replay-operation").first();
  await expect(operation.getByRole("progressbar")).toBeVisible();
  await expect(operation.getByRole("status")).toContainText("6 replayed, 0 failed again", { timeout: 30_000 });
  await expect(operation.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "6");
  await shot(page, "deliveries-replay-all");
  expect(await app.db.webhookDelivery.count({ where: { replayOfId: { in: ids } } })).toBe(6);
});

test("jobs: failed and retrying jobs with their error; retry and cancel", async ({ page, app }) => {
  const make = async (state: "failed" | "retry", message: string) => {
    const id = await app.db.$transaction((tx) => enqueueJob(tx, "jira.sync", { issueId: randomUUID() }));
    await app.db.$executeRawUnsafe(
      `UPDATE pgboss.job SET state = $2::pgboss.job_state, retry_count = 2, output = jsonb_build_object('message', $3::text),
              start_after = now() + interval '10 minutes', completed_on = CASE WHEN $2 = 'failed' THEN now() END WHERE id = $1::uuid`,
      id,
      state,
      message,
    );
    return id!;
  };
  await make("failed", "Jira answered 401: credentials refused");
  await make("retry", "Jira answered 503: try later");

  await signIn(page, ADMIN, "/admin/jobs");
  const failed = page.getByTestId("job-row").filter({ hasText: "credentials refused" });
  const retrying = page.getByTestId("job-row").filter({ hasText: "try later" });
  await expect(failed).toContainText("3 of");
  await expect(failed).toContainText("gave up");
  await expect(retrying).toContainText("retrying");
  await expectNoSeriousA11yViolations(page, "jobs");
  await shot(page, "jobs-full");

  await retrying.getByRole("button", { name: "Cancel jira.sync job" }).press("Enter");
  await expect(page.getByText("Job cancelled")).toBeVisible();
  await expect(retrying).toHaveCount(0);
  await failed.getByRole("button", { name: "Retry jira.sync job" }).press("Enter");
  await expect(page.getByText("Job queued to run again")).toBeVisible();
  expect(await app.db.adminAuditEntry.count({ where: { action: { in: ["job.retried", "job.cancelled"] } } })).toBe(2);
});

test("users: validation, add with a password, invite and accept, role and deactivation, audited", async ({
  page,
  app,
  browser,
}) => {
  await ensureMember(app);
  await signIn(page, ADMIN, "/admin/users");
  const form = page.getByRole("form", { name: "Add a user" });

  // Validation, from the keyboard: errors beside the fields at fault.
  await form.getByLabel("Email").focus();
  await page.keyboard.type("not-an-email");
  await form.getByLabel("Initial password", { exact: false }).first().check();
  await form.locator("#add-user-password").focus();
  await page.keyboard.type("short");
  await page.keyboard.press("Enter");
  await expect(form.getByText("Enter a valid email address")).toBeVisible();
  await expect(form.getByText("Password must be at least 8 characters")).toBeVisible();
  await expect(form.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await shot(page, "users-validation");

  await form.getByLabel("Email").fill(ADMIN.email);
  await form.locator("#add-user-password").fill("long-enough-1");
  await form.locator("#add-user-password").press("Enter");
  await expect(form.getByRole("alert")).toContainText("A user with this email already exists");

  await form.getByLabel("Email").fill("pat@example.com");
  await form.locator("#add-user-password").fill("pat-password-1");
  await form.locator("#add-user-password").press("Enter");
  await expect(form.getByText("pat@example.com can now sign in")).toBeVisible();

  // An invited admin: the link is shown once, works signed out, and sets their password.
  await form.getByLabel("Email").fill("ivy@example.com");
  await form.getByLabel("Role").selectOption("admin");
  await form.getByLabel(/Invite link/).check();
  await form.getByLabel("Email").press("Enter");
  const link = await form.getByLabel("Invite link for ivy@example.com").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await form.getByRole("button", { name: "Copy link" }).click();
  await expect(form.getByRole("button", { name: "Copied" })).toBeVisible();
  await expect(page.getByTestId("user-row").filter({ hasText: "ivy@example.com" })).toContainText("Invited, until");
  await shot(page, "users-full");

  const guest = await browser.newContext({ colorScheme: scheme });
  const invitePage = await guest.newPage();
  await invitePage.goto(link);
  await expect(invitePage.getByText("Choose a password for ivy@example.com")).toBeVisible();
  await shot(invitePage, "invite");
  await invitePage.getByLabel("New password").fill("ivy-password-1");
  await invitePage.getByLabel("Repeat the password").fill("ivy-password-2");
  await invitePage.getByLabel("Repeat the password").press("Enter");
  await expect(alertOf(invitePage)).toContainText("The two passwords differ");
  // The form is cleared after each submission (passwords are not sent back): both again.
  await invitePage.getByLabel("New password").fill("ivy-password-1");
  await invitePage.getByLabel("Repeat the password").fill("ivy-password-1");
  await invitePage.getByLabel("Repeat the password").press("Enter");
  await expect(invitePage.getByText("Password set. Sign in")).toBeVisible();
  await invitePage.getByLabel("Email").fill("ivy@example.com");
  await invitePage.getByLabel("Password").fill("ivy-password-1");
  await invitePage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(invitePage).toHaveURL(/\/issues/);
  await invitePage.goto(link);
  await expect(invitePage.getByText("Invite link not valid")).toBeVisible();
  await shot(invitePage, "invite-used");
  await guest.close();

  // Role and deactivation of the member, then the member is back.
  await page.reload();
  const row = page.getByTestId("user-row").filter({ hasText: MEMBER.email });
  await row.getByLabel(`Role of ${MEMBER.email}`).selectOption("admin");
  await expect(page.getByText(`${MEMBER.email} is now an admin`)).toBeVisible();
  await row.getByLabel(`Role of ${MEMBER.email}`).selectOption("member");
  await expect(page.getByText(`${MEMBER.email} is now a member`)).toBeVisible();
  await row.getByRole("button", { name: `Deactivate ${MEMBER.email}` }).press("Enter");
  await row.getByRole("button", { name: "Confirm deactivate" }).press("Enter");
  await expect(page.getByText(`${MEMBER.email} deactivated; their sessions ended`)).toBeVisible();
  await expect(row).toContainText("Deactivated");
  await row.getByRole("button", { name: `Reactivate ${MEMBER.email}` }).press("Enter");
  await expect(row).toContainText("Active");
  await expectNoSeriousA11yViolations(page, "users");

  await page.goto("/admin/audit");
  const entries = page.getByTestId("audit-row");
  for (const action of ["user.created", "user.role_changed", "user.deactivated", "user.reactivated"])
    await expect(entries.filter({ hasText: action }).first()).toBeVisible();
  await expect(page.locator("body")).not.toContainText("pat-password-1");
  await expectNoSeriousA11yViolations(page, "audit");
  await shot(page, "audit-full");
  await page.goto("/admin/audit?before=garbage");
  await expect(alertOf(page)).toContainText("That page link is not valid");
  await shot(page, "audit-error");
});
