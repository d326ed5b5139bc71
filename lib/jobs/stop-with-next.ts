// The web process's worker stops with the server. On SIGTERM/SIGINT Next.js stops accepting, lets
// in-flight requests finish, then calls process.exit: here the worker stops fetching at the signal,
// and the exit waits until its running jobs are done too. Bounded: a job still running at the limit
// is released to pg-boss (retried elsewhere), and a request that never ends does not hold the exit.
import { logger } from "../logger";

/** Under `npm start`'s 30 s (and a Kubernetes pod's default grace period) before SIGKILL. */
const SHUTDOWN_LIMIT_MS = 25_000;

const globalForShutdown = globalThis as unknown as { trackerStopWithNext?: true };

export function stopWithNext(stopWorker: (timeoutMs: number) => Promise<void>): void {
  // Once per process, however many times Next.js loads the instrumentation hook.
  if (globalForShutdown.trackerStopWithNext) return;
  globalForShutdown.trackerStopWithNext = true;
  let stopped: Promise<void> | undefined;
  const exit = process.exit.bind(process);
  const begin = (signal: NodeJS.Signals) => {
    if (stopped) return;
    logger.info({ signal }, "web.stopping");
    setTimeout(() => {
      logger.warn("web.shutdown_limit_reached");
      exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    const started = Date.now();
    stopped = stopWorker(SHUTDOWN_LIMIT_MS - 5_000).then(
      () => logger.info({ ms: Date.now() - started }, "jobs.worker_stopped"),
      (error: unknown) => logger.error({ err: error }, "jobs.stop_failed"),
    );
  };
  process.once("SIGTERM", begin);
  process.once("SIGINT", begin);
  process.exit = ((code?: number) => {
    if (!stopped) return exit(code);
    logger.info({ code }, "web.requests_finished");
    void stopped.then(() => exit(code));
  }) as typeof process.exit;
}
