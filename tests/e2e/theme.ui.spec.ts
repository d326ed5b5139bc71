// Dark mode: the sidebar switch and the palette change the theme at once, the server renders the
// chosen theme from the cookie on the next request, "System" follows the OS, and every page passes
// axe in dark.
import type { BrowserContext, Page } from "@playwright/test";
import { postSentry } from "../support/sentry";
import { expectNoSeriousA11yViolations } from "./a11y";
import { ADMIN, deliverSentryIssue, expect, screenshot, signIn, test, uniqueSentryId } from "./fixtures";

// These start from a light OS, whatever E2E_COLOR_SCHEME says, and switch it themselves.
test.use({ colorScheme: "light" });

// The page background of each theme (--color-surface).
const LIGHT_PAGE = "rgb(255, 255, 255)";
const DARK_PAGE = "rgb(17, 17, 19)";

const pageBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

async function serverRenderedTheme(page: Page): Promise<string | undefined> {
  const html = await (await page.request.get("/issues")).text();
  return /<html[^>]*class="([^"]*)"/.exec(html)?.[1];
}

async function useDarkCookie(context: BrowserContext, url: string) {
  await context.addCookies([{ name: "theme", value: "dark", url }]);
}

test("the sidebar switch and the palette change the theme at once, and it survives a reload", async ({ page }) => {
  await signIn(page, ADMIN);
  // No cookie: System, following the OS.
  await expect(page.locator("html")).toHaveClass("system");
  expect(await pageBackground(page)).toBe(LIGHT_PAGE);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await pageBackground(page)).toBe(DARK_PAGE);
  await page.emulateMedia({ colorScheme: "light" });

  await page.getByTestId("theme-menu").click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass("dark");
  expect(await pageBackground(page)).toBe(DARK_PAGE);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe("dark");
  await expect(page.getByTestId("theme-menu")).toHaveAccessibleName("Theme: Dark");
  expect(await serverRenderedTheme(page)).toBe("dark");
  await page.reload();
  await expect(page.locator("html")).toHaveClass("dark");
  expect(await pageBackground(page)).toBe(DARK_PAGE);

  // The palette: light, then back to System; the choice is kept across a reload each time.
  await page.keyboard.press("Control+k");
  await page.keyboard.type("light theme");
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveClass("light");
  expect(await pageBackground(page)).toBe(LIGHT_PAGE);
  // A forced light theme ignores the OS.
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await pageBackground(page)).toBe(LIGHT_PAGE);
  await page.reload();
  await expect(page.locator("html")).toHaveClass("light");
  expect(await pageBackground(page)).toBe(LIGHT_PAGE);

  await page.keyboard.press("Control+k");
  await page.keyboard.type("system theme");
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveClass("system");
  expect(await pageBackground(page)).toBe(DARK_PAGE);
  expect(await serverRenderedTheme(page)).toBe("system");
});

test("a forged theme cookie falls back to System", async ({ page, app }) => {
  await page.context().addCookies([{ name: "theme", value: '"><script>x</script>', url: app.url }]);
  await page.goto("/signin");
  await expect(page.locator("html")).toHaveClass("system");
});

test("every page passes axe in dark, with the cookie set to dark", async ({ page, app }) => {
  test.setTimeout(120_000);
  await useDarkCookie(page.context(), app.url);
  const slug = `dark-${uniqueSentryId()}`;
  const identifier = await deliverSentryIssue(app, {
    id: uniqueSentryId(),
    slug,
    title: "TypeError: Cannot read properties of undefined (reading 'total')",
  });
  await deliverSentryIssue(app, { id: uniqueSentryId(), slug, title: "ChunkLoadError in the settings page" });
  expect((await postSentry(app.url, "{}", { signature: "0".repeat(64) })).status).toBe(401);
  const issue = await app.db.issue.findUniqueOrThrow({ where: { identifier } });
  const labels = await Promise.all(
    [
      ["frontend", "#3b82f6"],
      ["regression", "#ef4444"],
      ["near-black", "#111111"],
    ].map(([name, color]) =>
      app.db.label.upsert({ where: { name: name! }, update: {}, create: { name: name!, color: color! } }),
    ),
  );
  await app.db.issueLabel.createMany({
    data: labels.map((label) => ({ issueId: issue.id, labelId: label.id })),
    skipDuplicates: true,
  });
  await app.db.comment.create({
    data: {
      issueId: issue.id,
      actorName: "Sentry",
      body: "Seen again after **v2.4.1**:\n\n```\nTypeError at checkout.ts:42\n```\n\n> reported by `ops`",
    },
  });

  // Sign-in, before there is a session.
  await page.goto("/signin");
  await expect(page.locator("html")).toHaveClass("dark");
  await screenshot(page, "dark-signin");
  await expectNoSeriousA11yViolations(page, "sign-in");

  await signIn(page, ADMIN, `/issues?q=${slug}`);
  await expect(page.getByTestId("issue-row")).toHaveCount(2);
  await screenshot(page, "dark-list");
  await expectNoSeriousA11yViolations(page, "list");

  await page.getByRole("button", { name: "Filter" }).click();
  await page.getByRole("menuitem", { name: "Status" }).click();
  await screenshot(page, "dark-filter-menu");
  await expectNoSeriousA11yViolations(page, "filter menu");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");

  await page.getByTestId("issue-row").first().hover();
  await page
    .getByRole("button", { name: /^Actions for / })
    .first()
    .click();
  await page.getByRole("menuitem", { name: "Labels" }).click();
  await screenshot(page, "dark-row-menu");
  await expectNoSeriousA11yViolations(page, "row menu");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");

  await page.goto("/issues?q=nothing-matches-this-zzz");
  await expect(page.getByRole("heading", { name: /No issues/ })).toBeVisible();
  await screenshot(page, "dark-list-empty");
  await expectNoSeriousA11yViolations(page, "empty list");

  const doomed = await app.db.user.create({
    data: { email: `gone-dark-${uniqueSentryId()}@example.com`, name: "Quinn Vanished" },
  });
  await page.goto(`/issues/${identifier}`);
  await expect(page.getByTestId("issue-labels")).toContainText("near-black");
  await screenshot(page, "dark-issue");
  await expectNoSeriousA11yViolations(page, "issue page");

  // The error state: a refused change says why in a toast.
  await app.db.user.delete({ where: { id: doomed.id } });
  await page.getByTestId("issue-assignee").click();
  await page.keyboard.type("Quinn");
  await page.keyboard.press("Enter");
  await expect(page.getByText(`${identifier} was not changed: That person no longer exists`)).toBeVisible();
  await expectNoSeriousA11yViolations(page, "error toast");
  await screenshot(page, "dark-error-toast");

  await page.getByTestId("issue-status").click();
  await expect(page.getByRole("listbox")).toBeVisible();
  await screenshot(page, "dark-status-menu");
  await expectNoSeriousA11yViolations(page, "status menu");
  await page.keyboard.press("Escape");

  await page
    .getByRole("button", { name: /description/i })
    .first()
    .click();
  await page.getByRole("tab", { name: "Preview" }).click();
  await screenshot(page, "dark-description-preview");
  await expectNoSeriousA11yViolations(page, "description preview");
  await page.getByRole("button", { name: "Cancel" }).click();

  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("c");
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("textbox", { name: "Title" })).toBeFocused();
  await dialog.getByRole("button", { name: "Create issue" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Give the issue a title");
  await screenshot(page, "dark-create-dialog");
  await expectNoSeriousA11yViolations(page, "create dialog");
  await page.keyboard.press("Escape");

  await page.keyboard.press("Control+k");
  await expect(page.getByRole("dialog").getByRole("combobox")).toBeFocused();
  await screenshot(page, "dark-palette");
  await expectNoSeriousA11yViolations(page, "palette");
  await page.keyboard.type("theme");
  await screenshot(page, "dark-palette-theme");
  await page.keyboard.press("Escape");

  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await screenshot(page, "dark-shortcuts");
  await expectNoSeriousA11yViolations(page, "shortcuts");
  await page.keyboard.press("Escape");

  await page.getByTestId("theme-menu").click();
  await expect(page.getByRole("menuitemradio", { name: "Dark" })).toHaveAttribute("aria-checked", "true");
  await screenshot(page, "dark-theme-menu");
  await expectNoSeriousA11yViolations(page, "theme menu");
  await page.keyboard.press("Escape");

  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Webhook deliveries" })).toBeVisible();
  await screenshot(page, "dark-admin");
  await expectNoSeriousA11yViolations(page, "admin");

  await page.goto("/issues/NOPE-999");
  await screenshot(page, "dark-not-found");
  await expectNoSeriousA11yViolations(page, "not found");
});
