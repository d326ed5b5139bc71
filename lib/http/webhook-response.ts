// What every webhook route does around the pipeline: read the body within the 1 MiB limit (413
// otherwise, before anything is stored), hand the bytes on, and answer the outcome as JSON. Whatever
// throws on the way is answered as JSON too (errorAnswer), never as Next's HTML error page.
import { errorAnswer } from "../errors";
import { logger } from "../logger";
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
  try {
    const body = await readBodyWithLimit(request);
    const outcome = await ingest(body, {
      endpoint: new URL(request.url).pathname,
      clientAddress: clientAddress(request.headers),
    });
    const status = outcome.status === 200 && options.successStatus ? options.successStatus : outcome.status;
    return Response.json(outcome.body, { status, headers: outcome.headers });
  } catch (error) {
    const answer = errorAnswer(error, {
      envelope: { success: false },
      unexpectedMessage: "Failed to process delivery",
    });
    if (answer.unexpected)
      logger.error({ err: error, endpoint: new URL(request.url).pathname }, "webhook.unexpected_error");
    return Response.json(answer.body, { status: answer.status });
  }
}
