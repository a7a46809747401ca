import { Field } from '../forms/Field';

export interface RowField<R> {
  key: keyof R & string;
  label: string;
  type?: 'text' | 'date';
  hint?: string;
  /** Takes the whole width of the row (long text). */
  wide?: boolean;
}

interface Props<R> {
  legend: string;
  /** The argument's name (`conditions`): errors arrive as `conditions[0].due`. */
  path: string;
  /** What one row is called, for its heading and its remove button ("Condition 2"). */
  noun: string;
  rows: R[];
  fields: readonly RowField<R>[];
  blank: R;
  errors: Readonly<Record<string, string>>;
  hint?: string;
  onRows(rows: R[]): void;
}

/** Rows of a decision the board adds one by one (conditions, mitigations, risk acceptances). */
export function RowsFieldset<R extends Record<string, string>>({ legend, path, noun, rows, fields, blank, errors, hint, onRows }: Props<R>) {
  const set = (i: number, key: keyof R & string, value: string) => onRows(rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  const listError = errors[path];
  return (
    <fieldset className="rows-fieldset" aria-invalid={listError ? true : undefined}>
      <legend>{legend}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      {listError && (
        <p className="field-error" role="alert">
          {listError}
        </p>
      )}
      {rows.map((row, i) => (
        <div className="decision-row" key={i} role="group" aria-label={`${noun} ${i + 1}`}>
          <div className="decision-row-head">
            <span className="decision-row-title">
              {noun} {i + 1}
            </span>
            <button type="button" className="quiet" onClick={() => onRows(rows.filter((_, j) => j !== i))} aria-label={`Remove ${noun.toLowerCase()} ${i + 1}`}>
              Remove
            </button>
          </div>
          <div className="decision-row-fields">
            {fields.map((f) => (
              <Field
                key={f.key}
                className={f.wide ? 'wide' : undefined}
                label={f.label}
                type={f.type ?? 'text'}
                value={row[f.key] ?? ''}
                onValue={(v) => set(i, f.key, v)}
                hint={f.hint}
                error={errors[`${path}[${i}].${f.key}`]}
              />
            ))}
          </div>
        </div>
      ))}
      <button type="button" onClick={() => onRows([...rows, { ...blank }])}>
        Add {noun.toLowerCase()}
      </button>
    </fieldset>
  );
}
