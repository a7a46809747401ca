import { describe, expect, it } from 'vitest';
import { frontMatter, parseYaml, YamlError } from '../../../shared/evidence/frontMatterYaml';

describe("the YAML of a model card's front matter", () => {
  it('reads block mappings and sequences, flow collections, quotes, comments and CRLF line ends', () => {
    const text = [
      'license: apache-2.0  # a comment',
      'tags:',
      '- "text: classification"',
      "- 'it''s'",
      'model-index:',
      '- name: m',
      '  results:',
      '  - metrics:',
      '    - {type: accuracy, value: 0.9, name: "Acc, test"}',
      '    - type: f1',
      '      value: .85',
      '      verified: false',
      '  empty:',
      'list: [1, two, {a: null}]',
      'notes: |',
      '  line one',
      '  line two',
    ].join('\r\n');
    expect(parseYaml(text)).toEqual({
      license: 'apache-2.0',
      tags: ['text: classification', "it's"],
      'model-index': [{ name: 'm', results: [{ metrics: [{ type: 'accuracy', value: 0.9, name: 'Acc, test' }, { type: 'f1', value: 0.85, verified: false }] }], empty: null }],
      list: [1, 'two', { a: null }],
      notes: 'line one\nline two\n',
    });
  });

  it('refuses what it does not read, naming the line of the card', () => {
    expect(() => parseYaml('a: 1\nb: &anchor 2\nc: *anchor', 5)).toThrow(new YamlError('aliases exceeded maxAliases (0)', 7));
    expect(() => parseYaml('a:\n  - [1,\n  2]')).toThrow(YamlError);
    expect(() => parseYaml('a: 1\n   b: 2', 10)).toThrow(new YamlError('bad indentation of a mapping entry', 11));
    expect(() => parseYaml('a: "bad \\q escape"')).toThrow(YamlError);
    expect(() => parseYaml('model-index: 1\nmodel-index: 2', 2)).toThrow(new YamlError('duplicated mapping key', 3));
    expect(() => parseYaml('x: !!binary aGVsbG8=')).toThrow(YamlError);
  });

  it('keeps dates as the text the card wrote and reads an empty front matter as nothing', () => {
    expect(parseYaml('date: 2024-01-01\nsmall: 1e-3\nflag: True\nnone: ~')).toEqual({ date: '2024-01-01', small: 0.001, flag: true, none: null });
    expect(parseYaml('')).toBeNull();
    expect(parseYaml('# only a comment\n')).toBeNull();
  });

  it('any text either parses or is refused with a YamlError, never another exception', () => {
    const pieces = ['a:', ' b', '- ', '{', '}', '[', ']', '"', "'", ':', ',', '\n', '\r\n', '  ', '#', '|', '>', 'x', '1', '&', '*', '!', '\\', '\t'];
    let seed = 7;
    for (let k = 0; k < 3000; k += 1) {
      let text = '';
      for (let i = 0; i < 12; i += 1) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        text += pieces[seed % pieces.length];
      }
      try {
        parseYaml(text);
      } catch (e) {
        expect(e, JSON.stringify(text)).toBeInstanceOf(YamlError);
      }
    }
  });

  it('finds the front matter between the first two --- lines, CRLF or LF', () => {
    expect(frontMatter('---\r\na: 1\r\n---\r\n# Title')).toEqual({ yaml: 'a: 1', firstLine: 2 });
    expect(frontMatter('# No front matter\n---\na: 1\n---\n')).toBeNull();
  });
});
