/**
 * An audit image (the JSON a record was before or after an event) as rows a person reads:
 * one per field, nested fields named by their path, values as short text.
 */

export interface FieldRow {
  field: string;
  before: string | null;
  after: string | null;
  changed: boolean;
}

function isPlain(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

function text(v: unknown): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v === '' ? '(empty)' : v;
  return String(v);
}

/** Every leaf of an image by its path; a list of plain values is one field. */
export function flatten(image: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(image)) {
    // A list of sentences (an acknowledgement's concerns) reads one per line, a list of words on one line.
    const sentences = image.some((v) => typeof v === 'string' && /[.!?]$/.test(v));
    if (image.every(isPlain)) out.set(prefix || '(value)', image.length === 0 ? '(none)' : image.map(text).join(sentences ? '\n' : ', '));
    else image.forEach((item, i) => flatten(item, `${prefix}[${i + 1}]`, out));
  } else if (image !== null && typeof image === 'object') {
    const entries = Object.entries(image as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, '(none)');
    for (const [key, value] of entries) flatten(value, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix || image !== null) {
    out.set(prefix || '(value)', text(image));
  }
  return out;
}

/** Before and after side by side, fields in the after image's order, then the ones it dropped. */
export function imageDiff(before: unknown, after: unknown): FieldRow[] {
  const b = flatten(before);
  const a = flatten(after);
  const fields = [...new Set([...a.keys(), ...b.keys()])];
  return fields.map((field) => {
    const was = b.get(field) ?? null;
    const is = a.get(field) ?? null;
    return { field, before: was, after: is, changed: was !== is };
  });
}
