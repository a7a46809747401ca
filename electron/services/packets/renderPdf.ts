import type PdfPrinter from 'pdfmake';
import type { Content, TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces';
import type { FontOpening } from 'pdfmake/src/pdfKitEngine.js';

/**
 * pdfmake with the Roboto it ships (bundled into the app: no font is fetched), producing
 * the same bytes for the same content and moment: the creation date and the file ID come
 * from the given time, and nothing else in pdfkit's output varies.
 */

/**
 * pdfmake and its fonts load with the first PDF: loading them and decoding the fonts cost
 * about 0.15 s of CPU at the start of every process that might make one (the services'
 * thread, the packet worker, `mrb`).
 */
let pdfmake: Promise<{ Printer: typeof PdfPrinter; fonts: TFontDictionary }> | undefined;
function loadPdfmake(): Promise<{ Printer: typeof PdfPrinter; fonts: TFontDictionary }> {
  pdfmake ??= Promise.all([import('pdfmake'), import('pdfmake/build/vfs_fonts.js'), import('pdfmake/src/pdfKitEngine.js')]).then(([printer, fontFiles, engine]) => {
    const vfs = fontFiles.default as Record<string, string>;
    const names = new Map<Buffer, string>();
    const font = (file: string) => {
      const bytes = Buffer.from(vfs[file] as string, 'base64');
      names.set(bytes, file);
      return bytes;
    };
    openFontsByName(engine.getEngineInstance(), names);
    return {
      Printer: printer.default,
      fonts: { Roboto: { normal: font('Roboto-Regular.ttf'), bold: font('Roboto-Medium.ttf'), italics: font('Roboto-Italic.ttf'), bolditalics: font('Roboto-MediumItalic.ttf') } },
    };
  });
  return pdfmake;
}

/**
 * pdfkit keeps a font it opened under its name or file path, but a font given as bytes it
 * opens again at every use, parsing the TrueType file, before it finds it already has it.
 * pdfmake gives bytes: once a face for text, but once per <text> element of an SVG, so the
 * heatmap's thousands of labels were a quarter of a 200-model packet's allocations and over
 * a second of its CPU. Our faces' bytes are opened by a name instead, registered on the
 * document at their first use: the same font objects, opened in the same order, so the same PDF.
 */
function openFontsByName(documentClass: { prototype: FontOpening }, names: ReadonlyMap<Buffer, string>): void {
  const open = documentClass.prototype.font;
  documentClass.prototype.font = function (this: FontOpening, src: unknown, ...rest: unknown[]) {
    const name = Buffer.isBuffer(src) ? names.get(src) : undefined;
    if (name === undefined) return open.call(this, src, ...rest);
    if (!(name in this._registeredFonts)) this.registerFont(name, src as Buffer);
    return open.call(this, name, ...rest);
  };
}

export interface Attachment {
  name: string;
  description: string;
  mimeType: string;
  data: Buffer;
}

/** The slice of pdfkit's document API used here. */
interface PdfKitDoc {
  file(data: Buffer, options: { name: string; type: string; description: string; relationship: string; creationDate: Date; modifiedDate: Date }): void;
  on(event: 'data', cb: (chunk: Buffer) => void): void;
  on(event: 'end', cb: () => void): void;
  end(): void;
}

/** Where each node of a laid-out document fell, as pdfmake's layout callback reports it. */
interface PlacedNode {
  id?: string;
  pageNumbers: number[];
  /** Text, an image or a drawing in the page's body (a table or a stack may also list the page its margin spilled onto). */
  shows: boolean;
}

const SECTION = 'section-';
/** A headline level no heading has: the layout callback reads it back, and nothing else does. */
const FOOTER = -1;

function markFooter(node: Content | null | undefined): Content {
  if (node === null || node === undefined || typeof node !== 'object') return node ?? '';
  if (Array.isArray(node)) return node.map(markFooter);
  const inner = 'columns' in node && node.columns ? { columns: node.columns.map(markFooter) } : 'stack' in node && node.stack ? { stack: node.stack.map(markFooter) } : {};
  return { ...node, ...inner, headlineLevel: FOOTER } as Content;
}

/**
 * Each level-1 heading starts a new page. The break is a marker of its own (an empty stack)
 * before the heading, so the layout callback sees the heading and where it landed.
 */
function withSectionBreaks(doc: TDocumentDefinitions, dropped: ReadonlySet<string>): TDocumentDefinitions {
  const content = Array.isArray(doc.content) ? doc.content : [doc.content];
  let k = 0;
  return {
    ...doc,
    content: content.flatMap((node): Content[] => {
      if (typeof node !== 'object' || node === null || !('headlineLevel' in node) || node.headlineLevel !== 1) return [node];
      const id = `${SECTION}${k++}`;
      return [...(dropped.has(id) ? [] : [{ stack: [], pageBreak: 'before' as const }]), { ...node, id } as Content];
    }),
  };
}

/**
 * The headings that landed after an empty page: the section before them ended in a bottom
 * margin that spilled past a page's foot, and the break then turned that fresh page over.
 */
function afterEmptyPages(placed: readonly PlacedNode[]): Set<string> {
  const used = new Set(placed.filter((n) => n.shows).flatMap((n) => n.pageNumbers));
  return new Set(placed.filter((n) => n.id?.startsWith(SECTION) && n.pageNumbers[0] !== undefined && n.pageNumbers[0] > 1 && !used.has(n.pageNumbers[0] - 1)).map((n) => n.id as string));
}

interface FirstLayout {
  doc: PdfKitDoc;
  /** The section breaks that gave an empty page. */
  dropped: Set<string>;
}

/**
 * The first layout, with a break before every section, and the breaks that gave an empty
 * page. A function of its own so that nothing of it outlives its use but what it returns:
 * pdfmake marks the layout up on the definition's own nodes.
 */
function firstLayout(create: (doc: TDocumentDefinitions) => PdfKitDoc, build: () => TDocumentDefinitions): FirstLayout {
  const placed: PlacedNode[] = [];
  // One parameter: with more, pdfmake gathers the nodes around each one, for every node.
  const record = (node: { id?: string; pageNumbers: number[]; headlineLevel?: number; text?: unknown; svg?: unknown; image?: unknown; canvas?: unknown }) => {
    const shows = node.headlineLevel !== FOOTER && (node.text !== undefined || node.svg !== undefined || node.image !== undefined || node.canvas !== undefined);
    placed.push({ ...(node.id === undefined ? {} : { id: node.id }), pageNumbers: node.pageNumbers, shows });
    return false;
  };
  const doc = build();
  const { footer } = doc;
  // The footer is laid out on every page too: its nodes are marked, so they do not make a page used.
  const marked = typeof footer === 'function' ? { footer: (...page: Parameters<typeof footer>) => markFooter(footer(...page)) } : {};
  return { doc: create({ ...withSectionBreaks(doc, new Set()), ...marked, pageBreakBefore: record }), dropped: afterEmptyPages(placed) };
}

/**
 * Lays the document out with a new page for each section and no blank page. pdfmake's own
 * remedy, a pageBreakBefore callback that moves a heading, lays the whole document out again
 * for every heading it moves: a 200-model packet took over three minutes. Here one layout
 * tells which breaks gave an empty page, and only then is it laid out once more without them.
 */
async function layOut(build: () => TDocumentDefinitions, at: Date): Promise<PdfKitDoc> {
  const { Printer, fonts } = await loadPdfmake();
  const printer = new Printer(fonts);
  const create = (doc: TDocumentDefinitions) => printer.createPdfKitDocument({ ...doc, info: { ...doc.info, creationDate: at, modDate: at } }) as unknown as PdfKitDoc;
  let first: FirstLayout | undefined = firstLayout(create, build);
  if (first.dropped.size === 0) return first.doc;
  const { dropped } = first;
  // Let go of the first layout before the second is made: its pages and marked-up nodes
  // (over 100 MB for 444 pages) would otherwise stay alive through the second, which starts
  // afresh (pdfmake marks up the nodes it lays out, so the definition is built again).
  first = undefined;
  return create(withSectionBreaks(build(), dropped));
}

/**
 * Renders the document with an embedded file, listed in the catalog's /EmbeddedFiles
 * name tree, where pdfdetach and every reader's attachment pane look.
 */
export async function renderPdf(build: () => TDocumentDefinitions, at: Date, attachment: Attachment): Promise<Buffer> {
  const pdf = await layOut(build, at);
  pdf.file(attachment.data, {
    name: attachment.name,
    type: attachment.mimeType,
    description: attachment.description,
    relationship: 'Data',
    creationDate: at,
    modifiedDate: at,
  });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (c) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    try {
      pdf.end();
    } catch (err) {
      reject(err as Error);
    }
  });
}
