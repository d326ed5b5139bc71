// Starts `npm run worker` (the standalone job worker) as a child process and waits until it is ready.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { eventually } from "./eventually";
import { stopProcess } from "./server";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** SIGKILL: the worker dies mid-job without any chance to clean up. */
  kill(): void;
  stop(): Promise<void>;
}

export async function startWorkerProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const ready = () => {
    if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}:\n${output}`);
    return output.includes("worker.ready");
  };
  await eventually("the worker to be ready", ready, { timeoutMs, intervalMs: 100, context: () => output }).catch(
    async (error: unknown) => {
      await stopProcess(child);
      throw error;
    },
  );
  return {
    child,
    output: () => output,
    kill: () => process.kill(-child.pid!, "SIGKILL"),
    stop: () => stopProcess(child),
  };
}
