import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../shared/contract/errors';
import { placeError } from '../../renderer/src/forms/fieldErrors';

/** The one field-error helper every form uses (issue 15 §4). */
describe('placeError', () => {
  const refusal = (field: string | undefined): ApiError => ({ code: 'invalid_argument', message: 'That finding is closed.', ...(field === undefined ? {} : { field }) });

  it('puts the sentence at the control the API names, through an alias for a nested argument', () => {
    expect(placeError(refusal('owner'), ['owner', 'due'])).toEqual({ fields: { owner: 'That finding is closed.' }, form: null });
    expect(placeError(refusal('evidence.findingId'), ['value', 'finding'], { 'evidence.findingId': 'finding' })).toEqual({ fields: { finding: 'That finding is closed.' }, form: null });
  });

  it('falls back to the form for a field it does not show, or none, so nothing is swallowed', () => {
    expect(placeError(refusal('evidence.findingId'), ['value', 'finding'])).toEqual({ fields: {}, form: 'That finding is closed.' });
    expect(placeError(refusal(undefined), ['owner'])).toEqual({ fields: {}, form: 'That finding is closed.' });
  });

  it("reads the argument schema's spelling of a path as the rules' one, and a rule for controls that repeat per row", () => {
    expect(placeError(refusal('conditions.0.due'), ['conditions[0].due'])).toEqual({ fields: { 'conditions[0].due': 'That finding is closed.' }, form: null });
    const perRow = (path: string) => /^(dimensions\[\d+\]\.clauses)/.exec(path)?.[1];
    expect(placeError(refusal('dimensions.2.clauses.0.clause'), ['dimensions[2].clauses'], perRow)).toEqual({ fields: { 'dimensions[2].clauses': 'That finding is closed.' }, form: null });
  });
});
