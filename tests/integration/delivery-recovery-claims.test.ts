// deliveries.recover claims the deliveries it runs again (issue 11): two recoveries at once, as two
// workers would run them, never resume the same delivery twice, and between them resume every one.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db, poolOf } from "@/lib/db";
import { recoverStaleDeliveries } from "@/lib/ingest/recover-deliveries";
import { logger } from "@/lib/logger";
import type { SourceAdapter } from "@/lib/sources/types";
import { createTestDatabase, type TestDatabase } from "../support/database";

const fake: SourceAdapter = {
  source: "fake",
  logPrefix: "[Fake]",
  senderName: "Fake",
  keptHeaders: [],
  verify: () => ({ ok: true }),
  interpret(payload) {
    const { item } = payload as { item: string };
    return {
      kind: "create",
      issue: {
        source: "fake",
        externalProject: "app",
        displayId: item,
        externalId: item,
        externalUrl: null,
        title: `Error ${item}`,
        description: "",
        priority: "P3",
        labels: [],
        metadata: {},
      },
    };
  },
  present: {
    created: (issue) => ({ created: issue.identifier }),
    deduplicated: (issue) => ({ deduplicated: issue.identifier }),
    updated: (issue) => ({ updated: issue.identifier }),
    skipped: (reason) => ({ skipped: reason }),
  },
};

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase("delivery_recovery_claims");
  db = createDb(database.url, 6);
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

/** Deliveries stored as received five minutes ago, as a process killed mid-request leaves them. */
async function storeInterrupted(count: number, items: (index: number) => string): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  for (const [index, id] of ids.entries()) {
    await poolOf(db).query(
      `INSERT INTO webhook_delivery (id, source, headers, raw_body, outcome, received_at) VALUES ($1, 'fake', '{}'::jsonb, $2, 'received', now() - interval '5 minutes')`,
      [id, JSON.stringify({ item: items(index) })],
    );
  }
  return ids;
}

describe("two delivery recoveries racing", () => {
  it("resume each interrupted delivery exactly once between them", async () => {
    const DELIVERIES = 30;
    const ids = await storeInterrupted(DELIVERIES, (index) => `race-${index}`);
    const resumedBy: string[][] = [[], []];
    const run = (runner: 0 | 1) =>
      recoverStaleDeliveries(db, {
        olderThanSeconds: 60,
        log: logger,
        // A little time per delivery, so that the two runs overlap for their whole length.
        adapterFor: async (delivery) => {
          resumedBy[runner]!.push(delivery.id);
          await new Promise((resolve) => setTimeout(resolve, 5));
          return fake;
        },
      });
    const results = await Promise.all([run(0), run(1)]);

    const all = resumedBy.flat();
    expect(new Set(all).size, "a delivery was resumed twice").toBe(all.length);
    expect(all.sort()).toEqual([...ids].sort());
    expect(results.reduce((sum, result) => sum + result.resumed, 0)).toBe(DELIVERIES);
    expect(results.every((result) => result.errors === 0)).toBe(true);
    expect(await db.webhookDelivery.count({ where: { id: { in: ids }, outcome: "created" } })).toBe(DELIVERIES);
    expect(await db.issue.count({ where: { source: "fake" } })).toBe(DELIVERIES);
  });

  it("takes a delivery again once its claim is older than claimSeconds (the claiming recovery died)", async () => {
    const [id] = await storeInterrupted(1, () => "orphaned-claim");
    await poolOf(db).query(`UPDATE webhook_delivery SET resumed_at = now() - interval '20 minutes' WHERE id = $1`, [
      id,
    ]);
    const fresh = await storeInterrupted(1, () => "fresh-claim");
    await poolOf(db).query(`UPDATE webhook_delivery SET resumed_at = now() WHERE id = $1`, [fresh[0]]);
    const seen: string[] = [];
    await recoverStaleDeliveries(db, {
      olderThanSeconds: 60,
      log: logger,
      claimSeconds: 600,
      adapterFor: async (delivery) => {
        seen.push(delivery.id);
        return fake;
      },
    });
    expect(seen).toEqual([id]);
  });
});
