// Drives lib/jira-sync directly against a real PostgreSQL and the fake Jira, with a clock the test moves.
import { randomUUID } from "node:crypto";
import type { Db } from "../../lib/db";
import type { Priority } from "../../lib/generated/prisma/enums";
import { linkOrCreateIssue } from "../../lib/ingest/link-or-create-issue";
import { createJiraClient } from "../../lib/integrations/jira/client";
import type { JiraSyncDeps } from "../../lib/jira-sync/jira-sync-deps";
import { jiraTargetOf } from "../../lib/jira-sync/jira-target";
import { queueJiraTicket } from "../../lib/jira-sync/queue-ticket";
import { logger } from "../../lib/logger";
import { FAKE_JIRA_DEFAULTS, type FakeJira } from "./fake-jira";

export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

export function testClock(start = new Date("2026-11-23T10:00:00Z")): TestClock {
  let current = start.getTime();
  return { now: () => new Date(current), advance: (ms) => (current += ms) };
}

/** The real client for the fake site; the stored token column is irrelevant here (no secret box needed). */
export function syncDeps(db: Db, jira: FakeJira, clock: TestClock, timeoutMs = 2_000): JiraSyncDeps {
  return {
    db,
    now: clock.now,
    log: logger,
    appUrl: "http://tracker.test",
    clientFor: (connection) =>
      createJiraClient({
        flavor: connection.flavor,
        baseUrl: jira.url,
        email: FAKE_JIRA_DEFAULTS.email,
        token: connection.flavor === "cloud" ? FAKE_JIRA_DEFAULTS.apiToken : FAKE_JIRA_DEFAULTS.pat,
        timeoutMs,
      }),
  };
}

export interface JiraSetup {
  projectId: string;
  connectionId: string;
  mappingId: string;
}

export async function setUpJiraMapping(
  db: Db,
  jira: FakeJira,
  options: { ticketsPerHour?: number; components?: string[]; flavor?: "cloud" | "datacenter" } = {},
): Promise<JiraSetup> {
  const key = `J${randomUUID().replace(/\D/g, "").slice(0, 6)}`;
  const project = await db.project.create({ data: { key, name: `Jira ${key}` } });
  const connection = await db.jiraConnection.create({
    data: {
      name: `site-${key}`,
      flavor: options.flavor ?? "cloud",
      baseUrl: jira.url,
      email: FAKE_JIRA_DEFAULTS.email,
      tokenEncrypted: "unused-in-lib-tests",
    },
  });
  const mapping = await db.sourceMapping.create({
    data: {
      source: "sentry",
      externalProject: `proj-${key.toLowerCase()}`,
      projectId: project.id,
      jiraConnectionId: connection.id,
      jiraProjectKey: "OPS",
      jiraLabels: ["from-tracker"],
      jiraComponents: options.components ?? ["Backend"],
      jiraPriorities: { P1: "Highest", P3: "Medium" },
      jiraTicketsPerHour: options.ticketsPerHour ?? 10,
    },
  });
  return { projectId: project.id, connectionId: connection.id, mappingId: mapping.id };
}

/** An issue queued for a ticket, as the ingestion pipeline leaves it (created by the pipeline's own statement). */
export async function createQueuedIssue(
  db: Db,
  setup: JiraSetup,
  title: string,
  priority: Priority = "P1",
): Promise<{ id: string; identifier: string }> {
  const mapping = await db.sourceMapping.findUniqueOrThrow({ where: { id: setup.mappingId } });
  const externalId = randomUUID();
  const { issue } = await linkOrCreateIssue(
    db,
    {
      source: "test",
      externalId,
      externalProject: mapping.externalProject,
      displayId: externalId,
      externalUrl: null,
      title,
      description: `## Error\n\n**Type:** TypeError\n\n${title}`,
      priority,
      labels: [],
      metadata: {},
    },
    {
      projectId: setup.projectId,
      actorName: "Test",
      followUps: [
        (tx, created) =>
          queueJiraTicket(tx, {
            issueId: created.id,
            mappingId: mapping.id,
            priority,
            target: jiraTargetOf(mapping)!,
          }),
      ],
    },
  );
  return { id: issue.id, identifier: issue.identifier };
}
