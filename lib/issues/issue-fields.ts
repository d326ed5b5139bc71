// The fields a person edits on an issue, as one zod vocabulary shared by the forms, the server actions
// and the domain functions, so the browser and the server can never disagree about what is valid.
import { z } from "zod";
import { IssueStatus, Priority } from "../generated/prisma/enums";
import { storableText } from "../text/storable";

export const TITLE_MAX = 300;
export const DESCRIPTION_MAX = 100_000;

export const titleSchema = z
  .string()
  .transform((title) => storableText(title).replace(/\s+/g, " ").trim())
  .pipe(z.string().min(1, "Give the issue a title").max(TITLE_MAX, `Titles are limited to ${TITLE_MAX} characters`));

export const descriptionSchema = z
  .string()
  .transform((text) => storableText(text).trimEnd())
  .pipe(
    z.string().max(DESCRIPTION_MAX, `Descriptions are limited to ${DESCRIPTION_MAX.toLocaleString("en")} characters`),
  );

const statusSchema = z.enum(IssueStatus);
const prioritySchema = z.enum(Priority);
const ids = z.array(z.uuid()).max(100, "At most 100 labels at once");

/** The fields triage changes, on one issue or many. */
const triageFields = {
  status: statusSchema.optional(),
  priority: prioritySchema.optional(),
  /** null unassigns. */
  assigneeId: z.uuid().nullable().optional(),
  addLabelIds: ids.optional(),
  removeLabelIds: ids.optional(),
};
const changesSomething = (patch: object) => Object.values(patch).some((value) => value !== undefined);

/** A change to one or more fields; absent fields are left as they are (field-level updates). */
export const issuePatchSchema = z
  .object({ ...triageFields, title: titleSchema.optional(), description: descriptionSchema.optional() })
  .strict()
  .refine(changesSomething, "Nothing to change");

export type IssuePatch = z.output<typeof issuePatchSchema>;
export type IssuePatchInput = z.input<typeof issuePatchSchema>;

/** What a bulk change may set: the triage fields, never a title or description. */
export const bulkPatchSchema = z.object(triageFields).strict().refine(changesSomething, "Nothing to change");

export type BulkPatch = z.output<typeof bulkPatchSchema>;

const labelColorSchema = z
  .string()
  .regex(/^#[0-9a-f]{6}$/i, "Pick a colour like #6366f1")
  .transform((color) => color.toLowerCase());

export const createLabelSchema = z.object({
  name: z
    .string()
    .transform((name) => storableText(name).replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1, "Name the label").max(50, "Label names are limited to 50 characters")),
  color: labelColorSchema,
});

export const createIssueSchema = z.object({
  projectKey: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z0-9]{1,9}$/, "Pick a project"),
  title: titleSchema,
  description: descriptionSchema.default(""),
  status: statusSchema.default("triage"),
  priority: prioritySchema.default("P3"),
  assigneeId: z.uuid().nullable().default(null),
  labelIds: ids.default([]),
  /** Open a Jira ticket when the project has a Jira mapping. */
  openJiraTicket: z.boolean().default(true),
});

export type CreateIssueInput = z.input<typeof createIssueSchema>;
