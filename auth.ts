// next-auth configuration and the server-side session guards used by pages and API routes.
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { redirect } from "next/navigation";
import { getServerSession, type NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { cache } from "react";
import { safeRedirect } from "@/lib/auth/safe-callback-url";
import { endSession, SessionEndedError, sessionUser, startSession } from "@/lib/auth/user-sessions";
import { type SessionUser, verifyCredentials } from "@/lib/auth/verify-credentials";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/logger";

const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

function buildAuthOptions(): NextAuthOptions {
  const env = getEnv();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) return null;
        return verifyCredentials(getDb(), credentials.email, credentials.password);
      },
    }),
  ];
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));
  }
  return {
    // The adapter links OAuth accounts to users; sessions stay JWTs so credentials sign-in works too,
    // each naming its row in `session` (lib/auth/user-sessions.ts), checked on every request.
    adapter: env.githubOAuthEnabled ? (PrismaAdapter(getDb() as never) as NextAuthOptions["adapter"]) : undefined,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    secret: env.NEXTAUTH_SECRET,
    pages: { signIn: "/signin" },
    providers,
    callbacks: {
      redirect: safeRedirect,
      async signIn({ user }) {
        // OAuth sign-in of a deactivated user (credentials sign-in refuses them in verifyCredentials).
        const stored = await getDb().user.findUnique({ where: { id: user.id }, select: { deactivatedAt: true } });
        return !stored?.deactivatedAt;
      },
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sid = await startSession(getDb(), user.id, SESSION_MAX_AGE_SECONDS);
          token.role = (user as Partial<SessionUser>).role ?? "member";
          return token;
        }
        // Every later request: the session must still exist, and the user's role and name are read now.
        const current = await sessionUser(getDb(), typeof token.sid === "string" ? token.sid : undefined);
        if (!current) throw new SessionEndedError();
        return { ...token, uid: current.id, role: current.role, email: current.email, name: current.name };
      },
      async session({ session, token }) {
        if (session.user) {
          session.user.id = token.uid as string;
          session.user.role = token.role as Role;
          session.user.email = token.email;
          session.user.name = token.name;
        }
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        await endSession(getDb(), typeof token?.sid === "string" ? token.sid : undefined);
      },
    },
    logger: {
      // An ended session is an expected outcome (next-auth clears the cookie), not an error to report.
      error(code, metadata) {
        if (metadata instanceof SessionEndedError) return logger.debug({ code }, "auth.session_ended");
        logger.error(
          {
            code,
            err: metadata instanceof Error ? metadata : undefined,
            metadata: metadata instanceof Error ? undefined : metadata,
          },
          `next-auth: ${code}`,
        );
      },
      warn(code) {
        logger.warn({ code }, `next-auth: ${code}`);
      },
      debug(code, metadata) {
        logger.debug({ code, metadata }, `next-auth: ${code}`);
      },
    },
  };
}

let cachedOptions: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cachedOptions ??= buildAuthOptions();
  return cachedOptions;
}

export interface CurrentUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

/** The signed-in user as stored now (one indexed query, shared by everything one request renders). */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions());
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null, role: user.role ?? "member" };
});

/** For pages: the signed-in user, or a redirect to sign-in. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return user;
}

/** For admin pages: checks the role on the server; members get a 404-free redirect to issues. */
export async function requireAdmin(): Promise<CurrentUser> {
  const user = await requireUser();
  if (user.role !== "admin") redirect("/issues?denied=admin");
  return user;
}

/**
 * For API routes: the signed-in admin, or an AppError the route answers as JSON (401 without a
 * session, 403 for a member), never a redirect. The session check reads the role from the database,
 * so a demoted, deactivated or deleted user loses access at once.
 */
export async function requireApiAdmin(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "Authentication required");
  if (user.role !== "admin") throw new AppError("forbidden", "Admin role required");
  return user;
}
