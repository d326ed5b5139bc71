// The one ingestion pipeline: verify → parse → interpret → store delivery → dedup/create or apply a
// lifecycle event → enqueue follow-ups (same transaction) → record outcome. Nothing slow (GitHub,
// Jira) runs here; follow-ups are jobs that run after the response.
//
// This runs on every webhook, so it counts round trips. Interpreting is pure (no I/O), so it happens
// before the delivery is stored, and the store carries what it tells: a message of one tracked item is
// stored and looked up in one statement (delivery-store.ts, shared with the deliveries that arrive
// meanwhile), already "deduplicated" when nothing else is to be done (a retry, a repeated alert). Any
// other message is acted on item by item, and then `settle` writes its outcome, the one place that does.
// Messages of several items (GlitchTip sends up to 3) take the general path: store, each item, outcome.
import { createHash, randomUUID } from "node:crypto";
import type pg from "pg";
import { type Db, poolOf } from "../db";
import { AppError, errorAnswer } from "../errors";
import { applyLifecycleEvent } from "../lifecycle/apply-lifecycle-event";
import type { LifecycleOutcome } from "../lifecycle/lifecycle-event";
import { type Logger, logger } from "../logger";
import { parseJsonOr400 } from "../parse-json";
import type {
  Decision,
  ExternalRef,
  IngestResponse,
  ItemResult,
  LinkedIssueRef,
  RawDelivery,
  SourceAdapter,
} from "../sources/types";
import { mayNeedStorable, storableDeep } from "../text/storable";
import {
  countOccurrence,
  type FinishDeliveryInput,
  findLinkedIssue,
  finishDelivery,
  type StoreDeliveryInput,
  storeDelivery,
  storeDeliveryAndLookUp,
} from "./delivery-store";
import { followUpsFor } from "./enqueue-follow-ups";
import { linkOrCreateIssue } from "./link-or-create-issue";
import { refuseUnauthenticated } from "./record-rejection";
import { type ResolvedMapping, resolveMapping } from "./resolve-project";

interface Pipeline {
  db: Db;
  pool: pg.Pool;
  adapter: SourceAdapter;
  log: Logger;
  deliveryId: string;
}

type TrackedDecision = Exclude<Decision, { kind: "skip" }>;

/** What is known of an item before acting on it. */
interface ItemLookup {
  linked: LinkedIssueRef | null;
  mapping: () => Promise<ResolvedMapping>;
}

export async function ingestDelivery(db: Db, adapter: SourceAdapter, delivery: RawDelivery): Promise<IngestResponse> {
  const pool = poolOf(db);
  const deliveryId = randomUUID();
  const stored: StoreDeliveryInput & { id: string } = {
    id: deliveryId,
    source: adapter.source,
    delivery,
    keptHeaders: adapter.keptHeaders,
  };

  const verification = adapter.verify(delivery);
  if (!verification.ok) {
    // Not authenticated: a bounded rejection record, never the stored delivery.
    return refuseUnauthenticated(db, {
      source: adapter.source,
      delivery,
      keptHeaders: adapter.keptHeaders,
      error: verification.error,
      logPrefix: adapter.logPrefix,
    });
  }
  if (verification.warning) logger.warn({ source: adapter.source }, `${adapter.logPrefix} ${verification.warning}`);

  const pipeline: Pipeline = {
    db,
    pool,
    adapter,
    deliveryId,
    log: logger.child({ source: adapter.source, deliveryId }),
  };
  return runPipeline(pipeline, delivery, { stored, resumed: false });
}

/**
 * Runs a delivery that was stored as received and verified, but never finished (its process died
 * mid-request), through the pipeline again under its own id. Safe to repeat: dedup finds an issue the
 * first run created, and lifecycle events are keyed by the delivery's content.
 */
export async function resumeDelivery(
  db: Db,
  adapter: SourceAdapter,
  deliveryId: string,
  delivery: RawDelivery,
): Promise<IngestResponse> {
  const pipeline: Pipeline = {
    db,
    pool: poolOf(db),
    adapter,
    deliveryId,
    log: logger.child({ source: adapter.source, deliveryId, resumed: true }),
  };
  const stored: StoreDeliveryInput & { id: string } = {
    id: deliveryId,
    source: adapter.source,
    delivery,
    keptHeaders: adapter.keptHeaders,
  };
  return runPipeline(pipeline, delivery, { stored, resumed: true });
}

/** After verification: interpret, store (unless `resumed`: the row exists), act, record the outcome. */
async function runPipeline(
  pipeline: Pipeline,
  delivery: RawDelivery,
  { stored, resumed }: { stored: StoreDeliveryInput & { id: string }; resumed: boolean },
): Promise<IngestResponse> {
  const { db, pool, adapter, deliveryId } = pipeline;
  // A final outcome known before acting: written onto the stored row, or stored with the delivery.
  const recordFinal = async (outcome: FinishDeliveryInput) =>
    resumed ? finishDelivery(db, deliveryId, outcome) : void (await storeDelivery(db, stored, outcome));
  let interpreted: Decision | Decision[];
  try {
    interpreted = adapter.interpret(parseJsonOr400(delivery.body), delivery.headers, pipeline.log);
    // What PostgreSQL rejects (U+0000, lone surrogates) a JSON body can only carry escaped: without such escapes there is nothing to replace.
    if (mayNeedStorable(delivery.body)) interpreted = storableDeep(interpreted);
    if (Array.isArray(interpreted) && interpreted.length === 0)
      throw new AppError("bad_request", "The message carries no items");
  } catch (error) {
    // Nothing was done yet: the delivery is stored with its outcome.
    return fail(pipeline, error, recordFinal);
  }
  const decisions = [interpreted].flat();
  // Identifies the delivery's content for lifecycle events (a replay is a no-op); only they need it.
  const eventKey = once(() => createHash("sha256").update(delivery.body).digest("hex"));
  const respond = (results: ItemResult[]): IngestResponse => ({
    status: 200,
    body: Array.isArray(interpreted) && adapter.present.many ? adapter.present.many(results) : results[0]!.body,
    deliveryId,
  });

  const [only] = decisions;
  if (!resumed && decisions.length === 1 && only && only.kind !== "skip") {
    const found = await storeDeliveryAndLookUp(db, stored, refOf(only), only.kind === "create" && !only.lifecycle);
    // Tracked, nothing to apply: the statement recorded the delivery as deduplicated; only the answer is left.
    if (found.done) return respond([answerTracked(pipeline, only, found.linked)]);
    return settle(pipeline, respond, async () => [
      await act(pipeline, only, eventKey, { linked: found.linked, mapping: once(found.mapping) }),
    ]);
  }

  if (decisions.every((decision) => decision.kind === "skip")) {
    const results = decisions.map((decision) => skipped(adapter, decision.reason, decision.externalId));
    await recordFinal(summarise(results));
    return respond(results);
  }

  if (!resumed) await storeDelivery(db, stored);
  return settle(pipeline, respond, async () => {
    const results: ItemResult[] = [];
    // Items of one message run in order: they are few (GlitchTip sends at most 3) and may share a mapping.
    for (const [index, decision] of decisions.entries()) {
      if (decision.kind === "skip") {
        results.push(skipped(adapter, decision.reason, decision.externalId));
        continue;
      }
      const ref = refOf(decision);
      const linked = await findLinkedIssue(pool, ref.source, ref.externalId);
      const itemKey = decisions.length === 1 ? eventKey : () => `${eventKey()}:${index}`;
      results.push(await act(pipeline, decision, itemKey, { linked, mapping: mappingOf(pipeline, ref) }));
    }
    return results;
  });
}

/** Runs the items' work and writes the delivery's outcome: what the items did, or how the work failed. */
async function settle(
  pipeline: Pipeline,
  respond: (results: ItemResult[]) => IngestResponse,
  work: () => Promise<ItemResult[]>,
): Promise<IngestResponse> {
  try {
    const results = await work();
    await finishDelivery(pipeline.db, pipeline.deliveryId, summarise(results));
    return respond(results);
  } catch (error) {
    return fail(pipeline, error, (outcome) => finishDelivery(pipeline.db, pipeline.deliveryId, outcome));
  }
}

async function fail(
  pipeline: Pipeline,
  error: unknown,
  record: (outcome: FinishDeliveryInput) => Promise<void>,
): Promise<IngestResponse> {
  const { adapter, log, deliveryId } = pipeline;
  if (error instanceof AppError) {
    await record({ outcome: "rejected", reason: error.publicMessage });
    log.warn(`${adapter.logPrefix} Rejected: ${error.publicMessage}`);
    return { ...errorAnswerOf(error), deliveryId };
  }
  log.error({ err: error }, `${adapter.logPrefix} Failed to process delivery`);
  await record({ outcome: "failed", reason: describe(error) }).catch((recordError: unknown) =>
    log.error({ err: recordError }, "webhook_delivery.outcome_not_recorded"),
  );
  // The delivery is kept (as failed): the answer names it.
  return { ...errorAnswerOf(error, deliveryId), deliveryId };
}

function errorAnswerOf(error: unknown, deliveryId?: string): { status: number; body: unknown } {
  const { status, body } = errorAnswer(error, {
    envelope: { success: false },
    deliveryId,
    unexpectedMessage: "Failed to process delivery",
  });
  return { status, body };
}

async function act(
  pipeline: Pipeline,
  decision: TrackedDecision,
  eventKey: () => string,
  lookup: ItemLookup,
): Promise<ItemResult> {
  const { adapter, log } = pipeline;
  const ref = refOf(decision);
  const { linked } = lookup;
  if (decision.kind === "create" && !linked) {
    const mapping = await lookup.mapping();
    const { issue, created } = await linkOrCreateIssue(pipeline.db, decision.issue, {
      projectId: mapping.projectId,
      actorName: adapter.senderName,
      followUps: followUpsFor({ normalized: decision.issue, mapping }),
    });
    if (created) {
      log.info(
        { issueId: issue.id },
        `${adapter.logPrefix} Created issue ${issue.identifier} from ${adapter.senderName} ${ref.displayId}`,
      );
      const body = adapter.present.created(issue, decision.issue);
      return { outcome: "created", externalId: ref.externalId, issue, body };
    }
    return track(pipeline, decision, issue, eventKey, lookup.mapping);
  }
  if (!linked) {
    if (decision.kind === "create") throw new Error("unreachable: an untracked created item is created above");
    return skipped(
      adapter,
      `Skipped: ${decision.lifecycle.type}, ${adapter.senderName} issue ${ref.displayId} is not tracked`,
      ref.externalId,
    );
  }
  return track(pipeline, decision, linked, eventKey, lookup.mapping);
}

/** The item is already tracked: apply its lifecycle event, if any, and answer as a duplicate or an update. */
async function track(
  pipeline: Pipeline,
  decision: TrackedDecision,
  issue: LinkedIssueRef,
  eventKey: () => string,
  mapping: () => Promise<ResolvedMapping>,
): Promise<ItemResult> {
  const lifecycle = decision.lifecycle;
  if (!lifecycle) {
    // A duplicate found after the store statement (which counts the ones it finds): count it here.
    await countOccurrence(pipeline.db, issue.id);
    return answerTracked(pipeline, decision, issue);
  }
  const ref = refOf(decision);
  const outcome = await applyLifecycleEvent(pipeline.db, {
    source: ref.source,
    externalId: ref.externalId,
    issueId: issue.id,
    event: lifecycle,
    eventKey: eventKey(),
    senderName: pipeline.adapter.senderName,
    mapping: await mapping(),
  });
  return answerTracked(pipeline, decision, issue, outcome);
}

/** The answer for a tracked item: a duplicate, or an update when its lifecycle event (`outcome`) applied. */
function answerTracked(
  pipeline: Pipeline,
  decision: TrackedDecision,
  issue: LinkedIssueRef,
  outcome?: LifecycleOutcome,
): ItemResult {
  const { adapter, log } = pipeline;
  const ref = refOf(decision);
  const lifecycle = decision.lifecycle;
  const lifecycleNote = outcome ? `; ${lifecycle?.type}: ${outcome.result}, ${outcome.summary}` : "";
  log.info(
    { issueId: issue.id },
    `${adapter.logPrefix} ${adapter.senderName} ${ref.displayId} is tracked as ${issue.identifier}${lifecycleNote}`,
  );
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

function skipped(adapter: SourceAdapter, reason: string, externalId: string | undefined): ItemResult {
  return { outcome: "skipped", reason, externalId, body: adapter.present.skipped(reason) };
}

function refOf(decision: TrackedDecision): ExternalRef {
  return decision.kind === "create" ? decision.issue : decision.ref;
}

const mappingOf = (pipeline: Pipeline, ref: ExternalRef) =>
  once(() => resolveMapping(pipeline.db, ref.source, ref.externalProject));

function once<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load());
}

const OUTCOME_RANK: Record<ItemResult["outcome"], number> = { created: 3, updated: 2, deduplicated: 1, skipped: 0 };

/** One delivery row per message: its outcome is the most consequential item's; the reason lists every item when there are several. */
function summarise(results: ItemResult[]): FinishDeliveryInput {
  const main = results.reduce((best, item) => (OUTCOME_RANK[item.outcome] > OUTCOME_RANK[best.outcome] ? item : best));
  const reason =
    results.length === 1
      ? main.reason
      : results
          .map(
            (item) =>
              `${item.externalId ?? "?"}: ${item.outcome}${item.issue ? ` ${item.issue.identifier}` : ""}${item.reason ? ` (${item.reason})` : ""}`,
          )
          .join("; ");
  return { outcome: main.outcome, reason, externalId: main.externalId, issueId: main.issue?.id };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
