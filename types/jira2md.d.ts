// jira2md ships no types; the static methods of its default-exported class.
declare module "jira2md" {
  export default class J2M {
    /** Markdown → Jira wiki markup. */
    static to_jira(markdown: string): string;
    /** Jira wiki markup → markdown. */
    static to_markdown(wiki: string): string;
    static md_to_html(markdown: string): string;
    static jira_to_html(wiki: string): string;
  }
}
