// Builds better-sqlite3 for the installed Electron's ABI into dist/native/electron/, in a
// copy of the package, so node_modules keeps the Node build that the CLI and tests use.
// Needs Electron's headers: from electronjs.org, or pre-staged with npm_config_nodedir.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-native-'));
const copy = path.join(work, 'better-sqlite3');
fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), copy, { recursive: true });
fs.rmSync(path.join(copy, 'build'), { recursive: true, force: true });

const nodeGyp = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
const args = [
  fs.existsSync(nodeGyp) ? nodeGyp : 'node-gyp',
  'rebuild',
  '--release',
  `--target=${electronVersion}`,
  '--runtime=electron',
  '--dist-url=https://electronjs.org/headers',
];
if (process.env.npm_config_nodedir) args.push(`--nodedir=${process.env.npm_config_nodedir}`);
console.log(`Building better-sqlite3 for Electron ${electronVersion}…`);
const result = fs.existsSync(nodeGyp)
  ? spawnSync(process.execPath, args, { cwd: copy, stdio: 'inherit' })
  : spawnSync('npx', args, { cwd: copy, stdio: 'inherit' });
if (result.status !== 0) {
  console.error(`Could not build better-sqlite3 for Electron ${electronVersion}: node-gyp needs Electron's headers (from electronjs.org, or npm_config_nodedir=<unpacked headers> on an air-gapped machine).`);
  fs.rmSync(work, { recursive: true, force: true });
  process.exit(1);
}
const out = path.join(root, 'dist', 'native', 'electron');
fs.mkdirSync(out, { recursive: true });
fs.copyFileSync(path.join(copy, 'build', 'Release', 'better_sqlite3.node'), path.join(out, 'better_sqlite3.node'));
fs.rmSync(work, { recursive: true, force: true });
console.log(`Wrote ${path.relative(root, path.join(out, 'better_sqlite3.node'))}.`);
