/** A drift feature's cells as text: how a number, a missing value and a category are told apart. */

/** A feature column as texts: raw text, empty cells as null (or ''). */
export type FeatureColumn = readonly (string | null)[];

/** How pandas, R, Spark and SQL exports write a missing number; read as missing in a column that is otherwise numeric. */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(['NA', 'NaN', 'nan', 'null', 'None']);

/**
 * What a person reads as a decimal number and nothing else, the language of
 * /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/. Number() accepts that and more: surrounding
 * whitespace, "" (as 0), "0x1f", "0b1", "0o7" and "Infinity". A finite Number() result
 * whose text starts with a digit, sign or point, ends with a digit or point, and is not
 * a 0x/0b/0o literal is exactly that language; checking three characters costs far less
 * than the regular expression over millions of drift cells.
 */
export function parseFiniteDecimal(text: string): number | null {
  const v = Number(text);
  if (!Number.isFinite(v) || text.length === 0) return null;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  const startsRight = (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46;
  const endsRight = (last >= 48 && last <= 57) || last === 46;
  if (!startsRight || !endsRight) return null;
  if (first === 48 && text.length > 2) {
    const second = text.charCodeAt(1) | 0x20;
    // "0x1f" | "0b1" | "0o7" lower-cased.
    if (second === 120 || second === 98 || second === 111) return null;
  }
  return v;
}
