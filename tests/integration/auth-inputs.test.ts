// next-auth's inputs from the browser: a callback-url cookie or callbackUrl that is not a URL, too
// long, undecodable or not Latin-1, and undecodable paths. Each answers a 4xx or a safe same-site
// redirect, never a 500, and a stray cookie does not lock the browser out of signing in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { CookieJar, ensureUser, signIn } from "../support/session";

const USER = { email: "inputs@example.com", password: "inputs-password", role: "member" as const };
let app: TestApp;
let signedIn: CookieJar;

beforeAll(async () => {
  app = await startTestApp("auth_inputs");
  await ensureUser(app.db, USER);
  signedIn = await signIn(app.url, USER.email, USER.password);
  expect(signedIn.has("next-auth.session-token")).toBe(true);
});

afterAll(async () => {
  // Nothing reached next-auth's "server configuration" error.
  expect(app?.server.output() ?? "").not.toMatch(/INVALID_CALLBACK_URL|Invalid character in header content/);
  await app?.stop();
});

const get = (path: string, cookie = "") =>
  fetch(`${app.url}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });

/** The credentials sign-in as the form posts it, with the jar's cookies (and its CSRF token). */
async function signInWith(jar: CookieJar, fields: Record<string, string> = {}): Promise<Response> {
  const csrf = await get("/api/auth/csrf", jar.header());
  expect(csrf.status).toBe(200);
  jar.store(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return fetch(`${app.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email: USER.email, password: USER.password, json: "true", ...fields }),
  });
}

/** A redirect within this site (or a page), never a 5xx. */
async function expectSafe(response: Response) {
  expect(response.status, await response.clone().text()).toBeLessThan(500);
  const location = response.headers.get("location");
  if (location !== null) expect(new URL(location, app.url).origin).toBe(app.url);
}

const BAD_COOKIES = [
  ["javascript:alert(1)", "javascript:alert(1)"],
  ["%ff", "%ff"],
  ["not a url", "not a url"],
  ["a 5,000-character path", `/${"a".repeat(5000)}`],
  ["an unparsable URL", "http://[::1"],
];

describe("a broken next-auth.callback-url cookie", () => {
  it.each(BAD_COOKIES)(
    "%s: every auth endpoint and /signin still answer, and the cookie is deleted",
    async (_name, value) => {
      const cookie = `next-auth.callback-url=${encodeURIComponent(value)}`;
      for (const path of [
        "/api/auth/csrf",
        "/api/auth/providers",
        "/api/auth/session",
        "/api/auth/signin",
        "/signin",
        "/issues",
      ]) {
        const response = await get(path, cookie);
        await expectSafe(response);
        expect(response.headers.getSetCookie().some((set) => set.startsWith("next-auth.callback-url=;"))).toBe(true);
      }
    },
  );

  it("does not stop the browser from signing in", async () => {
    const jar = new CookieJar();
    jar.store(new Response(null, { headers: { "set-cookie": "next-auth.callback-url=javascript%3Aalert(1)" } }));
    const response = await signInWith(jar);
    expect(response.status).toBe(200);
    jar.store(response);
    expect(jar.has("next-auth.session-token")).toBe(true);
    const { url } = (await response.json()) as { url: string };
    expect(new URL(url).origin).toBe(app.url);
  });
});

describe("callbackUrl", () => {
  const LONG = "a".repeat(5000);
  it.each([
    ["5,000 characters", LONG],
    ["5,000 characters of path", `%2F${LONG}`],
    ["%ff", "%ff"],
    ["a path with %ff", "%2F%ff"],
    ["U+2028", "%2F%E2%80%A8%2Fevil.example"],
    ["javascript:", "javascript%3Aalert(1)"],
    ["another site", "https%3A%2F%2Fevil.example%2F"],
  ])("%s: /signin while signed in redirects within the site", async (_name, query) => {
    const response = await get(`/signin?callbackUrl=${query}`, signedIn.header());
    expect(response.status).toBe(307);
    await expectSafe(response);
    expect(response.headers.get("location")).toMatch(/^\/[\x21-\x7e]*$/);
  });

  it("U+2028 becomes a percent-encoded path on this site", async () => {
    const response = await get("/signin?callbackUrl=%2F%E2%80%A8%2Fevil.example", signedIn.header());
    expect(response.headers.get("location")).toBe("/%E2%80%A8/evil.example");
  });

  it.each([
    ["5,000 characters", LONG],
    ["%ff", "%ff"],
    ["javascript:", "javascript%3Aalert(1)"],
  ])("%s on /api/auth/signin: 400 with the reason", async (_name, query) => {
    const response = await get(`/api/auth/signin?callbackUrl=${query}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "Invalid callbackUrl: a path or an http(s) URL of this site is expected",
    });
  });

  it.each([
    ["a long path", `%2F${LONG}`],
    ["U+2028", "%2F%E2%80%A8%2Fevil.example"],
    ["another site", "https%3A%2F%2Fevil.example%2F"],
  ])("%s on /api/auth/signin: a redirect within the site", async (_name, query) => {
    const response = await get(`/api/auth/signin?callbackUrl=${query}`);
    await expectSafe(response);
    for (const set of response.headers.getSetCookie()) expect(set).toMatch(/^[\x20-\x7e]*$/);
  });

  it("a signed-in POST with a hostile callbackUrl lands on this site", async () => {
    const response = await signInWith(signedIn, { callbackUrl: "/\u2028/evil.example" });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { url: string }).url).toBe(`${app.url}/%E2%80%A8/evil.example`);
  });
});

describe("undecodable auth paths", () => {
  it.each(["/api/auth/callback/%ff", "/api/auth/%ff", "/api/auth/signin/%E0%A4%A"])(
    "%s: 400 with the reason",
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(400);
      // scripts/serve.ts answers for every path before Next sees it (lib/http/unservable-request.ts).
      expect(await response.json()).toEqual({ error: expect.stringMatching(/^Malformed URL: the path/) });
    },
  );
});
