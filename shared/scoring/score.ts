/**
 * The number part of one model x dimension score (SPEC section 6): a whole value 1..5 and
 * the band [lo, hi] the analyst believes it lies in. The band ends need not be whole: an
 * analyst may say "3, somewhere between 2.5 and 4".
 */
export interface DimensionScore {
  value: number;
  lo: number;
  hi: number;
}

function onScale(x: number): boolean {
  return Number.isFinite(x) && x >= 1 && x <= 5;
}

/**
 * The first thing wrong with a score, as a sentence naming it, or null when it holds
 * 1 <= lo <= value <= hi <= 5. `field` names the score for the user, e.g.
 * "the fairness & bias score of Credit scorer".
 */
export function checkScore(score: DimensionScore, field: string): string | null {
  const { value, lo, hi } = score;
  if (!Number.isInteger(value) || !onScale(value)) {
    return `${capitalise(field)} is ${value}; a score must be a whole number from 1 to 5.`;
  }
  if (!onScale(lo)) return `The low end of the band of ${field} is ${lo}; it must lie between 1 and 5.`;
  if (!onScale(hi)) return `The high end of the band of ${field} is ${hi}; it must lie between 1 and 5.`;
  if (lo > value) return `The low end of the band of ${field} (${lo}) is above the score ${value}; lower it to ${value} or less.`;
  if (hi < value) return `The high end of the band of ${field} (${hi}) is below the score ${value}; raise it to ${value} or more.`;
  return null;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
