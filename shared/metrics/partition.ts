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

/**
 * One counting pass and one placing pass. Placing is stable: rows keep the order in which
 * `order` lists them, so a partition of a score-sorted order is sorted within each group
 * and no group needs a sort of its own.
 */
export function partitionRows(attribute: string, labels: GroupLabels, order?: Uint32Array): Partition {
  const n = labels.codes.length;
  const groups = labels.values.length;
  if (new Set(labels.values).size !== groups) {
    throw new MetricInputError(`${attribute} lists a group value twice; each value must have one code.`, attribute);
  }
  const offsets = new Uint32Array(groups + 1);
  for (let i = 0; i < n; i += 1) {
    const code = labels.codes[i] as number;
    if (code >= groups) {
      throw new MetricInputError(`${attribute} at row ${i + 1} has group code ${code}, but only ${groups} group values are listed.`, attribute, i + 1);
    }
    (offsets[code + 1] as number) += 1;
  }
  for (let g = 0; g < groups; g += 1) (offsets[g + 1] as number) += offsets[g] as number;

  const next = offsets.slice(0, groups);
  const rows = new Uint32Array(n);
  for (let k = 0; k < n; k += 1) {
    const row = order === undefined ? k : (order[k] as number);
    const code = labels.codes[row] as number;
    const at = next[code] as number;
    rows[at] = row;
    next[code] = at + 1;
  }
  return { offsets, rows };
}
