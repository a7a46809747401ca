/**
 * Why a metric is null, set by a convention, or computed without some group. Notes are
 * data, not text, so the validator can word a finding and a test can assert the reason.
 */

export type NoteReason =
  /** The rows hold no y_true = 1. */
  | 'no_positives'
  /** The rows hold no y_true = 0. */
  | 'no_negatives'
  /** DeLong's variance divides by m - 1 (positives) and n - 1 (negatives): one of a class is not enough. */
  | 'single_positive'
  | 'single_negative'
  /** No row scores at or above the decision threshold. */
  | 'no_predicted_positives'
  /** Every y_true is the same number, so R2's denominator is zero. */
  | 'constant_y_true'
  /** R2 compares a fit with the spread of y_true, which one row does not have. */
  | 'single_row'
  /** A drift sample has no non-empty value for the feature. */
  | 'no_reference_values'
  | 'no_current_values'
  /** KS compares orderings; a categorical feature has none. */
  | 'categorical';

export interface MetricNote {
  metric: string;
  /**
   * `null`: the metric is undefined here and reported as null.
   * `convention`: a 0/0 replaced by a stated value (see the definitions in index.ts).
   * `group_left_out`: a group whose rate is undefined was left out of a spread over groups.
   */
  outcome: 'null' | 'convention' | 'group_left_out';
  reason: NoteReason;
  /** The group value, for `group_left_out`. */
  group?: string;
}

/** Input the metrics cannot be computed from; the message is a sentence naming the field and row (counted from 1). */
export class MetricInputError extends Error {
  readonly field: string;
  readonly row: number | null;

  constructor(message: string, field: string, row: number | null = null) {
    super(message);
    this.name = 'MetricInputError';
    this.field = field;
    this.row = row;
  }
}
