// The PDF reader: a PDF with a text layer → Publication. Text items are grouped into lines by their
// positions (src/read/pdf/lines.ts); running heads, footers, footnotes and paragraphs are told apart by
// where they stand and their type size (src/read/pdf/layout.ts), and the clean text goes to the text
// reader, so that the rules for headers, questions and answers live in one place.
import type { WordChecker } from '../../extract/word-list.js';
import type { Publication } from '../../model/publication.js';
import { ReadError } from '../errors.js';
import { readText } from '../text/index.js';
import { extractPages } from './extract.js';
import { layoutText } from './layout.js';
import { pageLines } from './lines.js';

export interface PdfReadOptions {
  fileName?: string | null;
  words: WordChecker;
}

const NO_TEXT = 'the PDF has no text layer (a scan?): it cannot be read without OCR';

/**
 * The PDF's text as the text reader takes it: one paragraph a line, blank lines between, footnotes at
 * the end. Throws ReadError, and nothing else.
 */
export async function pdfText(bytes: Uint8Array, words: WordChecker): Promise<string> {
  const pages = await extractPages(bytes);
  try {
    const lines = pages.map(pageLines);
    if (lines.every((page) => page.length === 0)) throw new ReadError('no-text-layer', NO_TEXT);
    return layoutText(lines, words);
  } catch (error) {
    if (error instanceof ReadError) throw error;
    throw new ReadError('unreadable', `the PDF's text could not be laid out: ${String(error)}`);
  }
}

/** Reads a publication from a PDF's text layer. Throws ReadError, and nothing else. */
export async function readPdf(bytes: Uint8Array, options: PdfReadOptions): Promise<Publication> {
  const text = await pdfText(bytes, options.words);
  const fileName = options.fileName ?? null;
  try {
    const pub = readText(text, { fileName, words: options.words });
    return { ...pub, source: { ...pub.source, reader: 'pdf' } };
  } catch (error) {
    if (error instanceof ReadError) throw error;
    throw new ReadError('unreadable', `the PDF's text could not be read: ${String(error)}`);
  }
}
