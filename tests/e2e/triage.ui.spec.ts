// Triage on the issue page and in the shell: property menus by mouse and by keyboard, optimistic
// changes with rollback, the command palette, the create dialog, and the shortcuts sheet.
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

test("status, priority, assignee and labels change from the issue page, by mouse and keyboard", async ({
  page,
  app,
}) => {
  await ensureMember(app);
  const identifier = await deliverSentryIssue(app, {
    id: uniqueSentryId(),
    slug: "triage",
    title: "TypeError in checkout",
  });
  await signIn(page, ADMIN, `/issues/${identifier}`);
  await expectNoSeriousA11yViolations(page, "issue page");

  // Mouse: status menu, filter by typing, pick.
  await page.getByTestId("issue-status").click();
  const statusMenu = page.getByRole("listbox");
  await expect(statusMenu).toBeVisible();
  await screenshot(page, "triage-status-menu");
  await expectNoSeriousA11yViolations(page, "status menu");
  await page.keyboard.type("progr");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("issue-status")).toContainText("In progress");

  // Keyboard: p opens priority, a digit picks.
  await page.locator("body").click({ position: { x: 600, y: 20 } });
  await page.keyboard.press("p");
  await expect(page.getByRole("listbox")).toBeVisible();
  await page.keyboard.press("2");
  await expect(page.getByTestId("issue-priority")).toContainText("High");

  // a: assign to a person by typing their name.
  await page.keyboard.press("a");
  await page.keyboard.type("Max");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("issue-assignee")).toContainText(MEMBER.name);

  // l: create a label with a colour, then it is on the issue.
  await page.keyboard.press("l");
  await page.keyboard.type("needs-repro");
  await expect(page.getByRole("option", { name: "Create label “needs-repro”" })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("option", { name: "Teal" })).toBeVisible();
  await screenshot(page, "triage-label-colour");
  await page.getByRole("option", { name: "Teal" }).click();
  await expect(page.getByTestId("issue-labels")).toContainText("needs-repro");
  await page.keyboard.press("Escape");

  // Each change is stored and logged once, with who made it.
  await expect
    .poll(async () =>
      (
        await app.db.issue.findUniqueOrThrow({
          where: { identifier },
          include: { labels: { include: { label: true } }, assignee: true },
        })
      ).labels
        .map((link) => link.label.name)
        .sort(),
    )
    .toEqual(["Sentry", "needs-repro"]);
  const issue = await app.db.issue.findUniqueOrThrow({
    where: { identifier },
    include: { assignee: true, activities: { include: { actor: true } } },
  });
  expect(issue.status).toBe("in_progress");
  expect(issue.priority).toBe("P2");
  expect(issue.assignee?.email).toBe(MEMBER.email);
  const changes = issue.activities.filter((activity) => activity.action.endsWith("_changed"));
  expect(changes.map((activity) => activity.action).sort()).toEqual([
    "assignee_changed",
    "labels_changed",
    "priority_changed",
    "status_changed",
  ]);
  expect(changes.every((activity) => activity.actor?.email === ADMIN.email)).toBe(true);
  await page.reload();
  await expect(
    page.getByTestId("activity").filter({ hasText: `${ADMIN.name} changed status from Triage to In progress` }),
  ).toBeVisible();
  await expect(page.getByTestId("activity").filter({ hasText: "added label needs-repro" })).toBeVisible();
  await screenshot(page, "triage-issue-after");

  // Shortcuts do not fire while typing a comment.
  await page.getByRole("textbox", { name: "Comment" }).fill("");
  await page.getByRole("textbox", { name: "Comment" }).pressSequentially("spa");
  await expect(page.getByRole("listbox")).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("spa");
});

test("a refused change rolls back and says why", async ({ page, app }) => {
  const identifier = await deliverSentryIssue(app, { id: uniqueSentryId(), slug: "rollback", title: "Rollback case" });
  const doomed = await app.db.user.create({
    data: { email: `gone-${uniqueSentryId()}@example.com`, name: "Zed Gone" },
  });
  await signIn(page, ADMIN, `/issues/${identifier}`);
  await app.db.user.delete({ where: { id: doomed.id } });
  await page.getByTestId("issue-assignee").click();
  await page.keyboard.type("Zed");
  await page.keyboard.press("Enter");
  await expect(page.getByText(`${identifier} was not changed: That person no longer exists`)).toBeVisible();
  await expect(page.getByTestId("issue-assignee")).toContainText("Unassigned");
  await screenshot(page, "triage-refused");
  expect((await app.db.issue.findUniqueOrThrow({ where: { identifier } })).assigneeId).toBeNull();
});

test("a member creates an issue with c, ⌘Enter submits, and the palette acts on the open issue", async ({
  page,
  app,
}) => {
  await ensureMember(app);
  await signIn(page, MEMBER);
  await page.keyboard.press("c");
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("textbox", { name: "Title" })).toBeFocused();
  await expectNoSeriousA11yViolations(page, "create dialog");
  await page.keyboard.type("Checkout button does nothing on Safari");
  await dialog.getByRole("textbox", { name: "Description" }).fill("Steps:\n\n1. open checkout\n2. click **Pay**");
  await dialog.getByRole("button", { name: "Priority" }).click();
  await page.getByRole("option", { name: /Urgent/ }).click();
  await screenshot(page, "triage-create-dialog");
  await dialog.getByRole("textbox", { name: "Title" }).press("Control+Enter");
  await expect(page.getByText(/^Created [A-Z]+-\d+/)).toBeVisible();
  const created = await app.db.issue.findFirstOrThrow({
    where: { title: "Checkout button does nothing on Safari" },
    include: { activities: { include: { actor: true } } },
  });
  expect(created).toMatchObject({ source: "manual", priority: "P1", status: "triage" });
  expect(created.activities[0]?.actor?.email).toBe(MEMBER.email);

  // An empty title is refused in the form, and nothing is created.
  await page.keyboard.press("c");
  await page.getByRole("dialog").getByRole("button", { name: "Create issue" }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toHaveText("Give the issue a title");
  await page.keyboard.press("Escape");

  // The palette on the new issue's page: Assign to me, then Change status… → Done.
  await page.goto(`/issues/${created.identifier}`);
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog");
  await expect(palette.getByRole("combobox")).toBeFocused();
  await screenshot(page, "triage-palette");
  await expectNoSeriousA11yViolations(page, "palette");
  await page.keyboard.type("assign to me");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("issue-assignee")).toContainText(MEMBER.name);
  await page.keyboard.press("Control+k");
  await page.keyboard.type("change status");
  await page.keyboard.press("Enter");
  await page.keyboard.type("done");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("issue-status")).toContainText("Done");
  await expect
    .poll(async () => (await app.db.issue.findUniqueOrThrow({ where: { id: created.id } })).status)
    .toBe("done");

  // The palette jumps to an issue by its identifier.
  await page.keyboard.press("Control+k");
  await page.keyboard.type(created.identifier);
  await page.getByRole("option", { name: new RegExp(created.identifier) }).click();
  await expect(page).toHaveURL(new RegExp(`/issues/${created.identifier}$`));

  // ? lists the shortcuts.
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await screenshot(page, "triage-shortcuts");
});
