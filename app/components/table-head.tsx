/**
 * A table's column heads. `actions` names the last column, which holds only
 * buttons: said to screen readers, not shown.
 */
export function TableHead({ columns, actions }: { columns: string[]; actions?: string }) {
  return (
    <thead>
      <tr>
        {columns.map((label) => (
          <th scope="col" key={label}>
            {label}
          </th>
        ))}
        {actions ? (
          <th scope="col">
            <span className="visually-hidden">{actions}</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
