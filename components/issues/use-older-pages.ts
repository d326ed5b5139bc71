"use client";
// The newest page comes from the server; older pages are fetched on demand and kept above it. When the
// server sends a fresh newest page (after a comment, say), what was already shown is kept, so an entry
// that slid out of the newest page never leaves a gap.
import { useLayoutEffect, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import type { TimelinePage } from "@/lib/issues/issue-timeline";

type Entry = { id: string; createdAt: Date };
type LoadOlder<T> = (input: {
  issueId: string;
  before: { createdAt: Date; id: string };
}) => Promise<{ ok: true; value: TimelinePage<T> } | { ok: false; error: string }>;

function withoutRepeats<T extends Entry>(entries: T[]): T[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    if (seen.has(entry.id)) return false;
    seen.add(entry.id);
    return true;
  });
}

export function useOlderPages<T extends Entry>(issueId: string, newest: TimelinePage<T>, loadOlder: LoadOlder<T>) {
  // Everything shown before the newest page; empty until "Load older" is first used.
  const [earlier, setEarlier] = useState<T[]>([]);
  const [olderLeft, setOlderLeft] = useState(newest.hasOlder);
  const [pending, startTransition] = useTransition();
  const listRef = useRef<HTMLDivElement>(null);
  const anchor = useRef<{ element: Element; top: number } | null>(null);

  const items = earlier.length === 0 ? newest.items : withoutRepeats([...earlier, ...newest.items]);
  const hasOlder = earlier.length === 0 ? newest.hasOlder : olderLeft;

  // Prepending pushes what the reader was looking at down; scroll by as much so it stays put.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `earlier` is read through the DOM; its change is the trigger.
  useLayoutEffect(() => {
    const held = anchor.current;
    if (!held) return;
    anchor.current = null;
    window.scrollBy(0, held.element.getBoundingClientRect().top - held.top);
    // The button that had focus is gone once nothing older is left: keep the keyboard's place.
    if (!hasOlder && document.activeElement === document.body) listRef.current?.focus({ preventScroll: true });
  }, [earlier, hasOlder]);

  function loadMore() {
    const oldest = items[0];
    if (!oldest || pending) return;
    startTransition(async () => {
      const result = await loadOlder({ issueId, before: { createdAt: oldest.createdAt, id: oldest.id } }).catch(
        () => null,
      );
      if (!result?.ok) {
        toast.error(result?.error ?? "Could not load older entries; try again");
        return;
      }
      const first = listRef.current?.querySelector("li");
      if (first) anchor.current = { element: first, top: first.getBoundingClientRect().top };
      setEarlier([...result.value.items, ...items]);
      setOlderLeft(result.value.hasOlder);
    });
  }

  return { items, hasOlder, loadMore, pending, listRef };
}
