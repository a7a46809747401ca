import { describe, expect, it } from 'vitest';
import { readCycle, updateCycle, cycleImage } from '../../../electron/services/store/cycleTable';
import { newWorkspace } from '../../helpers/workspaces';

/**
 * Branded handles (issue 15 §3): the read handle cannot write, so a change that skips the
 * audited transaction is a compile error, checked by `npm run typecheck` (tsc -b) on the
 * `@ts-expect-error` lines below: should the read handle ever allow them, the typecheck fails.
 */
describe('read and write handles', () => {
  it('a write with the read handle does not compile; the same write in the transaction is audited', () => {
    const { ws } = newWorkspace();
    const before = readCycle(ws.reader);
    if (!before) throw new Error('a new workspace has its cycle');

    const writesOutside = [
      () => {
        // @ts-expect-error: a statement of the read handle has no run()
        ws.reader.prepare('UPDATE cycle SET name = ?').run('Renamed behind the log');
      },
      () => {
        // @ts-expect-error: a table's write function takes the transaction's handle, not the reader
        updateCycle(ws.reader, { ...before, name: 'Renamed behind the log' });
      },
      () => {
        // @ts-expect-error: the read handle has no exec()
        ws.reader.exec("UPDATE cycle SET name = 'Renamed behind the log'");
      },
    ];
    // Never called: they exist to be refused by the compiler.
    expect(writesOutside).toHaveLength(3);

    const after = { ...before, name: 'Q3 2026 review (renamed)' };
    ws.transaction((tx) => {
      updateCycle(tx.db, after);
      tx.audit({ action: 'cycle.update', entity: 'cycle', entityId: after.id, before: cycleImage(before), after: cycleImage(after) });
    });
    expect(readCycle(ws.reader)?.name).toBe('Q3 2026 review (renamed)');
    expect(ws.verifyAudit('full').ok).toBe(true);
    ws.close();
  });
});
