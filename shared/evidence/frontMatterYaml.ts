import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';

/**
 * The YAML that Hugging Face model cards carry in their front matter, read by js-yaml with
 * the YAML 1.2 core schema: dates stay the strings the card wrote, and no tag builds
 * anything but plain data. Aliases are refused so a hostile card cannot make a small file
 * expand into a huge tree when its claims are walked.
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

/** Parses YAML text (CRLF or LF); line numbers in errors count from `firstLine`. */
export function parseYaml(text: string, firstLine = 1): YamlValue {
  // js-yaml refuses an empty document; an empty front matter holds nothing.
  if (text.split(/\r?\n/).every((line) => /^\s*(#.*)?$/.test(line))) return null;
  try {
    return load(text, { schema: CORE_SCHEMA, maxAliases: 0 }) as YamlValue;
  } catch (e) {
    if (e instanceof YAMLException) throw new YamlError(e.reason, firstLine + (e.mark?.line ?? 0));
    // js-yaml documents that other exceptions may escape its loader; they are still a card that cannot be read.
    throw new YamlError(e instanceof Error ? e.message : String(e), firstLine);
  }
}

/** The front matter of a Markdown file: the text between a first line "---" and the next "---", and the line it starts on. */
export function frontMatter(markdown: string): { yaml: string; firstLine: number } | null {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\s*(\r?\n|$)/.exec(markdown);
  return m ? { yaml: m[1] ?? '', firstLine: 2 } : null;
}
