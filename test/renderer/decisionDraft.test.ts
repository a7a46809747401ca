import { describe, expect, it } from 'vitest';
import { clearDraft, decideArgs, draftKey, initialState, loadDraft, saveDraft } from '../../renderer/src/sessions/decisionDraft';

/** The browser's storage as a plain map: the draft functions only get, set and remove. */
function storage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

describe('a half-written decision', () => {
  const key = draftKey('session-1', 'item-1', null);
  const state = { ...initialState('approved', null), rationale: 'Within tolerance.', votes: { ann: 'for' as const } };

  it('is kept with the version it started from and comes back whole, until it is cleared', () => {
    const s = storage();
    saveDraft(s, key, { savedAt: '2026-11-26T14:05:00.000Z', version: 12, state });
    expect(loadDraft(s, key)).toEqual({ savedAt: '2026-11-26T14:05:00.000Z', version: 12, state });
    clearDraft(s, key);
    expect(loadDraft(s, key)).toBeNull();
  });

  it('is kept apart per item and per decision amended', () => {
    expect(new Set([key, draftKey('session-1', 'item-2', null), draftKey('session-1', 'item-1', 'decision-9')]).size).toBe(3);
  });

  it('that cannot be read is dropped instead of breaking the form', () => {
    const s = storage({ [key]: '{"savedAt":"2026-11-26T14:05:00.000Z","version":3,"state":{"outcome":"approved"}}', other: 'not json' });
    expect(loadDraft(s, key)).toBeNull();
    expect(s.items.has(key)).toBe(false);
    expect(loadDraft(s, 'other')).toBeNull();
    const refusing = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => undefined };
    expect(() => saveDraft(refusing, key, { savedAt: '2026-11-26T14:05:00.000Z', version: 0, state })).not.toThrow();
  });

  it('is sent with the version it was read at', () => {
    expect(decideArgs('session-1', 'item-1', state, ['ann'], 12)).toMatchObject({ expectedVersion: 12, votes: [{ attendeeId: 'ann', vote: 'for' }] });
  });
});
