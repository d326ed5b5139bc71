import { describe, expect, it } from "vitest";
import { formatTimestamp } from "@/lib/text/format-timestamp";
import { escapeMarkdown, inlineCode, safeLink } from "@/lib/text/markdown";
import { mayNeedStorable, storableDeep } from "@/lib/text/storable";

describe("markdown helpers", () => {
  it("escapes emphasis, code, links and html", () => {
    expect(escapeMarkdown("a *b* _c_ `d` [e](f) <script>")).toBe("a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\<script\\>");
    expect(escapeMarkdown("line1\nline2")).toBe("line1 line2");
  });

  it("fences inline code longer than any backtick run inside", () => {
    expect(inlineCode("src/app.ts")).toBe("`src/app.ts`");
    expect(inlineCode("a`b")).toBe("`` a`b ``");
    expect(inlineCode("x ``` y")).toBe("```` x ``` y ````");
  });

  it("keeps only http(s) links", () => {
    expect(safeLink("View", "https://sentry.io/a/b/")).toBe("[View](<https://sentry.io/a/b/>)");
    expect(safeLink("View", "javascript:alert(1)")).toBeUndefined();
    expect(safeLink("View", "not a url")).toBeUndefined();
  });

  it("formats both Sentry timestamp shapes the same way and drops invalid ones", () => {
    expect(formatTimestamp("2019-08-19T20:58:37.391000Z")).toBe("2019-08-19 20:58:37 UTC");
    expect(formatTimestamp("2026-09-06T12:52:30.679000+00:00")).toBe("2026-09-06 12:52:30 UTC");
    expect(formatTimestamp("yesterday")).toBeUndefined();
    expect(formatTimestamp(null)).toBeUndefined();
  });

  it("replaces NUL characters and lone surrogates, which PostgreSQL cannot store, and keeps surrogate pairs", () => {
    expect(storableDeep({ "a\u0000": ["b\u0000c", 1, null] })).toEqual({ "a\uFFFD": ["b\uFFFDc", 1, null] });
    expect(storableDeep({ id: "x\ud800y", tail: "z\udfff", emoji: "\ud83d\ude00" })).toEqual({
      id: "x\uFFFDy",
      tail: "z\uFFFD",
      emoji: "😀",
    });
    const when = new Date(0);
    expect(storableDeep({ when }).when).toBe(when);
  });

  it("tells which JSON bodies may carry such characters (only escaped)", () => {
    expect(mayNeedStorable(Buffer.from('{"a":"\\u0000"}'))).toBe(true);
    expect(mayNeedStorable(Buffer.from('{"a":"\\uD800"}'))).toBe(true);
    expect(mayNeedStorable(Buffer.from('{"a":"\\ud83d\\ude00"}'))).toBe(true);
    expect(mayNeedStorable(Buffer.from('{"a":"plain ünïcode 😀"}'))).toBe(false);
  });
});
