// Security headers of every page the proxy serves. The Content-Security-Policy carries a fresh nonce
// per request: Next.js reads it from the request's own Content-Security-Policy header and puts it on
// the scripts it renders (pages render per request anyway: they need the session). No inline script
// of ours runs, so scripts need no 'unsafe-inline'; styles do (React's style attributes, Radix).
// The headers that never change (X-Frame-Options, nosniff, Referrer-Policy) are in next.config.ts, so
// they are also on the routes the proxy skips.

export interface SecurityPolicyOptions {
  nonce: string;
  /** `next dev` evaluates code for its overlay and fast refresh. */
  development: boolean;
  /** Served over https (NEXTAUTH_URL's scheme): upgrade stray http requests. */
  https: boolean;
}

export function contentSecurityPolicy({ nonce, development, https }: SecurityPolicyOptions): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': the chunks Next's nonced scripts load are trusted through them.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // Avatars (GitHub sign-in) and pasted screenshots in markdown are remote images.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export interface PageSecurity {
  /** The request headers the page renders with: the given ones plus the policy and its nonce. */
  withPolicy(headers: Headers): Headers;
  /** Adds the response headers to whatever the proxy answers. */
  apply<R extends { headers: Headers }>(response: R): R;
}

export function pageSecurity(env: { development: boolean; https: boolean }): PageSecurity {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy({ nonce, ...env });
  return {
    withPolicy(headers) {
      const withNonce = new Headers(headers);
      withNonce.set("content-security-policy", policy);
      withNonce.set("x-nonce", nonce);
      return withNonce;
    },
    apply(response) {
      response.headers.set("content-security-policy", policy);
      if (env.https) response.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
      return response;
    },
  };
}

/** For next.config.ts: on every response, pages, API routes and webhooks alike. */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];
