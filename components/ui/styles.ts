// Shared class lists for form controls, so every form looks the same without a component library.
export const inputClass =
  "block w-full rounded-md border border-ink-300 bg-surface px-3 py-2 text-sm text-ink-900 shadow-xs " +
  "placeholder:text-ink-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/20";

export const primaryButtonClass =
  "inline-flex items-center justify-center gap-2 rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white " +
  "shadow-xs hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus-ring " +
  "disabled:cursor-not-allowed disabled:opacity-60";

export const secondaryButtonClass =
  "inline-flex items-center justify-center gap-2 rounded-md border border-ink-300 bg-surface px-3 py-2 text-sm " +
  "font-medium text-ink-800 shadow-xs hover:bg-ink-50 focus-visible:outline-2 focus-visible:outline-offset-2 " +
  "focus-visible:outline-focus-ring disabled:cursor-not-allowed disabled:opacity-60";

export const labelClass = "mb-1.5 block text-xs font-medium text-ink-700";

// Radix menus (filter, sort, row, theme) share one look. Their Roots are modal={false}: modal mode
// aria-hides the page while its controls stay focusable, which axe reports as aria-hidden-focus.
export const menuContentClass =
  "z-50 min-w-44 rounded-lg border border-ink-200 bg-elevated p-1 text-[13px] shadow-lg shadow-zinc-900/10 dark:shadow-black/50";
export const menuItemClass =
  "flex cursor-default select-none items-center gap-2 rounded px-2 py-1.5 text-ink-800 outline-none data-[highlighted]:bg-ink-100";

// The dimmed backdrop behind every dialog and the palette; black in dark, where a tint of ink would lighten the page.
export const overlayClass = "fixed inset-0 z-40 bg-zinc-900/20 dark:bg-black/60";
