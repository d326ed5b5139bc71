import type { AppError } from "../errors";
import type { IngestResponse } from "../sources/types";

/** The JSON answer to a refused delivery: `{ success: false, error }` with the error's status. */
export function errorResponse(error: AppError, deliveryId?: string): IngestResponse {
  return { status: error.status, body: { success: false, error: error.publicMessage }, deliveryId };
}
