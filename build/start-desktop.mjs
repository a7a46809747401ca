// `npm start` (after the build): starts the desktop app, or says calmly why it cannot and
// what to use meanwhile. Never a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const dir = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const exe = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
    return fs.existsSync(path.join(dir, exe)) ? path.join(dir, exe) : null;
  }
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  console.log(`The Electron runtime is not installed, so the desktop window cannot open.
It was skipped at install time (ELECTRON_SKIP_BINARY_DOWNLOAD) or could not be downloaded.
Online, install it with \`npm rebuild electron\` (without ELECTRON_SKIP_BINARY_DOWNLOAD set).
Air-gapped, bring electron-v${version}-${process.platform}-${process.arch}.zip from another machine and either
put it in a folder and run \`electron_config_cache=<folder> npm rebuild electron\`, or unpack it and run
\`ELECTRON_OVERRIDE_DIST_PATH=<unpacked folder> npm start\` (README, "Air-gapped install").
Meanwhile the whole app runs in your browser: \`npm run demo\` (a demo cycle), or
\`npx mrb serve <file.mrb>\`, then open the address it prints.`);
  process.exit(1);
}

const native = path.join(root, 'dist', 'native', 'electron', 'better_sqlite3.node');
if (!fs.existsSync(native)) {
  const built = spawnSync(process.execPath, [path.join(root, 'build', 'rebuild-native.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
