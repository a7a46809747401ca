import { describe, expect, it } from 'vitest';
import { tool } from '../../helpers/pdfTools';
import { closedSessionPacket } from './closedSessionPacket';

/** A signer e-mail long enough to need a break in the packet's tables. */
const packet = () => closedSessionPacket('ann.lee@risk-and-model-governance.example-bank.co.uk');

describe('the words and layout of a packet', () => {
  it('prints the user’s words: dimension labels, readable audit actions, no backticks, plurals that agree', async () => {
    const { pages } = await packet();
    const text = pages.join('\n');
    expect(text).not.toContain('`');
    expect(text).toMatch(/Blocking risk\s+Customer harm/);
    expect(text).not.toMatch(/dimension customer_harm/);
    expect(text).not.toMatch(/\b[a-z]+\.[a-z_]+ (session|score|decision|agenda|attendee)\b/);
    expect(text).toMatch(/Session closed/);
    expect(text).not.toMatch(/\b1 (days|findings|models|items)\b/);
  });

  it('has no blank page (an item with no decision used to leave one), and every hash of the audit table stands whole on its line', async () => {
    const { pages, pdf } = await packet();
    const footerOnly = pages.map((p, i) => ({ page: i + 1, body: p.replace(/Packet \w+ · signer \w+…\s+Page \d+ of \d+/, '').trim() })).filter((p) => p.body === '');
    expect(footerOnly).toEqual([]);
    const audit = pages.find((p) => p.includes('Audit events of this session')) ?? '';
    const rows = audit.split('\n').filter((l) => /^\d+\s+\d{4}-\d{2}-\d{2}\s/.test(l));
    expect(rows.length).toBeGreaterThan(5);
    // Each event row carries its 64-digit hash whole, and the day apart from the time (the break falls at the T).
    for (const row of rows) expect(row).toMatch(/\b[0-9a-f]{64}\s*$/);
    // Each hash ends inside the page's right margin (A4 is 595 pt wide, the margin 40 pt): nothing is cut at the edge.
    const page = String(pages.indexOf(audit) + 1);
    const boxes = tool('pdftotext', ['-bbox', '-f', page, '-l', page, pdf, '-']).text;
    const hashEnds = [...boxes.matchAll(/xMax="([\d.]+)"[^>]*>[0-9a-f]{64}</g)].map((m) => Number(m[1]));
    expect(hashEnds.length).toBe(rows.length + 1);
    for (const end of hashEnds) expect(end).toBeLessThanOrEqual(555);
  });
});
