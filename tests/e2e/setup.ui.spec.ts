// First run: with no users, sign-in leads to /setup, which creates the admin and then disappears.
import { startTestApp, type TestApp } from "../support/app";
import { expectNoSeriousA11yViolations } from "./a11y";
import { test as base, expect, screenshot } from "./fixtures";

// Its own app: the shared one already has an admin, and setup only exists while there is none.
// GitHub OAuth is configured here (never contacted) to check the button appears and passwords still work.
const test = base.extend<{ emptyApp: TestApp }>({
  emptyApp: async ({}, use) => {
    const app = await startTestApp("e2e_setup", { GITHUB_ID: "test-client-id", GITHUB_SECRET: "test-client-secret" });
    await use(app);
    await app.stop();
  },
  baseURL: async ({ emptyApp }, use) => use(emptyApp.url),
});
test.setTimeout(120_000);

test("the first admin is created through /setup", async ({ page, emptyApp }) => {
  await page.goto("/issues");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to Tracker" })).toBeVisible();
  await screenshot(page, "setup");
  await expectNoSeriousA11yViolations(page, "setup");
  await page.context().addCookies([{ name: "theme", value: "dark", url: emptyApp.url }]);
  await page.reload();
  await expect(page.locator("html")).toHaveClass("dark");
  await screenshot(page, "dark-setup");
  await expectNoSeriousA11yViolations(page, "setup");
  await page.context().clearCookies({ name: "theme" });
  await page.reload();

  await page.getByLabel("Name").fill("Grace Hopper");
  await page.getByLabel("Email").fill("grace@example.com");
  await page.getByLabel("Password").fill("short");
  // Bypass the browser's minlength check: the server must reject it too.
  await page.locator("form").evaluate((form) => form.setAttribute("novalidate", ""));
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "at least 8 characters" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("grace@example.com");

  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page).toHaveURL(/\/signin\?setup=done$/);
  await expect(page.getByRole("status")).toContainText("Admin account created");
  await expect(page.getByRole("button", { name: "Continue with GitHub" })).toBeVisible();
  await screenshot(page, "signin-after-setup");

  const user = await emptyApp.db.user.findUniqueOrThrow({ where: { email: "grace@example.com" } });
  expect(user.role).toBe("admin");

  await page.goto("/setup");
  await expect(page).toHaveURL(/\/signin$/);
  await page.getByLabel("Email").fill("grace@example.com");
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/issues$/);
  await expect(page.getByRole("link", { name: "Admin" })).toBeVisible();
});
