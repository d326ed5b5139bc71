import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";

// The header of an admin page: "Admin / … / Title", each step but the last a link.
export function AdminCrumbs({ title, trail = [] }: { title: string; trail?: { href: string; label: string }[] }) {
  return (
    <PageHeader>
      {[{ href: "/admin", label: "Admin" }, ...trail].map((step) => (
        <span key={step.href} className="contents">
          <Link href={step.href} className="text-ink-500 hover:text-ink-800">
            {step.label}
          </Link>
          <span className="text-ink-300">/</span>
        </span>
      ))}
      <h1 className="font-medium text-ink-900">{title}</h1>
    </PageHeader>
  );
}
