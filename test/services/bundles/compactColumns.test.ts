import { describe, expect, it } from 'vitest';
import { ByteChunks, CodeChunks, NumberChunks } from '../../../electron/services/bundles/compactColumns';
import { readTable, type ColumnSpec, type TableBytes } from '../../../electron/services/bundles/tableReader';
import { sampleShape } from '../../helpers/featureSamples';

/**
 * A column makes room for the rows a file's first piece foretells, so that it is laid out
 * without a copy; a file that holds more or fewer rows than foretold must read all the same.
 */

function streamed(csv: Buffer, piece: number): TableBytes {
  return {
    size: csv.length,
    async *pieces() {
      for (let at = 0; at < csv.length; at += piece) yield Buffer.from(csv.subarray(at, at + piece));
    },
  };
}

const SPECS: ColumnSpec[] = [
  { kind: 'number', name: 'y_score' },
  { kind: 'label', name: 'region' },
  { kind: 'feature', name: 'note' },
];

describe('columns laid out in the room foretold', () => {
  it('a column given less or more room than its values need holds them all, in order, exactly', () => {
    for (const room of [10, 5_000, 20_000, 1_000_000]) {
      const numbers = new NumberChunks();
      const bytes = new ByteChunks();
      const codes = new CodeChunks();
      for (let i = 0; i < 100; i += 1) numbers.push(i / 7);
      numbers.reserve(room);
      bytes.reserve(room);
      codes.reserve(room);
      for (let i = 100; i < 20_000; i += 1) numbers.push(i / 7);
      for (let i = 0; i < 20_000; i += 1) bytes.push(i % 2);
      for (let i = 0; i < 20_000; i += 1) codes.push(i % 3);
      const n = numbers.finish();
      expect(n.length).toBe(20_000);
      expect(n.every((v, i) => v === i / 7)).toBe(true);
      expect(Array.from(bytes.finish()).every((v, i) => v === i % 2)).toBe(true);
      const c = codes.finish(3);
      expect(c.length).toBe(20_000);
      expect(Array.from(c).every((v, i) => v === i % 3)).toBe(true);
    }
  });

  it('a column that fills the room foretold is laid out in it, in memory the metrics’ other thread can share, without a copy', () => {
    const numbers = new NumberChunks();
    const labels = new ByteChunks();
    numbers.reserve(50_000);
    labels.reserve(50_000);
    for (let i = 0; i < 49_000; i += 1) numbers.push(i / 3);
    for (let i = 0; i < 49_000; i += 1) labels.push(i % 2);
    const [scores, bytes] = [numbers.finish(), labels.finish()];
    expect([scores.buffer, bytes.buffer].map((b) => b.constructor)).toEqual([SharedArrayBuffer, SharedArrayBuffer]);
    expect([scores.length, scores[48_999], bytes[48_999]]).toEqual([49_000, 48_999 / 3, 1]);
  });

  it('a file whose first piece has short rows and the rest long ones, or the other way round, reads as Papa Parse reads it', async () => {
    const short = (i: number) => `0.${i % 1000},EU,`;
    const long = (i: number) => `0.${i % 1000},APAC,${'x'.repeat(90)}`;
    const orders: [(i: number) => string, (i: number) => string][] = [
      [short, long],
      [long, short],
    ];
    for (const [first, rest] of orders) {
      const rows = Array.from({ length: 30_000 }, (_, i) => (i < 3_000 ? first(i) : rest(i)));
      const csv = `y_score,region,note\n${rows.join('\n')}\n`;
      const fast = await readTable('p.csv', streamed(Buffer.from(csv), 32 * 1024), SPECS);
      const papa = await readTable('p.csv', streamed(Buffer.from(`"y_score",region,note\n${rows.join('\n')}\n`), 32 * 1024), SPECS);
      expect(fast.rows).toBe(30_000);
      expect(Array.from(fast.numbers.get('y_score') as Float64Array)).toEqual(Array.from(papa.numbers.get('y_score') as Float64Array));
      const [f, p] = [fast.labels.get('region'), papa.labels.get('region')];
      expect(f?.values).toEqual(p?.values);
      expect(Array.from(f?.codes ?? [])).toEqual(Array.from(p?.codes ?? []));
      expect(sampleShape(fast.features.get('note'))).toEqual(sampleShape(papa.features.get('note')));
    }
  });
});
