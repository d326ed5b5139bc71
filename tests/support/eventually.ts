// The one poll-until loop of the tests: asks `probe` every `intervalMs` until it answers something truthy,
// and returns that answer. A probe that throws fails at once (a child process that exited will not get
// ready by waiting); after `timeoutMs` it fails naming `what`, followed by `context()` (e.g. a process's
// output or the last value seen), so a timeout says what was missing. Free of vitest, for Playwright too.
export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
  context?: () => string;
}

type Falsy = false | 0 | "" | null | undefined;

export async function eventually<T>(
  what: string,
  probe: () => T,
  { timeoutMs = 30_000, intervalMs = 200, context }: EventuallyOptions = {},
): Promise<Exclude<Awaited<T>, Falsy>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as Exclude<Awaited<T>, Falsy>;
    if (Date.now() > deadline) {
      const detail = context?.();
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail ? `:\n${detail}` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
