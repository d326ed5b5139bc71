// Starts the built Next.js server for the benchmark. Unlike tests/support/server.ts it sends the
// server's stdout/stderr to a file (as a log collector would), so that LOG_LEVEL=info costs what it
// costs in production and not an ever-growing string in the load generator's process.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TEST_SENTRY_SECRET } from "../../tests/support/sentry";
import { freePort, stopProcess } from "../../tests/support/server";
import type { ServerConfig } from "./options";

export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface BenchServer {
  url: string;
  pid: number;
  logBytes(): number;
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

export interface BenchServerOptions {
  /** Directory to run the server in (see snapshotBuild). */
  dir: string;
  env: Record<string, string>;
  logFile: string;
  /** Extra node flags (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The build folder, as next.config.ts chooses it (the server inherits NEXT_DIST_DIR from this process). */
const distDir = process.env.NEXT_DIST_DIR || ".next";

/** Whether someone is running `next build` in this checkout right now (it rewrites the build folder). */
export function buildRunning(root = projectRoot): boolean {
  if (existsSync(`${root}${distDir}/lock`)) return true;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
      if (
        cmdline.startsWith("next-build") ||
        / next(\.js)? build\b/.test(cmdline) ||
        cmdline.includes("next/dist/bin/next build")
      )
        return true;
    } catch {
      // process gone
    }
  }
  return false;
}

function checkBuild(dir: string): void {
  const manifest = `${dir}${distDir}/app-path-routes-manifest.json`;
  if (!existsSync(`${dir}${distDir}/BUILD_ID`) || !existsSync(manifest)) {
    throw new Error("No production build: run `NEXT_TELEMETRY_DISABLED=1 npx next build` first");
  }
  const routes = Object.values(JSON.parse(readFileSync(manifest, "utf8")) as Record<string, string>);
  if (!routes.includes("/api/health/bare")) {
    throw new Error(
      "The build predates app/api/health/bare/route.ts: run `NEXT_TELEMETRY_DISABLED=1 npx next build` again",
    );
  }
}

/**
 * Other people build in this checkout while the benchmark runs, and `next build` rewrites the build
 * folder (.next, or NEXT_DIST_DIR) under a running server. So the benchmark copies the finished build
 * (without its cache) into a private directory whose other entries link back to the checkout, and
 * runs the server there.
 */
export async function snapshotBuild(into: string, sourceRoot = projectRoot, name = "app"): Promise<string> {
  const root = sourceRoot.endsWith("/") ? sourceRoot : `${sourceRoot}/`;
  for (let attempt = 0; ; attempt++) {
    if (buildRunning(root)) {
      if (attempt === 0) console.log("  waiting for a `next build` running in this checkout to finish...");
      if (attempt > 300) throw new Error("a `next build` has been running for 10 minutes; try again later");
      await sleep(2_000);
      continue;
    }
    try {
      checkBuild(root);
    } catch (error) {
      // Possibly a build that is just starting or just failed; give it a few minutes, then give up.
      if (attempt === 0) console.log(`  ${(error as Error).message}; waiting up to 3 minutes for a build to appear...`);
      if (attempt > 90) throw error;
      await sleep(2_000);
      continue;
    }
    const buildId = readFileSync(`${root}${distDir}/BUILD_ID`, "utf8");
    const dir = join(into, `${name}/`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(`${root}${distDir}`, `${dir}${distDir}`, {
      recursive: true,
      // The build's node_modules holds relative links to the checkout's packages: copy them as absolute links.
      verbatimSymlinks: false,
      filter: (source) => !source.startsWith(`${root}${distDir}/cache`) && !source.startsWith(`${root}${distDir}/lock`),
    });
    if (buildRunning(root) || readFileSync(`${root}${distDir}/BUILD_ID`, "utf8") !== buildId) continue; // changed while copying
    for (const entry of readdirSync(root)) {
      if (entry === distDir || entry === ".git") continue;
      symlinkSync(join(root, entry), join(dir, entry));
    }
    checkBuild(dir);
    return dir;
  }
}

export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const port = await freePort();
  const fd = openSync(options.logFile, "a");
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      "--import",
      "tsx",
      "scripts/serve.ts",
      "--hostname",
      "127.0.0.1",
      "--port",
      String(port),
    ],
    {
      cwd: options.dir,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        NEXTAUTH_URL: `http://127.0.0.1:${port}`,
        NEXT_TELEMETRY_DISABLED: "1",
        ...options.env,
      },
      stdio: ["ignore", fd, fd],
      detached: true,
    },
  );
  closeSync(fd);
  const url = `http://127.0.0.1:${port}`;
  const logTail = (lines = 30) => {
    try {
      return readFileSync(options.logFile, "utf8").split("\n").slice(-lines).join("\n");
    } catch {
      return "";
    }
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}:\n${logTail()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`server did not become ready within 60 s:\n${logTail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: child.pid!,
    logBytes: () => {
      try {
        return statSync(options.logFile).size;
      } catch {
        return 0;
      }
    },
    logTail,
    stop: () => stopProcess(child),
  };
}

/** The server's environment for one configuration: signed Sentry deliveries, the bare route switched on. */
export function serverEnv(databaseUrl: string, config: ServerConfig): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: String(config.poolMax),
    LOG_LEVEL: config.logLevel,
    SENTRY_CLIENT_SECRET: TEST_SENTRY_SECRET,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    BENCH_BARE_ROUTE: "1",
  };
}
