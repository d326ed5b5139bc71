// Environment, validated once with zod. Every other module reads config from here, never from process.env.
import { z } from "zod";

const optional = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: optional.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
      .optional(),
  ),
  DATABASE_POOL_MAX: optional.pipe(z.coerce.number<string | undefined>().int().min(1).max(100).default(10)),
  NEXTAUTH_SECRET: optional.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  NEXTAUTH_URL: optional.pipe(z.url("must be a URL such as http://localhost:3000").optional()),
  SENTRY_CLIENT_SECRET: optional,
  GITHUB_ID: optional,
  GITHUB_SECRET: optional,
  GITHUB_TOKEN: optional,
  GITHUB_REPO: optional.pipe(
    z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+$/, "must be owner/repo")
      .optional(),
  ),
  GITHUB_API_URL: optional.pipe(z.url("must be a URL").default("https://api.github.com")),
  CORRELATION_WINDOW_HOURS: optional.pipe(
    z.coerce
      .number<string | undefined>()
      .positive()
      .max(24 * 30)
      .default(48),
  ),
  CORRELATION_MAX_COMMITS: optional.pipe(z.coerce.number<string | undefined>().int().min(1).max(100).default(20)),
  SENTRY_AUTH_TOKEN: optional,
  SENTRY_ORG: optional,
  SENTRY_API_URL: optional.pipe(z.url("must be a URL such as https://sentry.io").default("https://sentry.io")),
  SENTRY_RECONCILE_CRON: optional.pipe(
    z
      .string()
      .regex(/^\S+(\s+\S+){4,5}$/, "must be a cron expression of 5 or 6 fields, e.g. */10 * * * *")
      .default("*/10 * * * *"),
  ),
  SENTRY_RECONCILE_WINDOW_HOURS: optional.pipe(
    z.coerce
      .number<string | undefined>()
      .int()
      .min(1)
      .max(24 * 90)
      .default(24),
  ),
  WORKER_IN_WEB: optional
    .pipe(z.enum(["true", "false"], "must be true or false").default("true"))
    .transform((value) => value === "true"),
  JOBS_POLL_SECONDS: optional.pipe(z.coerce.number<string | undefined>().min(0.5).max(60).default(2)),
  // Jobs of one queue running at once per worker process (correlation, Jira sync), within half the pool.
  JOBS_CONCURRENCY: optional.pipe(z.coerce.number<string | undefined>().int().min(1).max(50).default(5)),
  JOBS_MAINTENANCE_SECONDS: optional.pipe(z.coerce.number<string | undefined>().int().min(1).max(3600).default(30)),
  // A delivery stored as received this long ago whose process never recorded an outcome (it died) is resumed.
  DELIVERY_RECOVERY_AFTER_SECONDS: optional.pipe(
    z.coerce.number<string | undefined>().int().min(1).max(86_400).default(60),
  ),
  // Raw webhook bodies older than this are emptied hourly (the delivery rows and outcomes stay).
  DELIVERY_BODY_RETENTION_DAYS: optional.pipe(z.coerce.number<string | undefined>().int().min(1).max(3650).default(30)),
  // Key for integration secrets at rest (AES-256-GCM): 64 hex chars or 32 bytes base64; `npm start` generates one.
  SECRETS_KEY: optional.pipe(
    z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)").optional(),
  ),
  JIRA_TIMEOUT_SECONDS: optional.pipe(z.coerce.number<string | undefined>().min(1).max(60).default(20)),
  ADMIN_EMAIL: optional.pipe(z.email("must be an email address").optional()),
  ADMIN_PASSWORD: optional.pipe(z.string().min(8, "must be at least 8 characters").optional()),
  DEFAULT_PROJECT_KEY: optional.pipe(
    z
      .string()
      .regex(/^[A-Z][A-Z0-9]{1,9}$/, "must be 2-10 upper-case letters/digits, e.g. CHIPP")
      .default("CHIPP"),
  ),
  DEFAULT_PROJECT_NAME: optional.pipe(z.string().default("Default")),
  // Refused (unauthenticated) webhook requests one client address may send per minute before it is answered 429.
  REJECTED_REQUESTS_PER_MINUTE: optional.pipe(
    z.coerce.number<string | undefined>().int().min(1).max(100_000).default(30),
  ),
  LOG_LEVEL: optional.pipe(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
});

export type Env = z.infer<typeof envSchema> & {
  githubOAuthEnabled: boolean;
  /** SENTRY_AUTH_TOKEN and SENTRY_ORG are both set: the Sentry REST API (and reconciliation) is on. */
  sentryApiEnabled: boolean;
  isProduction: boolean;
};

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "env"}: ${issue.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  if ((env.GITHUB_ID === undefined) !== (env.GITHUB_SECRET === undefined)) {
    throw new EnvError(
      "Invalid environment configuration:\n  GITHUB_ID/GITHUB_SECRET: set both to enable GitHub sign-in, or neither",
    );
  }
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    throw new EnvError(
      "Invalid environment configuration:\n  ADMIN_EMAIL/ADMIN_PASSWORD: set both to create the first admin, or neither",
    );
  }
  return {
    ...env,
    githubOAuthEnabled: env.GITHUB_ID !== undefined,
    sentryApiEnabled: env.SENTRY_AUTH_TOKEN !== undefined && env.SENTRY_ORG !== undefined,
    isProduction: env.NODE_ENV === "production",
  };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
