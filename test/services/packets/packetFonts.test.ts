import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPdf } from '../../../electron/services/packets/renderPdf';

/** The TrueType parser under pdfkit: each call parses a whole font file. */
const fontkit = createRequire(__filename)('@foliojs-fork/fontkit') as { create: (...args: unknown[]) => unknown };

const at = new Date('2026-09-15T10:00:00Z');
const attachment = { name: 'record.json', description: 'A record', mimeType: 'application/json', data: Buffer.from('{}\n') };

/** A heatmap-like SVG: one <text> element per label, as the packet's heatmap pages have thousands. */
function labels(n: number): string {
  const texts = Array.from({ length: n }, (_, i) => `<text x="4" y="${12 + i * 12}" font-family="Helvetica, Arial, sans-serif" font-size="9">Model ${i}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="${24 + n * 12}">${texts.join('')}</svg>`;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a packet's fonts", () => {
  it("an SVG's labels open their font once, not once a label (it was a quarter of a large packet's memory churn)", async () => {
    const parsed = vi.spyOn(fontkit, 'create');
    const pdf = await renderPdf(() => ({ content: [{ text: 'Heatmap', bold: true }, { svg: labels(300), width: 200 }] }), at, attachment);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Two faces: the heading's bold and the labels' regular.
    expect(parsed).toHaveBeenCalledTimes(2);
  });

});
