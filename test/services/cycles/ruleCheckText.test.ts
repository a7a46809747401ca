import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareImport } from '../../../electron/services/bundles/prepareImport';
import { storeImport } from '../../../electron/services/bundles/importService';
import { findingsRegister } from '../../../electron/services/findings/findingsRegister';
import { actionRegister } from '../../../electron/services/sessions/registers';
import { Workspace } from '../../../electron/services/store/workspace';
import { parseConditionRule, type ConditionRule } from '../../../shared/cycles/conditionRule';
import { ruleHolds } from '../../../shared/scoring/evidenceRules';
import { evidenceMetrics } from '../../../shared/scoring/evidenceMetrics';
import { metricNumber } from '../../../shared/text/numbers';
import { DayClock } from '../../helpers/dayClock';
import { EXAMPLE_BUNDLE } from '../../helpers/exampleBundle';
import { tempDir } from '../../helpers/tempDir';
import { CREDIT, holdSession, importBundle, laterBundle } from './chain';

describe('a condition that checks itself writes the value it saw', () => {
  it('with the digits that show why it was met or not, where four decimals would read the other way', async () => {
    const ws = Workspace.create(path.join(tempDir(), 'q3.mrb'), { name: 'Q3 2026', actor: 'analyst@test', clock: new DayClock('2026-09-15') });
    await importBundle(ws, EXAMPLE_BUNDLE);
    // The AUC the next bundle will show, and a threshold between it and its four-decimal text.
    const next = await prepareImport(laterBundle('1.5.0'), { tolerance: 0.01 });
    const auc = evidenceMetrics(next.report)['overall.roc_auc'] as number;
    const rounded = Number(metricNumber(auc));
    expect(rounded).not.toBe(auc);
    const between = (auc + rounded) / 2;
    // Met by the value, not by its four decimals; and the other way round.
    const metText = `overall.roc_auc ${rounded > auc ? '<=' : '>='} ${between}`;
    const notMetText = `overall.roc_auc ${rounded > auc ? '>=' : '<='} ${between}`;
    holdSession(ws, '2026-09-15', {
      [CREDIT]: {
        outcome: 'approved_with_conditions',
        rationale: 'Fit for use under the conditions.',
        acknowledgement: 'Thin test evidence, acknowledged.',
        conditions: [
          { text: 'Met by a hair', due: '2026-12-31', rule: metText },
          { text: 'Missed by a hair', due: '2026-12-31', rule: notMetText },
        ],
      },
    } as never);
    storeImport(ws, next);

    const written = (text: string) => Number(/overall\.roc_auc = (-?[0-9.e-]+)/.exec(text)?.[1]);
    const met = actionRegister(ws, '2026-11-21').find((a) => a.text === 'Met by a hair');
    expect(met).toMatchObject({ status: 'done', statusNote: expect.stringMatching(/^Met on bundle [0-9a-f]{12}…: overall\.roc_auc = /) });
    expect(ruleHolds(parseConditionRule(metText) as ConditionRule, written(met?.statusNote as string))).toBe(true);
    const breach = findingsRegister(ws, { asOf: '2026-11-21' }).find((f) => f.category === 'condition_rule');
    expect(breach?.title).toContain(`requires ${notMetText}`);
    expect(ruleHolds(parseConditionRule(notMetText) as ConditionRule, written(breach?.title as string))).toBe(false);
    // More digits than four, fewer than all: the value rounded, not a float's tail.
    expect(String(written(breach?.title as string)).length).toBeLessThan(String(auc).length);
    ws.close();
  });
});
