export interface Party {
  code: string;
  name: string;
  country: string;
}

/** Parties as compact chips: code, country and the full name on hover and for screen readers. */
export function PartyChips({ parties }: { parties: Party[] }) {
  return (
    <ul className="chips">
      {parties.map((p) => (
        <li key={p.code} className="chip" title={p.name}>
          <span aria-hidden="true" className="chip-code">
            {p.code}
          </span>
          <span className="visually-hidden">{p.name}</span>
          <span className="chip-country">{p.country}</span>
        </li>
      ))}
    </ul>
  );
}
