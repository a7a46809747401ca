import fs from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { runMrb } from '../helpers/runMrb';
import { tempDir } from '../helpers/tempDir';

const CORPUS = path.resolve(__dirname, '../fixtures/evidence');

/**
 * `mrb bundle init` on folders as teams have them. The predictions are small and exact:
 * labels 0 0 1 1 with scores 0.1 0.4 0.35 0.8 give AUC 0.75 and accuracy 0.75 at 0.5.
 */
const LABELS = [0, 0, 1, 1];
const SCORES = [0.1, 0.4, 0.35, 0.8];
const SEX = ['F', 'M', 'F', 'M'];

function folder(files: Record<string, string | Buffer>): string {
  const dir = path.join(tempDir('mrb-bundle-init-'), 'team-folder');
  fs.mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function csv(header: string[], columns: (string | number)[][]): string {
  return [header.join(','), ...LABELS.map((_, i) => columns.map((c) => c[i]).join(','))].join('\n') + '\n';
}

function manifestOf(dir: string) {
  return JSON.parse(fs.readFileSync(path.join(dir, 'bundle.json'), 'utf8'));
}

describe('mrb bundle init', () => {
  it('maps label/probability, states each choice, fills hashes and sizes, and the written bundle validates with its claims checked', () => {
    const dir = folder({
      'predictions.csv': csv(['label', 'prediction', 'probability', 'sex'], [LABELS, SCORES.map((s) => (s >= 0.5 ? 1 : 0)), SCORES, SEX]),
      'model_card.json': fs.readFileSync(path.join(CORPUS, 'model_card_toolkit.json')),
      'mlruns/metrics/roc_auc': '1700000000000 0.75 0\n',
      '.DS_Store': 'Bud1',
    });
    const result = runMrb(['bundle', 'init', dir, '--model-id', 'scorer', '--sensitive', 'sex', '--version', '1.0', '--owner', 'risk@example.org']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Predictions: predictions.csv, label column label (mapped to y_true), score column probability (mapped to y_score).');
    expect(result.stdout).toContain('Also present and not used as the score: prediction');
    expect(result.stdout).toContain('Task: binary_classification (every label is 0 or 1)');
    expect(result.stdout).toContain('Model card: model_card.json.');
    const manifest = manifestOf(dir);
    expect(manifest.columns).toEqual({ y_true: 'label', y_score: 'probability' });
    expect(manifest.model).toMatchObject({ id: 'scorer', version: '1.0', owner: 'risk@example.org' });
    const files = Object.fromEntries(manifest.files.map((f: { path: string; role: string; bytes: number; sha256: string }) => [f.path, f]));
    expect(Object.keys(files).sort()).toEqual(['mlruns/metrics/roc_auc', 'model_card.json', 'predictions.csv']);
    expect(files['predictions.csv']).toMatchObject({ role: 'predictions', bytes: fs.statSync(path.join(dir, 'predictions.csv')).size });
    expect(files['model_card.json'].role).toBe('model_card');
    expect(files['mlruns/metrics/roc_auc'].role).toBe('other');
    // The MLflow run's AUC holds (0.75); the card's claims are lifted and compared (its accuracy 0.68 against 0.75 fails).
    expect(result.stdout).toMatch(/mlruns\/metrics\/roc_auc: overall\.roc_auc\s+claimed 0\.7500\s+recomputed 0\.7500\s+match/);
    expect(result.stdout).toMatch(/model_card\.json: overall\.accuracy is claimed as 0\.68 but recomputes to 0\.75/);
    expect(result.code).toBe(1);
    expect(runMrb(['validate', dir]).code).toBe(1);
  });

  it("takes the version and owner a Model Card Toolkit card states when they are not given", () => {
    const dir = folder({
      'predictions.csv': csv(['y_true', 'y_score'], [LABELS, SCORES]),
      'model_card.json': fs.readFileSync(path.join(CORPUS, 'model_card_toolkit.json')),
    });
    const result = runMrb(['bundle', 'init', dir, '--model-id', 'scorer']);
    expect(result.stdout).toContain('Version 1.4.2, from model_card.json.');
    expect(result.stdout).toContain('Owner owner@example.org, from model_card.json.');
    expect(manifestOf(dir).model).toMatchObject({ version: '1.4.2', owner: 'owner@example.org' });
  });

  it('reads Parquet predictions with target/score columns and infers a regression', () => {
    const data = parquetWriteBuffer({
      columnData: [
        { name: 'target', data: [1.5, 2, 3, 4], type: 'DOUBLE' },
        { name: 'score', data: [1.5, 2, 3, 5], type: 'DOUBLE' },
      ],
    });
    const dir = folder({ 'scored.parquet': Buffer.from(data) });
    const result = runMrb(['bundle', 'init', dir, '--model-id', 'prices']);
    expect(result.stdout).toContain('Task: regression (target holds values other than 0 and 1)');
    expect(result.stdout).toContain('Model version and owner not given: written as "unstated"');
    expect(result.code).toBe(0);
    expect(manifestOf(dir)).toMatchObject({ task: 'regression', columns: { y_true: 'target', y_score: 'score' } });
  });

  it('y_true/y_score need no mapping; reference and current samples get their roles', () => {
    const dir = folder({
      'predictions.csv': csv(['y_true', 'y_score'], [LABELS, SCORES]),
      'reference.csv': 'income\n1\n2\n3\n',
      'current.csv': 'income\n1\n2\n3\n',
    });
    const result = runMrb(['bundle', 'init', dir, '--model-id', 'scorer', '--threshold', '0.3']);
    expect(result.stdout).toContain('Drift samples: reference reference.csv, current current.csv.');
    const manifest = manifestOf(dir);
    expect(manifest.columns).toBeUndefined();
    expect(manifest.decision_threshold).toBe(0.3);
    expect(manifest.files.map((f: { role: string }) => f.role).sort()).toEqual(['current', 'predictions', 'reference']);
    expect(result.code).toBe(0);
  });

  it.each([
    [{ 'p.csv': 'a,b\n1,2\n' }, [], 'No CSV or Parquet file in the folder has both a label column (y_true, label, target) and a score column (y_score, probability, score, prediction); rename the columns, or write the manifest by hand.'],
    [{ 'p.csv': 'label,target,score\n1,1,0.5\n' }, [], 'p.csv has 2 label columns (label, target); keep one, or rename the true label to y_true.'],
    [{ 'p.csv': 'label,score\n1,0.5\n0,0.2\n' }, ['--sensitive', 'region'], '--sensitive names "region", which is not a column of p.csv (its columns: label, score).'],
    [{ 'p.csv': 'label,score\n1,0.5\n0,0.2\n', 'reference.csv': 'x\n1\n' }, [], 'reference.csv is a drift sample but there is no current sample beside it'],
    [{ 'p.csv': 'label,score\n1,0.5\n2,0.2\n' }, ['--task', 'binary_classification'], 'p.csv row 2: label is 2, expected 0 or 1. Nothing was written.'],
  ])('refuses with a sentence and writes nothing: %j', (files, args, message) => {
    const dir = folder(files);
    const result = runMrb(['bundle', 'init', dir, '--model-id', 'm', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, 'bundle.json'))).toBe(false);
  });

  it('keeps a bundle.json already there unless --force, and refuses a bad model id naming it', () => {
    const dir = folder({ 'p.csv': 'label,score\n1,0.5\n0,0.2\n', 'bundle.json': '{"mine": true}' });
    const kept = runMrb(['bundle', 'init', dir, '--model-id', 'm']);
    expect(kept.code).toBe(2);
    expect(kept.stderr).toContain('already has a bundle.json; pass --force to replace it.');
    expect(fs.readFileSync(path.join(dir, 'bundle.json'), 'utf8')).toBe('{"mine": true}');
    const bad = runMrb(['bundle', 'init', dir, '--model-id', 'my model', '--force']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('model.id');
    expect(runMrb(['bundle', 'init', dir, '--model-id', 'm', '--force']).code).toBe(0);
    expect(manifestOf(dir).model.id).toBe('m');
    expect(runMrb(['bundle', 'init', dir]).stderr).toContain('--model-id is required');
  });
});
