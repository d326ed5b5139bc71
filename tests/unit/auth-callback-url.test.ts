import { describe, expect, it } from "vitest";
import { isUsableCallbackUrl } from "@/lib/auth/callback-url-guard";
import { safeCallbackUrl, safeRedirect } from "@/lib/auth/safe-callback-url";

describe("isUsableCallbackUrl (what next-auth may be given)", () => {
  it.each([
    ["/issues", true],
    ["http://localhost:3000/issues", true],
    ["https://evil.example/", true], // accepted here, sent home by safeRedirect
    ["javascript:alert(1)", false],
    ["%ff", false],
    ["\uFFFD", false],
    ["/\u2028", false],
    ["not a url", false],
    ["", false],
    [`/${"a".repeat(5000)}`, false],
  ])("%j → %s", (value, expected) => expect(isUsableCallbackUrl(value)).toBe(expected));
});

describe("safeRedirect (next-auth's redirect callback)", () => {
  const baseUrl = "http://localhost:3000";
  it.each([
    ["/issues/CHIPP-1", `${baseUrl}/issues/CHIPP-1`],
    [`${baseUrl}/admin?x=1`, `${baseUrl}/admin?x=1`],
    ["/signin", `${baseUrl}/signin`], // sign-out goes here
    ["https://evil.example/", `${baseUrl}/issues`],
    ["http://localhost:3001/", `${baseUrl}/issues`],
    ["javascript:alert(1)", `${baseUrl}/issues`],
    ["garbage", `${baseUrl}/issues`],
    ["//evil.example", `${baseUrl}/issues`],
    ["/\u2028/evil.example", `${baseUrl}/%E2%80%A8/evil.example`],
    [`/${"a".repeat(5000)}`, `${baseUrl}/issues`],
  ])("%j → %s", (url, expected) => expect(safeRedirect({ url, baseUrl })).toBe(expected));
});

describe("safeCallbackUrl (/signin's redirect and the form's router.replace)", () => {
  // Each is harmless as typed but resolves to the protocol-relative "//evil.example".
  it.each([
    "/.//evil.example",
    "/%2e//evil.example",
    "/a/..//evil.example",
    "/./\\evil.example",
    "//evil.example",
    "/\\evil.example",
  ])("%j goes to /issues", (value) => expect(safeCallbackUrl(value)).toBe("/issues"));
  it.each([
    ["/issues/CHIPP-1?q=a", "/issues/CHIPP-1?q=a"],
    ["/a/../issues", "/issues"],
  ])("%j → %s", (value, expected) => expect(safeCallbackUrl(value)).toBe(expected));
});
