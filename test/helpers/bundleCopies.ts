import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { EXAMPLE_BUNDLE } from './exampleBundle';
import { tempDir } from './tempDir';

type Manifest = Record<string, unknown> & { files: { path: string; sha256: string; bytes: number; role: string }[] };

/**
 * A writable copy of the example bundle that a test damages in one way; `rehash` keeps
 * the manifest true to the files, so the fault under test is the only one.
 */
export class BundleCopy {
  readonly dir: string;

  constructor(parent = tempDir('mrb-bundle-')) {
    this.dir = path.join(parent, 'credit-default-scorer');
    fs.cpSync(EXAMPLE_BUNDLE, this.dir, { recursive: true });
  }

  manifest(): Manifest {
    return JSON.parse(fs.readFileSync(path.join(this.dir, 'bundle.json'), 'utf8')) as Manifest;
  }

  writeManifest(m: unknown): this {
    fs.writeFileSync(path.join(this.dir, 'bundle.json'), JSON.stringify(m, null, 2));
    return this;
  }

  editManifest(edit: (m: Manifest) => void): this {
    const m = this.manifest();
    edit(m);
    return this.writeManifest(m);
  }

  /** Replaces a file's bytes and, unless told otherwise, its hash and size in the manifest. */
  writeFile(name: string, content: string | Buffer, rehash = true): this {
    fs.writeFileSync(path.join(this.dir, name), content);
    if (rehash) this.rehash();
    return this;
  }

  editCsv(name: string, edit: (lines: string[]) => string[]): this {
    const lines = fs.readFileSync(path.join(this.dir, name), 'utf8').replace(/\n$/, '').split('\n');
    return this.writeFile(name, `${edit(lines).join('\n')}\n`);
  }

  rehash(): this {
    return this.editManifest((m) => {
      for (const f of m.files) {
        const p = path.join(this.dir, f.path);
        if (!fs.existsSync(p)) continue;
        const data = fs.readFileSync(p);
        f.sha256 = createHash('sha256').update(data).digest('hex');
        f.bytes = data.length;
      }
    });
  }

  /** A zip of the bundle folder, written with Python's zipfile (CI installs python3). */
  zip(target: string): string {
    const script = `import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for name in sorted(os.listdir(src)):
        z.write(os.path.join(src, name), 'credit-default-scorer/' + name)`;
    execFileSync('python3', ['-c', script, this.dir, target]);
    return target;
  }
}

/** A zip with hand-made entries: names, link entries and sizes no honest tool writes. */
export function craftZip(target: string, entries: { name: string; data?: string; symlink?: boolean; zeros?: number }[]): string {
  const script = `import json, sys, zipfile
out, entries = sys.argv[1], json.loads(sys.argv[2])
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for e in entries:
        info = zipfile.ZipInfo(e['name'])
        info.compress_type = zipfile.ZIP_DEFLATED
        if e.get('symlink'):
            info.create_system = 3
            info.external_attr = (0o120777 << 16)
        data = b'\\0' * e['zeros'] if e.get('zeros') else e.get('data', '').encode()
        z.writestr(info, data)`;
  execFileSync('python3', ['-c', script, target, JSON.stringify(entries)]);
  return target;
}
