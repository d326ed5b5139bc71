// An unexpected failure while a Jira delivery is applied (here the database refuses the ticket's update,
// as an outage or a bug would) is a JSON 500 naming the delivery, which is kept as `failed` so that
// Jira's retry, or an operator, can run it again: never Next's HTML error page.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyFromEnvValue, SecretBox } from "@/lib/crypto/secret-box";
import { recordTicket } from "@/lib/jira-sync/record-ticket";
import { startTestApp, type TestApp } from "../support/app";
import { createQueuedIssue } from "../support/jira-sync";
import { jiraStatusChange, postJiraWebhook } from "../support/jira-webhook";

const SECRETS_KEY = randomBytes(32).toString("hex");
const WEBHOOK_SECRET = "jira-webhook-secret";
const SITE = "http://jira.unexpected.test";
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp("jira_webhook_unexpected", { SECRETS_KEY, WORKER_IN_WEB: "false" });
  const box = new SecretBox(keyFromEnvValue(SECRETS_KEY));
  const project = await app.db.project.create({ data: { key: "UNEX", name: "Unexpected" } });
  const connection = await app.db.jiraConnection.create({
    data: {
      name: "site",
      baseUrl: SITE,
      email: "bot@acme.test",
      tokenEncrypted: box.seal("t"),
      webhookSecretEncrypted: box.seal(WEBHOOK_SECRET),
    },
  });
  const mapping = await app.db.sourceMapping.create({
    data: {
      source: "sentry",
      externalProject: "unex-app",
      projectId: project.id,
      jiraConnectionId: connection.id,
      jiraProjectKey: "OPS",
    },
  });
  const issue = await createQueuedIssue(
    app.db,
    { projectId: project.id, connectionId: connection.id, mappingId: mapping.id },
    "Ticket that cannot be updated",
  );
  const ticket = await app.db.jiraTicket.findUniqueOrThrow({ where: { issueId: issue.id } });
  await recordTicket(
    app.db,
    ticket,
    { id: "31337", key: "OPS-1", url: `${SITE}/browse/OPS-1` },
    { recovered: false, category: "new", resolution: null },
  );
  // From here on, PostgreSQL refuses every update of a ticket row.
  await app.db.$executeRawUnsafe(
    `CREATE FUNCTION refuse_ticket_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'ticket updates refused by the test'; END $$`,
  );
  await app.db.$executeRawUnsafe(
    `CREATE TRIGGER refuse_ticket_update BEFORE UPDATE ON jira_ticket FOR EACH ROW EXECUTE FUNCTION refuse_ticket_update()`,
  );
});

afterAll(async () => {
  await app?.stop();
});

describe("POST /api/jira/webhook when applying the change fails unexpectedly", () => {
  it("answers a JSON 500 naming the delivery, kept as failed with the reason", async () => {
    const body = jiraStatusChange("OPS-1", { name: "Done", category: "done", resolution: "Done" }, "31337");
    delete (body as { timestamp?: number }).timestamp;
    const response = await postJiraWebhook(app.url, body, { secret: WEBHOOK_SECRET });
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const answer = (await response.json()) as { success: boolean; error: string; deliveryId: string };
    expect(answer).toEqual({ success: false, error: "Failed to process delivery", deliveryId: expect.any(String) });
    expect(JSON.stringify(answer)).not.toContain("refused by the test"); // the cause stays in the logs and the row

    const delivery = await app.db.webhookDelivery.findUniqueOrThrow({ where: { id: answer.deliveryId } });
    expect(delivery).toMatchObject({ source: "jira", outcome: "failed" });
    expect(delivery.reason).toContain("ticket updates refused by the test");
    expect(delivery.rawBody).toContain("OPS-1");
  });
});
