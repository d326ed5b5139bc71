// Signing in over plain HTTP, as a browser would: next-auth's CSRF token flow and the credentials
// callback, keeping the cookies it sets. For tests of API routes that need a session.
import { hashPassword } from "../../lib/auth/password";
import type { Db } from "../../lib/db";

/** The cookies a browser would keep, enough for next-auth's CSRF and session cookies. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const index = pair.indexOf("=");
      this.cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
  }
  has(name: string): boolean {
    return this.cookies.has(name);
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** Signs in with email and password; the jar holds the session cookie when the credentials were right. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  jar.store(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/issues`, json: "true" }),
  });
  jar.store(response);
  return jar;
}

export interface TestUser {
  email: string;
  password: string;
  role: "admin" | "member";
}

/** Creates (or keeps) a user with a password, for signing in. */
export async function ensureUser(db: Db, user: TestUser): Promise<void> {
  const passwordHash = await hashPassword(user.password);
  await db.user.upsert({
    where: { email: user.email },
    update: {},
    create: { email: user.email, passwordHash, role: user.role },
  });
}

/** A signed-in HTTP client: JSON in and out, the session cookie on every request. */
export class SessionClient {
  constructor(
    readonly baseUrl: string,
    readonly jar: CookieJar,
  ) {}

  static async signIn(baseUrl: string, user: { email: string; password: string }): Promise<SessionClient> {
    const jar = await signIn(baseUrl, user.email, user.password);
    if (!jar.has("next-auth.session-token")) throw new Error(`sign-in as ${user.email} failed`);
    return new SessionClient(baseUrl, jar);
  }

  /** `body` is sent as JSON, or as is when it is already a string (e.g. malformed JSON). */
  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: "manual",
      headers: {
        cookie: this.jar.header(),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  }

  get = (path: string) => this.request("GET", path);
  post = (path: string, body?: unknown) => this.request("POST", path, body);
  patch = (path: string, body?: unknown) => this.request("PATCH", path, body);
  delete = (path: string) => this.request("DELETE", path);
}

/** Signs out as the browser's sign-out button does (CSRF token, then POST /api/auth/signout); returns the answer. */
export async function signOut(baseUrl: string, jar: CookieJar): Promise<Response> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.store(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return fetch(`${baseUrl}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${baseUrl}/signin`, json: "true" }),
  });
}
