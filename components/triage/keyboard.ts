// Single-key shortcuts (Linear's s, p, a, l, j, k, x, c, /, ?) must never fire while someone types in a
// field or works in an open dialog or menu.
import { useEffect, useRef } from "react";

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) ||
    target.closest("[cmdk-root]") !== null
  );
}

/** A modal dialog or a menu is open: its own keys win. */
function overlayOpen(): boolean {
  return (
    document.querySelector(
      '[role="dialog"][data-state="open"], [role="menu"][data-state="open"], [data-radix-popper-content-wrapper]',
    ) !== null
  );
}

/** Whether a plain (unmodified) key press is free for a page shortcut. */
function isPlainShortcut(event: KeyboardEvent): boolean {
  return (
    !event.defaultPrevented &&
    !event.metaKey &&
    !event.ctrlKey &&
    !event.altKey &&
    !isTypingTarget(event.target) &&
    !overlayOpen()
  );
}

/** Calls `onKey` for plain key presses of the listed keys (event.key values); the latest handler is always used. */
export function useShortcuts(
  keys: readonly string[],
  onKey: (key: string, event: KeyboardEvent) => void,
  enabled = true,
): void {
  const handler = useRef(onKey);
  handler.current = onKey;
  const keyList = keys.join("\u0000");
  useEffect(() => {
    if (!enabled) return;
    const wanted = new Set(keyList.split("\u0000"));
    const listener = (event: KeyboardEvent) => {
      if (!wanted.has(event.key) || !isPlainShortcut(event)) return;
      event.preventDefault();
      handler.current(event.key, event);
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, [keyList, enabled]);
}
