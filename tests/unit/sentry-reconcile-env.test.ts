import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("reconciliation configuration", () => {
  it("is off without a token, and polls every 10 minutes over 24 hours by default", () => {
    const env = parseEnv({ SENTRY_ORG: "acme", SENTRY_AUTH_TOKEN: " " });
    expect(env.sentryApiEnabled).toBe(false);
    expect(env.SENTRY_RECONCILE_CRON).toBe("*/10 * * * *");
    expect(env.SENTRY_RECONCILE_WINDOW_HOURS).toBe(24);
    expect(parseEnv({ SENTRY_ORG: "acme", SENTRY_AUTH_TOKEN: "t" }).sentryApiEnabled).toBe(true);
    expect(parseEnv({ SENTRY_AUTH_TOKEN: "t" }).sentryApiEnabled).toBe(false);
  });

  it("accepts 5- and 6-field cron expressions and names a bad value", () => {
    expect(parseEnv({ SENTRY_RECONCILE_CRON: "0 * * * *" }).SENTRY_RECONCILE_CRON).toBe("0 * * * *");
    expect(parseEnv({ SENTRY_RECONCILE_CRON: "30 */5 * * * *" }).SENTRY_RECONCILE_CRON).toBe("30 */5 * * * *");
    expect(() => parseEnv({ SENTRY_RECONCILE_CRON: "every 10 minutes" })).toThrow(
      /SENTRY_RECONCILE_CRON: must be a cron expression/,
    );
    expect(() => parseEnv({ SENTRY_RECONCILE_WINDOW_HOURS: "0" })).toThrow(/SENTRY_RECONCILE_WINDOW_HOURS/);
    expect(() => parseEnv({ SENTRY_RECONCILE_WINDOW_HOURS: "1.5" })).toThrow(/SENTRY_RECONCILE_WINDOW_HOURS/);
  });
});
