// The Content-Security-Policy as a browser applies it: Next's scripts run under their nonce, anything
// else is refused (and reported, which the fixture turns into a failure in every other UI test).
import { ADMIN, expect, signIn, test } from "./fixtures";

test("pages carry a fresh nonce on every script, and the security headers", async ({ page }) => {
  await signIn(page, ADMIN);
  const nonces: string[] = [];
  for (let load = 0; load < 2; load++) {
    const response = await page.goto("/issues");
    const headers = response!.headers();
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    const policy = headers["content-security-policy"] ?? "";
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    nonces.push(nonce!);
    const scripts = await page
      .locator("script")
      .evaluateAll((elements) => elements.map((element) => (element as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(new Set(scripts)).toEqual(new Set([nonce]));
  }
  expect(nonces[0]).not.toBe(nonces[1]);
  // The app works under it: a client-side navigation and an interactive control.
  await page
    .getByRole("link", { name: /issues/i })
    .first()
    .click();
  await expect(page).toHaveURL(/\/issues/);
});

test("an injected inline event handler is refused", async ({ page, cspViolations }) => {
  await signIn(page, ADMIN);
  await page.evaluate(() => {
    const button = document.createElement("button");
    button.id = "injected";
    button.textContent = "injected";
    button.setAttribute("onclick", "document.title = 'pwned'");
    document.body.append(button);
  });
  await page.locator("#injected").click();
  await expect.poll(() => cspViolations.length).toBeGreaterThanOrEqual(1);
  expect(await page.title()).not.toBe("pwned");
  expect(cspViolations.join("\n")).toMatch(/script-src-attr/);
  cspViolations.length = 0; // seen and expected: not a failure of this test
});
