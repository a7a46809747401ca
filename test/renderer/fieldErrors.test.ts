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
});
