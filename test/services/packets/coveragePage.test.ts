import { describe, expect, it } from 'vitest';
import { closedSessionPacket } from './closedSessionPacket';

describe('the regulatory coverage pages of a packet', () => {
  it("lists each framework's clauses with what of the session answers them, and names those not addressed", async () => {
    const { pages, record } = await closedSessionPacket('ann.lee@bank.example');
    const first = pages.findIndex((p) => /^\s*Regulatory coverage/m.test(p));
    expect(first).toBeGreaterThan(0);
    const text = pages.slice(first).join('\n').split('Methodology')[0] ?? '';
    // The summary: one row per framework, with its clauses answered and those not addressed.
    for (const name of ['SR 26-2 / OCC 2026-13', 'EU AI Act', 'NIST AI RMF 1.0', 'ISO/IEC 42001', 'PRA SS1/23', 'OSFI E-23']) {
      expect(text).toMatch(new RegExp(`${name.replace(/[/.()]/g, '\\$&')}: \\d+ of \\d+ clauses answered`));
    }
    // Customer harm was scored for three of the four agenda models; it answers EU AI Act 9(2)(a).
    expect(text).toMatch(/9\(2\)\(a\)\s+Risk management: identify and analyse\s+Dimensions: Customer harm \(scored for 3 of 4 models\)/);
    // Two decisions were recorded; the board's decisions answer NIST MANAGE 1.1.
    expect(text).toMatch(/MG-1\.1\s+Decided whether the system meets its\s+Board records: 2 decisions with rationale and votes/);
    // Nobody scored fairness and no fairness finding exists: the bias examination is not addressed.
    expect(text).toMatch(/10\(2\)\(f\)\s+Data governance: examination for\s+Not addressed/);
    expect(text.replace(/\s+/g, ' ')).toContain('Fairness & bias maps to it but no model on the agenda was scored on it.');
    expect(text).toMatch(/EU AI Act\s+\d+ of 19\s+9\(2\)\(d\), 9\(5\), 10\(2\)\(f\)/);
    // Every packet holds its audit log: record-keeping is answered.
    expect(text).toMatch(/12\s+Record-keeping\s+Board records: the hash-chained audit log/);
    // The attached decision record carries the same coverage as data, for an auditor's script.
    const eu = record.regulatoryCoverage.find((f) => f.framework.id === 'eu_ai_act');
    expect(eu?.clauses.find((c) => c.clause.id === '9(2)(a)')?.dimensions).toEqual(['Customer harm (scored for 3 of 4 models)']);
    expect(eu?.clauses.find((c) => c.clause.id === '10(2)(f)')).toMatchObject({ dimensions: [], unscored: ['Fairness & bias'], findings: [], records: [] });
    expect(text).toContain(`EU AI Act: ${eu?.answered} of 19 clauses answered`);
  });
});
