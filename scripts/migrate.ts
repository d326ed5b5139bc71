// Applies committed migrations to DATABASE_URL with the offline JS schema engine.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { installJobQueues } from "../lib/jobs/boss";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));

export function migrateDeploy(databaseUrl: string): void {
  const result = spawnSync(process.execPath, ["scripts/prisma-migrate-deploy.mjs"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL must be set");
    process.exit(1);
  }
  migrateDeploy(url);
  await installJobQueues(url);
  console.log("Migrations applied, job queues installed.");
}
