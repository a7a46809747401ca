import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp';

const directive = (policy: string, name: string) => policy.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));

describe('the content security policy', () => {
  it("allows styles from our own stylesheet only, with no 'unsafe-inline', in the header and in index.html alike", () => {
    expect(directive(CONTENT_SECURITY_POLICY, 'style-src')).toBe("style-src 'self'");
    const html = fs.readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(directive(meta, 'style-src')).toBe("style-src 'self'");
    expect(meta).not.toContain('unsafe');
  });
});
