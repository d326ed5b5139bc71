import { ExternalLink } from "lucide-react";
import { sourceName } from "@/lib/issues/vocabulary";
import { httpUrl } from "@/lib/text/http-url";

interface Link {
  id: string;
  source: string;
  externalId: string;
  externalUrl: string | null;
}

export function ExternalLinks({ links }: { links: Link[] }) {
  if (links.length === 0) return <span className="text-ink-500">None</span>;
  return (
    <ul className="space-y-1.5">
      {links.map((link) => {
        const href = httpUrl(link.externalUrl);
        const name = sourceName(link.source);
        return (
          <li key={link.id}>
            {href ? (
              <a
                href={href}
                target="_blank"
                rel="noopener noreferrer"
                className="inline-flex items-center gap-1.5 font-medium text-link hover:text-link-hover"
              >
                Open in {name}
                <ExternalLink className="size-3" aria-hidden />
              </a>
            ) : (
              <span className="text-ink-600">
                {name} #{link.externalId}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
