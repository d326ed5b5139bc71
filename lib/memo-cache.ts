// The process's one in-memory cache: a size cap (least recently used out first) and an optional time
// to live. Enough for GitHub answers, Jira project metadata and label ids; nothing here must survive a
// restart, and a lost entry only costs a lookup.
export interface MemoCache<T> {
  /** `at`: the time to judge expiry by (tests pass it; the clock otherwise). */
  get(key: string, at?: number): T | undefined;
  set(key: string, value: T, at?: number): void;
  clear(): void;
}

export interface MemoCacheOptions {
  maxEntries: number;
  /** An entry this old is gone (0: never served again, so only in-flight sharing is left). */
  ttlMs?: number;
  now?: () => number;
}

export function createMemoCache<T>(options: MemoCacheOptions): MemoCache<T> {
  const entries = new Map<string, { value: T; storedAt: number }>();
  const now = options.now ?? Date.now;
  return {
    get(key, at = now()) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      // Re-insert so the Map's insertion order doubles as least-recently-used order.
      entries.delete(key);
      if (options.ttlMs !== undefined && at - entry.storedAt >= options.ttlMs) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value, at = now()) {
      entries.delete(key);
      entries.set(key, { value, storedAt: at });
      while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
    },
    clear() {
      entries.clear();
    },
  };
}
