// What every webhook route does around the pipeline: read the body within the 1 MiB limit (413
// otherwise, before anything is stored), hand the bytes on, and answer the outcome as JSON.
import { AppError } from "../errors";
import { errorResponse } from "../ingest/error-response";
import type { DeliveryOrigin, IngestResponse } from "../sources/types";
import { clientAddress } from "./client-address";
import { readBodyWithLimit } from "./read-body";

export interface WebhookResponseOptions {
  /** Status of a successful answer instead of 200 (the GlitchTip-Jira bridge answers 202). */
  successStatus?: number;
}

export async function respondToWebhook(
  request: Request,
  ingest: (body: Buffer, origin: DeliveryOrigin) => Promise<IngestResponse>,
  options: WebhookResponseOptions = {},
): Promise<Response> {
  let body: Buffer;
  try {
    body = await readBodyWithLimit(request);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const { status, body: payload } = errorResponse(error);
    return Response.json(payload, { status });
  }
  const outcome = await ingest(body, { endpoint: new URL(request.url).pathname, clientAddress: clientAddress(request.headers) });
  const status = outcome.status === 200 && options.successStatus ? options.successStatus : outcome.status;
  return Response.json(outcome.body, { status, headers: outcome.headers });
}
