// Session gate for every page and API route (Next 16's renamed middleware). Pages check again on
// the server with requireUser/requireAdmin; this is the first line, not the only one.
import { getToken } from "next-auth/jwt";
import { type NextRequest, NextResponse } from "next/server";
import { pageSecurity } from "./lib/http/security-headers";

// Reachable without a session: webhooks authenticate by signature or URL secret, auth endpoints and the
// first-run pages must work before anyone can sign in, and load balancers probe health.
const PUBLIC_PREFIXES = ["/api/sentry", "/api/glitchtip", "/api/v1/alert", "/api/jira/webhook", "/api/health", "/api/auth", "/signin", "/setup"];

function isPublic(pathname: string): boolean {
  return PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

export async function proxy(request: NextRequest) {
  const security = pageSecurity(request, { development: process.env.NODE_ENV === "development", https: process.env.NEXTAUTH_URL?.startsWith("https://") ?? false });
  return security.apply(await gate(request, () => NextResponse.next({ request: { headers: security.requestHeaders } })));
}

async function gate(request: NextRequest, next: () => NextResponse) {
  const { pathname, search } = request.nextUrl;
  if (isPublic(pathname)) return next();

  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return next();

  if (pathname === "/api" || pathname.startsWith("/api/")) {
    return NextResponse.json({ error: "Authentication required" }, { status: 401 });
  }
  const signIn = new URL("/signin", request.url);
  signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Static assets never need a session, and the webhook/health hot paths skip the proxy entirely;
  // everything else goes through the gate above.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|api/sentry/|api/glitchtip/|api/v1/alert/|api/jira/webhook$|api/health(?:/|$)).*)"],
};
