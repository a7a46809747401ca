import { describe, expect, it } from 'vitest';
import { daysUntil, draftNextCycle, nextCycleIsDue } from '../../renderer/src/cycles/nextPeriod';

describe('the next cycle the dialog offers', () => {
  it('is the quarter after the one that ends, named and filed like it', () => {
    expect(draftNextCycle({ name: 'Q3 2026 model review', path: '/data/board/q3-2026.mrb', periodStart: '2026-07-01', periodEnd: '2026-09-30' }, '2026-09-20')).toEqual({
      name: 'Q4 2026 model review',
      periodStart: '2026-10-01',
      periodEnd: '2026-12-31',
      file: '/data/board/q4-2026.mrb',
    });
  });

  it('rolls Q4 into Q1 of the next year, whichever side the year is on', () => {
    const next = draftNextCycle({ name: '2026-Q4', path: 'board-2026-q4.mrb', periodStart: '2026-10-01', periodEnd: '2026-12-31' }, '2026-12-01');
    expect(next).toMatchObject({ name: '2027-Q1', periodStart: '2027-01-01', periodEnd: '2027-03-31', file: 'board-2027-q1.mrb' });
  });

  it('names the quarter itself and files by the name when the old cycle follows no pattern', () => {
    const next = draftNextCycle({ name: 'Autumn board', path: 'C:\\boards\\autumn.mrb', periodStart: null, periodEnd: '2026-11-15' }, '2026-11-20');
    expect(next).toEqual({ name: 'Q4 2026', periodStart: '2026-11-16', periodEnd: '2027-02-15', file: 'C:\\boards\\q4-2026.mrb' });
  });

  it('offers the next calendar quarter after today when the old cycle has no period', () => {
    expect(draftNextCycle({ name: 'Board', path: 'board.mrb', periodStart: null, periodEnd: null }, '2026-11-26')).toMatchObject({ periodStart: '2027-01-01', periodEnd: '2027-03-31' });
  });
});

describe('when the Overview offers the next cycle', () => {
  it('from 30 days before the period ends, and after it has ended', () => {
    expect(daysUntil('2026-12-31', '2026-11-26')).toBe(35);
    expect(nextCycleIsDue('2026-12-31', '2026-11-26')).toBe(false);
    expect(nextCycleIsDue('2026-12-26', '2026-11-26')).toBe(true);
    expect(nextCycleIsDue('2026-09-30', '2026-11-26')).toBe(true);
    expect(nextCycleIsDue(null, '2026-11-26')).toBe(false);
  });
});
