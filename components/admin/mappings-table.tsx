import type { MappingRow } from "@/lib/admin/list-mappings";
import { sourceName } from "@/lib/issues/vocabulary";
import { cellClass, Table } from "./table";

export function MappingsTable({ mappings }: { mappings: MappingRow[] }) {
  return (
    <Table columns={["Source", "External project", "Project"]} empty={mappings.length === 0 ? "No mappings yet: every source's items go to the default project." : undefined}>
      {mappings.map((mapping) => (
        <tr key={mapping.id}>
          <td className={cellClass}>{sourceName(mapping.source)}</td>
          <td className={`${cellClass} font-mono text-xs`}>{mapping.externalProject === "*" ? "* (fallback)" : mapping.externalProject}</td>
          <td className={cellClass}>
            <span className="font-medium text-zinc-900">{mapping.project.key}</span>
            <span className="ml-2 text-zinc-500">{mapping.project.name}</span>
          </td>
        </tr>
      ))}
    </Table>
  );
}
