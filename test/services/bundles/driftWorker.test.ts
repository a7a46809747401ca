import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeDrift } from '../../../electron/services/bundles/driftSamples';
import { BundleCopy } from '../../helpers/bundleCopies';
import { EXAMPLE_BUNDLE } from '../../helpers/exampleBundle';

const WORKER = path.resolve(__dirname, '../../../dist/electron/driftWorker.cjs');

function sample(dir: string, name: string, role: string) {
  return { path: name, role, data: fs.readFileSync(path.join(dir, name)) };
}

describe('drift on the other core', () => {
  it('the worker gives exactly the numbers computed in-thread', async () => {
    const ref = sample(EXAMPLE_BUNDLE, 'reference.csv', 'reference');
    const cur = sample(EXAMPLE_BUNDLE, 'current.csv', 'current');
    const [inThread, inWorker] = await Promise.all([computeDrift(ref, cur, {}), computeDrift(ref, cur, { workerPath: WORKER })]);
    expect(inWorker).toEqual(inThread);
    expect(inWorker.features).toEqual(['income', 'age', 'segment', 'utilisation']);
    expect(inWorker.results.segment?.kind).toBe('categorical');
  });

  it('a refusal inside the worker arrives as the same sentence', async () => {
    const copy = new BundleCopy().editCsv('current.csv', (lines) => lines.map((l) => l.split(',').slice(0, 3).join(',')));
    const ref = sample(copy.dir, 'reference.csv', 'reference');
    const cur = sample(copy.dir, 'current.csv', 'current');
    await expect(computeDrift(ref, cur, { workerPath: WORKER })).rejects.toMatchObject({
      code: 'bundle_refused',
      message: 'current.csv lacks the column "utilisation" that reference.csv has; both samples need the same feature columns.',
    });
  });
});
