// PostgreSQL text and jsonb reject U+0000; untrusted input may carry it, so it is replaced before storage.
export function stripNul(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "\uFFFD") : text;
}

export function stripNulDeep<T>(value: T): T {
  if (typeof value === "string") return stripNul(value) as T;
  if (Array.isArray(value)) return value.map(stripNulDeep) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [stripNul(key), stripNulDeep(inner)]),
    ) as T;
  }
  return value;
}

// Dates, Buffers and class instances pass through untouched; only JSON-like objects are rebuilt.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
