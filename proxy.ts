// Session gate for every page and API route (Next 16's renamed middleware). Pages check again on
// the server with requireUser/requireAdmin (which also find ended sessions); this is the first line,
// not the only one. It also screens what next-auth would answer with a 500 (lib/auth/callback-url-guard.ts).

import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { CALLBACK_URL_COOKIES, isUsableCallbackUrl } from "@/lib/auth/callback-url-guard";
import { pageSecurity } from "@/lib/http/security-headers";

// Reachable without a session: webhooks authenticate by signature or URL secret, auth endpoints and the
// first-run pages must work before anyone can sign in, and load balancers probe health.
const PUBLIC_PREFIXES = [
  "/api/sentry",
  "/api/glitchtip",
  "/api/v1/alert",
  "/api/jira/webhook",
  "/api/health",
  "/api/auth",
  "/signin",
  "/setup",
  "/invite",
];

function isPublic(pathname: string): boolean {
  return PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

export async function proxy(request: NextRequest) {
  const security = pageSecurity({
    development: process.env.NODE_ENV === "development",
    https: process.env.NEXTAUTH_URL?.startsWith("https://") ?? false,
  });
  return security.apply(await gate(request, security.withPolicy));
}

async function gate(request: NextRequest, withSecurity: (headers: Headers) => Headers) {
  const { pathname, search } = request.nextUrl;
  if (pathname === "/api/auth" || pathname.startsWith("/api/auth/")) {
    const callbackUrl = request.nextUrl.searchParams.get("callbackUrl");
    if (callbackUrl !== null && !isUsableCallbackUrl(callbackUrl)) {
      return NextResponse.json(
        { error: "Invalid callbackUrl: a path or an http(s) URL of this site is expected" },
        { status: 400 },
      );
    }
  }

  // A broken callback-url cookie is dropped before next-auth reads it here, and deleted in the browser.
  const broken = CALLBACK_URL_COOKIES.filter((name) => {
    const value = request.cookies.get(name)?.value;
    return value !== undefined && !isUsableCallbackUrl(value);
  });
  for (const name of broken) request.cookies.delete(name);
  const finish = (response: NextResponse) => {
    for (const name of broken) response.cookies.delete(name);
    return response;
  };
  // request.headers reflect the dropped cookies; the page also gets the CSP nonce headers.
  const next = () => finish(NextResponse.next({ request: { headers: withSecurity(request.headers) } }));

  if (isPublic(pathname)) return next();

  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return next();

  if (pathname === "/api" || pathname.startsWith("/api/")) {
    return finish(NextResponse.json({ error: "Authentication required" }, { status: 401 }));
  }
  const signIn = new URL("/signin", request.url);
  signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return finish(NextResponse.redirect(signIn));
}

export const config = {
  // Static assets never need a session, and the webhook/health hot paths skip the proxy entirely;
  // everything else goes through the gate above.
  matcher: [
    "/((?!_next/static|_next/image|favicon\\.ico|api/sentry/|api/glitchtip/|api/v1/alert/|api/jira/webhook$|api/health(?:/|$)).*)",
  ],
};
