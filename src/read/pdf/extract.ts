// PDF bytes → positioned text items per page, with pdfjs-dist (legacy build, for Node 20). Nothing is
// fetched (no fonts, CMaps or wasm from anywhere), nothing printed; pdfjs's errors become ReadErrors.
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ReadError } from '../errors.js';
import { MAX_TEXT_LENGTH } from '../text/lines.js';
import { loadPdfjs } from './pdfjs.js';

/** One run of text as pdfjs placed it; y is the baseline measured from the top of the page. */
export interface TextItem {
  str: string;
  x: number;
  y: number;
  size: number;
  width: number;
  font: string;
}

export interface PageText {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  items: TextItem[];
}

export const MAX_PDF_BYTES = 256 * 1024 * 1024;
export const MAX_PAGES = 2000;

// Ligature glyphs that a font may map to one code point; the text layer wants the letters.
const LIGATURES: Record<string, string> = {
  '\ufb00': 'ff',
  '\ufb01': 'fi',
  '\ufb02': 'fl',
  '\ufb03': 'ffi',
  '\ufb04': 'ffl',
  '\ufb05': 'st',
  '\ufb06': 'st',
};

function latin1(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, to - from)).toString('latin1');
}

/** Checks what can be checked before pdfjs sees the file. */
function checkBytes(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new ReadError('empty', 'the file is empty');
  if (bytes.length > MAX_PDF_BYTES) {
    throw new ReadError('too-large', `the PDF is larger than ${MAX_PDF_BYTES / 1024 / 1024} MB`);
  }
  if (!latin1(bytes, 0, Math.min(bytes.length, 1024)).includes('%PDF-')) {
    throw new ReadError('unreadable', 'not a PDF file: it does not start with a %PDF- header');
  }
}

/** Whether the file ends as a PDF must: with %%EOF in its last kilobytes. */
function hasEnd(bytes: Uint8Array): boolean {
  return latin1(bytes, Math.max(0, bytes.length - 2048), bytes.length).includes('%%EOF');
}

/** Says in plain words what pdfjs could not do. */
function explain(error: unknown, bytes: Uint8Array): ReadError {
  if (error instanceof ReadError) return error;
  const name = error instanceof Error ? error.name : '';
  const said = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    return new ReadError(
      'encrypted',
      'the PDF is protected with a password: save or print it again without one, then upload that',
    );
  }
  if (!hasEnd(bytes)) {
    return new ReadError(
      'truncated',
      `the PDF is cut off before its end (no %%EOF marker at the end of the file); the PDF library said: ${said}`,
    );
  }
  if (name === 'InvalidPDFException' || name === 'FormatError') {
    return new ReadError(
      'unreadable',
      `the PDF is damaged and cannot be read; the PDF library said: ${said}`,
    );
  }
  return new ReadError('unreadable', `the PDF cannot be read; the PDF library said: ${said}`);
}

interface RawItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

function isTextItem(item: object): item is RawItem {
  return 'str' in item && 'transform' in item;
}

/** Reads every page's text items. Throws ReadError, and nothing else. */
export async function extractPages(bytes: Uint8Array): Promise<PageText[]> {
  checkBytes(bytes);
  let pdf: PDFDocumentProxy | null = null;
  const { getDocument } = await loadPdfjs();
  const task = getDocument({
    // pdfjs takes the buffer over; the caller keeps theirs.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    useWorkerFetch: false,
    useWasm: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    pdf = await task.promise;
    // A file cut off may still open (pdfjs rebuilds what it can find); its end is missing all the same.
    if (!hasEnd(bytes)) {
      throw new ReadError(
        'truncated',
        'the PDF is cut off before its end: there is no %%EOF marker at its end',
      );
    }
    if (pdf.numPages > MAX_PAGES) {
      throw new ReadError('too-large', `the PDF has ${pdf.numPages} pages; at most ${MAX_PAGES} are read`);
    }
    const pages: PageText[] = [];
    let total = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const content = await page.getTextContent({ disableNormalization: true });
      const items: TextItem[] = [];
      for (const raw of content.items) {
        if (!isTextItem(raw) || raw.str.length === 0) continue;
        const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = raw.transform;
        // Vertical or rotated text is no part of the reading flow of a Kamerstuk.
        if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a <= 0 || d <= 0) continue;
        const str = raw.str.replace(/[\ufb00-\ufb06]/g, (ch) => LIGATURES[ch] ?? ch);
        total += str.length;
        items.push({
          str,
          x: e - x0,
          y: y1 - f,
          size: Math.hypot(c, d),
          width: raw.width,
          font: raw.fontName,
        });
      }
      if (total > MAX_TEXT_LENGTH) {
        throw new ReadError(
          'too-large',
          `the PDF holds more than ${MAX_TEXT_LENGTH / 1024 / 1024} MB of text`,
        );
      }
      pages.push({ number: n, width: x1 - x0, height: y1 - y0, items });
      page.cleanup();
    }
    return pages;
  } catch (error) {
    throw explain(error, bytes);
  } finally {
    try {
      await (pdf ? pdf.destroy() : task.destroy());
    } catch {
      // Nothing left to free.
    }
  }
}
