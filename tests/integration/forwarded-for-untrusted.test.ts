// Without TRUST_PROXY the server replaces a client's X-Forwarded-For with its connection's address, so a
// client cannot give each refused request a bucket of its own and slip past the limit.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { postSentry } from "../support/sentry";

const LIMIT = 5;
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp("forwarded_for_untrusted", {
    WORKER_IN_WEB: "false",
    REJECTED_REQUESTS_PER_MINUTE: String(LIMIT),
  });
});

afterAll(async () => {
  await app?.stop();
});

it("a spoofed X-Forwarded-For on every request still shares the connection's limit", async () => {
  const spoofed = (n: number) => ({ signature: "0".repeat(64), headers: { "x-forwarded-for": `198.51.100.${n}` } });
  for (let n = 0; n < LIMIT; n += 1) expect((await postSentry(app.url, "{}", spoofed(n))).status).toBe(401);
  expect((await postSentry(app.url, "{}", spoofed(LIMIT))).status).toBe(429);
  const addresses = await app.db.webhookRejection.findMany({
    select: { clientAddress: true },
    distinct: ["clientAddress"],
  });
  expect(addresses.map((row) => row.clientAddress)).toEqual(["127.0.0.1"]);
});
