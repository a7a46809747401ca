import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalTextMatcher, type Json } from '../../../electron/services/store/auditChain';

/*
 * Every audit hash covers canonicalJson's text, so it must stay the `canonicalize` package's
 * (RFC 8785) byte for byte, refusals included: a different byte would break every chain.
 */

/** What canonicalize gives, or the message it throws. */
function outcome(f: (v: Json) => string | undefined, value: Json): string {
  try {
    return `text ${f(value)}`;
  } catch (err) {
    return `refused ${(err as Error).message}`;
  }
}

const strings = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', '"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '€', '😀', '\ud83d', '\ude00', 'a\ud83db', '\ude00\ud83d', 'é', 'e\u0301'),
);
const numbers = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, 2 ** 53, NaN, Infinity, -Infinity));
const values = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    numbers,
    strings,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(strings, tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('canonicalJson', () => {
  it('gives the canonicalize package\'s text, or refuses as it does, for any JSON value with any strings and numbers', () => {
    fc.assert(
      fc.property(values, (v) => {
        expect(outcome(canonicalJson, v)).toBe(outcome(canonicalize, v));
      }),
      { numRuns: 3_000 },
    );
  });

  it('sorts alike, one after another, objects whose keys are the same list, the same keys in another order, or other keys of the same count', () => {
    const keyLists = fc.uniqueArray(strings, { minLength: 2, maxLength: 8 });
    fc.assert(
      fc.property(keyLists, keyLists, fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (keys, others, picks) => {
        // Each object is made from one of the lists, its keys put in a rotated order; the same list comes again and again.
        for (const pick of picks) {
          const list = pick % 3 === 2 ? others : keys;
          const rotated = [...list.slice(pick % list.length), ...list.slice(0, pick % list.length)];
          const object = Object.fromEntries(rotated.map((key, i) => [key, pick % 2 === 0 ? i : { [key]: i, a: rotated }])) as Json;
          expect(outcome(canonicalJson, object)).toBe(outcome(canonicalize, object));
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('follows toJSON, leaves out undefined members and puts null for undefined items, as the package does', () => {
    const odd = { at: new Date(Date.UTC(2026, 6, 1)), gone: undefined, list: [undefined, 1], nested: { toJSON: () => ({ b: 2, a: 1 }) } } as unknown as Json;
    expect(canonicalJson(odd)).toBe(canonicalize(odd));
    expect(canonicalJson(odd)).toBe('{"at":"2026-07-01T00:00:00.000Z","list":[null,1],"nested":{"a":1,"b":2}}');
  });
});

/** The value with every object's keys put in sorted order, as an image built for the quick comparison is. */
function keysInOrder(value: Json): Json {
  if (Array.isArray(value)) return value.map(keysInOrder);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, keysInOrder(value[key] as Json)]));
}

describe('canonicalTextMatcher', () => {
  /** The comparison of one image, as a new matcher makes it (JSON.stringify first). */
  const isCanonicalTextOf = (text: string, value: Json) => canonicalTextMatcher()(text, value);

  /** What the state check concludes, or the message it throws. */
  const verdict = (f: () => boolean) => {
    try {
      return f() ? 'same' : 'differs';
    } catch (err) {
      return `refused ${(err as Error).message}`;
    }
  };
  /** The exact answer: the value's canonical text is the text; a value JCS refuses has none, so it differs. */
  const exact = (text: string, image: Json) => verdict(() => canonicalJson(image) === text).replace(/^refused .*/, 'differs');

  it('says what comparing the canonical form says, a value JCS refuses differing, whatever order the keys are built in', () => {
    fc.assert(
      fc.property(values, values, fc.boolean(), (v, w, same) => {
        // The text is a canonical one, as a logged image is.
        const logged = outcome(canonicalJson, same ? v : w);
        fc.pre(logged.startsWith('text '));
        const text = logged.slice('text '.length);
        for (const image of [v, keysInOrder(v)]) {
          expect(verdict(() => isCanonicalTextOf(text, image))).toBe(exact(text, image));
        }
      }),
      { numRuns: 3_000, examples: [[{ b: 1, a: [2] }, null, true], [{ a: 'x' }, { a: 'x' }, false], [{ a: Number.NaN }, { a: null }, false]] },
    );
  });

  it('never takes a number JCS refuses for the null JSON.stringify writes in its place, nor a lone surrogate for the text of its escape', () => {
    expect(isCanonicalTextOf('{"a":null}', { a: Number.NaN })).toBe(false);
    expect(isCanonicalTextOf('[null,1]', [Number.POSITIVE_INFINITY, 1])).toBe(false);
    // The canonical text of a backslash and "ud800", against a lone surrogate, which JSON.stringify writes as the escape \ud800.
    const text = canonicalJson({ a: '\\ud800' });
    expect(text).toBe('{"a":"\\\\ud800"}');
    expect(isCanonicalTextOf(text, { a: '\ud800' })).toBe(false);
    expect(isCanonicalTextOf(text, { a: '\\ud800' })).toBe(true);
    // JSON.stringify writes null for an array's hole too, where canonicalJson writes nothing.
    // eslint-disable-next-line no-sparse-arrays
    expect(isCanonicalTextOf('[null,1]', [, 1] as unknown as Json)).toBe(false);
    // Nulls that stand for nulls, as a record's unset fields are, among numbers that are not.
    expect(isCanonicalTextOf('{"a":null,"b":[null,2.5],"c":{"d":null}}', { a: null, b: [null, 2.5], c: { d: null } })).toBe(true);
    expect(isCanonicalTextOf('{"a":null,"b":[null,2.5],"c":{"d":null}}', { a: null, b: [null, 2.5], c: { d: Number.NEGATIVE_INFINITY } })).toBe(false);
  });

  it('says the same over a run of images whatever their keys\' order, once it has stopped trying JSON.stringify as well as before', () => {
    const pair = fc.tuple(values, values, fc.boolean(), fc.boolean());
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 12 }), (run) => {
        const matches = canonicalTextMatcher();
        for (const [v, w, same, inOrder] of run) {
          const logged = outcome(canonicalJson, same ? v : w);
          if (!logged.startsWith('text ')) continue;
          const text = logged.slice('text '.length);
          const image = inOrder ? keysInOrder(v) : v;
          expect(verdict(() => matches(text, image))).toBe(exact(text, image));
        }
      }),
      { numRuns: 500 },
    );
  });
});
