export interface FilterOption {
  value: string;
  label: string;
}

/** A labelled select whose empty choice is "All": the one filter control of every list. */
export function FilterSelect({ label, value, options, onChange }: { label: string; value: string; options: readonly FilterOption[]; onChange(v: string): void }) {
  return (
    <label className="filter">
      <span className="filter-label" aria-hidden="true">
        {label}
      </span>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
