// A quiet read-only table: small header row, hairline separators, horizontal scroll when narrow.
export function Table({ columns, children, empty }: { columns: string[]; children: React.ReactNode; empty?: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200">
      <table className="w-full text-left text-[13px]">
        <thead className="bg-zinc-50 text-xs text-zinc-500">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className="whitespace-nowrap border-b border-zinc-200 px-3 py-2 font-medium">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">{children}</tbody>
      </table>
      {empty && <p className="px-3 py-6 text-center text-[13px] text-zinc-500">{empty}</p>}
    </div>
  );
}

export const cellClass = "px-3 py-2 align-top";
