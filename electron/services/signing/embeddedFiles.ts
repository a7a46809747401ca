import { PdfFile } from './pdfFile';
import { textOf, type PdfDict } from './pdfSyntax';

/**
 * The files attached to a PDF through the catalog's /EmbeddedFiles name tree (§7.7.4,
 * §7.11.4), where pdfdetach and every reader's attachment pane look: name → decoded bytes.
 */
export function embeddedFiles(pdf: Buffer | PdfFile): Map<string, Buffer> {
  const file = pdf instanceof PdfFile ? pdf : new PdfFile(pdf);
  const files = new Map<string, Buffer>();
  const root = file.dict(file.trailer.entries.get('Root'));
  const tree = file.dict(file.dict(root?.entries.get('Names'))?.entries.get('EmbeddedFiles'));
  if (tree) collect(file, tree, files, 0);
  return files;
}

// A name tree is shallow in practice; the bound keeps a crafted loop from recursing forever.
const MAX_DEPTH = 16;

function collect(file: PdfFile, node: PdfDict, files: Map<string, Buffer>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const names = file.resolve(node.entries.get('Names'));
  if (Array.isArray(names)) {
    for (let i = 0; i + 1 < names.length; i += 2) {
      const name = textOf(names[i]);
      const spec = file.dict(names[i + 1]);
      const ef = file.dict(spec?.entries.get('EF'));
      const stream = ef?.entries.get('UF') ?? ef?.entries.get('F');
      if (name !== null && stream !== undefined) files.set(name, file.stream(stream));
    }
  }
  const kids = file.resolve(node.entries.get('Kids'));
  if (Array.isArray(kids)) {
    for (const kid of kids) {
      const child = file.dict(kid);
      if (child) collect(file, child, files, depth + 1);
    }
  }
}
