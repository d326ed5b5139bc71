// github.correlate: rank the commits that may have caused a new error and put the seed's
// "Suspected Cause" section into the issue. GitHub trouble retries later; a permanent failure says
// "Correlation unavailable: <reason>" in the issue instead of leaving nothing.
import { correlateIssue } from "../../correlation/correlate-issue";
import { extractFrames, type StackFrame } from "../../correlation/extract-frames";
import { findDeliveredFrames } from "../../correlation/find-delivered-frames";
import { formatSuspectedCause } from "../../correlation/format-suspected-cause";
import { replaceDescriptionSection } from "../../correlation/replace-description-section";
import { getSecretBox } from "../../crypto/secret-box";
import { getDb } from "../../db";
import { getEnv } from "../../env";
import { PermanentFailure } from "../../errors";
import { getGitHubClient } from "../../integrations/github/get-github-client";
import { fetchLatestEvent } from "../../integrations/sentry/fetch-latest-event";
import { fetchGlitchTipIssueEvent } from "../../sources/glitchtip/fetch-issue-event";
import { isGlitchTipUptimeId } from "../../sources/glitchtip/parse-link";
import { type CorrelateJobData, correlateJobSchema } from "../correlate-job-data";
import type { JobHandler } from "../run-worker";

const HEADING = "Suspected Cause";

export const correlateIssueJob: JobHandler = async (raw, { log }) => {
  const parsed = correlateJobSchema.safeParse(raw);
  if (!parsed.success) throw new PermanentFailure(`malformed job data: ${parsed.error.message}`);
  const data = parsed.data;
  const db = getDb();
  const issue = await db.issue.findUnique({ where: { id: data.issueId }, select: { id: true } });
  if (!issue) return; // deleted meanwhile: nothing to correlate
  if (data.source === "glitchtip" && isGlitchTipUptimeId(data.externalId)) return; // a monitor that went down has no stack trace

  try {
    const { frames, release, environment } = await loadFrames(data);
    if (frames.length === 0) throw new PermanentFailure("no stack frames to match against commits");
    const env = getEnv();
    const result = await correlateIssue(getGitHubClient(await mappingGitHubToken(data.mappingId)), {
      repo: data.repo,
      firstSeen: data.firstSeen ? new Date(data.firstSeen) : new Date(),
      frames,
      release,
      environment,
      windowHours: env.CORRELATION_WINDOW_HOURS,
      maxCommits: env.CORRELATION_MAX_COMMITS,
      pathPrefix: data.pathPrefix ?? undefined,
    });
    const section =
      formatSuspectedCause(result) ||
      `## ${HEADING}\n\nNo commits in the ${env.CORRELATION_WINDOW_HOURS} h before the error touched its stack trace.`;
    await writeSection(data.issueId, section, {
      action: "correlated",
      data: {
        githubRequests: result.githubRequests,
        commitsExamined: result.commits.length,
        suspects: result.suspects.slice(0, 3).map((suspect) => ({ sha: suspect.sha, score: suspect.score })),
      },
    });
    log.info({ githubRequests: result.githubRequests, suspects: result.suspects.length }, "correlation.done");
  } catch (error) {
    // GitHub's, Sentry's or our own: a permanent failure is said in the issue, the rest goes to the runner.
    if (error instanceof PermanentFailure)
      await writeSection(data.issueId, `## ${HEADING}\n\n_Correlation unavailable: ${error.message}_`);
    throw error;
  }
};

async function mappingGitHubToken(mappingId: string | null | undefined): Promise<string | null> {
  if (!mappingId) return null;
  const mapping = await getDb().sourceMapping.findUnique({
    where: { id: mappingId },
    select: { githubTokenEncrypted: true },
  });
  if (!mapping?.githubTokenEncrypted) return null;
  try {
    return getSecretBox().open(mapping.githubTokenEncrypted);
  } catch (error) {
    throw new PermanentFailure(
      `the mapping's GitHub token cannot be decrypted (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** Frames, best source first: an inline event we received, Sentry's or GlitchTip's latest-event API, the webhook's crash location. */
async function loadFrames(
  data: CorrelateJobData,
): Promise<{ frames: StackFrame[]; release?: string; environment?: string }> {
  const env = getEnv();
  const delivered = await findDeliveredFrames(getDb(), data.source, data.externalId);
  if (delivered) return delivered;
  if (data.source === "sentry" && env.SENTRY_AUTH_TOKEN && env.SENTRY_ORG) {
    const event = await fetchLatestEvent(
      { apiUrl: env.SENTRY_API_URL, org: env.SENTRY_ORG, token: env.SENTRY_AUTH_TOKEN },
      data.externalId,
    );
    if (event) {
      const extracted = extractFrames(event);
      if (extracted.frames.length > 0) return extracted;
    }
  }
  if (data.source === "glitchtip") {
    const event = await fetchGlitchTipIssueEvent(getDb(), data.externalId);
    if (event) {
      const extracted = extractFrames(event);
      if (extracted.frames.length > 0) return extracted;
    }
  }
  // Without the Sentry API, the webhook's crash location (file and function, no line) is the one frame.
  const location = data.crashLocation;
  return {
    frames: location?.filename
      ? [{ filename: location.filename, function: location.function ?? undefined, inApp: true }]
      : [],
  };
}

async function writeSection(
  issueId: string,
  section: string,
  activity?: { action: string; data: object },
): Promise<void> {
  const db = getDb();
  await db.$transaction(async (tx) => {
    // Row lock: a concurrent edit of the description must not be lost to this read-modify-write.
    const [current] = await tx.$queryRaw<
      { description: string }[]
    >`SELECT "description" FROM "issue" WHERE "id" = ${issueId} FOR UPDATE`;
    if (!current) return;
    await tx.issue.update({
      where: { id: issueId },
      data: { description: replaceDescriptionSection(current.description, HEADING, section) },
      select: { id: true },
    });
    if (activity)
      await tx.activity.create({
        data: { issueId, actorName: "GitHub", action: activity.action, data: activity.data },
      });
  });
}
