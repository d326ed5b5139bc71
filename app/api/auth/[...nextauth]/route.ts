// /api/auth/* — next-auth endpoints (sign-in, sign-out, session, OAuth callbacks).
import NextAuth from "next-auth";
import { authOptions } from "@/auth";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: Context) {
  return NextAuth(authOptions())(request, context);
}

/** The credentials callback takes a POSTed form; next-auth answers any other method with a 500. */
async function get(request: Request, context: Context) {
  const [action, provider] = (await context.params).nextauth;
  if (action === "callback" && provider === "credentials") {
    return Response.json(
      { error: "Sign in by POSTing the sign-in form to this URL" },
      { status: 405, headers: { allow: "POST" } },
    );
  }
  return handler(request, context);
}

export { get as GET, handler as POST };
