// A quiet read-only table: small header row, hairline separators, horizontal scroll when narrow.
export function Table({ columns, children, empty }: { columns: string[]; children: React.ReactNode; empty?: string }) {
  return (
    <div
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls, so the keyboard must reach it (axe scrollable-region-focusable)
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-ink-200 focus-visible:outline-2 focus-visible:outline-focus-ring"
    >
      <table className="w-full text-left text-[13px]">
        <thead className="bg-ink-50 text-xs text-ink-500">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className="whitespace-nowrap border-b border-ink-200 px-3 py-2 font-medium">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-ink-100">{children}</tbody>
      </table>
      {empty && <p className="px-3 py-6 text-center text-[13px] text-ink-500">{empty}</p>}
    </div>
  );
}

export const cellClass = "px-3 py-2 align-top";
