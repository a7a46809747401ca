import { countText } from '../text/numbers';

/**
 * Names and text taken from input, made fit to print. Apart from errors.ts (which re-exports
 * them) because that one brings zod, and the CLI prints through these before it loads any.
 */

/** Longest name, in characters, that a message shows before cutting it. */
const MAX_SHOWN_NAME = 120;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** True when a name holds a control character, a terminal escape or a bidirectional override. */
export function hasUnprintable(name: string): boolean {
  return name.search(UNPRINTABLE) >= 0;
}

/**
 * A name taken from input (a file, zip entry, column or upload name), fit to print in a
 * message: control characters, terminal escapes and bidirectional overrides are shown
 * escaped (`\x1b`, `\u202e`) so they cannot move the cursor, recolour a terminal or
 * reorder the text, and a very long name is cut.
 */
export function shownName(name: string): string {
  const escaped = name.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return escaped.length > MAX_SHOWN_NAME ? `${escaped.slice(0, MAX_SHOWN_NAME)}…` : escaped;
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNPRINTABLE_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Text for a terminal: as shownName, but line breaks and tabs stay and nothing is cut. */
export function printableText(text: string): string {
  return text.replace(UNPRINTABLE_IN_TEXT, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Names a few items of a list and says how many more there are, so that a refusal about
 * 20,000 columns stays one readable sentence: `"a", "b", "c" and 19,997 more`.
 */
export function namedFew(items: readonly string[], few = 3): string {
  const shown = items.slice(0, few).map((item) => `"${shownName(item)}"`);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${countText(rest)} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
