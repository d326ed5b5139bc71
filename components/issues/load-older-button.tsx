import { ChevronUp } from "lucide-react";

export function LoadOlderButton({ onClick, pending, what }: { onClick: () => void; pending: boolean; what: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={pending}
      aria-label={`Load older ${what}`}
      className="-ml-2 mb-3 inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-ink-500 hover:bg-ink-100 hover:text-ink-800 focus-visible:outline-2 focus-visible:outline-focus-ring disabled:opacity-60"
    >
      <ChevronUp className="size-3.5" aria-hidden />
      {pending ? "Loading…" : "Load older"}
    </button>
  );
}
