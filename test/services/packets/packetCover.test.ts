import { describe, expect, it } from 'vitest';
import { closedSessionPacket } from './closedSessionPacket';

describe('the packet cover', () => {
  it('leads with the outcomes, before the signer and the hashes', async () => {
    const { pages } = await closedSessionPacket('ann@example.org');
    const cover = (pages[0] ?? '').replace(/\s+/g, ' ');
    expect(cover).toContain('Outcomes Rejected: 1 · No decision: 2 · Deferred: 1');
    expect(cover).toMatch(/1 Model hot .*Rejected/);
    const outcomesAt = cover.indexOf('Outcomes');
    expect(outcomesAt).toBeGreaterThan(-1);
    expect(outcomesAt).toBeLessThan(cover.indexOf('Certificate SHA-256'));
    expect(outcomesAt).toBeLessThan(cover.indexOf('Audit chain head'));
  });
});
