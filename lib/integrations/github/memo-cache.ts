// A small in-memory cache with a size cap (oldest entry out first) and an optional time to live.
// Enough for one process's GitHub answers; nothing here must survive a restart.
export interface MemoCache<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
}

export function createMemoCache<T>(options: { maxEntries: number; ttlMs?: number; now?: () => number }): MemoCache<T> {
  const entries = new Map<string, { value: T; at: number }>();
  const now = options.now ?? Date.now;
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (options.ttlMs !== undefined && now() - entry.at > options.ttlMs) {
        entries.delete(key);
        return undefined;
      }
      // Re-insert so the Map's insertion order doubles as least-recently-used order.
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, { value, at: now() });
      while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
    },
  };
}
