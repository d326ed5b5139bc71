// Editing an issue's title and description in place, and paging its comments with "Load older".
import type { Page } from "@playwright/test";
import type { TestApp } from "../support/app";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN, ensureMember, expect, MEMBER, screenshot, signIn, test } from "./fixtures";

let nextNumber = 1;

/** A hand-made issue in project EDIT, straight in the database. */
async function makeIssue(app: TestApp, title: string, description = ""): Promise<{ id: string; identifier: string }> {
  const project = await app.db.project.upsert({
    where: { key: "EDIT" },
    update: {},
    create: { key: "EDIT", name: "Editing" },
  });
  const number = nextNumber++;
  return app.db.issue.create({
    data: { projectId: project.id, number, identifier: `EDIT-${number}`, title, description },
    select: { id: true, identifier: true },
  });
}

const titleButton = (page: Page, title: string) =>
  page.getByRole("heading", { level: 1 }).getByRole("button", { name: title, exact: true });
const titleInput = (page: Page) => page.getByRole("textbox", { name: "Issue title" });
const activity = (page: Page, text: string) => page.getByTestId("activity").filter({ hasText: text });

test("the title is renamed with the mouse or the keyboard; Esc cancels; an empty title is refused", async ({
  page,
  app,
}) => {
  const { identifier } = await makeIssue(app, "TypeError in checkout");
  await signIn(page, ADMIN, `/issues/${identifier}`);

  await titleButton(page, "TypeError in checkout").click();
  await expect(titleInput(page)).toBeFocused();
  await expect(titleInput(page)).toHaveValue("TypeError in checkout");
  await titleInput(page).fill("TypeError in checkout: cart is undefined");
  await screenshot(page, "issue-title-editing");
  await titleInput(page).press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("TypeError in checkout: cart is undefined");
  await expect(
    activity(
      page,
      `${ADMIN.name} renamed the issue from “TypeError in checkout” to “TypeError in checkout: cart is undefined”`,
    ),
  ).toBeVisible();

  // Keyboard: Enter opens, Enter saves and gives focus back to the heading.
  await titleButton(page, "TypeError in checkout: cart is undefined").focus();
  await page.keyboard.press("Enter");
  await expect(titleInput(page)).toBeFocused();
  await page.keyboard.type("Cart is undefined at checkout");
  await page.keyboard.press("Enter");
  await expect(titleButton(page, "Cart is undefined at checkout")).toBeFocused();

  // F2 opens, Esc cancels.
  await page.keyboard.press("F2");
  await page.keyboard.type("Not this one");
  await page.keyboard.press("Escape");
  await expect(titleButton(page, "Cart is undefined at checkout")).toBeFocused();

  // Leaving the field saves.
  await titleButton(page, "Cart is undefined at checkout").click();
  await titleInput(page).fill("  Cart   is undefined at checkout (Safari)  ");
  await page.getByRole("textbox", { name: "Comment" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cart is undefined at checkout (Safari)");
  await expect(page.getByTestId("activity").filter({ hasText: "renamed the issue" })).toHaveCount(3);

  // An empty title never leaves the browser: the error shows and the old title is back.
  await titleButton(page, "Cart is undefined at checkout (Safari)").click();
  await titleInput(page).fill("   ");
  await titleInput(page).press("Enter");
  await expect(page.getByText("Give the issue a title")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cart is undefined at checkout (Safari)");
  await page.waitForTimeout(500); // the toast's entry animation, for the picture only
  await screenshot(page, "issue-title-refused");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cart is undefined at checkout (Safari)");
  const stored = await app.db.issue.findUniqueOrThrow({ where: { identifier }, select: { title: true } });
  expect(stored.title).toBe("Cart is undefined at checkout (Safari)");
  expect(await app.db.activity.count({ where: { issue: { identifier }, action: "title_changed" } })).toBe(3);
});

test("a rename the server refuses shows the new title, then the old one with the reason", async ({ page, app }) => {
  const { id, identifier } = await makeIssue(app, "Soon gone");
  await signIn(page, ADMIN, `/issues/${identifier}`);
  await app.db.issue.delete({ where: { id } });
  await titleButton(page, "Soon gone").click();
  await titleInput(page).fill("Renamed too late");
  await titleInput(page).press("Enter");
  await expect(page.getByText("Title not saved: This issue no longer exists")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Soon gone");
});

test("the description is written, previewed inertly, saved with Ctrl+Enter and cancelled", async ({ page, app }) => {
  const { identifier } = await makeIssue(app, "Needs a description");
  await signIn(page, ADMIN, `/issues/${identifier}`);

  await page.getByRole("button", { name: "Add a description…" }).click();
  const editor = page.getByRole("textbox", { name: "Description" });
  await expect(editor).toBeFocused();
  const text = [
    "## Steps",
    "1. Open **checkout**",
    "",
    "<script>window.__xssd=1</script>",
    "",
    '<img src="x" onerror="window.__xssd2=1">',
  ].join("\n");
  await editor.fill(text);
  await screenshot(page, "issue-description-write");

  await page.getByRole("tab", { name: "Preview" }).click();
  const preview = page.getByTestId("markdown-preview");
  await expect(preview.getByRole("heading", { name: "Steps" })).toBeVisible();
  await expect(preview.locator("strong")).toHaveText("checkout");
  await expect(preview.getByText("<script>window.__xssd=1</script>")).toBeVisible();
  await expect(preview.getByText('<img src="x" onerror="window.__xssd2=1">')).toBeVisible();
  await expect(preview.locator("img, script")).toHaveCount(0);
  await screenshot(page, "issue-description-preview");
  await expectNoSeriousA11yViolations(page, "description preview");

  await page.getByRole("tab", { name: "Write" }).click();
  await expect(editor).toHaveValue(text);
  await editor.press("Control+Enter");
  await expect(editor).toHaveCount(0);
  const article = page.locator("article");
  await expect(article.locator("strong", { hasText: "checkout" })).toBeVisible();
  await expect(article.getByText("<script>window.__xssd=1</script>")).toBeVisible();
  await expect(activity(page, `${ADMIN.name} edited the description`)).toBeVisible();
  expect(await page.evaluate(() => Object.keys(window).filter((key) => key.startsWith("__xss")))).toEqual([]);

  // Esc with changes keeps the editor; Cancel discards them.
  await page.getByRole("button", { name: "Edit description" }).click();
  await editor.fill("Throw this away");
  await editor.press("Escape");
  await expect(editor).toHaveValue("Throw this away");
  await expect(page.getByText("Unsaved changes — Cancel discards them")).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(editor).toHaveCount(0);
  await expect(article.locator("strong", { hasText: "checkout" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit description" })).toBeFocused();

  // Esc without changes closes at once.
  await page.keyboard.press("Enter");
  await expect(editor).toBeFocused();
  await editor.press("Escape");
  await expect(editor).toHaveCount(0);

  const stored = await app.db.issue.findUniqueOrThrow({ where: { identifier }, select: { description: true } });
  expect(stored.description).toBe(text);
});

test("a 10 KB description grows the editor only up to its limit, then scrolls", async ({ page, app }) => {
  const long = Array.from({ length: 200 }, (_, line) => `- line ${line}: ${"lorem ipsum ".repeat(4)}`).join("\n");
  expect(long.length).toBeGreaterThan(10_000);
  const { identifier } = await makeIssue(app, "Long description", long);
  await signIn(page, ADMIN, `/issues/${identifier}`);
  await page.getByRole("button", { name: "Edit description" }).click();
  const size = await page.getByRole("textbox", { name: "Description" }).evaluate((element) => ({
    height: element.clientHeight,
    scrollHeight: element.scrollHeight,
    limit: window.innerHeight * 0.6,
  }));
  expect(size.height).toBeLessThanOrEqual(size.limit + 2);
  expect(size.height).toBeGreaterThan(size.limit - 40);
  expect(size.scrollHeight).toBeGreaterThan(size.height);
});

test("a member edits the title too", async ({ page, app }) => {
  await ensureMember(app);
  const { identifier } = await makeIssue(app, "Member can rename");
  await signIn(page, MEMBER, `/issues/${identifier}`);
  await titleButton(page, "Member can rename").click();
  await titleInput(page).fill("Renamed by a member");
  await titleInput(page).press("Enter");
  await expect(
    activity(page, `${MEMBER.name} renamed the issue from “Member can rename” to “Renamed by a member”`),
  ).toBeVisible();
});

test("the newest 50 comments show; Load older twice reveals all 120 in order, in place", async ({ page, app }) => {
  const { id, identifier } = await makeIssue(app, "Busy issue");
  const base = Date.now() - 3_600_000;
  await app.db.comment.createMany({
    data: Array.from({ length: 120 }, (_, index) => ({
      issueId: id,
      actorName: "Sentry",
      body: `comment ${index + 1}`,
      createdAt: new Date(base + index * 1000),
    })),
  });
  await signIn(page, ADMIN, `/issues/${identifier}`);
  const comments = page.getByTestId("comment");
  await expect(page.getByRole("heading", { name: /^Comments/ })).toHaveText("Comments · 120");
  await expect(comments).toHaveCount(50);
  await expect(comments.first()).toContainText("comment 71");
  await expect(comments.last()).toContainText("comment 120");

  const loadOlder = page.getByRole("button", { name: "Load older comments" });
  await loadOlder.scrollIntoViewIfNeeded();
  // The page is 12,000 px tall by the end; a window-sized picture is what can be looked at.
  await page.screenshot({ path: "test-results/screenshots/issue-load-older-button.png" });
  const before = await comments.first().boundingBox();
  await loadOlder.click();
  await expect(comments).toHaveCount(100);
  // What was first on screen stays where it was.
  const after = await comments
    .filter({ hasText: /^.*comment 71$/ })
    .first()
    .boundingBox();
  expect(Math.abs((after?.y ?? 0) - (before?.y ?? 0))).toBeLessThan(3);

  await loadOlder.click();
  await expect(comments).toHaveCount(120);
  await expect(loadOlder).toHaveCount(0);
  const bodies = await comments.evaluateAll((items) => items.map((item) => item.querySelector("p")?.textContent));
  expect(bodies).toEqual(Array.from({ length: 120 }, (_, index) => `comment ${index + 1}`));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "test-results/screenshots/issue-load-older-all.png" });
  await screenshot(page, "issue-load-older");
});
