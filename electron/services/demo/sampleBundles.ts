import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { evaluateBinary, evaluateRegression } from '../../../shared/metrics';
import { mulberry32 } from './seededRandom';

/**
 * Realistic evaluation bundles for the headless demo, generated from a seeded random
 * source so every run writes the same bytes: a clean one, one whose claimed AUC the data
 * does not support, one whose population has drifted, one with a gap between groups, and
 * a regression model. Claims are the model's true metrics (rounded to four decimals, well
 * inside the default tolerance) except where the story says otherwise.
 */

const PREDICTIONS = 3000;
const FEATURE_ROWS = 1000;
const round4 = (v: number) => Math.round(v * 1e4) / 1e4;
const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

interface ModelFacts {
  id: string;
  name: string;
  owner: string;
  team: string;
  product_line: string;
  regions: string[];
  use_case: string;
  deployment: { context: 'internal' | 'customer-facing'; regulated: boolean };
}

interface Story {
  model: ModelFacts;
  task: 'binary_classification' | 'regression';
  seed: number;
  /** Added to the claimed ROC AUC: the mismatched claim. */
  claimInflation?: number;
  /** The current population moves away from the reference one. */
  drift?: boolean;
  /** Scores of group F are pushed down: a fairness gap. */
  groupGap?: boolean;
  card: string;
}

const STORIES: readonly Story[] = [
  {
    model: { id: 'credit-limit-optimizer', name: 'Credit limit optimizer', owner: 'a.khan@bank.example', team: 'Cards Analytics', product_line: 'Cards', regions: ['EU', 'UK'], use_case: 'Proposes credit-limit increases for existing card holders', deployment: { context: 'customer-facing', regulated: true } },
    task: 'binary_classification',
    seed: 101,
    card: 'Gradient-boosted trees on 18 months of card behaviour. Retrained quarterly; monitored weekly for drift.',
  },
  {
    model: { id: 'card-fraud-detector', name: 'Card fraud detector', owner: 'm.lopez@bank.example', team: 'Fraud ML', product_line: 'Fraud', regions: ['US'], use_case: 'Flags card transactions for manual fraud review', deployment: { context: 'internal', regulated: false } },
    task: 'binary_classification',
    seed: 202,
    claimInflation: 0.07,
    card: 'Claims an AUC from the vendor report; the holdout here was drawn by the bank.',
  },
  {
    model: { id: 'churn-predictor', name: 'Churn predictor', owner: 'j.smith@bank.example', team: 'Marketing Science', product_line: 'Marketing', regions: ['EU'], use_case: 'Ranks customers for retention offers', deployment: { context: 'internal', regulated: false } },
    task: 'binary_classification',
    seed: 303,
    drift: true,
    card: 'Logistic regression on product holdings and tenure. The current sample is from after the 2026 pricing change.',
  },
  {
    model: { id: 'mortgage-approval', name: 'Mortgage approval model', owner: 'r.chen@bank.example', team: 'Lending Risk', product_line: 'Lending', regions: ['UK'], use_case: 'Recommends approve / refer for mortgage applications', deployment: { context: 'customer-facing', regulated: true } },
    task: 'binary_classification',
    seed: 404,
    groupGap: true,
    card: 'Scorecard with monotone constraints. Sex is not an input; it is recorded for fairness testing only.',
  },
  {
    model: { id: 'income-estimator', name: 'Income estimator', owner: 'a.khan@bank.example', team: 'Lending Risk', product_line: 'Lending', regions: ['EU', 'US'], use_case: 'Estimates annual income where no payslip is provided', deployment: { context: 'customer-facing', regulated: true } },
    task: 'regression',
    seed: 505,
    card: 'Quantile-regression forest on bureau and account data; reports the median.',
  },
];

const SEGMENTS = ['retail', 'sme', 'private'];

function csv(columns: Record<string, (string | number)[]>): string {
  const names = Object.keys(columns);
  const rows = (columns[names[0] as string] ?? []).map((_, i) => names.map((n) => String(columns[n]?.[i])).join(','));
  return `${names.join(',')}\n${rows.join('\n')}\n`;
}

function features(rnd: () => number, shifted: boolean): Record<string, (string | number)[]> {
  const income: number[] = [];
  const age: number[] = [];
  const segment: string[] = [];
  const utilisation: number[] = [];
  for (let i = 0; i < FEATURE_ROWS; i++) {
    income.push(Math.round((shifted ? 1.3 : 1) * (18000 + 60000 * rnd() * rnd())));
    age.push(Math.floor(18 + 60 * rnd()));
    const u = rnd();
    segment.push(SEGMENTS[shifted ? (u < 0.6 ? 1 : u < 0.8 ? 0 : 2) : u < 0.6 ? 0 : u < 0.85 ? 1 : 2] as string);
    utilisation.push(round4(clamp01((shifted ? 0.08 : 0) + rnd() * 0.8)));
  }
  return { income, age, segment, utilisation };
}

function binaryPredictions(story: Story, rnd: () => number) {
  const y_true: number[] = [];
  const y_score: number[] = [];
  const sex: string[] = [];
  const age_band: string[] = [];
  for (let i = 0; i < PREDICTIONS; i++) {
    const positive = rnd() < 0.25 ? 1 : 0;
    const group = rnd() < 0.5 ? 'F' : 'M';
    const gap = story.groupGap && group === 'F' ? -0.18 : 0;
    y_true.push(positive);
    y_score.push(round4(clamp01((positive ? 0.62 : 0.36) + gap + (rnd() - 0.5) * 0.72)));
    sex.push(group);
    age_band.push(['18-30', '31-50', '51+'][Math.floor(rnd() * 3)] as string);
  }
  const overall = evaluateBinary(Uint8Array.from(y_true), Float64Array.from(y_score), 0.5).overall.metrics;
  const claims = {
    overall: {
      roc_auc: round4((overall.roc_auc ?? 0) + (story.claimInflation ?? 0)),
      accuracy: round4(overall.accuracy),
      brier: round4(overall.brier),
    },
  };
  return { columns: { y_true, y_score, sex, age_band }, claims, sensitive: ['sex', 'age_band'] };
}

function regressionPredictions(rnd: () => number) {
  const y_true: number[] = [];
  const y_score: number[] = [];
  const sex: string[] = [];
  for (let i = 0; i < PREDICTIONS; i++) {
    const truth = Math.round(20000 + 70000 * rnd() * rnd());
    y_true.push(truth);
    y_score.push(Math.round(truth * (0.9 + 0.2 * rnd()) + (rnd() - 0.5) * 4000));
    sex.push(rnd() < 0.5 ? 'F' : 'M');
  }
  const overall = evaluateRegression(Float64Array.from(y_true), Float64Array.from(y_score)).overall.metrics;
  return { columns: { y_true, y_score, sex }, claims: { overall: { rmse: round4(overall.rmse), mae: round4(overall.mae), r2: round4(overall.r2 ?? 0) } }, sensitive: ['sex'] };
}

export interface SampleBundle {
  dir: string;
  modelId: string;
  story: string;
}

/** Writes the demo's bundles as folders under `into`; returns them with what each shows. */
export function writeSampleBundles(into: string): SampleBundle[] {
  return STORIES.map((story) => {
    const rnd = mulberry32(story.seed);
    const dir = path.join(into, `${story.model.id}-1.0.0`);
    fs.mkdirSync(dir, { recursive: true });
    const predictions = story.task === 'regression' ? regressionPredictions(rnd) : binaryPredictions(story, rnd);
    const files: Record<string, { role: string; text: string }> = {
      'predictions.csv': { role: 'predictions', text: csv(predictions.columns) },
      'reference.csv': { role: 'reference', text: csv(features(rnd, false)) },
      'current.csv': { role: 'current', text: csv(features(rnd, story.drift === true)) },
      'model_card.md': { role: 'model_card', text: `# ${story.model.name}\n\n${story.model.use_case}.\n\n${story.card}\n` },
      'lineage.json': {
        role: 'lineage',
        text: `${JSON.stringify(
          {
            eventType: 'COMPLETE',
            eventTime: '2026-09-30T18:00:00Z',
            job: { namespace: story.model.team.toLowerCase().replace(/\W+/g, '-'), name: `${story.model.id}.evaluate` },
            inputs: [{ namespace: 'warehouse', name: `${story.model.id.replace(/-/g, '_')}.holdout_2026q3` }],
            outputs: [{ namespace: 'bundles', name: `${story.model.id}-1.0.0` }],
            producer: 'https://bank.example/ml-platform/2.3',
          },
          null,
          2,
        )}\n`,
      },
    };
    const listed = Object.entries(files).map(([name, f]) => {
      fs.writeFileSync(path.join(dir, name), f.text);
      return { path: name, role: f.role, sha256: createHash('sha256').update(f.text).digest('hex'), bytes: Buffer.byteLength(f.text) };
    });
    const manifest = {
      format: 'mrb-bundle',
      format_version: 1,
      model: { ...story.model, version: '1.0.0' },
      task: story.task,
      created_at: '2026-10-01T09:00:00Z',
      producer: 'bank-ml-platform/2.3',
      sensitive_attributes: predictions.sensitive,
      files: listed,
      claims: predictions.claims,
      ...(story.task === 'binary_classification' ? { decision_threshold: 0.5 } : {}),
    };
    fs.writeFileSync(path.join(dir, 'bundle.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const what = story.claimInflation ? 'a claimed AUC the data does not support' : story.drift ? 'a drifted population' : story.groupGap ? 'a gap between groups' : 'clean evidence';
    return { dir, modelId: story.model.id, story: what };
  });
}
