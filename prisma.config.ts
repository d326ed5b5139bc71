// Prisma CLI configuration. The JS schema engine + driver adapter lets `migrate deploy`
// run offline; adapter-pg 7 is aliased because 6.19 cannot read Postgres `name` columns that the
// schema engine queries (docs/stack-notes.md, Prisma).

import { PrismaPg } from "adapter-pg7";
import { parse } from "pg-connection-string";
import { defineConfig } from "prisma/config";

function connectionConfig() {
  // `prisma generate` needs no database but still loads this config; migrate commands need DATABASE_URL.
  const url = process.env.DATABASE_URL ?? "postgresql://127.0.0.1:5432/postgres";
  const { host, port, user, password, database } = parse(url);
  return {
    host: host ?? undefined,
    port: port ? Number(port) : undefined,
    user,
    password,
    database: database ?? undefined,
  };
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaPg(connectionConfig()),
});
