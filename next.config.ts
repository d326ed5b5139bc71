import type { NextConfig } from "next";
import { parseEnv } from "./lib/env";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

// Fail the build (and `next start`) early with a clear message when the environment is malformed.
parseEnv(process.env);

const nextConfig: NextConfig = {
  // A separate build folder lets parallel checkouts/sessions build and serve without clobbering each other.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  serverExternalPackages: ["pino", "@prisma/client", "@prisma/adapter-pg", "pg"],
  typedRoutes: false,
  headers: async () => [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }],
};

export default nextConfig;
