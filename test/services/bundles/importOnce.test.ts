import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prepareImport, validateBundleAt } from '../../../electron/services/bundles/prepareImport';
import { storeImport } from '../../../electron/services/bundles/importService';
import { bundleFile, storedContent } from '../../../electron/services/store/bundleTable';
import { writeLargeBundle } from '../../bench/largeBundle';
import { BundleCopy } from '../../helpers/bundleCopies';
import { driftBundle } from '../../helpers/driftBundles';
import { MRB } from '../../helpers/runMrb';
import { tempDir } from '../../helpers/tempDir';
import { fingerprint, newWorkspace } from '../../helpers/workspaces';

/**
 * Issue 14 §1: an import reads each file of the bundle once, straight from the folder,
 * through hashing, parsing and the spool in the same pass; the spool lives in a folder
 * named for its process, swept once that process is gone; a full disk is said as such.
 */

const MiB = 1024 * 1024;

afterEach(() => {
  vi.restoreAllMocks();
});

/** Bytes read from `file` through the descriptors opened on it with fs.open and fs.read (how the zip reader reads). */
function bytesReadFrom(file: string): { bytes: number } {
  const fds = new Set<number>();
  const total = { bytes: 0 };
  const open = fs.open;
  const read = fs.read;
  vi.spyOn(fs, 'open').mockImplementation(((target: fs.PathLike, flags: fs.OpenMode, callback: (err: NodeJS.ErrnoException | null, fd: number) => void) =>
    open(target, flags, (err, fd) => {
      if (!err && String(target) === file) fds.add(fd);
      callback(err, fd);
    })) as typeof fs.open);
  vi.spyOn(fs, 'read').mockImplementation(((fd: number, ...rest: unknown[]) => {
    const callback = rest.pop() as (err: NodeJS.ErrnoException | null, n: number, buffer: unknown) => void;
    return (read as (...a: unknown[]) => void)(fd, ...rest, (err: NodeJS.ErrnoException | null, n: number, buffer: unknown) => {
      if (!err && fds.has(fd)) total.bytes += n;
      callback(err, n, buffer);
    });
  }) as typeof fs.read);
  return total;
}

/** Bytes read from each file under `dir` through the descriptors opened on it (the folder reader's fs.openSync and fs.readSync). */
function bytesReadUnder(dir: string): Map<string, number> {
  const paths = new Map<number, string>();
  const read = new Map<string, number>();
  const openSync = fs.openSync;
  const readSync = fs.readSync;
  vi.spyOn(fs, 'openSync').mockImplementation((...args: Parameters<typeof fs.openSync>) => {
    const fd = openSync(...args);
    const file = String(args[0]);
    if (file.startsWith(dir)) paths.set(fd, path.relative(dir, file));
    return fd;
  });
  vi.spyOn(fs, 'readSync').mockImplementation(((fd: number, ...rest: unknown[]) => {
    const n = (readSync as (...a: unknown[]) => number)(fd, ...rest);
    const file = paths.get(fd);
    if (file !== undefined) read.set(file, (read.get(file) ?? 0) + n);
    return n;
  }) as typeof fs.readSync);
  return read;
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: no space left on device, write`), { code });
}

describe('an import reads each file once', () => {
  it('every file of the bundle is read from the folder exactly once, and what is stored is the file, with drift as validation computes it', { timeout: 60_000 }, async () => {
    const copy = driftBundle(2.5);
    const expected = await validateBundleAt(copy.dir, { tolerance: 0.01 });
    const { ws } = newWorkspace();
    const read = bytesReadUnder(copy.dir);
    const prepared = await prepareImport(copy.dir, { tolerance: 0.01, spoolRoot: tempDir() });
    vi.restoreAllMocks();
    const outcome = storeImport(ws, prepared);

    const sizes = new Map(fs.readdirSync(copy.dir).map((name) => [name, fs.statSync(path.join(copy.dir, name)).size]));
    expect(sizes.get('reference.csv')).toBeGreaterThan(2 * MiB);
    expect(Object.fromEntries(read)).toEqual(Object.fromEntries(sizes));
    for (const name of sizes.keys()) {
      const stored = bundleFile(ws.reader, outcome.sha256, name);
      expect(storedContent(ws.reader, stored!.sha256).equals(fs.readFileSync(path.join(copy.dir, name)))).toBe(true);
    }
    expect(JSON.stringify(prepared.report)).toBe(JSON.stringify(expected));
    expect(Object.keys(prepared.report.metrics.drift).length).toBeGreaterThan(0);
    ws.close();
  });

  it('a zip is read once: every entry inflated once, the bytes read from the archive no more than its size and its directory', { timeout: 60_000 }, async () => {
    const copy = driftBundle(2, true);
    const zip = copy.zip(path.join(tempDir(), 'bundle.zip'));
    const zipBytes = fs.statSync(zip).size;
    expect(zipBytes).toBeGreaterThan(MiB / 2);
    const { ws } = newWorkspace();
    const read = bytesReadFrom(zip);
    const prepared = await prepareImport(zip, { tolerance: 0.01, spoolRoot: tempDir() });
    vi.restoreAllMocks();
    const outcome = storeImport(ws, prepared);
    // Beyond the entries, the archive's end is read to find its directory (up to 64 KiB), once here and once by the
    // drift reader, which opens the archive on its own: not another pass over an entry.
    const directory = 64 * 1024 + 22;
    expect(read.bytes).toBeGreaterThan(zipBytes - directory);
    expect(read.bytes).toBeLessThan(zipBytes + 2 * directory + 16 * 1024);
    for (const name of ['reference.csv', 'current.csv', 'predictions.csv']) {
      const stored = bundleFile(ws.reader, outcome.sha256, name);
      expect(storedContent(ws.reader, stored!.sha256).equals(fs.readFileSync(path.join(copy.dir, name)))).toBe(true);
    }
    ws.close();
  });

  it('a sample changed after its manifest was written is named as changed, and its spool is gone', async () => {
    const copy = driftBundle(1.5);
    fs.appendFileSync(path.join(copy.dir, 'current.csv'), 'x');
    const root = tempDir();
    await expect(prepareImport(copy.dir, { tolerance: 0.01, spoolRoot: root })).rejects.toMatchObject({
      message: expect.stringMatching(/^current\.csv is [\d,]+ bytes; bundle\.json says [\d,]+\. The file was changed after the manifest was written\.$/),
    });
    expect(fs.readdirSync(root)).toEqual([]);
  });
});

describe('spool folders', () => {
  it('a spool folder whose process is gone is removed by the next import; those of running processes, and other files, stay', async () => {
    const root = tempDir();
    const gone = spawnSync(process.execPath, ['-e', '']).pid as number;
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const stale = path.join(root, `mrb-spool-${gone}-a1b2c3`);
      const running = path.join(root, `mrb-spool-${sleeper.pid}-d4e5f6`);
      for (const dir of [stale, running]) {
        fs.mkdirSync(dir);
        fs.writeFileSync(path.join(dir, 'bundle.spool'), 'left');
      }
      fs.writeFileSync(path.join(root, 'mrb-spool-notes.txt'), 'not a spool');
      const { ws } = newWorkspace();
      storeImport(ws, await prepareImport(new BundleCopy().dir, { tolerance: 0.01, spoolRoot: root }));
      ws.close();
      expect(fs.readdirSync(root).sort()).toEqual([path.basename(running), 'mrb-spool-notes.txt']);
    } finally {
      sleeper.kill();
    }
  });

  it('mrb import killed while it spools leaves a folder named for its pid, which the next mrb import removes', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const tmp = path.join(dir, 'tmp');
    fs.mkdirSync(tmp);
    const large = path.join(dir, 'large');
    writeLargeBundle(large, 'csv');
    const env = { ...process.env, TMPDIR: tmp, MRB_USER_DATA: path.join(dir, 'user') };
    const workspace = path.join(dir, 'q3.mrb');
    expect(spawnSync(process.execPath, [MRB, 'init', workspace, '--name', 'Q3'], { env }).status).toBe(0);

    const killed = spawn(process.execPath, [MRB, 'import', workspace, large], { env, stdio: 'ignore' });
    const folder = path.join(tmp, fs.readdirSync(tmp).find((n) => n.startsWith(`mrb-spool-${killed.pid}-`)) ?? '');
    const spooled = () => {
      const name = fs.readdirSync(tmp).find((n) => n.startsWith(`mrb-spool-${killed.pid}-`));
      return name !== undefined && fs.existsSync(path.join(tmp, name, 'bundle.spool')) && fs.statSync(path.join(tmp, name, 'bundle.spool')).size > MiB;
    };
    const start = Date.now();
    while (!spooled()) {
      if (Date.now() - start > 60_000) throw new Error(`mrb import never spooled (${folder})`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const exited = new Promise((r) => killed.once('exit', r));
    killed.kill('SIGKILL');
    await exited;
    const left = fs.readdirSync(tmp).filter((n) => n.startsWith('mrb-spool-'));
    expect(left).toEqual([expect.stringMatching(new RegExp(`^mrb-spool-${killed.pid}-`))]);

    const again = spawnSync(process.execPath, [MRB, 'import', workspace, new BundleCopy().dir], { env, encoding: 'utf8' });
    expect(again.stderr).toBe('');
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});

/** The example bundle with its predictions as one Parquet file. */
function parquetBundle(): BundleCopy {
  const copy = new BundleCopy();
  const [, ...lines] = fs.readFileSync(path.join(copy.dir, 'predictions.csv'), 'utf8').trim().split('\n');
  const cells = lines.map((line) => line.split(','));
  const column = (k: number, name: string, numeric: boolean) =>
    numeric ? { name, data: cells.map((c) => Number(c[k])), type: 'DOUBLE' as const } : { name, data: cells.map((c) => c[k] as string), type: 'STRING' as const };
  fs.rmSync(path.join(copy.dir, 'predictions.csv'));
  const data = parquetWriteBuffer({ columnData: [column(0, 'y_true', true), column(1, 'y_score', true), column(2, 'sex', false), column(3, 'age_band', false)] });
  fs.writeFileSync(path.join(copy.dir, 'predictions.parquet'), Buffer.from(data));
  return copy.editManifest((m) => m.files.forEach((f) => f.path === 'predictions.csv' && (f.path = 'predictions.parquet'))).rehash();
}

describe('temporary files of a reading that stores nothing', () => {
  it('mrb validate unpacks Parquet predictions in a folder of its own, removed after, and sweeps those of processes gone', () => {
    const root = tempDir();
    const gone = spawnSync(process.execPath, ['-e', '']).pid as number;
    fs.mkdirSync(path.join(root, `mrb-spool-${gone}-q1w2e3`));
    fs.writeFileSync(path.join(root, `mrb-spool-${gone}-q1w2e3`, 'mrb-part-left.parquet'), 'left');
    const copy = parquetBundle();
    const r = spawnSync(process.execPath, [MRB, 'validate', copy.dir, '--json'], { env: { ...process.env, TMPDIR: root }, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => f.path)).toContain('predictions.parquet');
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('the parts are unpacked under a folder named for the process', async () => {
    const opened: string[] = [];
    const open = fs.promises.open;
    vi.spyOn(fs.promises, 'open').mockImplementation((file, ...rest) => {
      opened.push(String(file));
      return open(file, ...rest);
    });
    await validateBundleAt(parquetBundle().dir, { tolerance: 0.01 });
    const parts = opened.filter((f) => f.endsWith('.parquet') && path.basename(f).startsWith('mrb-part-'));
    expect(parts.length).toBeGreaterThan(0);
    for (const file of parts) expect(path.basename(path.dirname(file))).toMatch(new RegExp(`^mrb-spool-${process.pid}-`));
  });
});

describe('a full disk while spooling', () => {
  it('is refused with a sentence naming the spool folder, nothing stored and no spool left', async () => {
    const { ws, file } = newWorkspace();
    const before = fingerprint(file);
    const root = tempDir();
    vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw errno('ENOSPC');
    });
    const attempt = (async () => storeImport(ws, await prepareImport(new BundleCopy().dir, { tolerance: 0.01, spoolRoot: root })))();
    await expect(attempt).rejects.toMatchObject({
      code: 'workspace_refused',
      message: expect.stringMatching(
        new RegExp(`^The import cannot keep its temporary copy of the bundle in ${root}/mrb-spool-${process.pid}-\\w+: the disk is full\\. Nothing was stored; free some space and import again\\.$`),
      ),
    });
    vi.restoreAllMocks();
    expect(fs.readdirSync(root)).toEqual([]);
    expect(fingerprint(file)).toBe(before);
    ws.close();
  });

  it('a quota used up while the drift sample is written into its place in the spool is said as such', async () => {
    const root = tempDir();
    // Only writes into a kept place (the spool opened again for the sample) fail: the quota runs out mid-import.
    const openSync = fs.openSync;
    const writeSync = fs.writeSync;
    const slots = new Set<number>();
    vi.spyOn(fs, 'openSync').mockImplementation((...args: Parameters<typeof fs.openSync>) => {
      const fd = openSync(...args);
      if (String(args[0]).endsWith('bundle.spool') && args[1] === 'r+') slots.add(fd);
      return fd;
    });
    vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, ...rest: unknown[]) => {
      if (slots.has(fd)) throw errno('EDQUOT');
      return (writeSync as (...a: unknown[]) => number)(fd, ...rest);
    }) as typeof fs.writeSync);
    await expect(prepareImport(driftBundle(1.5).dir, { tolerance: 0.01, spoolRoot: root })).rejects.toMatchObject({
      message: expect.stringMatching(/: your disk quota there is used up\. Nothing was stored; free some space and import again\.$/),
    });
    expect(slots.size).toBeGreaterThan(0);
    vi.restoreAllMocks();
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
