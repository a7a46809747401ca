import type { Json } from './auditChain';
import type { ReadDb, WriteDb } from './handles';

export interface CycleRow {
  id: string;
  name: string;
  period_start: string | null;
  period_end: string | null;
  created_at: string;
  created_by: string;
}

export function readCycle(db: ReadDb): CycleRow | undefined {
  return db.prepare('SELECT id, name, period_start, period_end, created_at, created_by FROM cycle').get() as CycleRow | undefined;
}

export function insertCycle(db: WriteDb, row: CycleRow): void {
  db.prepare(
    'INSERT INTO cycle (id, name, period_start, period_end, created_at, created_by) VALUES (@id, @name, @period_start, @period_end, @created_at, @created_by)',
  ).run(row);
}

export function updateCycle(db: WriteDb, row: CycleRow): void {
  db.prepare('UPDATE cycle SET name = @name, period_start = @period_start, period_end = @period_end WHERE id = @id').run(row);
}

/** What the audit log records of the cycle. */
export function cycleImage(row: CycleRow): Json {
  return { ...row };
}

export function allCycleImages(db: ReadDb): Map<string, Json> {
  const row = readCycle(db);
  return new Map(row ? [[row.id, cycleImage(row)]] : []);
}
