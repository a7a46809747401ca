import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateBinary } from '../../../shared/metrics';
import { startBesideThread } from '../../../electron/services/jobs/besideThread';
import { dealParts, evaluateBinaryBeside, type BesideTask } from '../../../electron/services/jobs/groupMetrics';
import type { SortedEvaluation } from '../../../shared/metrics';
import { binaryCase } from '../../shared/metrics/datasets';
import { BundleCopy } from '../../helpers/bundleCopies';
import { MRB } from '../../helpers/runMrb';

/**
 * A large binary evaluation shares its parts (the overall metrics, each attribute's
 * groups) between the calling thread and another, from rows sorted once into shared
 * memory (issue 14). The numbers must be evaluateBinary's
 * to the last bit, every attribute's groups included, and a thread that fails must cost
 * nothing but time.
 */

const WORKER = path.resolve(__dirname, '../../../dist/electron/besideWorker.cjs');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-groups-beside-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A stand-in worker script: `body` handles each task message. */
function fakeWorker(name: string, body: string): string {
  const file = path.join(scratch, `${name}.cjs`);
  fs.writeFileSync(file, `const { parentPort } = require('node:worker_threads');\nparentPort.on('message', (task) => {\n${body}\n});\n`);
  return file;
}

/** A worker that leaves every step of the sort and every second walk to the calling thread (answering null) and answers each of its parts with one group of its own making, as group code 0, named for the rows it was given. */
function madeUp(): string {
  return fakeWorker(
    'made-up',
    `if (task.kind !== 'parts') return parentPort.postMessage(null);
     const group = { metrics: { n: 'made up of ' + task.sorted.rows.scores.length + ' rows' }, confusion: { tp: 1, fp: 1, tn: 1, fn: 1 }, notes: [] };
     parentPort.postMessage(task.parts.map((part) => [part, [group]]));`,
  );
}

/**
 * Three attributes (one with a "__proto__" value and one with a listed value no row has),
 * ties, one-class and one-row groups; scores of four decimals (sorted on their billionths,
 * in steps shared between the threads) or of any number of them (the 64-bit keys).
 */
function bigCase(shape: 'micro_ties' | 'continuous' = 'micro_ties') {
  const c = binaryCase('beside', 60_000, 20261127, shape);
  const region = Uint8Array.from(c.yScore, (_, i) => (i * 7) % 3);
  return { ...c, groups: { ...c.groups, region: { codes: region, values: ['EU', '__proto__', 'APAC'] } } };
}

describe('group metrics on the other thread', () => {
  it('give evaluateBinary’s results to the last bit, each attribute in its order, the sort shared or not', async () => {
    expect(fs.existsSync(WORKER)).toBe(true);
    for (const shape of ['micro_ties', 'continuous'] as const) {
      const c = bigCase(shape);
      const here = evaluateBinary(c.yTrue, c.yScore, c.threshold, c.groups);
      const beside = await evaluateBinaryBeside(c.yTrue, c.yScore, c.threshold, c.groups, { script: WORKER, fromRows: 0 });
      expect(beside).toEqual(here);
      expect(Object.keys(beside.groups)).toEqual(['segment', 'sex', 'region']);
      expect(Object.keys(beside.groups.region ?? {})).toEqual(['EU', '__proto__', 'APAC']);
      expect(Object.keys(beside.groups.sex ?? {})).toEqual(['F', 'M']);
    }
  });

  it('are dealt so that each thread has about half the work: the overall metrics here, attributes with the most groups first, each to the thread with less so far, and one split between the walks when this thread is left with more', () => {
    const withGroups = (...groups: number[]) => ({ partitions: groups.map((g) => ({ groups: g })) }) as unknown as SortedEvaluation;
    // The bench's shape: sex (2 groups) and region (5). Region goes there; sex is split, its first walk here and its second there.
    expect(dealParts(withGroups(2, 5))).toEqual({ here: [0], there: [2], split: 1 });
    expect(dealParts(withGroups(2))).toEqual({ here: [0], there: [1], split: null });
    expect(dealParts(withGroups(3, 7, 3))).toEqual({ here: [0, 1], there: [2, 3], split: null });
    // Four attributes of 2 groups and one of 40: the large one alone there, the rest here (a split would leave more there).
    expect(dealParts(withGroups(2, 2, 40, 2, 2))).toEqual({ here: [0, 1, 2, 4, 5], there: [3], split: null });
    expect(dealParts(withGroups())).toEqual({ here: [0], there: [], split: null });
  });

  it('deal the parts, and take the other thread’s answers (a worker that makes up a group is believed)', async () => {
    const c = bigCase();
    const here = evaluateBinary(c.yTrue, c.yScore, c.threshold, c.groups);
    const beside = await evaluateBinaryBeside(c.yTrue, c.yScore, c.threshold, c.groups, { script: madeUp(), fromRows: 0 });
    // Dealt: 0 overall and 2 sex (3 values) here; 1 segment (7 values) and 3 region (3 values) there.
    expect(beside.overall).toEqual(here.overall);
    expect(beside.groups.sex).toEqual(here.groups.sex);
    expect(Object.keys(beside.groups)).toEqual(['segment', 'sex', 'region']);
    for (const [attribute, first] of [['segment', Object.keys(here.groups.segment ?? {})[0]], ['region', 'EU']] as const) {
      expect(beside.groups[attribute]).toEqual({ [first as string]: { metrics: { n: `made up of ${c.yScore.length} rows` }, confusion: { tp: 1, fp: 1, tn: 1, fn: 1 }, notes: [] } });
    }
  });

  it('give the other thread half of each step of the sort (one that claims its half and does nothing spoils the order)', async () => {
    const c = bigCase();
    const idle = fakeWorker('idle', "parentPort.postMessage(task.kind === 'step' ? true : task.kind === 'parts' ? [] : null);");
    const beside = await evaluateBinaryBeside(c.yTrue, c.yScore, c.threshold, c.groups, { script: idle, fromRows: 0 });
    expect(beside.overall.metrics.roc_auc).not.toEqual(evaluateBinary(c.yTrue, c.yScore, c.threshold, c.groups).overall.metrics.roc_auc);
  });

  it('take a split attribute’s second walk from the other thread, and give evaluateBinary’s results to the last bit when it is split', async () => {
    const big = bigCase();
    const c = { ...big, groups: Object.fromEntries(Object.entries(big.groups).filter(([name]) => name !== 'segment')) };
    // sex and region, 3 values each: region's first walk here, its second there.
    const here = evaluateBinary(c.yTrue, c.yScore, c.threshold, c.groups);
    expect(await evaluateBinaryBeside(c.yTrue, c.yScore, c.threshold, c.groups, { script: WORKER, fromRows: 0 })).toEqual(here);
    const secondMadeUp = fakeWorker(
      'second-made-up',
      `if (task.kind !== 'second') return parentPort.postMessage(null);
       parentPort.postMessage([{ metrics: { n: 'second walk of part ' + task.part }, confusion: { tp: 1, fp: 1, tn: 1, fn: 1 }, notes: [] }]);`,
    );
    const beside = await evaluateBinaryBeside(c.yTrue, c.yScore, c.threshold, c.groups, { script: secondMadeUp, fromRows: 0 });
    expect(beside.groups.sex).toEqual(here.groups.sex);
    expect(beside.groups.region).toEqual({ EU: { metrics: { n: 'second walk of part 2' }, confusion: { tp: 1, fp: 1, tn: 1, fn: 1 }, notes: [] } });
  });

  it('are worked out here, to the same results, when the thread throws or exits midway', async () => {
    const c = bigCase();
    const here = evaluateBinary(c.yTrue, c.yScore, c.threshold, c.groups);
    const throws = fakeWorker('throws', "throw new Error('worker broke');");
    const exits = fakeWorker('exits', 'process.exit(3);');
    const missing = path.join(scratch, 'absent.cjs');
    for (const script of [throws, exits, missing]) {
      expect(await evaluateBinaryBeside(c.yTrue, c.yScore, c.threshold, c.groups, { script, fromRows: 0 })).toEqual(here);
    }
  });

  it('refuse bad rows by a throw before any thread works, with evaluateBinary’s sentence', () => {
    const c = bigCase();
    c.yScore[41_999] = 1.5;
    expect(() => evaluateBinaryBeside(c.yTrue, c.yScore, c.threshold, c.groups, { script: WORKER, fromRows: 0 })).toThrow(
      'y_score at row 42000 is 1.5; a probability must be a number from 0 to 1.',
    );
  });

  it('use a thread started ahead, while the rows were read, and stop it; leave one started for too few rows to its caller', async () => {
    const c = bigCase();
    const here = evaluateBinary(c.yTrue, c.yScore, c.threshold, c.groups);
    // A parts task the made-up worker answers while it runs (a stopped thread answers null).
    const parts = { kind: 'parts', sorted: { rows: { scores: new Float64Array(3) } }, parts: [0] } as unknown as BesideTask;
    const ahead = startBesideThread(madeUp());
    expect(ahead).not.toBeNull();
    // No script given: the made-up groups can only come from the thread started ahead.
    const beside = await evaluateBinaryBeside(c.yTrue, c.yScore, c.threshold, c.groups, { script: undefined, thread: ahead, fromRows: 0 });
    expect(beside.overall).toEqual(here.overall);
    expect(beside.groups.segment).not.toEqual(here.groups.segment);
    expect(await ahead?.ask(parts)).toBeNull();

    const unused = startBesideThread(madeUp());
    expect(await evaluateBinaryBeside(c.yTrue, c.yScore, c.threshold, c.groups, { script: undefined, thread: unused, fromRows: 60_001 })).toEqual(here);
    expect(await unused?.ask(parts)).toEqual([[0, [expect.objectContaining({ metrics: { n: 'made up of 3 rows' } })]]]);
    unused?.stop();
    expect(await unused?.ask(parts)).toBeNull();
    expect(startBesideThread(path.join(scratch, 'absent.cjs'))).toBeNull();
  });

  it('stay on this thread below the row count that pays for a thread', async () => {
    const c = bigCase();
    const beside = await evaluateBinaryBeside(c.yTrue, c.yScore, c.threshold, c.groups, { script: madeUp(), fromRows: 60_001 });
    expect(beside).toEqual(evaluateBinary(c.yTrue, c.yScore, c.threshold, c.groups));
  });

  it('mrb validate on a million rows with no drift to compute: the thread started while they are read gives the numbers of one thread, and a bad last row is refused with the process ended', { timeout: 120_000 }, () => {
    const n = 1_000_000;
    const yTrue = new Uint8Array(n);
    const yScore = new Float64Array(n);
    const sex = new Uint8Array(n);
    const lines = ['y_true,y_score,sex,age_band'];
    for (let i = 0; i < n; i += 1) {
      yTrue[i] = (i * 7) % 3 === 0 ? 1 : 0;
      yScore[i] = ((i * 7919) % 100_003) / 100_003;
      sex[i] = i % 2;
      lines.push(`${yTrue[i]},${yScore[i]},${i % 2 ? 'M' : 'F'},31-50`);
    }
    const copy = new BundleCopy();
    const write = (csv: string) => {
      fs.writeFileSync(path.join(copy.dir, 'predictions.csv'), csv);
      // Predictions alone: with no drift the other core is spare while they are read.
      copy.editManifest((m) => {
        m.files = m.files.filter((f) => f.role !== 'reference' && f.role !== 'current');
        const entry = m.files.find((f) => f.path === 'predictions.csv')!;
        entry.sha256 = createHash('sha256').update(csv).digest('hex');
        entry.bytes = Buffer.byteLength(csv);
      });
    };
    const validate = () => spawnSync(process.execPath, [MRB, 'validate', copy.dir, '--json'], { encoding: 'utf8', timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
    write(`${lines.join('\n')}\n`);
    const r = validate();
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as { metrics: { overall: unknown; groups: Record<string, Record<string, unknown>> } };
    const here = evaluateBinary(yTrue, yScore, 0.5, { sex: { codes: sex, values: ['F', 'M'] } });
    const asJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
    expect(report.metrics.overall).toEqual(asJson(here.overall.metrics));
    expect(report.metrics.groups.sex?.M).toEqual(asJson(here.groups.sex?.M?.metrics));

    write(`${lines.join('\n')}\n1,0.5,F\n`);
    const refused = validate();
    expect(refused.error).toBeUndefined();
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/predictions\.csv row 1,000,001 has 3 fields; the header has 4\./);
  });
});

