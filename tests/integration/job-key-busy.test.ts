// A job whose key is busy must not hold up the rest of its queue. With several slots on a queue keyed
// per issue, the oldest waiting job may belong to an issue whose previous job is still running; the
// other slots must go on with other issues' jobs, and the waiting job runs once the running one ends
// (never two of one key at once, in one process or across processes).
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, type Db, poolOf } from "../../lib/db";
import { enqueueJob } from "../../lib/jobs/enqueue-job";
import { QUEUES } from "../../lib/jobs/queues";
import { type JobHandler, type RunningWorker, startWorker } from "../../lib/jobs/run-worker";
import { createTestDatabase, type TestDatabase } from "../support/database";

const queue = QUEUES.jiraSync.name;
let database: TestDatabase;
let db: Db;
const workers: RunningWorker[] = [];

beforeAll(async () => {
  database = await createTestDatabase("job_key_busy");
  db = createDb(database.url, 8);
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop(2_000)));
  await db?.$disconnect();
  await database?.drop();
});

const send = (key: string, data: object) =>
  db.$transaction((tx) => enqueueJob(tx, queue, { issueId: key, ...data }, { singletonKey: key }));

async function until(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it("runs other keys' jobs while the oldest waiting job's key is running, and never one key twice at once", async () => {
  const started: string[] = [];
  const finished: string[] = [];
  const running = new Map<string, number>();
  let overlap = 0;
  let releaseFirst!: () => void;
  const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
  const handler: JobHandler = async (data) => {
    const key = String(data.issueId);
    running.set(key, (running.get(key) ?? 0) + 1);
    if (running.get(key)! > 1) overlap++;
    started.push(String(data.step));
    try {
      if (data.step === "a1") await firstHeld;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      running.set(key, running.get(key)! - 1);
      finished.push(String(data.step));
    }
  };
  // Two worker processes' worth of slots on one database: exclusion must hold across them too.
  for (let i = 0; i < 2; i++) {
    workers.push(
      await startWorker({
        pool: poolOf(db),
        db,
        handlers: { [queue]: handler },
        concurrency: { [queue]: 2 },
        pollingIntervalSeconds: 0.5,
        maintenanceIntervalSeconds: 60,
      }),
    );
  }

  await send("issue-a", { step: "a1" });
  await until(() => started.includes("a1"), "a1 to start");
  // a2 waits for a1 (same key) and is now the oldest job in the queue; b1..b3 come after it.
  await send("issue-a", { step: "a2" });
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (const step of ["b1", "b2", "b3"]) await send(`issue-${step}`, { step });

  await until(
    () => ["b1", "b2", "b3"].every((step) => finished.includes(step)),
    "the other issues' jobs while a1 runs",
  );
  expect(started).not.toContain("a2");

  releaseFirst();
  await until(() => finished.includes("a2"), "a2 after a1");
  expect(started.filter((step) => step === "a2")).toHaveLength(1);
  expect(overlap).toBe(0);
}, 40_000);
