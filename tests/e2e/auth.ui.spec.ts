// Signing in: the redirect to /signin, a wrong password, and returning to the page asked for.
import { ADMIN, expect, screenshot, signIn, test } from "./fixtures";

test("an unauthenticated visit to /issues lands on the sign-in page", async ({ page }) => {
  await page.goto("/issues");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fissues$/);
  await expect(page.getByRole("heading", { name: "Sign in to Tracker" })).toBeVisible();
  // GitHub OAuth is not configured in tests, so its button must not be offered.
  await expect(page.getByRole("button", { name: "Continue with GitHub" })).toHaveCount(0);
  await screenshot(page, "signin");
});

test("a wrong password shows an error and keeps the user signed out", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Incorrect" })).toHaveText("Incorrect email or password.");
  await expect(page).toHaveURL(/\/signin/);
  await screenshot(page, "signin-error");
  await page.goto("/issues");
  await expect(page).toHaveURL(/\/signin/);
});

test("after signing in the user returns to the page they asked for, and can sign out", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/callbackUrl=%2Fadmin/);
  await page.getByLabel("Email").fill(ADMIN.email.toUpperCase());
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByTestId("current-user-email")).toHaveText(ADMIN.email);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/issues");
  await expect(page).toHaveURL(/\/signin/);
});

test("a signed-in user visiting /signin goes straight to the issues", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/signin");
  await expect(page).toHaveURL(/\/issues$/);
});
