// Playwright fixtures: one built app (fresh database + `next start`) per worker, with a first admin,
// plus helpers to sign in, deliver Sentry webhooks and keep full-page screenshots.
import { randomInt } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";
import { createFirstAdmin } from "../../lib/auth/create-first-admin";
import { hashPassword } from "../../lib/auth/password";
import { startTestApp, type TestApp } from "../support/app";
import { postSentry, sentryIssuePayload } from "../support/sentry";

export const ADMIN = { name: "Ada Admin", email: "admin@example.com", password: "admin-password-1" };
export const MEMBER = { name: "Max Member", email: "member@example.com", password: "member-password-1" };

export const test = base.extend<{ page: Page; cspViolations: string[] }, { app: TestApp }>({
  cspViolations: async ({}, use) => use([]),
  // Every UI test fails on a Content-Security-Policy violation: the policy must fit the app as built.
  page: async ({ page, cspViolations: violations }, use) => {
    await page.exposeFunction("__reportCspViolation", (violation: string) => violations.push(violation));
    await page.addInitScript(() =>
      document.addEventListener("securitypolicyviolation", (event) =>
        (window as unknown as { __reportCspViolation(v: string): void }).__reportCspViolation(
          `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI} (${event.sample})`,
        ),
      ),
    );
    await use(page);
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
  app: [
    async ({}, use) => {
      const app = await startTestApp("e2e", { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
      // Independent of the start-up bootstrap: returns false (and changes nothing) if it already ran.
      await createFirstAdmin(app.db, ADMIN);
      await use(app);
      await app.stop();
    },
    { scope: "worker", timeout: 180_000 },
  ],
  baseURL: async ({ app }, use) => use(app.url),
});
export { expect };

export async function signIn(page: Page, user: { email: string; password: string }, path = "/issues"): Promise<void> {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === path.split("?")[0]);
}

export async function ensureMember(app: TestApp): Promise<void> {
  const passwordHash = await hashPassword(MEMBER.password);
  await app.db.user.upsert({
    where: { email: MEMBER.email },
    update: {},
    create: { email: MEMBER.email, name: MEMBER.name, passwordHash, role: "member" },
  });
}

/** A Sentry id no other test in this worker uses. */
export const uniqueSentryId = () => String(randomInt(100_000_000, 999_999_999));

/** Delivers a signed `issue.created` webhook and returns the identifier of the internal issue. */
export async function deliverSentryIssue(
  app: TestApp,
  overrides: Parameters<typeof sentryIssuePayload>[0],
): Promise<string> {
  const response = await postSentry(app.url, JSON.stringify(sentryIssuePayload(overrides)));
  expect(response.status, await response.clone().text()).toBe(200);
  const link = await app.db.externalIssue.findUniqueOrThrow({
    where: { source_externalId: { source: "sentry", externalId: overrides.id } },
    select: { issue: { select: { identifier: true } } },
  });
  return link.issue.identifier;
}

/** Full-page screenshot taken in a window as tall as the page, so the sticky sidebar renders as a person sees it. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  await page.setViewportSize(viewport);
}
