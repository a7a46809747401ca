import { countText } from '../../../shared/text/numbers';

/**
 * Where a text file stops being UTF-8: the offset of the first byte that does not belong,
 * and its line and column as an editor shows them (lines from 1, counting LF; columns
 * from 1, counting characters), so the team can go straight to it.
 */

/** Length of the sequence a lead byte opens, or 0 when it cannot open one. */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/** The offset where the first ill-formed UTF-8 sequence (RFC 3629) of `bytes` starts, or -1. */
export function firstBadUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const n = sequenceLength(b);
    if (n === 0) return i;
    if (n === 1) {
      i += 1;
      continue;
    }
    // The second byte's range excludes overlongs (E0, F0), surrogates (ED) and code points past U+10FFFF (F4).
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < n; k += 1) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += n;
  }
  return -1;
}

/** Line and column (both from 1) of a byte offset of UTF-8 text whose bytes before it are well formed. */
export function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i += 1) {
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  let column = 1;
  // A character is counted at its lead byte; continuation bytes (10xxxxxx) are not.
  for (let i = lineStart; i < offset; i += 1) if (((bytes[i] as number) & 0xc0) !== 0x80) column += 1;
  return { line, column };
}

/** The sentence for a file that is not UTF-8, naming where. */
export function notUtf8Sentence(file: string, bytes: Uint8Array): string {
  const at = firstBadUtf8Byte(bytes);
  if (at < 0) return `${file} is not valid UTF-8. Save it as UTF-8.`;
  return sentenceAt(file, bytes, at, 0);
}

/**
 * The same sentence for a file read in pieces: the pieces are walked again from the start,
 * keeping only the line count and the current line's bytes (held to the row limit by the
 * CSV walk that ran before the decoder failed), so the file is never held whole.
 */
export async function notUtf8SentenceOf(file: string, pieces: AsyncIterable<Uint8Array>): Promise<string> {
  let linesBefore = 0;
  let tail: Uint8Array = new Uint8Array(0);
  let window: Uint8Array = tail;
  for await (const piece of pieces) {
    window = new Uint8Array(tail.length + piece.length);
    window.set(tail);
    window.set(piece, tail.length);
    const at = firstBadUtf8Byte(window);
    // A sequence cut by the piece's end is not bad yet: the next piece may complete it.
    if (at >= 0 && at + 4 <= window.length) return sentenceAt(file, window, at, linesBefore);
    const keepFrom = at >= 0 ? at : window.length;
    const lastLf = window.lastIndexOf(0x0a, keepFrom - 1);
    for (let i = 0; i <= lastLf; i += 1) if (window[i] === 0x0a) linesBefore += 1;
    tail = window.subarray(lastLf + 1);
  }
  const at = firstBadUtf8Byte(window);
  return at < 0 ? `${file} is not valid UTF-8. Save it as UTF-8.` : sentenceAt(file, window, at, linesBefore);
}

function sentenceAt(file: string, window: Uint8Array, at: number, linesBefore: number): string {
  const { line, column } = lineAndColumn(window, at);
  const byte = (window[at] as number).toString(16).toUpperCase().padStart(2, '0');
  return `${file} is not valid UTF-8: line ${countText(linesBefore + line)}, column ${countText(column)} holds the byte 0x${byte} (text saved as Latin-1 or Windows-1252 looks like this). Save it as UTF-8.`;
}
