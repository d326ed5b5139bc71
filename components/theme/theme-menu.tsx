"use client";
// The sidebar's theme switch: System, Light or Dark, applied at once.
import { Monitor, Moon, Sun } from "lucide-react";
import { RadioMenu } from "@/components/ui/radio-menu";
import { THEME_LABEL, THEMES } from "./theme";
import { useTheme } from "./theme-provider";

export const THEME_ICON = { system: Monitor, light: Sun, dark: Moon } as const;

const OPTIONS = THEMES.map((theme) => {
  const Icon = THEME_ICON[theme];
  return { value: theme, label: THEME_LABEL[theme], icon: <Icon className="size-3.5 text-ink-500" aria-hidden /> };
});

export function ThemeMenu() {
  const { theme, setTheme } = useTheme();
  const Icon = THEME_ICON[theme];
  return (
    <RadioMenu
      title="Theme"
      value={theme}
      options={OPTIONS}
      onValueChange={setTheme}
      side="top"
      contentClassName="min-w-36"
      trigger={
        <button
          type="button"
          className="inline-flex size-7 shrink-0 items-center justify-center rounded-md text-ink-500 hover:bg-ink-200/60 hover:text-ink-900 focus-visible:outline-2 focus-visible:outline-focus-ring data-[state=open]:bg-ink-200/60"
          aria-label={`Theme: ${THEME_LABEL[theme]}`}
          title="Theme"
          data-testid="theme-menu"
        >
          <Icon className="size-3.5" aria-hidden />
        </button>
      }
    />
  );
}
