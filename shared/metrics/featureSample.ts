import { MISSING_TOKENS, parseFiniteDecimal, type FeatureColumn } from './cells';
import { totalOf } from './counts';

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
  /** Categorical: each distinct text's code, in the order first met, and by code the texts and their counts. */
  private readonly codes = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly counts: number[] = [];

  /** Whether a cell that is not empty is now counted by its text (countText, countCode), whatever it holds. */
  get categorical(): boolean {
    return this.values === null;
  }

  /** A cell's text; null or '' is an empty cell. */
  addText(text: string | null): void {
    if (text === null || text === '') {
      this.addEmpty();
      return;
    }
    if (this.values === null) {
      this.countText(text);
      return;
    }
    const v = parseFiniteDecimal(text);
    if (v !== null) {
      this.addNumber(v, String(v) === text ? null : text);
    } else if (MISSING_TOKENS.has(text)) {
      this.keepText(text);
      this.tokens.set(text, (this.tokens.get(text) ?? 0) + 1);
      this.push(NaN);
      this.rows += 1;
    } else {
      this.turnCategorical();
      this.countText(text);
    }
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
    if (this.values === null) {
      this.countText(text ?? String(v));
      return;
    }
    this.sawNumber = true;
    if (text !== null) this.keepText(text);
    this.push(v);
    this.rows += 1;
  }

  /** Categorical: a non-empty cell counted by its text; the text's code, for a caller that finds the text again by its bytes (countCode). */
  countText(text: string): number {
    const code = this.tally(text);
    this.rows += 1;
    return code;
  }

  /** Categorical: a non-empty cell whose text has this code (countText gave it). */
  countCode(code: number): void {
    (this.counts[code] as number) += 1;
    this.rows += 1;
  }

  /** Counts a text; a text met for the first time is classified once: a number, a missing token, or another value. */
  private tally(text: string): number {
    let code = this.codes.get(text);
    if (code === undefined) {
      code = this.names.length;
      this.codes.set(text, code);
      this.names.push(text);
      this.counts.push(0);
      if (parseFiniteDecimal(text) !== null) this.sawNumber = true;
      else if (this.firstOther === undefined && !MISSING_TOKENS.has(text)) this.firstOther = text;
    }
    (this.counts[code] as number) += 1;
    return code;
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
    eachText(this.values as Float64Array, this.rows, this.textRows, this.texts, (text) => this.tally(text));
    this.values = null;
    this.textRows = new Int32Array(0);
    this.texts = [];
    this.tokens.clear();
  }

  finish(): FeatureSample {
    const { rows, empty, sawNumber, firstOther, textRows, texts, tokens, names, counts } = this;
    const values = this.values?.subarray(0, rows) ?? null;
    const numeric: NumericCells | null =
      values === null
        ? null
        : {
            tokens,
            numbers: () => {
              const out = new Float64Array(rows - empty - totalOf(tokens));
              let k = 0;
              for (let row = 0; row < rows; row += 1) {
                const v = values[row] as number;
                if (v === v) out[k++] = v;
              }
              return out;
            },
          };
    const categories = (): Map<string, number> => {
      if (values === null) return new Map(names.map((name, code) => [name, counts[code] as number]));
      const out = new Map<string, number>();
      eachText(values, rows, textRows, texts, (text) => out.set(text, (out.get(text) ?? 0) + 1));
      return out;
    };
    return { rows, empty, numeric, sawNumber, firstOther, categories };
  }
}

/** The text of each non-empty numeric row, in order: its kept text, else String(value); NaN with no text is an empty cell. */
function eachText(values: Float64Array, rows: number, textRows: Int32Array, texts: string[], take: (text: string) => void): void {
  let next = 0;
  for (let row = 0; row < rows; row += 1) {
    if (next < texts.length && textRows[next] === row) take(texts[next++] as string);
    else {
      const v = values[row] as number;
      if (v === v) take(String(v));
    }
  }
}

/** A column of texts (empty cells as null or '') as a FeatureSample. */
export function featureSample(column: FeatureColumn): FeatureSample {
  const builder = new FeatureSampleBuilder();
  for (const text of column) builder.addText(text);
  return builder.finish();
}
