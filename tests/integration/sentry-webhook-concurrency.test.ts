// Races at the dedup and numbering boundaries, against the real server and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { postSentry, sentryIssuePayload } from "../support/sentry";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp("concurrency");
});
afterAll(async () => {
  await app?.stop();
});

async function postAll(bodies: string[]) {
  return Promise.all(
    bodies.map(async (body) => {
      const response = await postSentry(app.url, body);
      return { status: response.status, body: await response.json() };
    }),
  );
}

describe("50 concurrent identical deliveries", () => {
  it("create exactly one issue and one external_issue row; the others are told the winner", async () => {
    const body = JSON.stringify(sentryIssuePayload({ id: "777", slug: "same-app" }));
    const results = await postAll(Array.from({ length: 50 }, () => body));

    expect(results.map((result) => result.status)).toEqual(Array(50).fill(200));
    const created = results.filter((result) => !result.body.deduplicated);
    const duplicates = results.filter((result) => result.body.deduplicated);
    expect(created).toHaveLength(1);
    expect(duplicates).toHaveLength(49);
    const winner = created[0]!.body.issue;
    for (const duplicate of duplicates) {
      expect(duplicate.body).toEqual({
        success: true,
        deduplicated: true,
        issue: winner,
        sentry: { id: "777", shortId: "SAME-APP-777" },
        message: `Issue already tracked as ${winner.identifier}`,
      });
    }

    expect(await app.db.externalIssue.count({ where: { source: "sentry", externalId: "777" } })).toBe(1);
    expect(await app.db.issue.count({ where: { externalIssues: { some: { externalId: "777" } } } })).toBe(1);
    expect(await app.db.issue.count()).toBe(1);
    const outcomes = await app.db.webhookDelivery.groupBy({ by: ["outcome"], _count: true });
    expect(Object.fromEntries(outcomes.map((row) => [row.outcome, row._count]))).toEqual({
      created: 1,
      deduplicated: 49,
    });
  });
});

describe("50 concurrent distinct deliveries into one project", () => {
  it("number issues 1..50 with no gap or repeat", async () => {
    const project = await app.db.project.create({ data: { key: "RACE", name: "Race" } });
    await app.db.sourceMapping.create({
      data: { source: "sentry", externalProject: "race-app", projectId: project.id },
    });

    const bodies = Array.from({ length: 50 }, (_, index) =>
      JSON.stringify(sentryIssuePayload({ id: String(5000 + index), slug: "race-app" })),
    );
    const results = await postAll(bodies);
    expect(results.map((result) => result.status)).toEqual(Array(50).fill(200));
    expect(results.every((result) => result.body.success && !result.body.deduplicated)).toBe(true);

    const identifiers = results.map((result) => result.body.issue.identifier as string);
    const expected = Array.from({ length: 50 }, (_, index) => `RACE-${index + 1}`);
    expect([...identifiers].sort()).toEqual([...expected].sort());

    const rows = await app.db.issue.findMany({
      where: { projectId: project.id },
      select: { number: true },
      orderBy: { number: "asc" },
    });
    expect(rows.map((row) => row.number)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect((await app.db.project.findUniqueOrThrow({ where: { id: project.id } })).issueCounter).toBe(50);
  });

  it("unmapped Sentry projects go to the default project, mapped ones to theirs", async () => {
    const mapped = await postAll([JSON.stringify(sentryIssuePayload({ id: "6000", slug: "race-app" }))]);
    const unmapped = await postAll([JSON.stringify(sentryIssuePayload({ id: "6001", slug: "somewhere-else" }))]);
    expect(mapped[0]!.body.issue.identifier).toBe("RACE-51");
    expect(unmapped[0]!.body.issue.identifier).toBe("CHIPP-2");
  });
});
