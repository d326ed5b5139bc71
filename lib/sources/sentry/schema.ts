// zod schemas for Sentry integration-platform webhooks. Lenient where real payloads vary
// (count as string or number, nullable permalink/substatus/priority), strict where we depend on a field.
import { z } from "zod";

const text = z.string().nullish();
const idLike = z.union([z.string().min(1), z.number().int()]).transform(String);
const numberLike = z
  .union([z.number(), z.string().regex(/^\d+$/, "must be a whole number")])
  .transform((value) => Number(value))
  .nullish();

export const sentryEnvelopeSchema = z.looseObject({
  action: z.string().min(1, "must not be empty"),
  data: z.record(z.string(), z.unknown()),
  installation: z.looseObject({ uuid: z.string() }).nullish(),
});

export const sentryIssueSchema = z.looseObject({
  id: idLike,
  shortId: z.string().min(1).nullish(),
  title: z.string().min(1, "must not be empty"),
  culprit: text,
  permalink: text,
  web_url: text,
  level: text,
  status: text,
  substatus: text,
  priority: text,
  platform: text,
  isUnhandled: z.boolean().nullish(),
  count: numberLike,
  userCount: numberLike,
  firstSeen: text,
  lastSeen: text,
  project: z.looseObject({
    id: idLike.nullish(),
    name: text,
    slug: z.string().min(1, "must not be empty"),
    platform: text,
  }),
  metadata: z
    .looseObject({ type: text, value: text, filename: text, function: text })
    .nullish(),
});

export const sentryIssueDataSchema = z.looseObject({ issue: sentryIssueSchema });

export type SentryEnvelope = z.infer<typeof sentryEnvelopeSchema>;
export type SentryIssue = z.infer<typeof sentryIssueSchema>;
