// Next.js start-up hook: the web process also runs the job worker unless WORKER_IN_WEB=false
// (then run `npm run worker` processes beside it).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("./lib/env");
  if (!getEnv().WORKER_IN_WEB || !getEnv().DATABASE_URL) return;
  const { startProcessWorker } = await import("./lib/jobs/start-process-worker");
  const { stopWithNext } = await import("./lib/jobs/stop-with-next");
  const worker = await startProcessWorker();
  stopWithNext((timeoutMs) => worker.stop(timeoutMs));
}
