import type { NextConfig } from "next";
import { parseEnv } from "./lib/env";

// Fail the build (and `next start`) early with a clear message when the environment is malformed.
parseEnv(process.env);

const nextConfig: NextConfig = {
  // A separate build folder lets parallel checkouts/sessions build and serve without clobbering each other.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  serverExternalPackages: ["pino", "@prisma/client", "@prisma/adapter-pg", "pg"],
  typedRoutes: false,
};

export default nextConfig;
