import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { markdownToWiki } from "@/lib/integrations/jira/wiki";
import { buildSentryDescription } from "@/lib/sources/sentry/build-description";
import { sentryIssueSchema } from "@/lib/sources/sentry/schema";
import { SENTRY_FIXTURES_DIR } from "../support/sentry";

describe("markdownToWiki", () => {
  it("writes a Sentry description as Jira wiki markup", () => {
    const payload = JSON.parse(
      readFileSync(`${SENTRY_FIXTURES_DIR}activity_alert_triggered.selfhosted_capture.json`, "utf8"),
    );
    const wiki = markdownToWiki(buildSentryDescription(sentryIssueSchema.parse(payload.data.issue)));
    expect(wiki).toContain(
      "h2. Error\n\n*Type:* {{TypeError}}\n*Message:* Cannot read properties of undefined (reading 'x')",
    );
    expect(wiki).toContain("*File:* {{<anonymous>}}");
    expect(wiki).toContain("* *Events:* 96\n* *Users affected:* 1");
    expect(wiki).toContain("* [View in Sentry|https://sentry.sensetime-ksa.top/organizations/sentry/issues/22/]");
    expect(wiki).toContain("* Sentry ID: {{STD-SMART-OFFICE-DASHBOARD-7}}");
    expect(wiki).not.toMatch(/\*\*|`|##/);
  });

  it.each([
    ["headings", "# One\n\n### Three", "h1. One\n\nh3. Three"],
    ["emphasis", "*em* **strong** ***both***", "_em_ *strong* _*both*_"],
    ["bullets, nested", "- a\n- b\n  - c", "* a\n* b\n** c"],
    ["numbered", "1. x\n2. y", "# x\n# y"],
    ["link", "[Sentry](https://sentry.io/a?b=1&c=2)", "[Sentry|https://sentry.io/a?b=1&c=2]"],
    ["angle-bracket link with parens and spaces", "[a](<https://x/a (1) b>)", "[a|https://x/a%20%281%29%20b]"],
    ["autolink", "<https://x.y/z>", "[https://x.y/z]"],
    ["quote", "> quoted", "bq. quoted"],
    ["script is text", "<script>alert(1)</script>", "<script>alert(1)</script>"],
    ["non-ASCII", "Ümlaut — 日本語 🚀", "Ümlaut — 日本語 🚀"],
    ["markdown escapes", "snake\\_case 2\\*3\\*4 \\<b\\> \\`", "snake\\_case 2\\*3\\*4 <b> `"],
    [
      "inline code keeps its text",
      "`a*b*c` `{{x}}` `-x-` `STD-7`",
      "{{a*b*c}} {{\\{\\{x\\}\\}}} {{\\-x\\-}} {{STD-7}}",
    ],
    ["inline code with backticks", "a `` x ` y `` b", "a {{x ` y}} b"],
  ])("%s", (_name, markdown, wiki) => expect(markdownToWiki(markdown)).toBe(wiki));

  it("keeps code blocks verbatim, with a language Jira knows or as {noformat}", () => {
    expect(markdownToWiki("```js\nconst a = {b: 1}; // *x* _y_ [z](w)\n```")).toBe(
      "{code:js}\nconst a = {b: 1}; // *x* _y_ [z](w)\n{code}",
    );
    expect(markdownToWiki("```\nplain **x**\n\n# not a heading\n```")).toBe(
      "{noformat}\nplain **x**\n\n# not a heading\n{noformat}",
    );
    expect(markdownToWiki("```brainfuck\n+++\n```")).toBe("{noformat}\n+++\n{noformat}");
    expect(markdownToWiki("text\n\n```python\nnever closed *x*")).toBe(
      "text\n\n{code:python}\nnever closed *x*\n{code}",
    );
  });

  it("keeps empty lines and CRLF input as plain newlines", () => {
    expect(markdownToWiki("a\r\n\r\n\r\nb")).toBe("a\n\n\nb");
    expect(markdownToWiki("")).toBe("");
  });
});
