/**
 * The YAML that Hugging Face model cards carry in their front matter: block mappings and
 * sequences, one-line flow collections (`{type: accuracy, value: 0.9}`), quoted and plain
 * scalars, comments, literal and folded blocks (kept as text). Anchors, tags and
 * multi-line flow collections are refused with the line, so a card that needs them says so
 * instead of being misread.
 */

export class YamlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'YamlError';
  }
}

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  n: number;
  indent: number;
  text: string;
}

/** Drops a comment: a # at the start or after a space, outside quotes. */
function stripComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) return text.slice(0, i).trimEnd();
  }
  return text.trimEnd();
}

function scalar(raw: string, line: number): YamlValue {
  const t = raw.trim();
  if (t === '' || t === '~' || t === 'null' || t === 'Null' || t === 'NULL') return null;
  if (/^["']/.test(t)) {
    const q = t[0] as string;
    if (!t.endsWith(q) || t.length < 2) throw new YamlError(`an unterminated quoted string: ${t}`, line);
    const inner = t.slice(1, -1);
    if (q === "'") return inner.replace(/''/g, "'");
    try {
      return JSON.parse(`"${inner.replace(/\\'/g, "'")}"`) as string;
    } catch {
      throw new YamlError(`a double-quoted string with an escape YAML readers disagree on: ${t}`, line);
    }
  }
  if (/^[&*!]/.test(t)) throw new YamlError(`anchors, aliases and tags are not read (${t})`, line);
  if (t === 'true' || t === 'True') return true;
  if (t === 'false' || t === 'False') return false;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(t)) return Number.NaN;
  return t;
}

/** Splits a flow collection's inside at top-level commas. */
function splitFlow(inner: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < inner.length; i += 1) {
    const c = inner[i] as string;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') depth -= 1;
    else if (c === ',' && depth === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inner.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** The index of the `: ` (or final `:`) that separates a key from its value, outside quotes and brackets. */
function keyColon(text: string): number {
  let quote: string | null = null;
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') depth -= 1;
    else if (c === ':' && depth === 0 && (i === text.length - 1 || text[i + 1] === ' ')) return i;
  }
  return -1;
}

function flowOrScalar(raw: string, line: number): YamlValue {
  const t = raw.trim();
  if (t.startsWith('{')) {
    if (!t.endsWith('}')) throw new YamlError('a flow mapping must close on its line', line);
    const out: { [key: string]: YamlValue } = {};
    for (const part of splitFlow(t.slice(1, -1))) {
      const colon = keyColon(part);
      if (colon < 0) throw new YamlError(`"${part}" in a flow mapping has no key`, line);
      out[String(scalar(part.slice(0, colon), line))] = flowOrScalar(part.slice(colon + 1), line);
    }
    return out;
  }
  if (t.startsWith('[')) {
    if (!t.endsWith(']')) throw new YamlError('a flow sequence must close on its line', line);
    return splitFlow(t.slice(1, -1)).map((p) => flowOrScalar(p, line));
  }
  return scalar(t, line);
}

class Parser {
  private i = 0;

  constructor(private readonly lines: Line[]) {}

  parse(): YamlValue {
    if (this.lines.length === 0) return null;
    const value = this.block((this.lines[0] as Line).indent);
    const rest = this.lines[this.i];
    if (rest) throw new YamlError(`unexpected indentation: ${rest.text}`, rest.n);
    return value;
  }

  private block(indent: number): YamlValue {
    const first = this.lines[this.i] as Line;
    return first.text.startsWith('- ') || first.text === '-' ? this.sequence(indent) : this.mapping(indent);
  }

  /** A value after "key:" or "- ": inline, or the indented block below. */
  private valueAfter(rest: string, parentIndent: number, line: number): YamlValue {
    if (rest.trim() === '|' || rest.trim() === '>' || /^[|>][-+]?$/.test(rest.trim())) return this.textBlock(parentIndent, rest.trim().startsWith('>'));
    if (rest.trim() !== '') return flowOrScalar(rest, line);
    const next = this.lines[this.i];
    // A sequence may sit at its key's indentation ("key:\n- a"), as Hugging Face cards write it.
    if (next && (next.indent > parentIndent || (next.indent === parentIndent && next.text.startsWith('-')))) return this.block(next.indent);
    return null;
  }

  private textBlock(parentIndent: number, folded: boolean): string {
    const parts: string[] = [];
    while (this.i < this.lines.length && (this.lines[this.i] as Line).indent > parentIndent) {
      parts.push((this.lines[this.i] as Line).text);
      this.i += 1;
    }
    return parts.join(folded ? ' ' : '\n');
  }

  private mapping(indent: number): YamlValue {
    const out: { [key: string]: YamlValue } = {};
    while (this.i < this.lines.length) {
      const line = this.lines[this.i] as Line;
      if (line.indent < indent) break;
      if (line.indent > indent) throw new YamlError(`unexpected indentation: ${line.text}`, line.n);
      if (line.text.startsWith('- ')) break;
      const colon = keyColon(line.text);
      if (colon < 0) throw new YamlError(`"${line.text}" is neither "key: value" nor "- item"`, line.n);
      this.i += 1;
      out[String(scalar(line.text.slice(0, colon), line.n))] = this.valueAfter(line.text.slice(colon + 1), indent, line.n);
    }
    return out;
  }

  private sequence(indent: number): YamlValue {
    const out: YamlValue[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i] as Line;
      if (line.indent !== indent || !(line.text.startsWith('- ') || line.text === '-')) break;
      const rest = line.text.slice(1).replace(/^ +/, '');
      const itemIndent = indent + (line.text.length - rest.length);
      if (rest !== '' && !rest.startsWith('{') && !rest.startsWith('[') && keyColon(rest) >= 0) {
        // "- key: value" opens a mapping whose keys sit at the item's content column.
        this.lines[this.i] = { n: line.n, indent: itemIndent, text: rest };
        out.push(this.mapping(itemIndent));
      } else {
        this.i += 1;
        out.push(this.valueAfter(rest, indent, line.n));
      }
    }
    return out;
  }
}

/** Parses YAML text (CRLF or LF); line numbers in errors count from `firstLine`. */
export function parseYaml(text: string, firstLine = 1): YamlValue {
  const lines: Line[] = [];
  text.split(/\r?\n/).forEach((raw, k) => {
    if (/^\s*\t/.test(raw)) throw new YamlError('a tab in the indentation', firstLine + k);
    const body = stripComment(raw);
    if (body.trim() === '' || body.trim() === '---') return;
    lines.push({ n: firstLine + k, indent: body.length - body.trimStart().length, text: body.trim() });
  });
  return new Parser(lines).parse();
}

/** The front matter of a Markdown file: the text between a first line "---" and the next "---", and the line it starts on. */
export function frontMatter(markdown: string): { yaml: string; firstLine: number } | null {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\s*(\r?\n|$)/.exec(markdown);
  return m ? { yaml: m[1] ?? '', firstLine: 2 } : null;
}
