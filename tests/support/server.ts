// Starts the real, built Next.js server (scripts/serve.ts, as `npm start` runs it) on a free port and
// waits until it answers.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { eventually } from "./eventually";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  output(): string;
  /** SIGKILL to the whole process group: the server dies mid-request without any chance to clean up. */
  kill(): Promise<void>;
  /** SIGTERM, as a process manager stops it; resolves with the exit code once it has exited. */
  terminate(): Promise<number | null>;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  env: Record<string, string | undefined>;
  /** Command to run instead of scripts/serve.ts (e.g. the `npm start` launcher). */
  command?: { file: string; args: string[] };
  port?: number;
  timeoutMs?: number;
  readyPath?: string;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const command = options.command ?? {
    file: process.execPath,
    args: ["--import", "tsx", "scripts/serve.ts", "--hostname", "127.0.0.1", "--port", String(port)],
  };
  const child = spawn(command.file, command.args, {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      LOG_LEVEL: "warn",
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const url = `http://127.0.0.1:${port}`;
  await waitForReady(child, `${url}${options.readyPath ?? "/api/health"}`, options.timeoutMs ?? 60_000, () => output);
  return {
    url,
    port,
    output: () => output,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      process.kill(-child.pid!, "SIGKILL");
      await exited;
    },
    terminate: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      return exited;
    },
    stop: () => stopProcess(child),
  };
}

async function waitForReady(child: ChildProcess, url: string, timeoutMs: number, output: () => string): Promise<void> {
  const ready = async () => {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}:\n${output()}`);
    try {
      return (await fetch(url)).ok;
    } catch {
      return false; // not listening yet
    }
  };
  await eventually(`the server to be ready at ${url}`, ready, { timeoutMs, context: output }).catch(
    async (error: unknown) => {
      await stopProcess(child);
      throw error;
    },
  );
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }, 5_000);
  await exited;
  clearTimeout(timer);
}
