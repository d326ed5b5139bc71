// A Sentry issue as the REST API and the integration webhooks both carry it. Lenient where real payloads
// vary (count as string or number, nullable permalink/substatus/priority), strict where we depend on a field.
import { z } from "zod";
import { MAX_ID_LENGTH, tooLongId } from "../../validation";

const text = z.string().nullish();
// Bounded after the union, so that a too-long id is reported as such and not as "Invalid input".
const idLike = z
  .union([z.string(), z.number().int()])
  .transform(String)
  .pipe(z.string().min(1).max(MAX_ID_LENGTH, tooLongId));
const numberLike = z
  .union([z.number(), z.string().regex(/^\d+$/, "must be a whole number")])
  .transform((value) => Number(value))
  .nullish();

export const sentryIssueSchema = z.looseObject({
  id: idLike,
  shortId: z.string().min(1).max(MAX_ID_LENGTH, tooLongId).nullish(),
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
    slug: z.string().min(1, "must not be empty").max(MAX_ID_LENGTH, tooLongId),
    platform: text,
  }),
  metadata: z.looseObject({ type: text, value: text, filename: text, function: text }).nullish(),
});

export type SentryIssue = z.infer<typeof sentryIssueSchema>;
