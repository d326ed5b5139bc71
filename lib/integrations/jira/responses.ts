// The parts of Jira's answers the client reads, the same in v2 and v3. Anything else is ignored, so
// extra fields never break us; a missing one is a permanent error naming the field.
import { z } from "zod";
import { JiraError } from "./errors";

const statusCategory = z.looseObject({ key: z.string() });
const status = z.looseObject({ name: z.string(), statusCategory });

export const issueResponse = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.looseObject({
    status,
    resolution: z.looseObject({ name: z.string() }).nullish(),
    labels: z.array(z.string()).nullish(),
  }),
});
export type JiraIssue = z.infer<typeof issueResponse>;

export const searchJqlResponse = z.looseObject({
  issues: z.array(issueResponse),
  isLast: z.boolean().optional(),
  nextPageToken: z.string().nullish(),
});

export const searchV2Response = z.looseObject({
  issues: z.array(issueResponse),
  total: z.number(),
});

export const transitionsResponse = z.looseObject({
  transitions: z.array(z.looseObject({ id: z.string(), name: z.string(), to: status })),
});

const named = z.looseObject({ name: z.string() });
export const projectResponse = z.looseObject({
  key: z.string(),
  name: z.string(),
  issueTypes: z.array(named).default([]),
  components: z.array(named).default([]),
});

const projectSummary = z.looseObject({ key: z.string(), name: z.string() });
/** Cloud `GET /rest/api/3/project/search`: one page of projects. */
export const projectSearchResponse = z.looseObject({
  values: z.array(projectSummary),
  isLast: z.boolean().optional(),
  total: z.number().optional(),
});
/** Data Center `GET /rest/api/2/project`: every visible project at once. */
export const projectListResponse = z.array(projectSummary);

/** `GET mypermissions?projectKey=…&permissions=…`: each asked permission with `havePermission`. */
export const myPermissionsResponse = z.looseObject({
  permissions: z.record(z.string(), z.looseObject({ havePermission: z.boolean() })),
});

export function parseResponse<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join(".") : "body";
  throw new JiraError(
    "permanent",
    `Jira ${what} answered an unexpected shape (${where}: ${issue?.message ?? "invalid"})`,
  );
}
