"use client";
import { Check } from "lucide-react";
// A dropdown that picks one of a few values (the list's sort, the theme), checked item marked.
import { DropdownMenu } from "radix-ui";
import { menuContentClass, menuItemClass } from "./styles";

export type RadioMenuOption<T extends string> = { value: T; label: string; icon?: React.ReactNode };

export function RadioMenu<T extends string>({
  trigger,
  title,
  value,
  options,
  onValueChange,
  side = "bottom",
  align = "end",
  contentClassName = "",
}: {
  /** A <button>; it becomes the menu's trigger. */
  trigger: React.ReactNode;
  title?: string;
  value: T;
  options: readonly RadioMenuOption<T>[];
  onValueChange: (value: T) => void;
  side?: "top" | "bottom";
  align?: "start" | "end";
  contentClassName?: string;
}) {
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>{trigger}</DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          className={`${menuContentClass} ${contentClassName}`}
          side={side}
          align={align}
          sideOffset={4}
        >
          {title && (
            <DropdownMenu.Label className="px-2 py-1 text-[11px] font-medium text-ink-500">{title}</DropdownMenu.Label>
          )}
          <DropdownMenu.RadioGroup value={value} onValueChange={(next) => onValueChange(next as T)}>
            {options.map((option) => (
              <DropdownMenu.RadioItem key={option.value} value={option.value} className={menuItemClass}>
                {option.icon}
                <span className="flex-1">{option.label}</span>
                <DropdownMenu.ItemIndicator>
                  <Check className="size-3.5" aria-hidden />
                </DropdownMenu.ItemIndicator>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
