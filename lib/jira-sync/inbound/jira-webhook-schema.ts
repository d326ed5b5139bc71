// The parts of a Jira webhook we act on; everything else in the (large) payload is ignored.
import { z } from "zod";
import { MAX_ID_LENGTH, tooLongId } from "../../validation";

const statusCategory = z.enum(["new", "indeterminate", "done"]).catch("indeterminate");

export const jiraWebhookSchema = z.object({
  webhookEvent: z.string().min(1),
  /** Milliseconds since the epoch: within what a Date holds, so that it can be shown in a reason. */
  timestamp: z.number().min(0).max(8.64e15, "must be a time in milliseconds").optional(),
  issue_event_type_name: z.string().nullish(),
  issue: z
    .object({
      id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(MAX_ID_LENGTH, tooLongId)),
      key: z.string().min(1).max(MAX_ID_LENGTH, tooLongId),
      fields: z
        .object({
          status: z
            .object({ name: z.string(), statusCategory: z.object({ key: statusCategory }).optional() })
            .nullish(),
          resolution: z.object({ name: z.string() }).nullish(),
        })
        .optional(),
    })
    .optional(),
  changelog: z
    .object({ items: z.array(z.object({ field: z.string(), toString: z.string().nullish() }).loose()).default([]) })
    .nullish(),
});

export type JiraWebhook = z.infer<typeof jiraWebhookSchema>;
