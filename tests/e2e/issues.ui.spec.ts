// From a Sentry webhook to the issue list and detail page; markdown safety; filters; comments.
import { ADMIN, deliverSentryIssue, expect, screenshot, signIn, test, uniqueSentryId } from "./fixtures";

const XSS_TITLE = "Ünïcödé crash <script>window.__xss=1</script> in checkout";

test("a Sentry issue appears in the list and its detail page is complete and inert", async ({ page, app }) => {
  await signIn(page, ADMIN);
  const id = uniqueSentryId();
  const identifier = await deliverSentryIssue(app, { id, slug: "web-app", title: XSS_TITLE });
  await deliverSentryIssue(app, {
    id: uniqueSentryId(),
    slug: "api",
    title: "ConnectionError: database timeout",
    priority: "low",
  });

  await page.reload();
  const row = page.getByTestId("issue-row").filter({ hasText: identifier });
  await expect(row).toContainText(`[web-app] ${XSS_TITLE}`);
  await expect(row).toContainText("Sentry");
  await expect(row).toContainText("now");
  await screenshot(page, "issue-list");

  await row.click();
  await expect(page).toHaveURL(new RegExp(`/issues/${identifier}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`[web-app] ${XSS_TITLE}`);
  for (const section of ["Error", "Location", "Impact", "Project", "Links"]) {
    await expect(page.getByRole("heading", { name: section, exact: true })).toBeVisible();
  }
  await expect(page.getByText("Cannot read properties of undefined (reading 'id')")).toBeVisible();

  const external = page.getByRole("link", { name: "Open in Sentry" });
  await expect(external).toHaveAttribute("href", `https://sentry.example.com/organizations/acme/issues/${id}/`);
  await expect(external).toHaveAttribute("target", "_blank");
  await expect(external).toHaveAttribute("rel", /noopener/);
  await expect(external).toHaveAttribute("rel", /noreferrer/);
  await expect(page.getByTestId("issue-priority")).toContainText("Urgent");
  await expect(page.getByTestId("issue-status")).toContainText("Triage");

  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  await expect(page.locator("script", { hasText: "__xss" })).toHaveCount(0);

  await page.getByRole("textbox", { name: "Comment" }).fill("Looking into this — **checkout** only, ünïcode ok");
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  const comment = page.getByTestId("comment").filter({ hasText: "only, ünïcode ok" });
  await expect(comment).toContainText(ADMIN.name);
  await expect(comment.locator("strong")).toHaveText("checkout");
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("");
  await expect(page.getByTestId("activity").filter({ hasText: `${ADMIN.name} commented` })).toBeVisible();
  await expect(page.getByTestId("activity").filter({ hasText: "Sentry created the issue" })).toBeVisible();
  await screenshot(page, "issue-detail");

  const stored = await app.db.activity.findFirstOrThrow({
    where: { issue: { identifier }, action: "commented" },
    include: { actor: true },
  });
  expect(stored.actor?.email).toBe(ADMIN.email);
});

test("raw HTML and script URLs in a description render as inert text", async ({ page, app }) => {
  const project = await app.db.project.upsert({
    where: { key: "SAFE" },
    update: {},
    create: { key: "SAFE", name: "Safety" },
  });
  await app.db.issue.create({
    data: {
      projectId: project.id,
      number: 1,
      identifier: "SAFE-1",
      title: "Hostile description",
      description: [
        "## Payload",
        "<script>window.__xss2=1</script>",
        '<img src="x" onerror="window.__xss3=1">',
        "[click me](javascript:window.__xss4=1)",
      ].join("\n\n"),
    },
  });
  await signIn(page, ADMIN, "/issues/SAFE-1");
  await expect(page.getByText("<script>window.__xss2=1</script>")).toBeVisible();
  await expect(page.getByText('<img src="x" onerror="window.__xss3=1">')).toBeVisible();
  await expect(page.locator("article img")).toHaveCount(0);
  await screenshot(page, "issue-detail-hostile");
  const link = page.getByText("click me");
  await expect(link).toBeVisible();
  expect((await link.getAttribute("href")) ?? "").not.toMatch(/javascript:/i);
  await link.click({ noWaitAfter: true });
  expect(await page.evaluate(() => Object.keys(window).filter((key) => key.startsWith("__xss")))).toEqual([]);
});

test("status and priority filters narrow the list", async ({ page, app }) => {
  const slug = `filters-${uniqueSentryId()}`;
  const urgent = await deliverSentryIssue(app, { id: uniqueSentryId(), slug, title: "Urgent one", priority: "high" });
  const high = await deliverSentryIssue(app, { id: uniqueSentryId(), slug, title: "High one", priority: "medium" });
  const low = await deliverSentryIssue(app, { id: uniqueSentryId(), slug, title: "Low one", priority: "low" });
  await app.db.issue.update({ where: { identifier: urgent }, data: { status: "todo" } });

  await signIn(page, ADMIN);
  const rows = page.getByTestId("issue-row").filter({ hasText: `[${slug}]` });
  await expect(rows).toHaveCount(3);

  // The Filter menu: a submenu per field, checkbox items that combine; chips show and remove them.
  const pick = async (field: string, value: RegExp) => {
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await page.getByRole("menuitem", { name: field }).click();
    await page.getByRole("menuitemcheckbox", { name: value }).click();
    await page.keyboard.press("Escape");
  };
  await pick("Priority", /Urgent/);
  await expect(page).toHaveURL(/\?priority=P1$/);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(urgent);
  await screenshot(page, "issue-list-filtered");

  await pick("Status", /Todo/);
  await expect(page).toHaveURL(/\?status=todo&priority=P1$/);
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId("filter-chip")).toHaveText(["Status: Todo", "Priority: Urgent"]);

  await page.getByRole("button", { name: "Remove filter Priority: Urgent" }).click();
  await expect(page).toHaveURL(/\?status=todo$/);
  await page.goto("/issues?status=triage");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: high })).toHaveCount(1);
  await expect(rows.filter({ hasText: low })).toHaveCount(1);
  await pick("Status", /Canceled/);
  await expect(page).toHaveURL(/\?status=triage,canceled$/);
  await expect(rows).toHaveCount(2);

  await page.goto("/issues?status=canceled");
  await expect(page.getByText("No issues match these filters")).toBeVisible();
  await screenshot(page, "issue-list-empty");

  await page.goto("/issues?status=bogus&priority=P9&page=-3");
  await expect(rows).toHaveCount(3);
});

test("an unknown identifier shows the not-found page", async ({ page }) => {
  await signIn(page, ADMIN);
  const response = await page.goto("/issues/NOPE-999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Issue not found" })).toBeVisible();
  await screenshot(page, "issue-not-found");
});
