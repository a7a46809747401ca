/**
 * Stable ascending sorts of doubles by LSD radix sort on their bit patterns: four passes of
 * 16 bits, linear in n. In Node 20, Float64Array.prototype.sort takes about three times
 * as long for 100,000 values, and a comparator argsort of a million indices several times
 * more; the metrics sort scores once and reuse the order for AUC, average precision,
 * DeLong's midranks and every group, and drift sorts each sample once for PSI and KS.
 *
 * The bit trick: flipping the sign bit of a non-negative double, or every bit of a
 * negative one, makes unsigned integer order equal numeric order. -0 is folded into +0
 * first so that the two tie, as they do for numpy and scikit-learn. NaN has no place in
 * numeric order; callers reject it before sorting.
 *
 * Below SMALL_SORT_LIMIT values the four passes cost more than the sort: each clears and
 * prefix-sums 4 x 65,536 counters whatever n is, so 20,000 drift features of 60 rows spent
 * minutes there. Small inputs are compared on the very same keys (high word, low word, then
 * row), so both paths give one order, NaN bit patterns and the -0/+0 tie included.
 */

const DIGITS = 1 << 16;
/** Measured on Node 20 (2 loaded cores): the two paths cost the same near 4,000 to 8,000 values. */
export const SMALL_SORT_LIMIT = 4096;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LOW_WORD = LITTLE_ENDIAN ? 0 : 1;
const HIGH_WORD = LITTLE_ENDIAN ? 1 : 0;

/**
 * Each row's sort key, its value's low and high 32-bit words made unsigned-orderable, side
 * by side (`words[2i]`, `words[2i + 1]`): a pass writes both into one cache line, where
 * two separate arrays took two cache misses a row. A sort that carries a payload word a
 * row keeps it in an array of its own, moved with the keys.
 */
interface SortKeys {
  words: Uint32Array;
  payload: Payload | null;
}

/** A word a row carried through the sort, in the narrowest array that holds its bits: a byte for a label and a few small group codes. */
export type Payload = Uint8Array | Uint16Array | Uint32Array;

/**
 * Where a sort's arrays are made: plain memory, or memory shared with another thread that
 * then reads the sorted rows where they lie (electron/services/jobs/groupMetrics.ts).
 */
export type Room = (bytes: number) => ArrayBufferLike;
export const ownRoom: Room = (bytes) => new ArrayBuffer(bytes);
export const sharedRoom: Room = (bytes) => new SharedArrayBuffer(bytes);

const payloadLike = (payload: Payload, n: number, room: Room): Payload =>
  payload instanceof Uint8Array ? new Uint8Array(room(n)) : payload instanceof Uint16Array ? new Uint16Array(room(2 * n)) : new Uint32Array(room(4 * n));

/** Turns one digit's counts (`counts[base]` on) into where each digit's keys start. */
function bucketStarts(counts: Uint32Array, base: number): void {
  let offset = 0;
  for (let d = 0; d < DIGITS; d += 1) {
    const c = counts[base + d] as number;
    counts[base + d] = offset;
    offset += c;
  }
}

/** Sorts the keys in place (`keys.words` and `keys.payload` are replaced by their sorted versions); returns the spare words and payload. */
function radixPasses(keys: SortKeys, room: Room = ownRoom): { words: Uint32Array; payload: Payload | null } {
  let { words, payload } = keys;
  const n = words.length / 2;
  const counts = new Uint32Array(4 * DIGITS);
  for (let i = 0; i < words.length; i += 2) {
    const l = words[i] as number;
    const h = words[i + 1] as number;
    (counts[l & 0xffff] as number) += 1;
    (counts[DIGITS + (l >>> 16)] as number) += 1;
    (counts[2 * DIGITS + (h & 0xffff)] as number) += 1;
    (counts[3 * DIGITS + (h >>> 16)] as number) += 1;
  }
  let next = new Uint32Array(room(4 * words.length));
  let nextPayload = payload === null ? null : payloadLike(payload, n, room);
  for (let pass = 0; pass < 4; pass += 1) {
    const base = pass * DIGITS;
    const shift = pass % 2 === 0 ? 0 : 16;
    const word = pass < 2 ? 0 : 1;
    // A pass where every key has the same digit would only copy; scores in [0, 1] often share their top bits.
    if (n === 0 || counts[base + (((words[word] as number) >>> shift) & 0xffff)] === n) continue;
    bucketStarts(counts, base);
    for (let i = 0; i < n; i += 1) {
      const digit = ((words[2 * i + word] as number) >>> shift) & 0xffff;
      const at = counts[base + digit] as number;
      counts[base + digit] = at + 1;
      next[2 * at] = words[2 * i] as number;
      next[2 * at + 1] = words[2 * i + 1] as number;
      if (payload !== null && nextPayload !== null) nextPayload[at] = payload[i] as number;
    }
    [words, next] = [next, words];
    [payload, nextPayload] = [nextPayload, payload];
  }
  keys.words = words;
  keys.payload = payload;
  return { words: next, payload: nextPayload };
}

/** Values folded (-0 to +0) and read as words a block at a time, so the keys need no float64 copy of all values beside them. */
const FOLD_BLOCK = 4096;

function keysOf(values: Float64Array, payload: Payload | null, words: Uint32Array = new Uint32Array(2 * values.length)): SortKeys {
  const n = values.length;
  const folded = new Float64Array(Math.min(n, FOLD_BLOCK));
  const bits = new Uint32Array(folded.buffer);
  for (let start = 0; start < n; start += FOLD_BLOCK) {
    const m = Math.min(FOLD_BLOCK, n - start);
    for (let k = 0; k < m; k += 1) folded[k] = (values[start + k] as number) + 0;
    for (let k = 0; k < m; k += 1) {
      const at = 2 * (start + k);
      const h = bits[2 * k + HIGH_WORD] as number;
      const l = bits[2 * k + LOW_WORD] as number;
      if (h & 0x80000000) {
        words[at] = ~l >>> 0;
        words[at + 1] = ~h >>> 0;
      } else {
        words[at] = l;
        words[at + 1] = (h | 0x80000000) >>> 0;
      }
    }
  }
  return { words, payload };
}

/** Orders the keys' rows by comparison on the same unsigned keys the radix passes read. */
function comparisonOrder(keys: SortKeys): Uint32Array {
  const { words } = keys;
  const order = new Uint32Array(words.length / 2);
  for (let i = 0; i < order.length; i += 1) order[i] = i;
  // Row order breaks ties explicitly, so stability of the built-in sort is not relied on.
  return order.sort((a, b) => (words[2 * a + 1] as number) - (words[2 * b + 1] as number) || (words[2 * a] as number) - (words[2 * b] as number) || a - b);
}

const rowNumbers = (n: number): Uint32Array => {
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) rows[i] = i;
  return rows;
};

/** Argsort by the radix passes whatever the size; `argsortAscending` picks the cheaper path. */
export function radixArgsort(values: Float64Array): Uint32Array {
  const keys = keysOf(values, rowNumbers(values.length));
  radixPasses(keys);
  return keys.payload as Uint32Array;
}

/** Argsort by comparison whatever the size, in exactly the radix order. */
export function comparisonArgsort(values: Float64Array): Uint32Array {
  return comparisonOrder(keysOf(values, null));
}

/** The row indices in ascending order of value; equal values keep their row order. */
export function argsortAscending(values: Float64Array): Uint32Array {
  return values.length <= SMALL_SORT_LIMIT ? comparisonArgsort(values) : radixArgsort(values);
}

/** Turns sorted keys (or keys in the given order of rows) back into the doubles they encode. */
function valuesOfKeys(keys: SortKeys, order: Uint32Array | null, out: Float64Array = new Float64Array(keys.words.length / 2)): Float64Array {
  const { words } = keys;
  const n = out.length;
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i += 1) {
    const at = 2 * (order === null ? i : (order[i] as number));
    const l = words[at] as number;
    const h = words[at + 1] as number;
    if (h & 0x80000000) {
      bits[2 * i + HIGH_WORD] = (h & 0x7fffffff) >>> 0;
      bits[2 * i + LOW_WORD] = l;
    } else {
      bits[2 * i + HIGH_WORD] = ~h >>> 0;
      bits[2 * i + LOW_WORD] = ~l >>> 0;
    }
  }
  return out;
}

/**
 * A step of the sort over one share of the rows, `from` (inclusive) to `to`: the same work
 * on every share, so that one thread can do one share while another thread does the next
 * (the arrays then live in shared memory), or one thread all of them in turn.
 * - keys: each value of the share as a whole number of 1 / `scale` (see below), plus
 *   `bias`, into `keys`, and how many keys of the share have each low and high 16-bit digit
 *   into `counts` (low digits first); fails as soon as a value is not such a number.
 * - count: how many keys of the share have each digit at `shift` into `counts`.
 * - scatter: moves the share's keys and payload words to where their digit at `shift`
 *   puts them (`starts`, from the digit counts of every share: a stable pass).
 * A step writes nothing but its outputs and reads nothing the steps beside it write, so a
 * step run twice (again on another thread, after one that failed midway) leaves the same.
 */
export type SortStep =
  | { kind: 'keys'; from: number; to: number; values: Float64Array; scale: number; bias: number; keys: Uint32Array; counts: Uint32Array }
  | { kind: 'count'; from: number; to: number; keys: Uint32Array; shift: number; counts: Uint32Array }
  | { kind: 'scatter'; from: number; to: number; keys: Uint32Array; payload: Payload; shift: number; starts: Uint32Array; into: Uint32Array; intoPayload: Payload };

/**
 * A sort as steps: each yield gives one step a share, and takes whether each succeeded
 * (runSortStep); the return value is the sort's result. runSteps runs them all here;
 * electron/services/jobs/groupMetrics.ts gives one share of each step to another thread.
 */
export type SortSteps<T> = Generator<SortStep[], T, boolean[]>;

/** Scores written with at most nine decimals are whole numbers of billionths. */
const BILLIONTHS = 1e9;

/** 10^d for d up to 9: the scales of values written with at most nine decimals. */
const DECIMAL_SCALES = Array.from({ length: 10 }, (_, d) => 10 ** d);

/**
 * Runs one step (SortStep). The keys: each value v as the whole number k = v * scale, plus
 * bias, when v is exactly k / scale and the key fits 32 bits: scores from 0 to about 4.29
 * written with at most nine decimals, as scoring pipelines that round their scores write
 * them, are billionths with no bias; drift samples written with few decimals take their
 * own scale (decimalScale) and a bias of 2^31 for negative values. With scale at most 1e9
 * and |k| below 2^32, k / scale is correctly rounded and strictly increasing in k (its steps
 * are millions of ulps), so the values' order and ties are their keys', and each value is
 * read back as k / scale exactly. -0 gives the key of 0 and comes back as +0, as the 64-bit
 * keys fold it.
 */
export function runSortStep(step: SortStep): boolean {
  const { from, to } = step;
  if (step.kind === 'keys') {
    const { values, scale, bias, keys, counts } = step;
    counts.fill(0);
    for (let i = from; i < to; i += 1) {
      const v = values[i] as number;
      const whole = Math.round(v * scale);
      const k = whole + bias;
      if (!(k >= 0 && k <= 0xffffffff) || whole / scale !== v) return false;
      keys[i] = k;
      (counts[k & 0xffff] as number) += 1;
      (counts[DIGITS + (k >>> 16)] as number) += 1;
    }
  } else if (step.kind === 'count') {
    const { keys, shift, counts } = step;
    counts.fill(0);
    for (let i = from; i < to; i += 1) (counts[((keys[i] as number) >>> shift) & 0xffff] as number) += 1;
  } else {
    const { keys, payload, shift, into, intoPayload } = step;
    const starts = step.starts.slice();
    for (let i = from; i < to; i += 1) {
      const k = keys[i] as number;
      const digit = (k >>> shift) & 0xffff;
      const at = starts[digit] as number;
      starts[digit] = at + 1;
      into[at] = k;
      intoPayload[at] = payload[i] as number;
    }
  }
  return true;
}

/** Runs every step here, share after share. */
export function runSteps<T>(steps: SortSteps<T>): T {
  let done: boolean[] = [];
  for (;;) {
    const next = steps.next(done);
    if (next.done) return next.value;
    done = next.value.map(runSortStep);
  }
}

/**
 * Where each share's keys with each digit start: the keys of lower digits of every share,
 * then those of this digit in the shares before (so each pass is stable). `counts[s]` holds
 * share s's counts from `base` on.
 */
function shareStarts(counts: readonly Uint32Array[], base: number, room: Room): Uint32Array[] {
  const starts = counts.map(() => new Uint32Array(room(4 * DIGITS)));
  let offset = 0;
  for (let d = 0; d < DIGITS; d += 1) {
    for (let s = 0; s < counts.length; s += 1) {
      (starts[s] as Uint32Array)[d] = offset;
      offset += (counts[s] as Uint32Array)[base + d] as number;
    }
  }
  return starts;
}

/**
 * sortWithPayload for values that are whole numbers of 1 / `scale` (keys biased by `bias`,
 * see runSortStep): two stable passes of 16 bits over 4-byte keys where the 64-bit keys take
 * four over 8 bytes, in `shares` shares of the rows. The keys and their scratch share
 * `buffer`, 8 bytes a row, into which the sorted values are then read back: from the last
 * row to the first, value k (bytes 8k to 8k + 8) only covers keys at k or after, each
 * already read. The payload's words end where they started, in `payload`. Null when a
 * value is not such a number.
 */
function* sortScaled<P extends Payload>(values: Float64Array, payload: P, buffer: ArrayBufferLike, room: Room, shares: number, scale: number, bias: number): SortSteps<SortedWithPayload<P> | null> {
  const n = values.length;
  const keys = new Uint32Array(buffer, 0, n);
  const scratch = new Uint32Array(buffer, 4 * n, n);
  const scratchPayload = payloadLike(payload, n, room);
  const bounds = Array.from({ length: shares }, (_, s) => ({ from: Math.floor((s * n) / shares), to: Math.floor(((s + 1) * n) / shares) }));
  const counts = bounds.map(() => new Uint32Array(room(8 * DIGITS)));
  const keyed = yield bounds.map(({ from, to }, s) => ({ kind: 'keys', from, to, values, scale, bias, keys, counts: counts[s] as Uint32Array }));
  if (!keyed.every(Boolean)) return null;
  const lowStarts = shareStarts(counts, 0, room);
  yield bounds.map(({ from, to }, s) => ({ kind: 'scatter', from, to, keys, payload, shift: 0, starts: lowStarts[s] as Uint32Array, into: scratch, intoPayload: scratchPayload }));
  // The second pass takes its shares of the first pass's order, whose high digits each share counts anew (one share: the keys' own counts).
  let highCounts = counts;
  if (shares > 1) {
    highCounts = bounds.map(() => new Uint32Array(room(8 * DIGITS)));
    yield bounds.map(({ from, to }, s) => ({ kind: 'count', from, to, keys: scratch, shift: 16, counts: (highCounts[s] as Uint32Array).subarray(DIGITS) }));
  }
  const highStarts = shareStarts(highCounts, DIGITS, room);
  yield bounds.map(({ from, to }, s) => ({ kind: 'scatter', from, to, keys: scratch, payload: scratchPayload, shift: 16, starts: highStarts[s] as Uint32Array, into: keys, intoPayload: payload }));
  const sorted = new Float64Array(buffer, 0, n);
  for (let i = n - 1; i >= 0; i -= 1) sorted[i] = ((keys[i] as number) - bias) / scale;
  return { sorted, payload };
}

/**
 * The scale of values all written with at most nine decimals, 10^d for the fewest decimals d
 * that give every value as a whole number k / 10^d with |k| below 2^31 (a key then fits 32
 * bits with a bias of 2^31); null for any other values. A value that is such a number at
 * some d is one at every larger d (k times a power of ten, divided by the larger power,
 * rounds to the same double), so d only grows as the values are met.
 */
function decimalScale(values: Float64Array): number | null {
  let d = 0;
  let largest = 0;
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i] as number;
    // NaN never equals itself, so it runs d past nine.
    while (Math.round(v * (DECIMAL_SCALES[d] as number)) / (DECIMAL_SCALES[d] as number) !== v) {
      if (d === 9) return null;
      d += 1;
    }
    const size = Math.abs(v);
    if (size > largest) largest = size;
  }
  const scale = DECIMAL_SCALES[d] as number;
  return largest * scale < 2 ** 31 ? scale : null;
}

/** What a sort with payload gives back: the sorted values and payloads. */
export interface SortedWithPayload<P extends Payload> {
  sorted: Float64Array;
  payload: P;
}

/**
 * The ascending values (-0 as +0), each with the word `payload` holds for its row, from one
 * sort: the values are read back from the sorted keys in order and the words travel with
 * them through the passes, so nothing is gathered row by row afterwards (at ten million
 * rows, a gather from the unsorted rows misses the cache at nearly every row). The given
 * `payload` array is used as scratch space, and holds the sorted words when the values are
 * whole numbers of billionths (sortScaled). Every array the sort makes is made in
 * `room`, the sorted values in the very memory that held the keys. As steps (SortSteps)
 * over `shares` shares of the rows where the values are billionths.
 */
export function* sortingWithPayload<P extends Payload>(values: Float64Array, payload: P, room: Room, shares: number): SortSteps<SortedWithPayload<P>> {
  if (values.length <= SMALL_SORT_LIMIT) {
    const keys = keysOf(values, null);
    const order = comparisonOrder(keys);
    const words = payloadLike(payload, order.length, room) as P;
    for (let k = 0; k < order.length; k += 1) words[k] = payload[order[k] as number] as number;
    return { sorted: valuesOfKeys(keys, order, new Float64Array(room(8 * order.length))), payload: words };
  }
  // 8 bytes a row either way: the billionths' keys and scratch, or else the 64-bit keys.
  const buffer = room(8 * values.length);
  const billionths = yield* sortScaled(values, payload, buffer, room, shares, BILLIONTHS, 0);
  if (billionths !== null) return billionths;
  const keys = keysOf(values, payload, new Uint32Array(buffer));
  // The spare key words are 8 bytes a row: the sorted values are read back into them.
  const spare = radixPasses(keys, room);
  return { sorted: valuesOfKeys(keys, null, new Float64Array(spare.words.buffer)), payload: keys.payload as P };
}

/** sortingWithPayload, all on this thread. */
export function sortWithPayload<P extends Payload>(values: Float64Array, payload: P, room: Room = ownRoom): SortedWithPayload<P> {
  return runSteps(sortingWithPayload(values, payload, room, 1));
}

/**
 * sortedCopy by the radix passes whatever the size: values written with few decimals (as
 * drift samples mostly are) on 4-byte keys of their decimal scale (decimalScale, sortScaled),
 * in two passes where the 64-bit keys take four over 8 bytes; any others on the 64-bit keys.
 */
export function radixSortedCopy(values: Float64Array): Float64Array {
  const scale = values.length > 0 ? decimalScale(values) : null;
  const scaled = scale === null ? null : runSteps(sortScaled(values, new Uint8Array(values.length), new ArrayBuffer(8 * values.length), ownRoom, 1, scale, 2 ** 31));
  if (scaled !== null) return scaled.sorted;
  const keys = keysOf(values, null);
  return valuesOfKeys(keys, null, new Float64Array(radixPasses(keys).words.buffer));
}

/** sortedCopy by comparison whatever the size, bit for bit the radix result. */
export function comparisonSortedCopy(values: Float64Array): Float64Array {
  const keys = keysOf(values, null);
  return valuesOfKeys(keys, comparisonOrder(keys));
}

/** An ascending copy of the values (-0 comes back as +0). */
export function sortedCopy(values: Float64Array): Float64Array {
  return values.length <= SMALL_SORT_LIMIT ? comparisonSortedCopy(values) : radixSortedCopy(values);
}
