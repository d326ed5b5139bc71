// Behind https (NEXTAUTH_URL's scheme): session and CSRF cookies are Secure (__Secure-/__Host-), the
// proxy still finds the session under its secure name, pages ask for HSTS and upgraded requests, and
// the fixed headers are on API and webhook answers too (the proxy skips those; next.config sets them).
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { ensureUser } from "../support/session";

const USER = { email: "secure@example.com", password: "secure-password-1", role: "member" as const };
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp("secure_cookies", { NEXTAUTH_URL: "https://tracker.example.test" });
  await ensureUser(app.db, USER);
});
afterAll(async () => {
  await app?.stop();
});

const cookiePair = (setCookie: string) => setCookie.split(";")[0]!;

it("sets Secure cookies and the session opens pages", async () => {
  const csrf = await fetch(`${app.url}/api/auth/csrf`);
  const csrfCookies = csrf.headers.getSetCookie();
  expect(csrfCookies.find((cookie) => cookie.startsWith("__Host-next-auth.csrf-token="))).toMatch(/;\s*Secure/i);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signedIn = await fetch(`${app.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies.map(cookiePair).join("; ") },
    body: new URLSearchParams({ csrfToken, email: USER.email, password: USER.password, json: "true" }),
  });
  const session = signedIn.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith("__Secure-next-auth.session-token="));
  expect(session).toMatch(/;\s*Secure/i);
  expect(session).toMatch(/;\s*HttpOnly/i);
  expect(signedIn.headers.getSetCookie().some((cookie) => cookie.startsWith("next-auth.session-token="))).toBe(false);

  const page = await fetch(`${app.url}/issues`, { redirect: "manual", headers: { cookie: cookiePair(session!) } });
  expect(page.status).toBe(200);
  expect(page.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  expect(page.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  expect(page.headers.get("x-frame-options")).toBe("DENY");
});

it("puts the fixed headers on API and webhook answers", async () => {
  for (const response of [
    await fetch(`${app.url}/api/health`),
    await fetch(`${app.url}/api/sentry/webhook`, { method: "POST", body: "{}" }),
  ]) {
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  }
});
