import { describe, expect, it } from 'vitest';
import { CallError } from '../../renderer/src/api/callError';
import type { Refresh } from '../../renderer/src/api/client';
import { fakeClient, refuse, type Answers } from './fakeClient';
import { bundle, SHA_A } from './fixtures';

/** The component tests are only as true as their fake: it must refuse, shape and report as the real client does. */
describe('the fake contract client', () => {
  it("refuses arguments the contract refuses, with the service's sentence and field", async () => {
    const client = fakeClient({ 'scores.set': () => { throw new Error('not reached'); } });
    const refused = await client.call('scores.set', { modelId: 'credit-pd', dimension: 'performance_drift', value: 9, rationale: '' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CallError);
    expect((refused as CallError).error).toEqual({ code: 'invalid_argument', message: expect.stringMatching(/must be at most 5/), field: 'value' });
  });

  it('fails a call whose answer does not match the contract, as the app does', async () => {
    const drifted = { 'bundles.list': [{ ...bundle(SHA_A, '1.0'), task: 'ranking' }] } as unknown as Answers;
    const refused = await fakeClient(drifted).call('bundles.list', {}).catch((e: unknown) => e);
    expect((refused as CallError).code).toBe('internal');
    expect((refused as CallError).message).toMatch(/bundles.list does not match the contract/);
  });

  it('throws the refusal it was given and records every call in order', async () => {
    const client = fakeClient({ 'bundles.list': [bundle(SHA_A, '1.0')], 'cycle.close': refuse('No cycle is open.', undefined, 'no_cycle_open') });
    expect(await client.call('bundles.list', { modelId: 'credit-pd' })).toHaveLength(1);
    await expect(client.call('cycle.close', {})).rejects.toMatchObject({ error: { code: 'no_cycle_open', message: 'No cycle is open.' } });
    await expect(client.call('cycle.info', {})).rejects.toThrow('The test gave no answer for cycle.info.');
    expect(client.made.map((c) => c.name)).toEqual(['bundles.list', 'cycle.close', 'cycle.info']);
    expect(client.argsOf('bundles.list')).toEqual([{ modelId: 'credit-pd' }]);
  });

  it('delivers change events to every listener until it stops listening', () => {
    const client = fakeClient();
    const heard: Refresh[] = [];
    const stop = client.onRefresh((r) => heard.push(r));
    client.emit({ entity: 'score', ids: ['credit-pd'], seq: 12 });
    stop();
    client.emit({ entity: 'score', ids: ['credit-pd'], seq: 13 });
    expect(heard).toEqual([{ kind: 'change', event: { entity: 'score', ids: ['credit-pd'], seq: 12 } }]);
  });

  it('types answers by the contract', () => {
    // @ts-expect-error a bundle list of the wrong shape does not compile
    const wrong: Answers = { 'bundles.list': [{ sha256: SHA_A }] };
    // @ts-expect-error a handler reads the call's own arguments, typed
    const misread: Answers = { 'bundles.list': (args) => (args.sessionId ? [] : []) };
    expect([wrong, misread]).toHaveLength(2);
  });
});
