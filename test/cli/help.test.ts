import { describe, expect, it } from 'vitest';
import { mainHelp } from '../../electron/cli/program';

describe('mrb --help', () => {
  it('keeps every command name apart from its summary, in one column', () => {
    const lines = mainHelp.split('\n').filter((l) => /^ {2}\S/.test(l));
    expect(lines.length).toBeGreaterThan(10);
    expect(mainHelp).toContain('  identity create  create a signing identity');
    expect(mainHelp).not.toMatch(/createcreate|showshow/);
    // Every summary starts at the same column, at least two spaces past its command name.
    const starts = new Set(lines.map((l) => /^ {2}\S+(?: \S+)? {2,}/.exec(l)?.[0].length));
    expect(starts.size).toBe(1);
    expect([...starts][0]).toBeGreaterThan(0);
  });
});
