import PdfPrinter from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import vfs from 'pdfmake/build/vfs_fonts.js';

/**
 * pdfmake with the Roboto it ships (bundled into the app: no font is fetched), producing
 * the same bytes for the same content and moment: the creation date and the file ID come
 * from the given time, and nothing else in pdfkit's output varies.
 */

const fonts = {
  Roboto: {
    normal: Buffer.from((vfs as Record<string, string>)['Roboto-Regular.ttf'] as string, 'base64'),
    bold: Buffer.from((vfs as Record<string, string>)['Roboto-Medium.ttf'] as string, 'base64'),
    italics: Buffer.from((vfs as Record<string, string>)['Roboto-Italic.ttf'] as string, 'base64'),
    bolditalics: Buffer.from((vfs as Record<string, string>)['Roboto-MediumItalic.ttf'] as string, 'base64'),
  },
};

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

/**
 * Renders the document with an embedded file, listed in the catalog's /EmbeddedFiles
 * name tree, where pdfdetach and every reader's attachment pane look.
 */
export function renderPdf(doc: TDocumentDefinitions, at: Date, attachment: Attachment): Promise<Buffer> {
  const printer = new PdfPrinter(fonts);
  const pdf = printer.createPdfKitDocument({ ...doc, info: { ...doc.info, creationDate: at, modDate: at } }) as unknown as PdfKitDoc;
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
