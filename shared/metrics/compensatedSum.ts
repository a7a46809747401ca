/**
 * Neumaier's improved Kahan summation (Neumaier 1974): the rounding error of each addition
 * is carried in a second term, so a million terms sum to within a few ulps whatever their
 * order. numpy sums pairwise (error growing with log n); a plain loop grows with n and, at
 * a million rows, drifts far enough to threaten agreement at 1e-9.
 */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    this.compensation += roundingError(this.sum, t, x);
    this.sum = t;
  }

  get value(): number {
    return this.sum + this.compensation;
  }
}

/**
 * CompensatedSum's step on slot `at` of a sum and its compensation held in arrays, for a
 * walk that keeps a sum a group: the very same operations, so the same bits.
 */
export function addCompensated(sum: Float64Array, compensation: Float64Array, at: number, x: number): void {
  const before = sum[at] as number;
  const t = before + x;
  (compensation[at] as number) += roundingError(before, t, x);
  sum[at] = t;
}

/**
 * What the addition t = sum + x lost to rounding, the step every compensated sum adds to its
 * compensation. Both error terms are worked out and one is taken: an operation on a path not
 * yet taken when V8 compiles a hot loop sends the loop back to the interpreter when that path
 * is first taken.
 */
function roundingError(sum: number, t: number, x: number): number {
  const fromSmaller = sum - t + x;
  const fromLarger = x - t + sum;
  return Math.abs(sum) >= Math.abs(x) ? fromSmaller : fromLarger;
}
