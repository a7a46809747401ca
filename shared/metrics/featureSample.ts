import { MISSING_TOKENS, parseFiniteDecimal, type FeatureColumn } from './cells';

/**
 * One drift sample of a feature, as compact as its cells allow and read in one pass: what
 * featureDrift needs of the column, not the column's text. While every cell is a number, a
 * missing token or empty, the sample is numeric: a float64 a row (NaN for a token or an
 * empty cell), with the text kept only where String(value) would not give it back (a
 * token, "1.50", "+2", "1e3"), in case the other sample makes the feature categorical.
 * From its first other cell it is categorical: each distinct text with its count, in the
 * order first met; the rows before are counted as their texts.
 */
export interface FeatureSample {
  /** Cells, empty ones included. */
  readonly rows: number;
  /** Empty cells (an empty text, or no value). */
  readonly empty: number;
  /** Null once a cell was neither a number nor a missing token. */
  readonly numeric: NumericCells | null;
  /** Whether any cell is a decimal number. */
  readonly sawNumber: boolean;
  /** The first cell that is not empty, not a missing token and not a number. */
  readonly firstOther: string | undefined;
  /** The non-empty texts with their counts, in the order first met (missing tokens among them). */
  categories(): Map<string, number>;
}

export interface NumericCells {
  /** The numbers, without the empty cells and missing tokens, in the order read. */
  numbers(): Float64Array;
  /** The missing tokens met, with their counts. */
  readonly tokens: Map<string, number>;
}

/**
 * Whether a plain decimal's text ([+-]digits[.digits], at most 15 digits, as the CSV byte
 * reader parses them) is what String() writes for its value, read from its bytes. With
 * at most 15 significant digits the decimal is the only one of as few digits that rounds to
 * that double (DBL_DIG), so String() writes the same digits unless the text adds to them:
 * a sign "+", a "-" on zero, leading zeros, a point without digits on one side, a trailing
 * zero after the point, or a value below 1e-6, which String() writes with an exponent.
 */
export function isShortestDecimal(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  if (bytes[i] === PLUS) return false;
  const negative = bytes[i] === MINUS;
  if (negative) i += 1;
  const whole = i;
  while (i < end && (bytes[i] as number) >= ZERO && (bytes[i] as number) <= NINE) i += 1;
  const wholeDigits = i - whole;
  if (wholeDigits === 0 || (wholeDigits > 1 && bytes[whole] === ZERO)) return false;
  const zeroWhole = wholeDigits === 1 && bytes[whole] === ZERO;
  if (i === end) return !(negative && zeroWhole);
  // bytes[i] is the point.
  const fraction = i + 1;
  if (fraction === end || bytes[end - 1] === ZERO) return false;
  if (zeroWhole) {
    let zeros = 0;
    while (bytes[fraction + zeros] === ZERO) zeros += 1;
    if (zeros >= 6) return false;
  }
  return true;
}

const PLUS = 0x2b;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

const INITIAL_ROOM = 1024;

/** Builds a FeatureSample cell by cell, in the order of the rows. */
export class FeatureSampleBuilder {
  private rows = 0;
  private empty = 0;
  private sawNumber = false;
  private firstOther: string | undefined = undefined;
  /** Numeric: a value a row, NaN for an empty cell or a token; null once categorical. */
  private values: Float64Array | null = new Float64Array(INITIAL_ROOM);
  /** Numeric: the rows whose text String(value) would not give back (tokens among them), in order, and their texts. */
  private textRows = new Int32Array(64);
  private texts: string[] = [];
  private readonly tokens = new Map<string, number>();
  private categories: Map<string, number> | null = null;

  /** A cell's text; null or '' is an empty cell. */
  addText(text: string | null): void {
    if (text === null || text === '') {
      this.addEmpty();
      return;
    }
    const v = parseFiniteDecimal(text);
    if (v !== null) this.addNumber(v, String(v) === text ? null : text);
    else this.addOther(text);
  }

  addEmpty(): void {
    if (this.values !== null) this.push(NaN);
    this.empty += 1;
    this.rows += 1;
  }

  /**
   * A cell that is the decimal number `v` (parseFiniteDecimal of its text), with its text
   * when String(v) is not that text; null when it is (isShortestDecimal), so that the text is
   * made only if the sample turns categorical.
   */
  addNumber(v: number, text: string | null): void {
    this.sawNumber = true;
    if (this.values !== null) {
      if (text !== null) this.keepText(text);
      this.push(v);
    } else {
      this.count(text ?? String(v));
    }
    this.rows += 1;
  }

  /** A non-empty cell that is not a decimal number: a missing token, or a category that makes the sample categorical. */
  private addOther(text: string): void {
    if (this.values !== null) {
      if (MISSING_TOKENS.has(text)) {
        this.keepText(text);
        this.tokens.set(text, (this.tokens.get(text) ?? 0) + 1);
        this.push(NaN);
        this.rows += 1;
        return;
      }
      this.turnCategorical();
    }
    if (this.firstOther === undefined && !MISSING_TOKENS.has(text)) this.firstOther = text;
    this.count(text);
    this.rows += 1;
  }

  private keepText(text: string): void {
    const k = this.texts.length;
    if (k === this.textRows.length) {
      const grown = new Int32Array(k * 2);
      grown.set(this.textRows);
      this.textRows = grown;
    }
    this.textRows[k] = this.rows;
    this.texts.push(text);
  }

  private push(v: number): void {
    let values = this.values as Float64Array;
    if (this.rows === values.length) {
      const grown = new Float64Array(values.length * 2);
      grown.set(values);
      this.values = values = grown;
    }
    values[this.rows] = v;
  }

  /** The rows so far counted as their texts, in order; from now on cells are counted as they come. */
  private turnCategorical(): void {
    const counted = textCounts(this.values as Float64Array, this.rows, this.textRows, this.texts);
    this.values = null;
    this.categories = counted;
    this.textRows = new Int32Array(0);
    this.texts = [];
    this.tokens.clear();
  }

  private count(text: string): void {
    const categories = this.categories as Map<string, number>;
    categories.set(text, (categories.get(text) ?? 0) + 1);
  }

  finish(): FeatureSample {
    const { rows, empty, sawNumber, firstOther, textRows, texts, tokens } = this;
    const values = this.values?.subarray(0, rows) ?? null;
    const counted = this.categories;
    const numeric: NumericCells | null =
      values === null
        ? null
        : {
            tokens,
            numbers: () => {
              const out = new Float64Array(rows - empty - sumOf(tokens));
              let k = 0;
              for (let row = 0; row < rows; row += 1) {
                const v = values[row] as number;
                if (v === v) out[k++] = v;
              }
              return out;
            },
          };
    const categories = (): Map<string, number> => counted ?? textCounts(values as Float64Array, rows, textRows, texts);
    return { rows, empty, numeric, sawNumber, firstOther, categories };
  }
}

/** The non-empty cells of numeric rows counted as their texts, in the order first met: a kept text, else String(value); NaN with no text is empty. */
function textCounts(values: Float64Array, rows: number, textRows: Int32Array, texts: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  let next = 0;
  for (let row = 0; row < rows; row += 1) {
    let text: string | null;
    if (next < texts.length && textRows[next] === row) text = texts[next++] as string;
    else {
      const v = values[row] as number;
      text = v === v ? String(v) : null;
    }
    if (text !== null) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return counts;
}

function sumOf(counts: Map<string, number>): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}

/** A column of texts (empty cells as null or '') as a FeatureSample. */
export function featureSample(column: FeatureColumn): FeatureSample {
  const builder = new FeatureSampleBuilder();
  for (const text of column) builder.addText(text);
  return builder.finish();
}
