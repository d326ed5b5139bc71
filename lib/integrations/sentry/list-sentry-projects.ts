// The organization's projects (`GET /api/0/organizations/{org}/projects/`), to turn the project slugs
// of our source mappings into the numeric ids the issues list filters on.
import { z } from "zod";
import type { SentryApiConfig } from "./fetch-latest-event";
import { getSentryPage } from "./get-sentry-page";

export interface SentryProject {
  id: string;
  slug: string;
}

const MAX_PAGES = 20;

const projectSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number().int()]).transform(String),
  slug: z.string().min(1),
});

export async function listSentryProjects(config: SentryApiConfig): Promise<SentryProject[]> {
  const projects: SentryProject[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await getSentryPage(config, "projects/", new URLSearchParams(cursor ? { cursor } : {}));
    if (!Array.isArray(answer.body)) throw new Error("Sentry projects list is not an array");
    for (const item of answer.body) {
      const parsed = projectSchema.safeParse(item);
      // A project without id or slug cannot be matched to a mapping: leave it out.
      if (parsed.success) projects.push({ id: parsed.data.id, slug: parsed.data.slug });
    }
    if (!answer.nextCursor || answer.nextCursor === cursor) break;
    cursor = answer.nextCursor;
  }
  return projects;
}
