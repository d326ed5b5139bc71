// PostgreSQL rejects U+0000 in text and jsonb, and a lone UTF-16 surrogate in jsonb (a JSON body can
// carry both, escaped as "\u0000" or "\ud800"); untrusted input is made storable by replacing them
// with U+FFFD, which is also what the driver does to a lone surrogate in a text parameter.
export function storableText(text: string): string {
  const wellFormed = text.isWellFormed() ? text : text.toWellFormed();
  return wellFormed.includes("\u0000") ? wellFormed.replaceAll("\u0000", "\uFFFD") : wellFormed;
}

export function storableDeep<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storableDeep) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [storableText(key), storableDeep(inner)]),
    ) as T;
  }
  return value;
}

/** Whether a JSON body may hold what storableDeep replaces: only as escapes ("\u0000", "\udXXX"), as raw bytes neither survives UTF-8 decoding. */
export function mayNeedStorable(jsonBody: Buffer): boolean {
  return jsonBody.includes("\\u0000") || jsonBody.includes("\\ud") || jsonBody.includes("\\uD");
}

// Dates, Buffers and class instances pass through untouched; only JSON-like objects are rebuilt.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
