import { describe, expect, it } from 'vitest';
import { closedSessionPacket } from './closedSessionPacket';

describe("the packet's executive summary", () => {
  it("says what the decisions leave to follow up, not the cover's outcome table again", async () => {
    const { pages } = await closedSessionPacket('ann@example.org');
    const flat = pages.map((p) => p.replace(/\s+/g, ' '));
    const summary = flat.find((p) => p.includes('Executive summary')) ?? '';
    expect(summary).not.toBe('');
    // The cover says each item's outcome; the summary does not list them a second time.
    expect(flat[0]).toMatch(/1 Model hot .*Rejected/);
    expect(summary).not.toContain('Outcome per item');
    expect(summary).not.toMatch(/Rejected|Deferred|No decision/);
    expect(summary).toContain('What each decision leaves to follow up');
    expect(summary).toMatch(/# Model Heat \(band\) Scored Conditions Mitigations Acceptances Open findings/);
    expect(summary).toContain('Due first nothing open');
  });
});
