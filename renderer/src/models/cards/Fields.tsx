import { Fragment } from 'react';
import { fieldLabel, isObject, type Json, type JsonObject } from './cardDocument';

/**
 * Any part of a card laid out field by field: objects as labelled facts, lists of plain
 * values on one line, lists of small records one per line. Past a few levels the rest is
 * shown as JSON, as no card format nests deeper for a reader's purposes.
 */

const UNLABELLED = new Set(['name', 'description', 'identifier', 'value', 'type', 'text']);
const DEEPEST = 4;

function isScalar(v: Json): v is string | number | boolean | null {
  return v === null || typeof v !== 'object';
}

function scalarText(v: string | number | boolean | null): string {
  return v === null ? '—' : String(v);
}

/** A record of plain values on one line: its name or description first, the rest labelled. */
function recordLine(o: JsonObject): string | null {
  const entries = Object.entries(o);
  if (!entries.every(([, v]) => isScalar(v) || (Array.isArray(v) && v.every(isScalar)))) return null;
  return entries
    .map(([k, v]) => {
      const text = Array.isArray(v) ? v.map((x) => scalarText(x as string)).join(', ') : scalarText(v as string);
      return UNLABELLED.has(k) ? text : `${fieldLabel(k)}: ${text}`;
    })
    .join(' · ');
}

export function FieldValue({ value, depth = 0 }: { value: Json | undefined; depth?: number }) {
  if (value === undefined) return <>—</>;
  if (isScalar(value)) return <>{scalarText(value)}</>;
  if (depth >= DEEPEST) return <code>{JSON.stringify(value)}</code>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <>—</>;
    if (value.every(isScalar)) return <>{value.map((v) => scalarText(v as string)).join(', ')}</>;
    return (
      <ul className="card-list">
        {value.map((item, i) => (
          <li key={i}>{isObject(item) && recordLine(item) !== null ? recordLine(item) : <FieldValue value={item} depth={depth + 1} />}</li>
        ))}
      </ul>
    );
  }
  return <Fields value={value} depth={depth + 1} />;
}

export function Fields({ value, depth = 0, omit = [] }: { value: JsonObject; depth?: number; omit?: readonly string[] }) {
  const entries = Object.entries(value).filter(([k]) => !omit.includes(k));
  if (entries.length === 0) return <>—</>;
  return (
    <dl className="facts">
      {entries.map(([k, v]) => (
        <Fragment key={k}>
          <dt>{fieldLabel(k)}</dt>
          <dd>
            <FieldValue value={v} depth={depth} />
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}
