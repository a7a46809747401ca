import { describe, expect, it } from 'vitest';
import type { AuditLogEvent } from '../../shared/audit/auditLog';
import { auditCsv, auditJsonLines } from '../../renderer/src/audit/auditExport';
import { imageDiff } from '../../renderer/src/audit/imageDiff';

describe('an audit event read side by side', () => {
  it('names nested fields by path and marks only the ones that changed', () => {
    const rows = imageDiff({ value: 2, lo: 2, evidence: { rule: null }, rationale: 'first' }, { value: 4, lo: 2, evidence: { rule: 'r1' }, rationale: 'first' });
    expect(rows.filter((r) => r.changed).map((r) => [r.field, r.before, r.after])).toEqual([
      ['value', '2', '4'],
      ['evidence.rule', '—', 'r1'],
    ]);
    expect(rows.find((r) => r.field === 'lo')).toMatchObject({ changed: false });
  });

  it('a created record has no before; a deleted one no after; lists of words on a line, sentences one per line', () => {
    expect(imageDiff(null, { regions: ['EU', 'US'] })).toEqual([{ field: 'regions', before: null, after: 'EU, US', changed: true }]);
    expect(imageDiff({ concerns: ['One is open.', 'Two are not.'] }, null)).toEqual([{ field: 'concerns', before: 'One is open.\nTwo are not.', after: null, changed: true }]);
    expect(imageDiff(null, { votes: [{ name: 'Ada', vote: 'for' }] }).map((r) => r.field)).toEqual(['votes[1].name', 'votes[1].vote']);
  });
});

const event = (seq: number, over: Partial<AuditLogEvent> = {}): AuditLogEvent => ({
  seq,
  at: `2026-08-0${seq}T10:00:00.000Z`,
  actor: 'ana',
  action: 'score.set',
  entity: 'score',
  entityId: 'm1/privacy',
  before: null,
  after: { value: seq },
  hash: `h${seq}`,
  prevHash: `h${seq - 1}`,
  chain: 'holds',
  line: `{"seq":${seq}}`,
  ...over,
});

describe('the export of the events shown', () => {
  it('CSV: one row per event with the chain status in words and the images as JSON', () => {
    const csv = auditCsv([event(2, { chain: 'unverified' }), event(1, { chain: 'broken', actor: '=cmd' })]).split('\r\n');
    expect(csv[0]).toBe('seq,at,actor,action,entity,entity_id,chain,before,after,prev_hash,hash');
    expect(csv[1]).toBe('2,2026-08-02T10:00:00.000Z,ana,score.set,score,m1/privacy,after a break,,"{""value"":2}",h1,h2');
    expect(csv[2]).toContain(",'=cmd,");
  });

  it('JSON lines: the canonical lines oldest first, as the chain runs, whatever order they were shown in', () => {
    expect(auditJsonLines([event(3), event(1), event(2)])).toBe('{"seq":1}\n{"seq":2}\n{"seq":3}\n');
  });
});
