"use client";
// The admin section's quiet left sub-navigation (settings-style): one link per page, the current one marked.
import clsx from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";

const GROUPS: { label: string; links: { href: string; label: string }[] }[] = [
  {
    label: "Configuration",
    links: [
      { href: "/admin/projects", label: "Projects" },
      { href: "/admin/mappings", label: "Source mappings" },
      { href: "/admin/jira-connections", label: "Jira connections" },
      { href: "/admin/sentry", label: "Sentry" },
      { href: "/admin/glitchtip", label: "GlitchTip" },
    ],
  },
  {
    label: "Operations",
    links: [
      { href: "/admin/deliveries", label: "Deliveries" },
      { href: "/admin/jobs", label: "Jobs" },
      { href: "/admin/users", label: "Users" },
      { href: "/admin/audit", label: "Audit log" },
    ],
  },
];

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="flex flex-col gap-5 text-[13px]">
      <Link
        href="/admin"
        aria-current={pathname === "/admin" ? "page" : undefined}
        className={linkClass(pathname === "/admin")}
      >
        Overview
      </Link>
      {GROUPS.map((group) => (
        <div key={group.label} className="flex flex-col gap-0.5">
          <p className="px-2 pb-1 text-[11px] font-medium uppercase tracking-wide text-ink-500">{group.label}</p>
          {group.links.map((link) => {
            const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
            return (
              <Link
                key={link.href}
                href={link.href}
                aria-current={active ? "page" : undefined}
                className={linkClass(active)}
              >
                {link.label}
              </Link>
            );
          })}
        </div>
      ))}
    </nav>
  );
}

function linkClass(active: boolean) {
  return clsx(
    "rounded-md px-2 py-1 focus-visible:outline-2 focus-visible:outline-focus-ring",
    active ? "bg-ink-200/70 font-medium text-ink-900" : "text-ink-600 hover:bg-ink-200/40 hover:text-ink-900",
  );
}
