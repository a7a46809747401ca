import type { YamlValue } from '../../../../shared/evidence/frontMatterYaml';
import { isObject, type Json } from './cardDocument';
import { FieldValue } from './Fields';

/**
 * A Hugging Face card's front matter as tables: its metadata one row a key, and its
 * `model-index` (older cards: `model_index`) one row a metric with the task, dataset and
 * split the card names beside it.
 */

const INDEX_KEYS = ['model-index', 'model_index'];

function text(v: Json | undefined): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '—';
}

interface IndexRow {
  model: string;
  task: string;
  dataset: string;
  split: string;
  metric: string;
  value: Json | undefined;
}

/** The rows of a well-formed model-index, or null when it is not one (then it is shown as fields). */
function indexRows(index: Json): IndexRow[] | null {
  if (!Array.isArray(index)) return null;
  const rows: IndexRow[] = [];
  for (const model of index) {
    if (!isObject(model) || !Array.isArray(model.results)) return null;
    for (const result of model.results) {
      if (!isObject(result) || !Array.isArray(result.metrics)) return null;
      const task = isObject(result.task) ? result.task : {};
      const dataset = isObject(result.dataset) ? result.dataset : {};
      for (const metric of result.metrics) {
        if (!isObject(metric)) return null;
        const type = text(metric.type);
        rows.push({
          model: text(model.name),
          task: text(task.type ?? task.name),
          dataset: [text(dataset.name ?? dataset.type), typeof dataset.config === 'string' ? `(${dataset.config})` : ''].join(' ').trim(),
          split: text(dataset.split),
          metric: typeof metric.name === 'string' && metric.name !== type ? `${type} (${metric.name})` : type,
          value: metric.value,
        });
      }
    }
  }
  return rows;
}

export function FrontMatterTable({ meta }: { meta: YamlValue }) {
  if (!isObject(meta)) return <FieldValue value={meta as Json} />;
  const indexKey = INDEX_KEYS.find((k) => k in meta);
  const rows = indexKey === undefined ? null : indexRows(meta[indexKey] as Json);
  const plain = Object.entries(meta).filter(([k]) => !(rows !== null && k === indexKey));
  return (
    <>
      {plain.length > 0 && (
        <table className="data compact" aria-label="Card metadata">
          <tbody>
            {plain.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>
                  <FieldValue value={v as Json} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows !== null && (
        <table className="data compact" aria-label="Model index">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Task</th>
              <th scope="col">Dataset</th>
              <th scope="col">Split</th>
              <th scope="col">Metric</th>
              <th scope="col" className="num">
                Value
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>{r.model}</td>
                <td>{r.task}</td>
                <td>{r.dataset || '—'}</td>
                <td>{r.split}</td>
                <td>{r.metric}</td>
                <td className="num">
                  <FieldValue value={r.value} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
