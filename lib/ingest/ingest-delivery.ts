// The one ingestion pipeline: verify → store delivery → parse → interpret → dedup/create or apply a
// lifecycle event → enqueue follow-ups (same transaction) → record outcome. Nothing slow (GitHub,
// Jira) runs here; follow-ups are jobs that run after the response.
import { createHash } from "node:crypto";
import type { Db } from "../db";
import { AppError } from "../errors";
import { applyLifecycleEvent } from "../lifecycle/apply-lifecycle-event";
import { logger, type Logger } from "../logger";
import { stripNulDeep } from "../text/strip-nul";
import { enqueueFollowUps } from "./enqueue-follow-ups";
import { findLinkedIssue, linkOrCreateIssue } from "./link-or-create-issue";
import { finishDelivery, storeDelivery, type FinishDeliveryInput } from "./record-delivery";
import { resolveMapping } from "./resolve-project";
import type { Decision, IngestResponse, ItemResult, LinkedIssueRef, RawDelivery, SourceAdapter } from "./types";

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
    const interpreted = stripNulDeep(adapter.interpret(parseJson(delivery.body), delivery.headers, log));
    const decisions = Array.isArray(interpreted) ? interpreted : [interpreted];
    if (decisions.length === 0) throw new AppError("bad_request", "The message carries no items");
    const eventKey = createHash("sha256").update(delivery.body).digest("hex");
    const results: ItemResult[] = [];
    // Items of one message run in order: they are few (GlitchTip sends at most 3) and may share a mapping.
    for (const [index, decision] of decisions.entries()) {
      const itemKey = decisions.length === 1 ? eventKey : `${eventKey}:${index}`;
      results.push(await act(db, adapter, decision, itemKey, log));
    }
    await finishDelivery(db, deliveryId, summarise(results));
    const body = Array.isArray(interpreted) && adapter.present.many ? adapter.present.many(results) : results[0]!.body;
    return { status: 200, body, deliveryId };
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

async function act(db: Db, adapter: SourceAdapter, decision: Decision, eventKey: string, log: Logger): Promise<ItemResult> {
  if (decision.kind === "skip") {
    return { outcome: "skipped", reason: decision.reason, externalId: decision.externalId, body: adapter.present.skipped(decision.reason) };
  }
  const ref = decision.kind === "create" ? decision.issue : decision.ref;
  const linked = await findLinkedIssue(db, ref.source, ref.externalId);

  if (decision.kind === "create" && !linked) {
    const mapping = await resolveMapping(db, ref.source, ref.externalProject);
    const { issue, created } = await linkOrCreateIssue(db, decision.issue, {
      projectId: mapping.projectId,
      actorName: adapter.senderName,
      onCreated: (tx, newIssue) => enqueueFollowUps(tx, { issue: newIssue, normalized: decision.issue, mapping }),
    });
    if (created) {
      log.info({ issueId: issue.id }, `${adapter.logPrefix} Created issue ${issue.identifier} from ${adapter.senderName} ${ref.displayId}`);
      return { outcome: "created", externalId: ref.externalId, issue, body: adapter.present.created(issue, decision.issue) };
    }
    return track(db, adapter, decision, issue, eventKey, log);
  }
  if (!linked && decision.kind === "update") {
    const reason = `Skipped: ${decision.lifecycle.type}, ${adapter.senderName} issue ${ref.displayId} is not tracked`;
    return { outcome: "skipped", reason, externalId: ref.externalId, body: adapter.present.skipped(reason) };
  }
  if (!linked) throw new Error("unreachable: an untracked item is either created or skipped");
  return track(db, adapter, decision, linked, eventKey, log);
}

/** The item is already tracked: apply its lifecycle event, if any, and answer as a duplicate or an update. */
async function track(
  db: Db,
  adapter: SourceAdapter,
  decision: Exclude<Decision, { kind: "skip" }>,
  issue: LinkedIssueRef,
  eventKey: string,
  log: Logger,
): Promise<ItemResult> {
  const ref = decision.kind === "create" ? decision.issue : decision.ref;
  const lifecycle = decision.lifecycle;
  const outcome = lifecycle
    ? await applyLifecycleEvent(db, {
        source: ref.source,
        externalId: ref.externalId,
        issueId: issue.id,
        event: lifecycle,
        eventKey,
        senderName: adapter.senderName,
        mapping: await resolveMapping(db, ref.source, ref.externalProject),
      })
    : undefined;
  const lifecycleNote = outcome ? `; ${lifecycle?.type}: ${outcome.result}, ${outcome.summary}` : "";
  log.info({ issueId: issue.id }, `${adapter.logPrefix} ${adapter.senderName} ${ref.displayId} is tracked as ${issue.identifier}${lifecycleNote}`);
  return {
    outcome: outcome?.result === "applied" ? "updated" : "deduplicated",
    reason: outcome && `${lifecycle?.type}: ${outcome.result} (${outcome.summary})`,
    externalId: ref.externalId,
    issue,
    body:
      decision.kind === "create"
        ? adapter.present.deduplicated(issue, decision.issue)
        : adapter.present.updated(issue, ref, outcome?.summary ?? ""),
  };
}

const OUTCOME_RANK: Record<ItemResult["outcome"], number> = { created: 3, updated: 2, deduplicated: 1, skipped: 0 };

/** One delivery row per message: its outcome is the most consequential item's; the reason lists every item when there are several. */
function summarise(results: ItemResult[]): FinishDeliveryInput {
  const main = results.reduce((best, item) => (OUTCOME_RANK[item.outcome] > OUTCOME_RANK[best.outcome] ? item : best));
  const reason =
    results.length === 1
      ? main.reason
      : results.map((item) => `${item.externalId ?? "?"}: ${item.outcome}${item.issue ? ` ${item.issue.identifier}` : ""}${item.reason ? ` (${item.reason})` : ""}`).join("; ");
  return { outcome: main.outcome, reason, externalId: main.externalId, issueId: main.issue?.id };
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
