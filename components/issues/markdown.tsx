import ReactMarkdown, { type Components } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkBreaks from "remark-breaks";
import remarkGfm from "remark-gfm";
import { rehypeRawAsText } from "./raw-html-as-text";

// Untrusted markdown (issue descriptions from webhooks, user comments). No rehype-raw: raw HTML is
// turned into visible text, and rehype-sanitize's GitHub schema strips dangerous URLs and attributes.
// Styled per element because the typography plugin is not enabled in globals.css.
const components: Components = {
  h1: ({ node: _node, ...props }) => (
    <h2 className="mb-2 mt-6 text-base font-semibold text-ink-900 first:mt-0" {...props} />
  ),
  h2: ({ node: _node, ...props }) => (
    <h3 className="mb-2 mt-6 text-sm font-semibold text-ink-900 first:mt-0" {...props} />
  ),
  h3: ({ node: _node, ...props }) => (
    <h4 className="mb-1.5 mt-4 text-[13px] font-semibold text-ink-900 first:mt-0" {...props} />
  ),
  p: ({ node: _node, ...props }) => <p className="my-2 leading-6" {...props} />,
  ul: ({ node: _node, ...props }) => <ul className="my-2 list-disc space-y-1 pl-5 marker:text-ink-400" {...props} />,
  ol: ({ node: _node, ...props }) => <ol className="my-2 list-decimal space-y-1 pl-5 marker:text-ink-400" {...props} />,
  // A link whose URL was stripped as unsafe stays readable as plain text.
  a: ({ href, children }) =>
    !href ? (
      <span>{children}</span>
    ) : (
      <a
        href={href}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="font-medium text-link underline decoration-indigo-200 underline-offset-2 hover:decoration-indigo-500 dark:decoration-indigo-400/40 dark:hover:decoration-indigo-400"
      >
        {children}
      </a>
    ),
  code: ({ node: _node, ...props }) => (
    <code className="rounded bg-ink-100 px-1 py-0.5 font-mono text-[12px] text-ink-800" {...props} />
  ),
  pre: ({ node: _node, ...props }) => (
    <pre
      className="my-3 overflow-x-auto rounded-md border border-ink-200 bg-ink-50 p-3 text-[12px] [&_code]:bg-transparent [&_code]:p-0"
      {...props}
    />
  ),
  blockquote: ({ node: _node, ...props }) => (
    <blockquote className="my-3 border-l-2 border-ink-300 pl-3 text-ink-600" {...props} />
  ),
  table: ({ node: _node, ...props }) => (
    <div className="my-3 overflow-x-auto">
      <table className="w-full border-collapse text-[13px]" {...props} />
    </div>
  ),
  th: ({ node: _node, ...props }) => (
    <th className="border border-ink-200 bg-ink-50 px-2 py-1 text-left font-medium" {...props} />
  ),
  td: ({ node: _node, ...props }) => <td className="border border-ink-200 px-2 py-1" {...props} />,
  hr: () => <hr className="my-6 border-ink-200" />,
};

export function Markdown({ children }: { children: string }) {
  return (
    <div className="break-words text-[13px] text-ink-700">
      <ReactMarkdown
        remarkPlugins={[remarkGfm, remarkBreaks]}
        rehypePlugins={[rehypeRawAsText, rehypeSanitize]}
        components={components}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
