/** pdfmake's handle on the PDFKit it makes its documents with (pdfmake ships no types for it). */
declare module 'pdfmake/src/pdfKitEngine.js' {
  /** The part of PDFKit's document that opens fonts. */
  export interface FontOpening {
    font(src: unknown, ...rest: unknown[]): unknown;
    registerFont(name: string, src: Buffer): unknown;
    _registeredFonts: Record<string, unknown>;
  }
  /** PDFKit's document class. */
  export function getEngineInstance(): { prototype: FontOpening };
}
