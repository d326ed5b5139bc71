// Which Sentry projects the reconciliation polls: those named in Sentry source mappings, by numeric
// id (the issues list filters on ids; mappings name slugs). Without any project-specific mapping
// (none at all, or only the "*" fallback) every issue goes to a project of ours: poll the whole org.
import type { Db } from "../../db";
import type { SentryApiConfig } from "../../integrations/sentry/fetch-latest-event";
import { listSentryProjects } from "../../integrations/sentry/list-sentry-projects";
import type { Logger } from "../../logger";
import { FALLBACK_EXTERNAL_PROJECT } from "../fallback-project";

export async function resolvePolledProjects(db: Db, config: SentryApiConfig, log: Logger): Promise<string[] | "all"> {
  const mappings = await db.sourceMapping.findMany({
    where: { source: "sentry", externalProject: { not: FALLBACK_EXTERNAL_PROJECT } },
    select: { externalProject: true },
  });
  if (mappings.length === 0) return "all";
  const idBySlug = new Map((await listSentryProjects(config)).map((project) => [project.slug, project.id]));
  const unknown = mappings.map((m) => m.externalProject).filter((slug) => !idBySlug.has(slug));
  if (unknown.length > 0) log.warn({ slugs: unknown }, "sentry.reconcile.unknown_projects");
  return mappings.flatMap((m) => idBySlug.get(m.externalProject) ?? []);
}
