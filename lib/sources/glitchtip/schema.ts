// zod schema of GlitchTip's "webhook" alert recipient body (Slack-style). Lenient where versions differ:
// `text` null or missing, `alias`/`sections` (MS Teams) present or not, `fields` absent or null, colours
// null; strict only where an item depends on it: each attachment's `title` and `title_link`.
import { z } from "zod";

/** A link to a GlitchTip issue or monitor; its host and id become a unique key (external_issue). */
export const MAX_LINK_LENGTH = 2048;

/** GlitchTip sends up to 3 (MAX_ISSUES_PER_ALERT); a server may raise that, so allow more but bound the work. */
export const MAX_ATTACHMENTS = 25;

/** Shown, never depended on: a value of the wrong type is dropped instead of failing the alert. */
const shown = z.string().nullish().catch(undefined);

const fieldSchema = z
  .looseObject({
    title: z.string(),
    value: z.union([z.string(), z.number(), z.boolean()]).transform(String).nullish(),
    short: z.boolean().nullish().catch(undefined),
  })
  .nullable()
  .catch(null);

export const glitchtipAttachmentSchema = z.looseObject({
  title: z.string(),
  /** The item's identity (parse-link.ts): bounded like every id we index. */
  title_link: z
    .string()
    .min(1, "must not be empty")
    .max(MAX_LINK_LENGTH, `must be at most ${MAX_LINK_LENGTH} characters`),
  /** The culprit, or the uptime message ("The monitored site has gone down."). */
  text: shown,
  color: shown,
  fields: z.array(fieldSchema).nullish().catch(undefined),
});

const sectionSchema = z.looseObject({ activityTitle: shown, activitySubtitle: shown }).nullable().catch(null);

export const glitchtipAlertSchema = z.looseObject({
  alias: shown,
  text: shown,
  attachments: z
    .array(glitchtipAttachmentSchema)
    .min(1, "must list at least one alert")
    .max(MAX_ATTACHMENTS, `must list at most ${MAX_ATTACHMENTS} alerts`),
  sections: z.array(sectionSchema).nullish().catch(undefined),
});

export type GlitchTipAlert = z.infer<typeof glitchtipAlertSchema>;
export type GlitchTipAttachment = z.infer<typeof glitchtipAttachmentSchema>;
export type GlitchTipSection = NonNullable<NonNullable<GlitchTipAlert["sections"]>[number]>;
