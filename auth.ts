// next-auth configuration and the server-side session guards used by pages and API routes.
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { type NextAuthOptions, getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { type SessionUser, verifyCredentials } from "@/lib/auth/verify-credentials";

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
    // The adapter links OAuth accounts to users; sessions stay JWTs so credentials sign-in works too.
    adapter: env.githubOAuthEnabled ? (PrismaAdapter(getDb() as never) as NextAuthOptions["adapter"]) : undefined,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    secret: env.NEXTAUTH_SECRET,
    pages: { signIn: "/signin" },
    providers,
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = (user as Partial<SessionUser>).role ?? "member";
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) {
          session.user.id = token.uid as string;
          session.user.role = token.role as Role;
        }
        return session;
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

export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null, role: user.role ?? "member" };
}

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
 * session, 403 for a member), never a redirect. The role is read from the database, not the session
 * cookie, so a demoted or deleted user loses access at once.
 */
export async function requireApiAdmin(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "Authentication required");
  const stored = await getDb().user.findUnique({ where: { id: user.id }, select: { role: true } });
  if (!stored) throw new AppError("unauthorized", "Authentication required");
  if (stored.role !== "admin") throw new AppError("forbidden", "Admin role required");
  return { ...user, role: stored.role };
}
