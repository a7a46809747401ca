import { describe, expect, it } from 'vitest';
import { COMMON_KEYS, helpTopic } from '../../renderer/src/help/helpTopics';
import { reportColumnWords } from '../../renderer/src/help/metricWords';
import type { Place } from '../../renderer/src/routes/route';
import { EVIDENCE_METRICS } from '../../shared/scoring/evidenceMetrics';

/** Every place of the rail; a Record so a new place fails to compile here until it has help. */
const PLACES: Record<Place, true> = { overview: true, inventory: true, heatmap: true, sessions: true, registers: true, evidence: true, packets: true, audit: true, settings: true };

describe('help where it is needed', () => {
  it('every place says what it is for, under its own name', () => {
    for (const place of Object.keys(PLACES)) {
      const topic = helpTopic(place);
      expect(topic.title.toLowerCase(), place).toBe(place);
      expect(topic.purpose.length, place).toBeGreaterThan(60);
    }
  });

  it('defines heat, band, tier, coverage, PSI and the quorum rule where their numbers are shown, and F1 is among the keys', () => {
    const termsOf = (place: string) => helpTopic(place).terms.map((t) => t.term);
    expect(termsOf('heatmap')).toEqual(expect.arrayContaining(['Heat', 'Band', 'Tier', 'Coverage']));
    expect(termsOf('inventory')).toEqual(expect.arrayContaining(['Heat', 'Band', 'Tier', 'Coverage']));
    expect(termsOf('evidence')).toEqual(expect.arrayContaining(['PSI (population stability index)']));
    expect(termsOf('sessions')).toEqual(expect.arrayContaining(['Quorum rule']));
    expect(termsOf('overview')).toEqual(expect.arrayContaining(['Inventory coverage', 'Monitoring coverage']));
    expect(helpTopic('heatmap').terms.find((t) => t.term === 'Heat')?.definition).toContain('Σ w·s / Σ w');
    expect(termsOf('heatmap')).toContain('Regulatory mapping');
    expect(termsOf('settings')).toContain('Regulatory mapping');
    expect(COMMON_KEYS.map((k) => k.keys.join('+'))).toEqual(expect.arrayContaining(['F1', 'Ctrl+K']));
  });

  it('the bundle report has a line for every metric column it shows; the overall ones are the rule metrics\' own words', () => {
    for (const key of ['n', 'positives', 'roc_auc', 'roc_auc_ci95', 'average_precision', 'accuracy', 'precision', 'recall', 'f1', 'selection_rate', 'log_loss', 'brier', 'ece', 'rmse', 'mae', 'r2', 'demographic_parity_difference', 'demographic_parity_ratio', 'equalized_odds_difference', 'psi', 'ks', 'missing']) {
      expect(reportColumnWords(key, EVIDENCE_METRICS), key).toBeTruthy();
    }
    expect(reportColumnWords('roc_auc', EVIDENCE_METRICS)).toBe(EVIDENCE_METRICS.find((m) => m.name === 'overall.roc_auc')?.description);
  });
});
