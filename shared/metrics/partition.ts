import { MetricInputError } from './metricNotes';

/** Group codes in the smallest array that holds them: a byte a row for up to 256 groups. */
export type GroupCodes = Uint8Array | Uint16Array | Uint32Array;

/** A sensitive attribute, dictionary-coded: row i belongs to the group `values[codes[i]]`. */
export interface GroupLabels {
  codes: GroupCodes;
  values: readonly string[];
}

/** Row indices laid out group by group: the rows of group g are `rows[offsets[g]]` up to `rows[offsets[g + 1]]`. */
export interface Partition {
  offsets: Uint32Array;
  rows: Uint32Array;
}

/** Refuses a value listed twice. */
export function checkGroupValues(attribute: string, labels: GroupLabels): void {
  if (new Set(labels.values).size !== labels.values.length) {
    throw new MetricInputError(`${attribute} lists a group value twice; each value must have one code.`, attribute);
  }
}

/** The refusal of row `i`'s group code, beyond the `groups` values listed. */
export function codeRefused(attribute: string, i: number, code: number, groups: number): MetricInputError {
  return new MetricInputError(`${attribute} at row ${i + 1} has group code ${code}, but only ${groups} group values are listed.`, attribute, i + 1);
}

/** Refuses a value listed twice and, naming the first such row, a code beyond the values. */
export function checkGroupLabels(attribute: string, labels: GroupLabels): void {
  checkGroupValues(attribute, labels);
  checkGroupCodes(attribute, labels);
}

/** Refuses, naming the first such row, a code beyond the values. */
export function checkGroupCodes(attribute: string, labels: GroupLabels): void {
  const groups = labels.values.length;
  const { codes } = labels;
  for (let i = 0; i < codes.length; i += 1) {
    const code = codes[i] as number;
    if (code >= groups) throw codeRefused(attribute, i, code, groups);
  }
}

/**
 * The values that at least one row has, in code order. A flag a value, and the walk stops
 * once every value is seen (within a few rows, usually), where a Set of ten million codes
 * took most of a second.
 */
export function valuesPresent(labels: GroupLabels): string[] {
  const { codes, values } = labels;
  const seen = new Uint8Array(values.length);
  let unseen = values.length;
  for (let i = 0; i < codes.length && unseen > 0; i += 1) {
    const code = codes[i] as number;
    if (seen[code] === 0) {
      seen[code] = 1;
      unseen -= 1;
    }
  }
  return values.filter((_, code) => seen[code] === 1);
}

/** The rows' group codes in the given order of rows (checked first: checkGroupLabels), in an array of the same width. */
export function codesInOrder(codes: GroupCodes, order: Uint32Array, room: (bytes: number) => ArrayBufferLike): GroupCodes {
  const n = order.length;
  const out = codes instanceof Uint8Array ? new Uint8Array(room(n)) : codes instanceof Uint16Array ? new Uint16Array(room(2 * n)) : new Uint32Array(room(4 * n));
  for (let k = 0; k < n; k += 1) out[k] = codes[order[k] as number] as number;
  return out;
}

/**
 * One counting pass and one placing pass. Placing is stable: each group's rows stay in row
 * order (regression sums them so).
 */
export function partitionRows(attribute: string, labels: GroupLabels): Partition {
  checkGroupLabels(attribute, labels);
  const n = labels.codes.length;
  const groups = labels.values.length;
  const offsets = new Uint32Array(groups + 1);
  for (let i = 0; i < n; i += 1) (offsets[(labels.codes[i] as number) + 1] as number) += 1;
  for (let g = 0; g < groups; g += 1) (offsets[g + 1] as number) += offsets[g] as number;

  const next = offsets.slice(0, groups);
  const rows = new Uint32Array(n);
  for (let row = 0; row < n; row += 1) {
    const code = labels.codes[row] as number;
    const at = next[code] as number;
    rows[at] = row;
    next[code] = at + 1;
  }
  return { offsets, rows };
}
