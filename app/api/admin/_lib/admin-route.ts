// The admin API's route wrapper: the admin check on the server (401/403 as JSON, never a redirect),
// same-origin writes, and every error shaped as `{ error }` with its status.
import { type CurrentUser, requireApiAdmin } from "@/auth";
import { getEnv } from "@/lib/env";
import { assertSameOrigin, errorToResponse } from "@/lib/http/json-api";

type Handler<P> = (request: Request, params: P, admin: CurrentUser) => Promise<Response>;

export function adminRoute<P extends Record<string, string> = Record<string, never>>(handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const admin = await requireApiAdmin();
      if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
      return await handler(request, await context.params, admin);
    } catch (error) {
      return errorToResponse(error);
    }
  };
}

/** Base of the URLs handed out (webhook URLs): NEXTAUTH_URL, else the origin the request came to. */
export function publicBaseUrl(request: Request): string {
  return getEnv().NEXTAUTH_URL ?? new URL(request.url).origin;
}
