// The list as a triage surface: keyboard movement and selection, s/p/a/l over the selection, the row
// menu, bulk changes (in the request and as a job), "select all matching", search as you type, views.
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

test("j/k, x and s/p/a change the focused row and the selection; the row menu too", async ({ page, app }) => {
  await ensureMember(app);
  const slug = `kbd-${uniqueSentryId()}`;
  const ids: string[] = [];
  for (const title of ["First", "Second", "Third"])
    ids.push(await deliverSentryIssue(app, { id: uniqueSentryId(), slug, title }));
  await signIn(page, MEMBER, `/issues?q=${slug}&sort=newest`);
  const rows = page.getByTestId("issue-row");
  await expect(rows).toHaveCount(3);
  await expectNoSeriousA11yViolations(page, "list");

  // Newest first: Third, Second, First. j focuses the first row, j the second; x selects both.
  await page.locator("h1").click();
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await expect(page.getByTestId("bulk-count")).toHaveText("2 selected");
  await page.keyboard.press("s");
  await expect(page.getByRole("dialog", { name: /Change status · 2 issues/ })).toBeVisible();
  await screenshot(page, "triage-list-status-dialog");
  await expectNoSeriousA11yViolations(page, "status dialog");
  await page.keyboard.type("todo");
  await page.keyboard.press("Enter");
  await expect(rows.nth(0).getByText("Todo", { exact: true })).toHaveCount(1);
  await expect
    .poll(async () =>
      (await app.db.issue.findMany({ where: { identifier: { in: ids } }, orderBy: { number: "asc" } })).map(
        (issue) => issue.status,
      ),
    )
    .toEqual(["triage", "todo", "todo"]);

  // Esc clears the selection; then a acts on the focused row only.
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);
  await page.keyboard.press("k");
  await page.keyboard.press("a");
  await page.keyboard.type("me");
  await page.keyboard.press("Enter");
  await expect(rows.nth(0).getByTestId("issue-row-assignee")).toContainText(MEMBER.name);

  // Enter opens the focused issue, Esc-free back navigation works as a link.
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/issues/${ids[2]}$`));
  await page.goBack();

  // The row menu: Priority → Low on the last row.
  await rows.nth(2).hover();
  await page.getByRole("button", { name: `Actions for ${ids[0]}` }).click();
  await page.getByRole("menuitem", { name: "Priority" }).click();
  await screenshot(page, "triage-list-row-menu");
  await expectNoSeriousA11yViolations(page, "row menu");
  // Into the submenu by keyboard, as a menu is used: the pointer's path across items would move the highlight.
  await page.getByRole("menuitemradio", { name: /Low/ }).focus();
  await page.keyboard.press("Enter");
  await expect
    .poll(async () => (await app.db.issue.findUniqueOrThrow({ where: { identifier: ids[0] } })).priority)
    .toBe("P4");

  // Shift-click selects a range with the checkboxes.
  await page.getByRole("checkbox", { name: `Select ${ids[2]}` }).click();
  await page.getByRole("checkbox", { name: `Select ${ids[0]}` }).click({ modifiers: ["Shift"] });
  await expect(page.getByTestId("bulk-count")).toHaveText("3 selected");
  await screenshot(page, "triage-list-selection");
});

test("search as you type, views with counts, and select all matching as a job with progress", async ({ page, app }) => {
  const slug = `bulk-${uniqueSentryId()}`;
  const project = await app.db.project.upsert({
    where: { key: "BULK" },
    update: {},
    create: { key: "BULK", name: "Bulk" },
  });
  // 320 issues: past the in-request limit (300), so the change runs as the issues.bulk job.
  await app.db.$executeRawUnsafe(
    `INSERT INTO issue (id, project_id, number, identifier, title, updated_at)
     SELECT gen_random_uuid()::text, $1, n, 'BULK-' || n, 'Bulk ${slug} item ' || n, now() FROM generate_series(1, 320) n`,
    project.id,
  );
  await app.db.project.update({ where: { id: project.id }, data: { issueCounter: 320 } });
  const found = await deliverSentryIssue(app, {
    id: uniqueSentryId(),
    slug: "search",
    title: "Zürich gateway timeout in payments",
  });

  await signIn(page, ADMIN);
  await page.keyboard.press("/");
  await expect(page.getByRole("searchbox", { name: "Search issues" })).toBeFocused();
  await page.keyboard.type("züri");
  await expect(page).toHaveURL(/\?q=z%C3%BCri$/);
  await expect(page.getByTestId("issue-row")).toHaveCount(1);
  await expect(page.getByTestId("issue-row")).toContainText(found);
  await expect(page.getByTestId("issue-row").locator("mark")).toHaveCount(1);
  await screenshot(page, "triage-list-search");

  await page.goto(`/issues?project=BULK`);
  await expect(page.getByTestId("issue-row")).toHaveCount(50);
  await expect(page.getByTestId("view-count-triage")).not.toHaveText("0");
  const rows = page.getByTestId("issue-row");
  await rows.first().getByRole("checkbox").click();
  await rows
    .nth(49)
    .getByRole("checkbox")
    .click({ modifiers: ["Shift"] });
  await expect(page.getByTestId("bulk-count")).toHaveText("50 selected");
  await page.getByRole("button", { name: "Select all 320 matching" }).click();
  await expect(page.getByTestId("bulk-count")).toHaveText("320 selected");
  await page
    .getByRole("toolbar", { name: "Bulk actions" })
    .getByRole("button", { name: /Priority/ })
    .click();
  await page.getByRole("option", { name: /Urgent/ }).click();
  await expect(
    page.getByRole("progressbar", { name: "Bulk change" }).or(page.getByText("Changed 320 issues")),
  ).toBeVisible();
  await screenshot(page, "triage-list-bulk-progress");
  await expect(page.getByText("Changed 320 issues")).toBeVisible({ timeout: 30_000 });
  expect(await app.db.issue.count({ where: { projectId: project.id, priority: "P1" } })).toBe(320);
  expect(await app.db.activity.count({ where: { issue: { projectId: project.id }, action: "priority_changed" } })).toBe(
    320,
  );
});
