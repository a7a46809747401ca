import { frontMatter, parseYaml, YamlError, type YamlValue } from '../../../shared/evidence/frontMatterYaml';
import { emptyLift, liftedEntry, notANumber, numberOf, unreadable, type BundleFacts, type Lifted } from './liftedClaims';

/**
 * A Hugging Face model card (README.md / model_card.md): YAML front matter whose
 * `model-index` (older cards: `model_index`) is a list of
 * `{name, results: [{task: {type, name}, dataset: {type, name, config, split}, metrics:
 * [{type, value, name}]}]}` (huggingface/hub-docs modelcard.md). Each metric is an
 * overall claim, its task, dataset and split named beside it.
 */

type Node = { [key: string]: YamlValue };

function isNode(v: YamlValue | undefined): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: YamlValue | undefined): string | null {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

export function liftHuggingFaceCard(file: string, markdown: string, facts: BundleFacts): Lifted {
  const out = emptyLift('Hugging Face model card');
  const front = frontMatter(markdown);
  if (!front) return out;
  let meta: YamlValue;
  try {
    meta = parseYaml(front.yaml, front.firstLine);
  } catch (e) {
    if (!(e instanceof YamlError)) throw e;
    out.findings.push(unreadable(file, `the front matter cannot be read at line ${e.line}: ${e.message}`));
    return out;
  }
  if (!isNode(meta)) return out;
  const key = 'model-index' in meta ? 'model-index' : 'model_index' in meta ? 'model_index' : null;
  if (key === null) return out;
  const index = meta[key];
  if (!Array.isArray(index)) {
    out.findings.push(unreadable(file, `the ${key} is invalid: it must be a list of models`));
    return out;
  }
  index.forEach((model, m) => {
    const results = isNode(model) ? model.results : undefined;
    if (!Array.isArray(results)) {
      out.findings.push(unreadable(file, `the ${key} is invalid: ${key}[${m}] has no results list`));
      return;
    }
    results.forEach((result, r) => {
      const at = `${key}[${m}].results[${r}]`;
      const metrics = isNode(result) ? result.metrics : undefined;
      if (!isNode(result) || !Array.isArray(metrics)) {
        out.findings.push(unreadable(file, `the ${key} is invalid: ${at} has no metrics list`));
        return;
      }
      const task = isNode(result.task) ? text(result.task.type) : null;
      const dataset = isNode(result.dataset) ? result.dataset : {};
      const split = text(dataset.split);
      const datasetName = text(dataset.name) ?? text(dataset.type);
      const note = [task, datasetName && `dataset ${datasetName}`, split && `split ${split}`].filter((x): x is string => Boolean(x)).join(', ');
      metrics.forEach((metric, k) => {
        const pointer = `${at}.metrics[${k}]`;
        const type = isNode(metric) ? text(metric.type) : null;
        if (!isNode(metric) || type === null) {
          out.findings.push(unreadable(file, `the ${key} is invalid: ${pointer} has no type`));
          return;
        }
        const value = numberOf(metric.value);
        if (value === null) {
          out.findings.push(notANumber(file, pointer, metric.value));
          return;
        }
        out.entries.push(liftedEntry(file, pointer, type, value, facts, { note: note || undefined }));
      });
    });
  });
  return out;
}
