// `prisma generate` for postinstall. Prisma 6.19 tries to download a query engine when the schema's
// DATABASE_URL is unresolvable, so a placeholder is supplied; generate never connects to it.
import { spawnSync } from "node:child_process";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
env.DATABASE_URL ||= "postgresql://127.0.0.1:5432/postgres";
const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  env,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
