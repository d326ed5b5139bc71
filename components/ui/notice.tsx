import { CircleAlert, CircleCheck } from "lucide-react";

// Inline message above or below a form. Errors are announced to screen readers as they appear.
export function Notice({ tone, children }: { tone: "error" | "success" | "info"; children: React.ReactNode }) {
  const styles = {
    error: "border-red-200 bg-red-50 text-red-800 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-300",
    success:
      "border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-400/30 dark:bg-emerald-400/10 dark:text-emerald-300",
    info: "border-ink-200 bg-ink-50 text-ink-700",
  }[tone];
  const Icon = tone === "success" ? CircleCheck : CircleAlert;
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`flex items-start gap-2 rounded-md border px-3 py-2 text-[13px] ${styles}`}
    >
      <Icon className="mt-0.5 size-3.5 shrink-0" aria-hidden />
      <p className="min-w-0 break-words">{children}</p>
    </div>
  );
}
