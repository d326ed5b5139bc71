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
        active ? "bg-zinc-200/70 text-zinc-900" : "text-zinc-600 hover:bg-zinc-200/40 hover:text-zinc-900",
      )}
    >
      {children}
    </Link>
  );
}
