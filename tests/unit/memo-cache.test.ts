// The one in-memory cache: least recently used out first, entries gone once as old as their time to live.
import { expect, it } from "vitest";
import { createMemoCache } from "@/lib/memo-cache";

it("evicts the least recently used entry past its size cap", () => {
  const cache = createMemoCache<number>({ maxEntries: 2 });
  cache.set("a", 1);
  cache.set("b", 2);
  expect(cache.get("a")).toBe(1); // "b" is now the least recently used
  cache.set("c", 3);
  expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([1, undefined, 3]);
});

it("serves an entry until it is as old as its time to live; a time to live of 0 never serves", () => {
  const cache = createMemoCache<string>({ maxEntries: 10, ttlMs: 100 });
  cache.set("k", "v", 1_000);
  expect(cache.get("k", 1_099)).toBe("v");
  expect(cache.get("k", 1_100)).toBeUndefined();
  expect(cache.get("k", 1_000)).toBeUndefined(); // an expired entry is dropped, not kept for an earlier clock
  const never = createMemoCache<string>({ maxEntries: 10, ttlMs: 0 });
  never.set("k", "v");
  expect(never.get("k")).toBeUndefined();
});

it("forgets everything on clear", () => {
  const cache = createMemoCache<number>({ maxEntries: 10 });
  cache.set("a", 1);
  cache.clear();
  expect(cache.get("a")).toBeUndefined();
});
