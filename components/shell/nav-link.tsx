"use client";
import clsx from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const active = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={clsx(
        "flex items-center gap-2 rounded-md px-2 py-1.5 text-[13px] font-medium",
        active ? "bg-ink-200/70 text-ink-900" : "text-ink-600 hover:bg-ink-200/40 hover:text-ink-900",
      )}
    >
      {children}
    </Link>
  );
}
