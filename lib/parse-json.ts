// JSON from a request body, or a 400 that says what is wrong with it: for the webhooks and the JSON API alike.
import { AppError } from "./errors";

/** `prefix` starts the 400's message, which goes on with the parser's reason. */
export function parseJsonOr400(body: Buffer | string, prefix = "Invalid JSON"): unknown {
  try {
    return JSON.parse(typeof body === "string" ? body : body.toString("utf8")) as unknown;
  } catch (error) {
    throw new AppError("bad_request", `${prefix}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
