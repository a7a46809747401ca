import { describe, expect, it } from 'vitest';
import { checkScore } from '../../../shared/scoring/score';
import { score } from './builders';

const field = 'the fairness & bias score of Credit scorer';

describe('dimension score', () => {
  it('accepts a whole value inside its band, band ends on the scale and not necessarily whole', () => {
    expect(checkScore(score(3, 2, 4), field)).toBeNull();
    expect(checkScore(score(1), field)).toBeNull();
    expect(checkScore(score(5), field)).toBeNull();
    expect(checkScore(score(3, 2.5, 3.5), field)).toBeNull();
  });

  it('refuses a value that is not a whole number from 1 to 5, naming the score', () => {
    for (const value of [0, 6, 3.5, Number.NaN]) {
      expect(checkScore(score(value, 1, 5), field)).toBe(`The fairness & bias score of Credit scorer is ${value}; a score must be a whole number from 1 to 5.`);
    }
  });

  it('refuses band ends off the scale or on the wrong side of the value', () => {
    expect(checkScore(score(3, 0.5, 4), field)).toBe('The low end of the band of the fairness & bias score of Credit scorer is 0.5; it must lie between 1 and 5.');
    expect(checkScore(score(3, 2, 5.5), field)).toBe('The high end of the band of the fairness & bias score of Credit scorer is 5.5; it must lie between 1 and 5.');
    expect(checkScore(score(3, 4, 5), field)).toBe('The low end of the band of the fairness & bias score of Credit scorer (4) is above the score 3; lower it to 3 or less.');
    expect(checkScore(score(3, 1, 2), field)).toBe('The high end of the band of the fairness & bias score of Credit scorer (2) is below the score 3; raise it to 3 or more.');
  });
});
