import { frontMatter, parseYaml, YamlError, type YamlValue } from '../../../../shared/evidence/frontMatterYaml';

/**
 * What a bundle's model card file is, read by content as the services read it for claims:
 * a CycloneDX ML-BOM, a Model Card Toolkit JSON, other JSON, or Markdown whose front matter
 * (Hugging Face's) is parsed YAML.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type CardDocument =
  | { kind: 'cyclonedx'; bom: JsonObject }
  | { kind: 'model-card-toolkit'; card: JsonObject }
  | { kind: 'json'; value: Json }
  | { kind: 'markdown'; body: string; meta: YamlValue; metaText: string | null; metaError: string | null }
  | { kind: 'unreadable'; reason: string };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function splitMarkdown(text: string): { yaml: string | null; firstLine: number; body: string } {
  const front = frontMatter(text);
  if (!front) return { yaml: null, firstLine: 1, body: text };
  const end = /^\uFEFF?---\r?\n[\s\S]*?\r?\n---[^\S\r\n]*(\r?\n|$)/.exec(text);
  return { yaml: front.yaml, firstLine: front.firstLine, body: text.slice(end ? end[0].length : 0) };
}

export function readCard(path: string, text: string): CardDocument {
  const looksJson = path.toLowerCase().endsWith('.json') || /^\s*[{[]/.test(text);
  if (looksJson) {
    let value: Json;
    try {
      value = JSON.parse(text) as Json;
    } catch (e) {
      return { kind: 'unreadable', reason: `${path} is not valid JSON (${e instanceof Error ? e.message : String(e)}).` };
    }
    if (isObject(value) && value.bomFormat === 'CycloneDX') return { kind: 'cyclonedx', bom: value };
    if (isObject(value) && ('quantitative_analysis' in value || 'model_details' in value)) return { kind: 'model-card-toolkit', card: value };
    return { kind: 'json', value };
  }
  const { yaml, firstLine, body } = splitMarkdown(text);
  if (yaml === null) return { kind: 'markdown', body, meta: null, metaText: null, metaError: null };
  try {
    return { kind: 'markdown', body, meta: parseYaml(yaml, firstLine), metaText: yaml, metaError: null };
  } catch (e) {
    if (!(e instanceof YamlError)) throw e;
    return { kind: 'markdown', body, meta: null, metaText: yaml, metaError: `The front matter cannot be read at line ${e.line}: ${e.message}.` };
  }
}

/** A field name as a reader says it: `model_architecture` and `architectureFamily` alike. */
export function fieldLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
