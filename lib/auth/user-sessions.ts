// Server-side sessions behind the JWT cookie. Credentials sign-in needs next-auth's JWT strategy, and a
// JWT alone cannot be taken back: so each sign-in gets a row in `session`, its JWT names the row, and
// every request reads the row with its user in one indexed statement (about as cheap as a query gets).
// Signing out deletes the row; deactivating or deleting the user deletes all of theirs; the role and
// name are read from the user each time. Any of these takes effect on the user's next request.
import { randomBytes } from "node:crypto";
import { type Db, poolOf } from "../db";
import type { Role } from "../generated/prisma/enums";
import { type SqlExecutor, sqlQuery } from "../sql-executor";
import type { SessionUser } from "./verify-credentials";

/** Thrown where a request presents a session that has ended; next-auth then signs the browser out. */
export class SessionEndedError extends Error {
  override name = "SessionEndedError";
  constructor() {
    super("The session has ended (signed out, or the user was deactivated or deleted)");
  }
}

/** Opens a session for a user signing in; returns the id its JWT carries. Also drops the user's expired sessions. */
export async function startSession(db: Db, userId: string, maxAgeSeconds: number): Promise<string> {
  const sessionId = randomBytes(32).toString("base64url");
  await sqlQuery(
    poolOf(db),
    `WITH expired AS (DELETE FROM session WHERE user_id = $2 AND expires <= now())
     INSERT INTO session (id, session_token, user_id, expires) VALUES (gen_random_uuid()::text, $1, $2, now() + make_interval(secs => $3))`,
    [sessionId, userId, maxAgeSeconds],
    "auth_start_session",
  );
  return sessionId;
}

const SESSION_USER_SQL = `
SELECT u.id, u.email, u.name, u.role
  FROM session s JOIN "user" u ON u.id = s.user_id
 WHERE s.session_token = $1 AND s.expires > now() AND u.deactivated_at IS NULL`;

/** The signed-in user of a live session, as stored now; null when the session has ended. */
export async function sessionUser(db: Db, sessionId: string | undefined): Promise<SessionUser | null> {
  if (!sessionId) return null;
  const [row] = await sqlQuery<{ id: string; email: string; name: string | null; role: Role }>(
    poolOf(db),
    SESSION_USER_SQL,
    [sessionId],
    "auth_session_user",
  );
  return row ?? null;
}

export async function endSession(db: Db, sessionId: string | undefined): Promise<void> {
  if (!sessionId) return;
  await sqlQuery(poolOf(db), `DELETE FROM session WHERE session_token = $1`, [sessionId], "auth_end_session");
}

/** Ends every session of a user (e.g. in the transaction that deactivates them). */
export async function endAllSessions(executor: SqlExecutor, userId: string): Promise<void> {
  await sqlQuery(executor, `DELETE FROM session WHERE user_id = $1`, [userId]);
}
