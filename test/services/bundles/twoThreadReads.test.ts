import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateBinary } from '../../../shared/metrics';
import { startBesideThread, type BesideThread } from '../../../electron/services/jobs/besideThread';
import { blocksOn } from '../../../electron/services/jobs/csvBlocks';
import { evaluateBinaryBeside } from '../../../electron/services/jobs/groupMetrics';
import { BlockReader, readTable, type BlockParser, type BlockPlan, type ColumnSpec, type LabelColumn, type ReadProgress, type TableBytes, type TableColumns } from '../../../electron/services/bundles/tableReader';

/**
 * A large predictions CSV is read on two threads: the main thread cuts whole rows into
 * blocks and reads some, the other thread reads the rest, and the columns join in the
 * file's order (issue 14). Every file must read to the very columns (bits, group codes and
 * their order) and the very refusal (sentence and row number) it gives read on one thread.
 */

const SPECS: ColumnSpec[] = [
  { kind: 'number', name: 'y_true', binary: true, check: (v) => (v === 0 || v === 1 ? null : `is ${v}, expected 0 or 1`) },
  { kind: 'number', name: 'y_score', bounds: [0, 1], check: (v) => (v >= 0 && v <= 1 ? null : `is ${v}, expected a probability in [0, 1]`) },
  { kind: 'label', name: 'sex' },
  { kind: 'label', name: 'region' },
];

/** The file in pieces of `piece` bytes, each a buffer of its own, as a bundle's SourceFile gives them. */
function streamed(csv: Buffer, piece: number): TableBytes {
  return {
    size: csv.length,
    async *pieces() {
      for (let at = 0; at < csv.length; at += piece) yield Buffer.from(csv.subarray(at, at + piece));
    },
  };
}

/**
 * The other thread played on this one, as a worker behaves: it reads blocks in the order
 * given and answers in that order, block k after delays[k % n] more turns of the event
 * loop; from block `dies` on it answers null, as a worker that failed.
 */
function otherHere(delays: number[], dies = Infinity): (plan: BlockPlan) => BlockParser {
  return (plan) => {
    const reader = new BlockReader(JSON.parse(JSON.stringify(plan)) as BlockPlan);
    let waiting = 0;
    let given = 0;
    let last: Promise<unknown> = Promise.resolve();
    const turns = (n: number): Promise<void> => new Promise((resolve) => (n === 0 ? resolve() : setImmediate(() => void turns(n - 1).then(resolve))));
    return {
      get waiting() {
        return waiting;
      },
      parse(bytes) {
        const k = given;
        given += 1;
        waiting += 1;
        const result = k >= dies ? null : reader.read(Buffer.from(bytes));
        const answer = last.then(() => turns(delays[k % delays.length] as number)).then(() => {
          waiting -= 1;
          return result;
        });
        last = answer;
        return answer;
      },
      close: async () => undefined,
    };
  };
}

function bits(values: ArrayLike<number>): string[] {
  return Array.from(values, (v) => (Object.is(v, -0) ? '-0' : String(v)));
}

function shape(t: TableColumns) {
  return {
    header: t.header,
    rows: t.rows,
    numbers: [...t.numbers].map(([name, v]) => [name, bits(v)]),
    binary: [...t.binary].map(([name, v]) => [name, Array.from(v)]),
    labels: [...t.labels].map(([name, l]) => [name, l.values, l.codes.constructor.name, Array.from(l.codes)]),
  };
}

async function outcome(input: TableBytes, progress: ReadProgress = {}): Promise<unknown> {
  return readTable('predictions.csv', input, SPECS, progress).then(shape, (err: Error) => ({ refused: err.message }));
}

const score = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 0, max: 1_000_000 }).map((n) => String(n / 1_000_000)) },
  { weight: 1, arbitrary: fc.constantFrom('1e-7', '0.5e0', '1.5', '-0', 'abc', '', '0.12345678901234567') },
);
const label = fc.oneof({ weight: 30, arbitrary: fc.constantFrom('0', '1') }, { weight: 1, arbitrary: fc.constantFrom('2', 'true', 'False', '0.0', '') });
const sex = fc.oneof({ weight: 30, arbitrary: fc.constantFrom('F', 'M') }, { weight: 1, arbitrary: fc.constantFrom('X', 'é', '') });
/** Mostly a few regions; sometimes one of 400 (past a byte's 256 codes), met first on either thread. */
const region = fc.oneof({ weight: 10, arbitrary: fc.constantFrom('EU', 'US', 'APAC') }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 399 }).map((n) => `R${n}`) });
/** Now and then a row that is not plain: a quote, too many fields, a bare LF in a CRLF file, a byte that is not UTF-8. */
const oddRow = fc.constantFrom('1,0.5,"M",EU', '1,0.5,M,EU,extra', '0,0.25,F', '1,0.5,M,EU\n0,0.5,F,US', '1,0.5,\xff,EU');

describe('reading a large CSV on two threads', () => {
  it('every file reads to the same columns or the same refusal as on one thread, whichever thread reads which block', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof({ weight: 200, arbitrary: fc.tuple(label, score, sex, region).map((cells) => cells.join(',')) }, { weight: 1, arbitrary: oddRow }), { minLength: 1, maxLength: 600 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.integer({ min: 24, max: 700 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(Infinity, 0, 3),
        async (rows, eol, lastEnd, piece, delays, dies) => {
          const text = `y_true,y_score,sex,region${eol}${rows.join(eol)}${lastEnd ? eol : ''}`;
          const csv = Buffer.from(text.replace('\xff', '\u0000'), 'utf8');
          // A byte that is not UTF-8 where the odd row asked for one.
          const bad = csv.indexOf(0);
          if (bad >= 0) csv[bad] = 0xff;
          const oneThread = await outcome(streamed(csv, piece));
          expect(await outcome(streamed(csv, piece), { blocks: otherHere(delays, dies), blocksFromBytes: 0 })).toEqual(oneThread);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a file below 32 MiB is read on one thread: a worker would cost more to start than it saves', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `${i % 2},0.${i % 1000},F,EU`);
    const csv = Buffer.from(`y_true,y_score,sex,region\n${rows.join('\n')}\n`);
    let started = 0;
    const counted = (plan: BlockPlan): BlockParser => {
      started += 1;
      return otherHere([0])(plan);
    };
    await readTable('predictions.csv', streamed(csv, 16 * 1024), SPECS, { blocks: counted });
    expect(started).toBe(0);
    await readTable('predictions.csv', streamed(csv, 16 * 1024), SPECS, { blocks: counted, blocksFromBytes: csv.length });
    expect(started).toBe(1);
  });

  it.each([
    ['an other thread that answers at once', [0]],
    ['a slow one', [40]],
  ])('near the end of the file, %s is given no more blocks than are left after the one dealt, so that this one does not wait for it long: the last block is read here', async (_, delays) => {
    // Every row different, so that a block is found in the file by its bytes.
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i % 2},0.${i},F,EU`);
    const csv = Buffer.from(`y_true,y_score,sex,region\n${rows.join('\n')}\n`);
    const given: { waiting: number; blocksLeft: number }[] = [];
    const watched = (plan: BlockPlan): BlockParser => {
      const parser = otherHere(delays)(plan);
      return {
        get waiting() {
          return parser.waiting;
        },
        parse(bytes) {
          given.push({ waiting: parser.waiting, blocksLeft: (csv.length - csv.indexOf(bytes) - bytes.length) / bytes.length });
          return parser.parse(bytes);
        },
        close: () => parser.close(),
      };
    };
    const oneThread = await outcome(streamed(csv, 16 * 1024));
    expect(await outcome(streamed(csv, 16 * 1024), { blocks: watched, blocksFromBytes: 0 })).toEqual(oneThread);
    expect(given.length).toBeGreaterThan(5);
    for (const g of given) expect(g.waiting).toBeLessThan(Math.min(5, g.blocksLeft));
    expect(given.at(-1)?.blocksLeft).toBeGreaterThan(0);
  });

  it('a cell past the cell limit in a later piece is refused only after the blocks before it are read: a bad row before it is named first', async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => `${i % 2},0.${i % 10},F,EU`);
    rows[700] = '1,1.5,F,EU';
    rows[1_900] = `1,0.5,F,${'x'.repeat(80)}`;
    const csv = Buffer.from(`y_true,y_score,sex,region\n${rows.join('\n')}\n`);
    const limits = { csvLimits: { maxCellBytes: 64, maxRowBytes: 1_000 } };
    const oneThread = await outcome(streamed(csv, 256), limits);
    expect(oneThread).toEqual({ refused: 'predictions.csv row 701: y_score is 1.5, expected a probability in [0, 1].' });
    expect(await outcome(streamed(csv, 256), { ...limits, blocks: otherHere([3, 0, 9]), blocksFromBytes: 0 })).toEqual(oneThread);
    rows[700] = '1,0.5,F,EU';
    const fine = Buffer.from(`y_true,y_score,sex,region\n${rows.join('\n')}\n`);
    const refusal = await outcome(streamed(fine, 256), limits);
    expect(refusal).toMatchObject({ refused: expect.stringMatching(/^predictions\.csv row 1,901/) });
    expect(await outcome(streamed(fine, 256), { ...limits, blocks: otherHere([3, 0, 9]), blocksFromBytes: 0 })).toEqual(refusal);
  });

  it('the worker thread reads blocks of a 300,000-row file to the same columns, names a bad cell deep in a file by its row, then works out the metrics', async () => {
    const started = startBesideThread(path.resolve(__dirname, '../../../dist/electron/besideWorker.cjs'));
    expect(started).not.toBeNull();
    const thread = started as BesideThread;
    const worker = blocksOn(thread);
    let read = 0;
    const counted = (plan: BlockPlan): BlockParser => {
      const parser = worker(plan);
      return {
        get waiting() {
          return parser.waiting;
        },
        parse(bytes) {
          return parser.parse(bytes).then((result) => {
            if (result !== null) read += 1;
            return result;
          });
        },
        close: () => parser.close(),
      };
    };
    const regions = ['EU', 'US', 'UK', 'APAC', 'LATAM'];
    const rows = Array.from({ length: 300_000 }, (_, i) => `${(i * 7) % 3 === 0 ? 1 : 0},${((i * 7919) % 1_000_003) / 1_000_003},${i % 2 ? 'F' : 'M'},${regions[(i * 31) % 5]}`);
    const csv = Buffer.from(`y_true,y_score,sex,region\n${rows.join('\n')}\n`);
    const oneThread = await outcome(streamed(csv, 64 * 1024));
    const table = await readTable('predictions.csv', streamed(csv, 64 * 1024), SPECS, { blocks: counted, blocksFromBytes: 0 });
    expect(shape(table)).toEqual(oneThread);
    expect(read).toBeGreaterThan(0);

    const readBefore = read;
    const ragged = Buffer.from(`y_true,y_score,sex,region\n${rows.map((r, i) => (i === 250_000 ? '1,0.5,M,EU,extra' : r)).join('\n')}\n`);
    const refusal = { refused: 'predictions.csv row 250,001 has 5 fields; the header has 4.' };
    expect(await outcome(streamed(ragged, 64 * 1024))).toEqual(refusal);
    expect(await outcome(streamed(ragged, 64 * 1024), { blocks: counted, blocksFromBytes: 0 })).toEqual(refusal);
    expect(read).toBeGreaterThan(readBefore);

    // The files ended, the same thread takes its share of the metrics (a thread that did not would leave them all here, equal too: the count says it did).
    const yTrue = table.binary.get('y_true') as Uint8Array;
    const yScore = table.numbers.get('y_score') as Float64Array;
    const groups = { sex: table.labels.get('sex') as LabelColumn, region: table.labels.get('region') as LabelColumn };
    let asked = 0;
    const counting: BesideThread = {
      ask: (message, transfer) => {
        asked += 1;
        return thread.ask(message, transfer);
      },
      stop: () => thread.stop(),
    };
    const beside = await evaluateBinaryBeside(yTrue, yScore, 0.5, groups, { script: undefined, thread: counting, fromRows: 0 });
    expect(beside).toEqual(evaluateBinary(yTrue, yScore, 0.5, groups));
    expect(asked).toBeGreaterThan(0);
  });
});
