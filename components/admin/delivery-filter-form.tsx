// The deliveries filter: a plain GET form, so the filter lives in the URL and works without script.
import Link from "next/link";
import { inputClass, labelClass, primaryButtonClass, secondaryButtonClass } from "@/components/ui/styles";
import { DELIVERY_SOURCES } from "@/lib/admin/list-deliveries";
import { DeliveryOutcome } from "@/lib/generated/prisma/enums";
import { sourceName } from "@/lib/issues/vocabulary";

export type DeliveryFilterValues = Partial<Record<"source" | "outcome" | "from" | "to" | "issue", string>>;

export function DeliveryFilterForm({ values }: { values: DeliveryFilterValues }) {
  return (
    <form
      method="get"
      action="/admin/deliveries"
      aria-label="Filter deliveries"
      className="grid grid-cols-2 items-end gap-3 sm:grid-cols-3 lg:grid-cols-6"
    >
      <div>
        <label htmlFor="filter-source" className={labelClass}>
          Source
        </label>
        <select id="filter-source" name="source" defaultValue={values.source ?? ""} className={inputClass}>
          <option value="">Any</option>
          {DELIVERY_SOURCES.map((source) => (
            <option key={source} value={source}>
              {sourceName(source)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-outcome" className={labelClass}>
          Outcome
        </label>
        <select id="filter-outcome" name="outcome" defaultValue={values.outcome ?? ""} className={inputClass}>
          <option value="">Any</option>
          {Object.values(DeliveryOutcome).map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcome}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-from" className={labelClass}>
          From (UTC)
        </label>
        <input
          id="filter-from"
          name="from"
          type="datetime-local"
          defaultValue={values.from ?? ""}
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor="filter-to" className={labelClass}>
          To (UTC)
        </label>
        <input id="filter-to" name="to" type="datetime-local" defaultValue={values.to ?? ""} className={inputClass} />
      </div>
      <div>
        <label htmlFor="filter-issue" className={labelClass}>
          Issue
        </label>
        <input
          id="filter-issue"
          name="issue"
          placeholder="CHIPP-12"
          defaultValue={values.issue ?? ""}
          className={inputClass}
        />
      </div>
      <div className="flex gap-2">
        <button type="submit" className={primaryButtonClass}>
          Apply
        </button>
        <Link href="/admin/deliveries" className={secondaryButtonClass}>
          Clear
        </Link>
      </div>
    </form>
  );
}
