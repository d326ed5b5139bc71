// Conditional GETs: remember each answer's ETag and send it back as If-None-Match (quotes and W/
// prefix kept as received). GitHub answers 304 without charging the rate limit; octokit turns a
// 304 into a thrown RequestError, so it is caught here and the remembered answer served instead.
import type { Octokit } from "@octokit/rest";
import { createMemoCache } from "../../memo-cache";

export function enableConditionalRequests(octokit: Octokit, options: { maxEntries?: number } = {}): void {
  const remembered = createMemoCache<{ etag: string; response: Awaited<ReturnType<Octokit["request"]>> }>({
    maxEntries: options.maxEntries ?? 1000,
  });
  octokit.hook.wrap("request", async (request, endpoint) => {
    if (endpoint.method !== "GET") return request(endpoint);
    const { url } = octokit.request.endpoint.parse(endpoint);
    const previous = remembered.get(url);
    // before-after-hook binds the same options object to every wrap, so the header has to be set
    // on it in place; a copy passed to request() would be ignored.
    if (previous) endpoint.headers["if-none-match"] = previous.etag;
    try {
      const response = await request(endpoint);
      const etag = response.headers.etag;
      if (typeof etag === "string" && etag !== "") remembered.set(url, { etag, response });
      return response;
    } catch (error) {
      if (previous && (error as { status?: unknown }).status === 304) return previous.response;
      throw error;
    }
  });
}
