import { countText } from './numbers';

/**
 * "1 finding", "2 findings", "1,204 models": a count with its noun in the right number.
 * English only (the app's one language); a noun whose plural is not noun+s names it.
 */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${countText(count)} ${count === 1 ? noun : pluralNoun}`;
}
