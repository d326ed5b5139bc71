// The one ingestion pipeline: verify → store delivery → parse → interpret → dedup/create → record outcome.
// Nothing slow (GitHub, Jira) runs here; those become jobs after the response.
import type { Db } from "../db";
import { AppError } from "../errors";
import { logger } from "../logger";
import { finishDelivery, storeDelivery } from "./record-delivery";
import { linkOrCreateIssue } from "./link-or-create-issue";
import type { IngestResponse, RawDelivery, SourceAdapter } from "./types";

export async function ingestDelivery(db: Db, adapter: SourceAdapter, delivery: RawDelivery): Promise<IngestResponse> {
  const store = (outcome?: "rejected", reason?: string) =>
    storeDelivery(db, { source: adapter.source, delivery, keptHeaders: adapter.keptHeaders, outcome, reason });

  const verification = adapter.verify(delivery);
  if (!verification.ok) {
    const deliveryId = await store("rejected", verification.error.publicMessage);
    logger.warn({ source: adapter.source, deliveryId }, `${adapter.logPrefix} Rejected: ${verification.error.publicMessage}`);
    return errorResponse(verification.error, deliveryId);
  }
  if (verification.warning) logger.warn({ source: adapter.source }, `${adapter.logPrefix} ${verification.warning}`);

  const deliveryId = await store();
  const log = logger.child({ source: adapter.source, deliveryId });
  try {
    const decision = adapter.interpret(parseJson(delivery.body), delivery.headers, log);
    if (decision.kind === "skip") {
      await finishDelivery(db, deliveryId, { outcome: "skipped", reason: decision.reason, externalId: decision.externalId });
      return { status: 200, body: adapter.present.skipped(decision.reason), deliveryId };
    }

    const normalized = decision.issue;
    const { issue, created } = await linkOrCreateIssue(db, normalized, adapter.senderName);
    await finishDelivery(db, deliveryId, {
      outcome: created ? "created" : "deduplicated",
      externalId: normalized.externalId,
      issueId: issue.id,
    });
    if (created) {
      log.info({ issueId: issue.id }, `${adapter.logPrefix} Created issue ${issue.identifier} from ${adapter.senderName} ${normalized.displayId}`);
      return { status: 200, body: adapter.present.created(issue, normalized), deliveryId };
    }
    log.info({ issueId: issue.id }, `${adapter.logPrefix} Deduplicated: ${adapter.senderName} ${normalized.displayId} is tracked as ${issue.identifier}`);
    return { status: 200, body: adapter.present.deduplicated(issue, normalized), deliveryId };
  } catch (error) {
    if (error instanceof AppError) {
      await finishDelivery(db, deliveryId, { outcome: "rejected", reason: error.publicMessage });
      log.warn(`${adapter.logPrefix} Rejected: ${error.publicMessage}`);
      return errorResponse(error, deliveryId);
    }
    log.error({ err: error }, `${adapter.logPrefix} Failed to process delivery`);
    await finishDelivery(db, deliveryId, { outcome: "failed", reason: describe(error) }).catch((recordError: unknown) =>
      log.error({ err: recordError }, "webhook_delivery.outcome_not_recorded"),
    );
    return { status: 500, body: { success: false, error: "Failed to process delivery", deliveryId }, deliveryId };
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new AppError("bad_request", `Invalid JSON: ${(error as Error).message}`);
  }
}

export function errorResponse(error: AppError, deliveryId?: string): IngestResponse {
  return { status: error.status, body: { success: false, error: error.publicMessage }, deliveryId };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
