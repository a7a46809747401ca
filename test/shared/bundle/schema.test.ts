import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestJsonSchema } from '../../../shared/bundle/jsonSchema';
import { ManifestSchema } from '../../../shared/bundle/manifest';
import { EXAMPLE_BUNDLE } from '../../helpers/exampleBundle';

describe('the published bundle format', () => {
  it('bundle.schema.json is what the manifest schema generates (run `node build/bundle-schema.mjs` after a change)', () => {
    const published = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../shared/bundle/bundle.schema.json'), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(manifestJsonSchema())));
  });

  it('the example bundle manifest is valid, with the defaults filled in', () => {
    const manifest = ManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(EXAMPLE_BUNDLE, 'bundle.json'), 'utf8')));
    expect(manifest).toMatchObject({ task: 'binary_classification', decision_threshold: 0.5, sensitive_attributes: ['sex', 'age_band'] });
  });
});
