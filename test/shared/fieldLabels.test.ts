import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeIssues, rawPath } from '../../shared/contract/errors';
import { fieldLabel } from '../../shared/contract/fieldLabels';
import { plural } from '../../shared/text/plural';
import { auditActionWords } from '../../shared/text/auditWords';
import { metricNumber } from '../../shared/text/numbers';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a refusal');
  return parsed.error.issues;
};

describe('field labels', () => {
  it.each([
    ['conditions.1.due', 'Condition 2, due date'],
    ['conditions[1].due', 'Condition 2, due date'],
    ['mitigations[0].due', 'Mitigation 1, due date'],
    ['dimensions[4].weight', 'Dimension 5, weight'],
    ['acceptances.2.compensatingControls', 'Risk acceptance 3, compensating controls'],
    ['decision.votes.0.attendeeId', 'Vote 1, attendee'],
    ['periodStart', 'Period start'],
    ['path', 'File'],
    ['reviewCadence', 'Review cadence'],
    ['', ''],
  ])('names %s as the screen does: %s', (path, label) => {
    expect(fieldLabel(path)).toBe(label);
  });

  it('takes zod paths with numbers and counts items from 1', () => {
    expect(fieldLabel(['rules', 0, 'metric'])).toBe('Rule 1, metric');
  });
});

describe('describeIssues', () => {
  const Decision = z.object({
    title: z.string().min(1, 'must not be empty'),
    conditions: z.array(z.object({ text: z.string().min(1, 'must not be empty'), due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD') })),
  });

  it('names the field by its label, and the other fields to check by theirs', () => {
    const { message, field } = describeIssues(issuesOf(Decision, { title: '', conditions: [{ text: 'Retrain', due: 'soon' }, { text: '', due: '2026-01-01' }] }));
    expect(field).toBe('title');
    expect(message).toBe('Title: must not be empty. Also check: Condition 1, due date; Condition 2, text.');
    expect(message).not.toMatch(/conditions|\[\d\]|\.\d\.|more problem/);
  });

  it('one problem is one sentence with the item counted from 1', () => {
    const { message, field } = describeIssues(issuesOf(Decision, { title: 'x', conditions: [{ text: 'a', due: '2026-01-01' }, { text: 'b', due: '1/2/26' }] }));
    expect(field).toBe('conditions.1.due');
    expect(message).toBe('Condition 2, due date: must be a date as YYYY-MM-DD.');
  });

  it('says how many more when many fields are wrong', () => {
    const Many = z.object({ a: z.string(), b: z.string(), c: z.string(), d: z.string(), e: z.string() });
    expect(describeIssues(issuesOf(Many, {})).message).toMatch(/ Also check: B; C; D; and 1 more\.$/);
  });

  it('keeps a file’s own keys when asked to (bundle.json is written by its keys)', () => {
    const { message } = describeIssues(issuesOf(Decision, { title: 'x', conditions: [{ text: '', due: '2026-01-01' }] }), rawPath);
    expect(message).toBe('conditions.0.text: must not be empty.');
  });
});

describe('plural', () => {
  it.each([
    [0, 'finding', '0 findings'],
    [1, 'finding', '1 finding'],
    [2, 'finding', '2 findings'],
    [1204, 'model', '1,204 models'],
  ])('%i %s → %s', (n, noun, text) => {
    expect(plural(n, noun)).toBe(text);
  });

  it('takes an irregular plural', () => {
    expect(plural(3, 'criterion', 'criteria')).toBe('3 criteria');
    expect(plural(1, 'criterion', 'criteria')).toBe('1 criterion');
  });
});

describe('audit actions in words', () => {
  it.each([
    ['score.set', 'Score set'],
    ['attendance.take', 'Attendance taken'],
    ['score.accept_rule', 'Score rule accepted'],
    ['session.close', 'Session closed'],
    ['decision.record', 'Decision recorded'],
    ['workspace.frobnicate', 'Workspace frobnicate'],
  ])('%s reads as "%s"', (action, words) => {
    expect(auditActionWords(action)).toBe(words);
  });
});

describe('metric numbers in sentences', () => {
  it.each([
    [0.688922855087946, '0.6889'],
    [0.25, '0.25'],
    [3, '3'],
    [-0.00001, '0'],
    [12345.67891, '12345.6789'],
  ])('%d reads as %s', (v, text) => {
    expect(metricNumber(v)).toBe(text);
  });
});
