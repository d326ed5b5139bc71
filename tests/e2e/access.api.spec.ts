// The session gate (proxy.ts) as seen by HTTP clients: what is public, what needs a session.
import { expect, test } from "./fixtures";

test("API routes other than webhooks, health and auth answer 401 without a session", async ({ request }) => {
  for (const path of ["/api/issues", "/api/admin/deliveries", "/api"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(401);
    expect(await response.json()).toEqual({ error: "Authentication required" });
  }
});

test("webhook, health and auth endpoints stay reachable without a session", async ({ request }) => {
  expect((await request.get("/api/health")).status()).toBe(200);
  expect((await request.get("/api/sentry/webhook")).status()).toBe(200);
  expect((await request.get("/api/auth/csrf")).status()).toBe(200);
  // An unsigned delivery is refused by the webhook's own signature check, not by the session gate.
  const unsigned = await request.post("/api/sentry/webhook", {
    data: {},
    headers: { "sentry-hook-resource": "issue" },
  });
  expect(unsigned.status()).toBe(401);
  expect(await unsigned.json()).not.toEqual({ error: "Authentication required" });
});

test("pages redirect to sign-in and keep where the user was going", async ({ request }) => {
  const response = await request.get("/issues?status=todo", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  const location = new URL(response.headers().location ?? "", "http://x");
  expect(location.pathname).toBe("/signin");
  expect(location.searchParams.get("callbackUrl")).toBe("/issues?status=todo");
});

test("a forged session cookie is not a session", async ({ request }) => {
  const response = await request.get("/api/issues", { headers: { cookie: "next-auth.session-token=forged" } });
  expect(response.status()).toBe(401);
});
