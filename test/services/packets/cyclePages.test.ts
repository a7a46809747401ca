import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startNextCycle } from '../../../electron/services/cycles/nextCycle';
import { buildUnsignedPacket } from '../../../electron/services/packets/exportPacket';
import { createIdentity } from '../../../electron/services/signing/identity';
import { Workspace } from '../../../electron/services/store/workspace';
import { tool } from '../../helpers/pdfTools';
import { CREDIT, firstCycle, holdSession, importBundle, laterBundle } from '../cycles/chain';
import { DayClock, dayClockOf } from '../../helpers/dayClock';

const { identity } = createIdentity({ name: 'Ann Lee', email: 'ann@example.org', organisation: 'Example Bank' }, new Date('2026-09-01T00:00:00Z'));

describe('the packet of a cycle that follows another', () => {
  it('names the predecessor and its head, prints the findings register, the rule checks and the KPI page', async () => {
    const { dir, ws: q3 } = await firstCycle();
    const file = path.join(dir, 'q4-2026.mrb');
    startNextCycle(q3, { path: file, name: 'Q4 2026', periodStart: '2026-10-01', periodEnd: '2026-12-31' });
    q3.close();
    const q4 = Workspace.open(file, { actor: 'chair@test', clock: new DayClock('2026-10-15') });
    const head = (q4.reader.prepare('SELECT head FROM lineage').pluck().get() as string).slice(0, 16);
    const sessionId = holdSession(q4, '2026-10-15', {
      [CREDIT]: {
        outcome: 'approved_with_conditions',
        rationale: 'Approved if discrimination improves.',
        acknowledgement: 'Thin test evidence, acknowledged.',
        conditions: [{ text: 'Discrimination improves', due: '2027-03-01', rule: 'overall.roc_auc >= 0.99' }],
      },
    });
    dayClockOf(q4).setDay('2026-11-21');
    await importBundle(q4, laterBundle('1.6.0'));
    const built = await buildUnsignedPacket(q4, sessionId, identity, new Date('2026-11-21T10:00:00Z'));
    q4.close();
    const pdf = path.join(dir, 'packet.pdf');
    fs.writeFileSync(pdf, built.pdf);
    const text = tool('pdftotext', ['-layout', pdf, '-']).text.replace(/\s+/g, ' ');
    expect(text).toContain(`Follows cycle Q3 2026 (q3-2026.mrb), whose audit chain head at the hand-over was ${head}`);
    expect(text).toMatch(/Conditions checked on evidence .*Discrimination improves overall\.roc_auc >= 0\.99 .* 0\.\d{4} not met/);
    expect(text).toMatch(/Findings register .*Condition not met: .*shows overall\.roc_auc = 0\.\d{4}\./);
    expect(text).toMatch(/Programme KPIs KPI Value Last cycle Definition Inventory coverage \d+\.\d% \(\d of 4\) \d+\.\d%/);
    expect(text).toMatch(/Overdue exceptions .*Share of risk acceptances in force that are past their expiry date/);
  });
});
