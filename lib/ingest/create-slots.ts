// Creates wait their turn here, not in the pool's queue. They serialise on the project's counter row
// anyway, so holding every connection gains them nothing; what it would cost is the statement that
// stores deliveries (record-delivery.ts) queueing behind them, while every new delivery waits on it.
import pLimit, { type LimitFunction } from "p-limit";
import type pg from "pg";

/** Connections the batched store statement (record-delivery.ts) may use at once; creates leave them free. */
export const STORE_AND_LOOK_UP_IN_FLIGHT = 2;

const globalForSlots = globalThis as unknown as { trackerCreateSlots?: WeakMap<pg.Pool, LimitFunction> };
const slotsByPool = (globalForSlots.trackerCreateSlots ??= new WeakMap());

/** Runs `create` once fewer creates are running than the pool has connections beyond the store's. */
export function inCreateSlot<T>(pool: pg.Pool, create: () => Promise<T>): Promise<T> {
  let slots = slotsByPool.get(pool);
  if (!slots) {
    slots = pLimit(Math.max(1, (pool.options.max ?? 10) - STORE_AND_LOOK_UP_IN_FLIGHT));
    slotsByPool.set(pool, slots);
  }
  return slots(create);
}
