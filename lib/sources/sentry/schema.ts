// zod schemas for Sentry integration-platform webhooks: the envelope, and the issue it carries, which has
// the REST API's shape (lib/integrations/sentry/issue-schema.ts, shared with the reconciliation poll).
import { z } from "zod";
import { sentryIssueSchema } from "../../integrations/sentry/issue-schema";

export { sentryIssueSchema };

export const sentryEnvelopeSchema = z.looseObject({
  action: z.string().min(1, "must not be empty"),
  data: z.record(z.string(), z.unknown()),
  installation: z.looseObject({ uuid: z.string() }).nullish(),
});

export const sentryIssueDataSchema = z.looseObject({ issue: sentryIssueSchema });

export type SentryEnvelope = z.infer<typeof sentryEnvelopeSchema>;
export type { SentryIssue } from "../../integrations/sentry/issue-schema";
