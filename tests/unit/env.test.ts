import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("applies defaults and treats empty strings as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", SENTRY_CLIENT_SECRET: "  " });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SENTRY_CLIENT_SECRET).toBeUndefined();
    expect(env.DATABASE_POOL_MAX).toBe(10);
    expect(env.DEFAULT_PROJECT_KEY).toBe("CHIPP");
    expect(env.githubOAuthEnabled).toBe(false);
  });

  it("names the variable and what is wrong", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgresql:\/\/ URL/);
    expect(() => parseEnv({ DATABASE_POOL_MAX: "lots" })).toThrow(/DATABASE_POOL_MAX/);
    expect(() => parseEnv({ DEFAULT_PROJECT_KEY: "chipp" })).toThrow(/DEFAULT_PROJECT_KEY: must be 2-10 upper-case/);
    expect(() => parseEnv({ NEXTAUTH_SECRET: "short" })).toThrow(/NEXTAUTH_SECRET: must be at least 16 characters/);
    expect(() => parseEnv({ GITHUB_ID: "id" })).toThrow(/GITHUB_ID\/GITHUB_SECRET/);
    expect(() => parseEnv({ ADMIN_EMAIL: "a@b.co" })).toThrow(EnvError);
  });

  it("enables GitHub sign-in when both variables are set", () => {
    expect(parseEnv({ GITHUB_ID: "id", GITHUB_SECRET: "secret" }).githubOAuthEnabled).toBe(true);
  });
});
