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
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
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
  // One store whichever term is the error: a store on a path not yet taken when V8 compiles a hot loop sends the loop back to the interpreter when first taken.
  (compensation[at] as number) += Math.abs(before) >= Math.abs(x) ? before - t + x : x - t + before;
  sum[at] = t;
}
