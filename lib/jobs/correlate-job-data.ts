// What a github.correlate job carries: written by the ingestion pipeline as it creates the issue, read
// by the handler (handlers/correlate-issue-job.ts).
import { z } from "zod";

export const correlateJobSchema = z.object({
  issueId: z.string(),
  source: z.string(),
  externalId: z.string(),
  repo: z.string(),
  /** Whose GitHub token to use when the mapping has its own (never the token itself: job data is not secret). */
  mappingId: z.string().nullish(),
  pathPrefix: z.string().nullish(),
  firstSeen: z.string().nullish(),
  crashLocation: z.object({ filename: z.string().nullish(), function: z.string().nullish() }).nullish(),
});

export type CorrelateJobData = z.infer<typeof correlateJobSchema>;
