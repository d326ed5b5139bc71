// Start-up bootstrap run by `npm start` after migrations: the default project exists, and the first
// admin comes from ADMIN_EMAIL/ADMIN_PASSWORD when no user exists yet. Also the start-up notes telling
// the operator how to sign in and where Sentry should send webhooks. No Next.js here.
import { createFirstAdmin, hasAnyUser } from "../auth/create-first-admin";
import type { Db } from "../db";
import type { Env } from "../env";
import { ensureDefaultProject } from "../ingest/resolve-project";

export type SignIn =
  /** The ADMIN_EMAIL user exists (created now or earlier). */
  | { kind: "admin"; email: string; created: boolean }
  /** No user yet: the first-run page creates the first admin. */
  | { kind: "setup" }
  /** Users exist; `ignoredAdminEmail` is set when ADMIN_EMAIL names none of them. */
  | { kind: "existing-users"; ignoredAdminEmail?: string };

export interface BootstrapResult {
  projectKey: string;
  signIn: SignIn;
}

export type BootstrapEnv = Pick<Env, "DEFAULT_PROJECT_KEY" | "ADMIN_EMAIL" | "ADMIN_PASSWORD">;

export async function bootstrap(db: Db, env: BootstrapEnv): Promise<BootstrapResult> {
  await ensureDefaultProject(db);
  const projectKey = env.DEFAULT_PROJECT_KEY;

  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD) {
    return { projectKey, signIn: (await hasAnyUser(db)) ? { kind: "existing-users" } : { kind: "setup" } };
  }
  // Checked first so that a restart does not pay for hashing a password it will not store.
  const created =
    !(await hasAnyUser(db)) && (await createFirstAdmin(db, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }));
  const email = env.ADMIN_EMAIL.toLowerCase();
  const admin = await db.user.findUnique({ where: { email }, select: { id: true } });
  return {
    projectKey,
    signIn: admin ? { kind: "admin", email, created } : { kind: "existing-users", ignoredAdminEmail: email },
  };
}

export interface StartupNotesInput {
  baseUrl: string;
  signIn: SignIn;
  sentrySecretSet: boolean;
}

/** What `npm start` prints once the app answers: where it is, how to sign in, where webhooks go. */
export function startupNotes({ baseUrl, signIn, sentrySecretSet }: StartupNotesInput): {
  info: string[];
  warnings: string[];
} {
  const info = [`Tracker is running at ${baseUrl}`];
  const warnings: string[] = [];
  switch (signIn.kind) {
    case "admin":
      info.push(
        `Sign in at ${baseUrl}/signin as ${signIn.email}` +
          (signIn.created
            ? " with ADMIN_PASSWORD (admin created now)."
            : " (ADMIN_PASSWORD is only used when the admin is created)."),
      );
      break;
    case "setup":
      info.push(`No user yet: open ${baseUrl}/setup to create the first admin.`);
      break;
    case "existing-users":
      info.push(`Sign in at ${baseUrl}/signin`);
      if (signIn.ignoredAdminEmail) {
        warnings.push(
          `ADMIN_EMAIL=${signIn.ignoredAdminEmail} was not created: users already exist (it only seeds an empty database).`,
        );
      }
      break;
  }
  info.push(`Sentry webhook URL: ${baseUrl}/api/sentry/webhook`);
  if (!sentrySecretSet) {
    warnings.push(
      "SENTRY_CLIENT_SECRET is not set: the webhook answers 503 to every delivery until it is. " +
        "Set it to the Client Secret of your Sentry integration and restart.",
    );
  }
  return { info, warnings };
}
