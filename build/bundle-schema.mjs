// Writes shared/bundle/bundle.schema.json from the manifest's zod schema, so ML teams can
// validate bundle.json in their own CI; test/shared/bundle/schema.test.ts holds the file
// equal to what this writes.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'tools', 'manifestSchema.mjs');
await build({ entryPoints: [path.join(root, 'shared/bundle/jsonSchema.ts')], bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'warning' });
const { manifestJsonSchema } = await import(pathToFileURL(out).href);
fs.writeFileSync(path.join(root, 'shared/bundle/bundle.schema.json'), `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
console.log('wrote shared/bundle/bundle.schema.json');
