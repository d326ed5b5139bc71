// Runs `prisma migrate deploy` and returns as soon as it reports success. With a driver adapter the
// CLI keeps a pooled connection open and lingers ~10 s after finishing; the work is committed by then.
import { spawn } from "node:child_process";

const DONE = /All migrations have been successfully applied|No pending migrations to apply/;
const child = spawn(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
  env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
  stdio: ["ignore", "pipe", "inherit"],
});
let output = "";
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  output += chunk;
  if (DONE.test(output)) {
    child.kill("SIGTERM");
    process.exit(0);
  }
});
child.on("exit", (code) => process.exit(code ?? 1));
