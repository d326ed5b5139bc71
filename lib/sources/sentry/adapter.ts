// Sentry integration-platform webhooks as a source of the ingestion pipeline.
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { formatZodError, MAX_ID_LENGTH } from "../../validation";
import { issueField, ticketField } from "../present";
import type { SourceAdapter } from "../types";
import { decideSentryEvent } from "./event-table";
import { regressionEvent, stateEvent } from "./lifecycle";
import { normalizeSentryIssue } from "./normalize";
import { sentryEnvelopeSchema, sentryIssueDataSchema } from "./schema";
import { verifySentrySignature } from "./verify-signature";

/**
 * The Sentry issue a delivery concerns. Recorded on skipped deliveries too: an `event_alert`/`error`
 * delivery carries the stack frames that correlation later reads for that issue.
 */
function sentryIssueIdOf(resource: string, data: Record<string, unknown>): string | undefined {
  const carrier =
    resource === "issue"
      ? data.issue
      : resource === "event_alert"
        ? data.event
        : resource === "error"
          ? data.error
          : undefined;
  const id = (carrier as { id?: unknown; issue_id?: unknown } | undefined)?.[resource === "issue" ? "id" : "issue_id"];
  const text = typeof id === "string" || typeof id === "number" ? String(id) : undefined;
  return text && text.length <= MAX_ID_LENGTH ? text : undefined;
}

export const sentryAdapter: SourceAdapter = {
  source: "sentry",
  logPrefix: "[Sentry Webhook]",
  senderName: "Sentry",
  keptHeaders: [
    "content-type",
    "content-length",
    "user-agent",
    "request-id",
    "sentry-hook-resource",
    "sentry-hook-timestamp",
    "sentry-hook-signature",
  ],

  verify({ body, headers }) {
    const { SENTRY_CLIENT_SECRET: secret, isProduction } = getEnv();
    if (!secret) {
      if (isProduction) {
        return {
          ok: false,
          error: new AppError("not_configured", "Sentry webhook not configured: set SENTRY_CLIENT_SECRET"),
        };
      }
      return {
        ok: true,
        warning: "SENTRY_CLIENT_SECRET is not set: signature verification skipped (development only)",
      };
    }
    const signature = headers.get("sentry-hook-signature");
    if (!signature) return { ok: false, error: new AppError("unauthorized", "Missing Sentry-Hook-Signature header") };
    if (!verifySentrySignature(body, signature, secret)) {
      return { ok: false, error: new AppError("unauthorized", "Invalid signature") };
    }
    return { ok: true };
  },

  interpret(payload, headers, log) {
    const resource = headers.get("sentry-hook-resource");
    if (!resource) throw new AppError("bad_request", "Missing Sentry-Hook-Resource header");
    const envelope = sentryEnvelopeSchema.safeParse(payload);
    if (!envelope.success) throw new AppError("bad_request", `Invalid payload: ${formatZodError(envelope.error)}`);
    const { action, data } = envelope.data;
    const rawIssue = (data.issue ?? {}) as { substatus?: unknown; shortId?: unknown; id?: unknown };
    const substatus = typeof rawIssue.substatus === "string" ? rawIssue.substatus : undefined;
    log.info(
      `[Sentry Webhook] Received: resource=${resource}, action=${action}, substatus=${substatus}, issue=${String(rawIssue.shortId)}`,
    );

    const decision = decideSentryEvent(resource, action, substatus);
    if (decision.kind === "skip") {
      log.info(`[Sentry Webhook] Skipping: action=${action}, substatus=${substatus}`);
      return { kind: "skip", reason: decision.reason, externalId: sentryIssueIdOf(resource, data) };
    }
    const parsed = sentryIssueDataSchema.safeParse(data);
    if (!parsed.success)
      throw new AppError("bad_request", `Invalid payload: ${formatZodError(parsed.error, ["data"])}`);
    const normalized = normalizeSentryIssue(parsed.data.issue);
    if (decision.kind === "update") {
      const { source, externalId, externalProject, displayId } = normalized;
      return {
        kind: "update",
        ref: { source, externalId, externalProject, displayId },
        lifecycle: stateEvent(decision.lifecycle, data, headers),
      };
    }
    const lifecycle = decision.lifecycle && regressionEvent(decision.lifecycle, parsed.data.issue, headers);
    return { kind: "create", issue: normalized, lifecycle };
  },

  present: {
    created: (issue, normalized) => ({
      success: true,
      issue: issueField(issue),
      sentry: { id: normalized.externalId, shortId: normalized.displayId },
    }),
    deduplicated: (issue, normalized) => ({
      success: true,
      deduplicated: true,
      issue: issueField(issue),
      sentry: { id: normalized.externalId, shortId: normalized.displayId },
      ...ticketField(issue),
      message: `Issue already tracked as ${issue.identifier}`,
    }),
    updated: (issue, ref, summary) => ({
      success: true,
      issue: issueField(issue),
      sentry: { id: ref.externalId, shortId: ref.displayId },
      ...ticketField(issue),
      message: summary,
    }),
    skipped: (reason) => ({ success: true, message: reason }),
  },
};
