import type { FeatureSample } from '../../shared/metrics/featureSample';

/** Everything a FeatureSample tells drift, as plain data to compare: two reads of one column must agree on all of it. */
export function sampleShape(sample: FeatureSample | undefined) {
  if (sample === undefined) return undefined;
  const { rows, empty, numeric, sawNumber, firstOther } = sample;
  return {
    rows,
    empty,
    sawNumber,
    firstOther,
    numbers: numeric === null ? null : Array.from(numeric.numbers(), (v) => (Object.is(v, -0) ? '-0' : String(v))),
    tokens: numeric === null ? null : [...numeric.tokens],
    categories: [...sample.categories()],
  };
}
