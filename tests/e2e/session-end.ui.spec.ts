// Sessions end when they should, seen from a browser: a cookie restored after signing out, a user
// deleted or demoted while their page is open. Each is refused on the very next request.

import { changeUserRole, deactivateUser } from "../../lib/admin/users";
import { hashPassword } from "../../lib/auth/password";
import type { TestApp } from "../support/app";
import { deliverSentryIssue, expect, signIn, test, uniqueSentryId } from "./fixtures";

/** A user of its own for each test: the worker's app is shared by every spec file. */
async function freshUser(app: TestApp, role: "admin" | "member") {
  const email = `session-${uniqueSentryId()}@example.com`;
  const password = "session-password-1";
  const user = await app.db.user.create({
    data: { email, name: `Temp ${role}`, passwordHash: await hashPassword(password), role },
    select: { id: true },
  });
  return { id: user.id, email, password };
}

test("a session cookie restored after signing out opens nothing", async ({ page, app }) => {
  const user = await freshUser(app, "member");
  await signIn(page, user);
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  await page.context().addCookies(cookies);
  await page.goto("/issues");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { name: "Sign in to Tracker" })).toBeVisible();
});

test("a user deleted while an issue is open: commenting goes to sign-in, nothing is saved", async ({ page, app }) => {
  const identifier = await deliverSentryIssue(app, { id: uniqueSentryId(), title: "Session end comment" });
  const user = await freshUser(app, "member");
  await signIn(page, user, `/issues/${identifier}`);
  await page.getByRole("textbox", { name: "Comment" }).fill("Written by someone about to be deleted");

  await app.db.user.delete({ where: { id: user.id } });
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  expect(await app.db.comment.count({ where: { body: "Written by someone about to be deleted" } })).toBe(0);
});

test("a demoted admin is refused /admin on the next request", async ({ page, app }) => {
  const user = await freshUser(app, "admin");
  await signIn(page, user, "/admin");
  await expect(page.getByRole("heading", { name: "Webhook deliveries" })).toBeVisible();

  await changeUserRole(app.db, user.id, "member");
  await page.reload();
  await expect(page).toHaveURL(/\/issues\?denied=admin$/);
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
});

test("a deactivated user is signed out on the next request and cannot sign back in", async ({ page, app }) => {
  const user = await freshUser(app, "member");
  await signIn(page, user);
  await deactivateUser(app.db, user.id);
  await page.reload();
  await expect(page).toHaveURL(/\/signin/);

  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Incorrect" })).toBeVisible();
});
