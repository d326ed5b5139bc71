// The fetch octokit calls for every HTTP attempt (retries included), so counting here counts real
// requests; it also bounds each attempt's time, which octokit itself does not.
export interface CountingFetch {
  fetch: typeof globalThis.fetch;
  count(): number;
}

export function createCountingFetch(options: { timeoutMs: number; fetch?: typeof globalThis.fetch }): CountingFetch {
  const inner = options.fetch ?? globalThis.fetch;
  let requests = 0;
  const fetch: typeof globalThis.fetch = (input, init) => {
    requests += 1;
    const controller = new AbortController();
    // abort() without a reason rejects with an "AbortError", which octokit passes through without
    // wrapping and plugin-retry does not retry: a hung GitHub is left to the job's own retry.
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    timer.unref?.();
    if (init?.signal?.aborted) controller.abort();
    else init?.signal?.addEventListener("abort", () => controller.abort(), { once: true });
    // The timer stays armed while the body streams in, so a stalled body is cut off too.
    return inner(input, { ...init, signal: controller.signal });
  };
  return { fetch, count: () => requests };
}
