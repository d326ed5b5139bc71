// Creates leave the store statement's connections free: at most (pool size - store's share) run at once.
import type pg from "pg";
import { expect, it } from "vitest";
import { inCreateSlot, STORE_AND_LOOK_UP_IN_FLIGHT } from "@/lib/ingest/create-slots";

async function peakConcurrency(pool: pg.Pool, creates: number): Promise<number> {
  let running = 0;
  let peak = 0;
  await Promise.all(
    Array.from({ length: creates }, () =>
      inCreateSlot(pool, async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
      }),
    ),
  );
  return peak;
}

it("runs at most the pool's connections beyond the store's at once, and at least one", async () => {
  expect(STORE_AND_LOOK_UP_IN_FLIGHT).toBe(2);
  expect(await peakConcurrency({ options: { max: 10 } } as pg.Pool, 30)).toBe(8);
  expect(await peakConcurrency({ options: { max: 1 } } as pg.Pool, 5)).toBe(1);
});
