import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, ManifestSchema, type BundleFile, type FileRole } from '../../../shared/bundle/manifest';
import { describeIssues, rawPath, shownName } from '../../../shared/contract/errors';
import { isCycloneDx } from '../evidence/cycloneDx';
import { isModelCardToolkit } from '../evidence/modelCardToolkit';
import { isOpenLineage, jsonLinesEvents } from '../evidence/openLineage';
import { BundleError } from './bundleError';
import { readHeader, readTable } from './tableReader';
import type { Clock } from '../clock';

/**
 * `mrb bundle init`: a bundle.json for a folder as a team already has it. The predictions
 * file is the data file holding a label and a score column under any of the names the
 * common tools write; its own names are kept and mapped in the manifest's `columns`. Each
 * choice made is returned as a sentence, and what cannot be mapped is refused naming why.
 */

export const LABEL_NAMES = ['y_true', 'label', 'target'] as const;
/** In this order of preference: a probability is the score a binary metric wants, a `prediction` column is often a class. */
export const SCORE_NAMES = ['y_score', 'probability', 'score', 'prediction'] as const;

export interface InitOptions {
  modelId: string;
  task?: 'binary_classification' | 'regression';
  threshold?: number;
  sensitive: string[];
  name?: string;
  version?: string;
  owner?: string;
  /** Replace a bundle.json already there. */
  force: boolean;
  /** Dates the manifest's created_at. */
  clock: Clock;
}

export interface InitResult {
  manifestPath: string;
  manifest: Record<string, unknown>;
  /** What was found and decided, one sentence each, for the team to check. */
  stated: string[];
}

interface Found {
  rel: string;
  abs: string;
  bytes: number;
}

const DATA = /\.(csv|parquet)$/i;

/** Files under the folder, hidden ones and macOS's resource forks left out. */
function listFiles(root: string): Found[] {
  const out: Found[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === '__MACOSX') continue;
      const abs = path.join(dir, entry.name);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (entry.isSymbolicLink()) throw new BundleError(`${shownName(rel)} is a symbolic link; a bundle holds plain files only.`, { file: rel });
      if (entry.isDirectory()) walk(abs);
      else if (entry.isFile() && rel !== 'bundle.json') out.push({ rel, abs, bytes: fs.statSync(abs).size });
    }
  };
  walk(root);
  return out;
}

function sha256(abs: string): string {
  return createHash('sha256').update(fs.readFileSync(abs)).digest('hex');
}

const TEXT = new TextDecoder('utf-8', { fatal: true });

/** What a JSON or JSON Lines evidence file is, by content, as the validator will recognise it. */
function evidenceKind(file: Found): 'model_card' | 'lineage' | null {
  const lower = file.rel.toLowerCase();
  if (!/\.(json|jsonl|ndjson|md)$/.test(lower) || file.bytes > 64 * 1024 ** 2) return null;
  let text: string;
  try {
    text = TEXT.decode(fs.readFileSync(file.abs));
  } catch {
    return null;
  }
  if (lower.endsWith('.md')) return /^\uFEFF?---\r?\n[\s\S]*?\b(model-index|model_index)\s*:/.test(text) || /(^|\/)model_card\.md$/.test(lower) ? 'model_card' : null;
  if (!lower.endsWith('.json')) return jsonLinesEvents(text) ? 'lineage' : null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (isCycloneDx(json) || isModelCardToolkit(json)) return 'model_card';
  if (isOpenLineage(json)) return 'lineage';
  return null;
}

/** The version and owner a JSON model card states: Model Card Toolkit's model_details, or a CycloneDX model component's version. */
function cardIdentity(file: Found): { version?: string; owner?: string } {
  let json: unknown;
  try {
    json = JSON.parse(TEXT.decode(fs.readFileSync(file.abs)));
  } catch {
    return {};
  }
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  if (isModelCardToolkit(json)) {
    const details = json.model_details as { version?: { name?: unknown }; owners?: { contact?: unknown; name?: unknown }[] } | undefined;
    const firstOwner = Array.isArray(details?.owners) ? details.owners[0] : undefined;
    return { version: text(details?.version?.name), owner: text(firstOwner?.contact) ?? text(firstOwner?.name) };
  }
  if (isCycloneDx(json) && Array.isArray(json.components)) {
    const model = (json.components as { type?: unknown; version?: unknown }[]).find((c) => c?.type === 'machine-learning-model');
    return { version: text(model?.version) };
  }
  return {};
}

interface PredictionColumns {
  file: Found;
  header: string[];
  label: string;
  score: string;
}

async function predictionColumns(data: Found[]): Promise<PredictionColumns> {
  const candidates: PredictionColumns[] = [];
  const unmapped: string[] = [];
  for (const file of data) {
    const header = await readHeader(file.rel, fs.readFileSync(file.abs));
    const labels = LABEL_NAMES.filter((n) => header.includes(n));
    const scores = SCORE_NAMES.filter((n) => header.includes(n));
    if (labels.length > 1) {
      throw new BundleError(`${shownName(file.rel)} has ${labels.length} label columns (${labels.join(', ')}); keep one, or rename the true label to y_true.`, { file: file.rel });
    }
    if (labels.length === 1 && scores.length >= 1) candidates.push({ file, header, label: labels[0] as string, score: scores[0] as string });
    else if (labels.length + scores.length > 0) unmapped.push(`${shownName(file.rel)} has ${labels.length === 0 ? 'no label column' : 'no score column'}`);
  }
  if (candidates.length === 1) return candidates[0] as PredictionColumns;
  if (candidates.length > 1) {
    const named = candidates.filter((c) => /^predictions?\.(csv|parquet)$/i.test(path.basename(c.file.rel)));
    if (named.length === 1) return named[0] as PredictionColumns;
    throw new BundleError(`${candidates.map((c) => shownName(c.file.rel)).join(' and ')} all hold a label and a score column; name the one with the predictions predictions.csv (or .parquet).`, {});
  }
  const why = unmapped.length > 0 ? ` (${unmapped.join('; ')})` : '';
  throw new BundleError(
    `No CSV or Parquet file in the folder has both a label column (${LABEL_NAMES.join(', ')}) and a score column (${SCORE_NAMES.join(', ')})${why}; rename the columns, or write the manifest by hand.`,
    {},
  );
}

async function inferTask(p: PredictionColumns): Promise<{ task: 'binary_classification' | 'regression'; why: string }> {
  const table = await readTable(p.file.rel, fs.readFileSync(p.file.abs), [{ kind: 'number', name: p.label }]);
  const labels = table.numbers.get(p.label) as Float64Array;
  const binary = labels.every((v) => v === 0 || v === 1);
  return binary
    ? { task: 'binary_classification', why: `every ${p.label} is 0 or 1` }
    : { task: 'regression', why: `${p.label} holds values other than 0 and 1` };
}

/** Reference and current samples: files named so (or train/baseline and production/serving), both or neither. */
function driftSamples(data: Found[], predictions: Found): { reference?: Found; current?: Found } {
  const stem = (f: Found) => path.basename(f.rel).replace(DATA, '').toLowerCase();
  const pick = (names: string[], role: string) => {
    const hits = data.filter((f) => f !== predictions && names.includes(stem(f)));
    if (hits.length > 1) throw new BundleError(`${hits.map((f) => shownName(f.rel)).join(' and ')} could each be the ${role} sample; keep one.`, { file: hits[0]?.rel });
    return hits[0];
  };
  const reference = pick(['reference', 'train', 'training', 'baseline'], 'reference');
  const current = pick(['current', 'production', 'serving', 'live'], 'current');
  if ((reference === undefined) !== (current === undefined)) {
    const [have, missing] = reference ? [reference, 'current'] : [current as Found, 'reference'];
    throw new BundleError(`${shownName(have.rel)} is a drift sample but there is no ${missing} sample beside it (drift needs both, e.g. reference.csv and current.csv); add it or move ${shownName(have.rel)} out of the folder.`, { file: have.rel });
  }
  return { reference, current };
}

export async function initBundle(dir: string, options: InitOptions): Promise<InitResult> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new BundleError(`${shownName(dir)} does not exist.`, {});
  }
  if (!stat.isDirectory()) throw new BundleError(`${shownName(dir)} is not a folder; bundle init writes bundle.json into the folder holding the predictions.`, {});
  const manifestPath = path.join(dir, 'bundle.json');
  if (fs.existsSync(manifestPath) && !options.force) throw new BundleError(`${shownName(dir)} already has a bundle.json; pass --force to replace it.`, { file: 'bundle.json' });

  const all = listFiles(dir);
  const data = all.filter((f) => DATA.test(f.rel));
  const predictions = await predictionColumns(data);
  const stated: string[] = [];
  const mapped = (canonical: string, own: string) => (own === canonical ? `${own}` : `${own} (mapped to ${canonical})`);
  stated.push(`Predictions: ${shownName(predictions.file.rel)}, label column ${mapped('y_true', predictions.label)}, score column ${mapped('y_score', predictions.score)}.`);
  const passedOver = SCORE_NAMES.filter((n) => n !== predictions.score && predictions.header.includes(n));
  if (passedOver.length > 0) stated.push(`Also present and not used as the score: ${passedOver.join(', ')} (${predictions.score} comes first in ${SCORE_NAMES.join(' > ')}).`);

  for (const attribute of options.sensitive) {
    if (!predictions.header.includes(attribute)) {
      throw new BundleError(`--sensitive names "${attribute}", which is not a column of ${shownName(predictions.file.rel)} (its columns: ${predictions.header.join(', ')}).`, { file: predictions.file.rel, column: attribute });
    }
    if (attribute === predictions.label || attribute === predictions.score) throw new BundleError(`--sensitive names "${attribute}", which is the label or score column.`, { column: attribute });
  }

  let task = options.task;
  if (task === undefined) {
    const inferred = await inferTask(predictions);
    task = inferred.task;
    stated.push(`Task: ${task} (${inferred.why}); pass --task to say otherwise.`);
  } else stated.push(`Task: ${task} (as given).`);
  if (task === 'regression' && options.threshold !== undefined) throw new BundleError('--threshold applies to binary_classification only; this bundle is a regression.', {});

  const { reference, current } = driftSamples(data, predictions.file);
  if (reference && current) stated.push(`Drift samples: reference ${shownName(reference.rel)}, current ${shownName(current.rel)}.`);

  const roles = new Map<Found, FileRole>([[predictions.file, 'predictions']]);
  if (reference && current) {
    roles.set(reference, 'reference');
    roles.set(current, 'current');
  }
  for (const role of ['model_card', 'lineage'] as const) {
    const hits = all.filter((f) => !roles.has(f) && evidenceKind(f) === role);
    // The one named for its role, else the first: the others stay listed as evidence and are read for claims all the same.
    const chosen = hits.find((f) => /^(model_card|lineage)\.(md|json|jsonl)$/i.test(f.rel)) ?? hits[0];
    if (chosen) roles.set(chosen, role);
  }
  const files: BundleFile[] = all.map((f) => ({ path: f.rel, role: roles.get(f) ?? 'other', sha256: sha256(f.abs), bytes: f.bytes }));
  const others = files.filter((f) => f.role === 'other' && !DATA.test(f.path));
  for (const f of files.filter((x) => x.role === 'model_card' || x.role === 'lineage')) stated.push(`${f.role === 'model_card' ? 'Model card' : 'Lineage'}: ${shownName(f.path)}.`);
  if (others.length > 0) stated.push(`Other evidence, read for claims where recognised (MLflow, Evidently, more cards or lineage): ${others.map((f) => shownName(f.path)).join(', ')}.`);
  const unused = files.filter((f) => f.role === 'other' && DATA.test(f.path));
  if (unused.length > 0) stated.push(`Listed as evidence, not read as data: ${unused.map((f) => shownName(f.path)).join(', ')}.`);

  const card = all.find((f) => roles.get(f) === 'model_card');
  const fromCard = card ? cardIdentity(card) : {};
  const version = options.version ?? fromCard.version;
  const owner = options.owner ?? fromCard.owner;
  if (options.version === undefined && version !== undefined) stated.push(`Version ${version}, from ${shownName((card as Found).rel)}.`);
  if (options.owner === undefined && owner !== undefined) stated.push(`Owner ${owner}, from ${shownName((card as Found).rel)}.`);
  const unstated = [version === undefined && 'version', owner === undefined && 'owner'].filter(Boolean);
  if (unstated.length > 0) stated.push(`Model ${unstated.join(' and ')} not given: written as "unstated"; pass ${unstated.map((u) => `--${u}`).join(' and ')}.`);

  const manifest = {
    format: BUNDLE_FORMAT,
    format_version: BUNDLE_FORMAT_VERSION,
    model: {
      id: options.modelId,
      name: options.name ?? options.modelId,
      version: version ?? 'unstated',
      owner: owner ?? 'unstated',
      team: '',
      product_line: '',
      regions: [],
      use_case: '',
      deployment: { context: 'internal', regulated: false },
    },
    task,
    created_at: options.clock.now().toISOString(),
    producer: 'mrb bundle init',
    ...(task === 'binary_classification' ? { decision_threshold: options.threshold ?? 0.5 } : {}),
    sensitive_attributes: options.sensitive,
    ...(predictions.label !== 'y_true' || predictions.score !== 'y_score'
      ? { columns: { ...(predictions.label !== 'y_true' ? { y_true: predictions.label } : {}), ...(predictions.score !== 'y_score' ? { y_score: predictions.score } : {}) } }
      : {}),
    files,
    claims: {},
  };
  const checked = ManifestSchema.safeParse(manifest);
  if (!checked.success) {
    const { message, field } = describeIssues(checked.error.issues, rawPath);
    throw new BundleError(`The manifest cannot be written: ${message}`, { file: 'bundle.json', field });
  }
  return { manifestPath, manifest, stated };
}
