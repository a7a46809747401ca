import { describe, expect, it } from 'vitest';
import type { RegisterFinding } from '../../shared/cycles/findings';
import { keepFinding, NO_FINDING_FILTERS } from '../../renderer/src/findings/findingFilters';

function finding(over: Partial<RegisterFinding>): RegisterFinding {
  return {
    id: 'f1',
    type: 'validation_issue',
    severity: 'high',
    category: 'claims',
    title: 'overall.accuracy is claimed as 0.7 but recomputes to 0.68',
    modelId: 'credit',
    modelName: 'Credit default scorer',
    bundleSha256: null,
    decisionId: null,
    conditionId: null,
    owner: '',
    due: null,
    status: 'open',
    statusNote: null,
    acceptanceId: null,
    openedOn: '2026-08-01',
    closedOn: null,
    ageDays: 10,
    overdue: false,
    bornCycleId: 'q3',
    bornCycleName: 'Q3',
    raisedBy: 'import',
    ...over,
  };
}

describe('the findings register filters', () => {
  it('show open and in-remediation findings first, every finding when asked', () => {
    const closed = finding({ status: 'closed_with_evidence', closedOn: '2026-08-11' });
    const remediating = finding({ status: 'in_remediation' });
    expect(keepFinding(closed, NO_FINDING_FILTERS)).toBe(false);
    expect(keepFinding(remediating, NO_FINDING_FILTERS)).toBe(true);
    expect(keepFinding(closed, { ...NO_FINDING_FILTERS, scope: '' })).toBe(true);
  });

  it('age bands match the Overview: up to 30 days, 31 to 90, over 90', () => {
    const at = (ageDays: number, age: string) => keepFinding(finding({ ageDays }), { ...NO_FINDING_FILTERS, age });
    expect([at(30, 'upTo30'), at(31, 'upTo30'), at(31, 'upTo90'), at(90, 'upTo90'), at(91, 'upTo90'), at(91, 'over90')]).toEqual([true, false, true, true, false, true]);
  });

  it('the overdue scope keeps only overdue findings; an empty owner is "Unassigned"', () => {
    expect(keepFinding(finding({ overdue: false }), { ...NO_FINDING_FILTERS, scope: 'overdue' })).toBe(false);
    expect(keepFinding(finding({ overdue: true }), { ...NO_FINDING_FILTERS, scope: 'overdue' })).toBe(true);
    expect(keepFinding(finding({ owner: '' }), { ...NO_FINDING_FILTERS, owner: 'Unassigned' })).toBe(true);
    expect(keepFinding(finding({ owner: 'Risk ML' }), { ...NO_FINDING_FILTERS, owner: 'Unassigned' })).toBe(false);
  });
});
