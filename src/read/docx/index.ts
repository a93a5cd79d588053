// The DOCX reader: a Word document → Publication. mammoth turns the document into HTML; that becomes the
// paragraphs' text in the text layout (./html.ts), which the text reader reads: the layout rules live there
// only. Throws ReadError, and nothing else, for input it cannot read.
import mammoth from 'mammoth';
import type { WordChecker } from '../../extract/word-list.js';
import type { Publication } from '../../model/publication.js';
import { isReadError, ReadError } from '../errors.js';
import { readText } from '../text/index.js';
import { openDocx, PART_SIZE_LIMIT } from './container.js';
import { htmlParagraphs, type ReadTable } from './html.js';
import { applyNumbers, type MammothNode, paragraphNumbers } from './numbering.js';
import { restoreTables } from './tables.js';

export { openDocx } from './container.js';

const DOCUMENT = 'word/document.xml';
const NUMBERING = 'word/numbering.xml';

export interface DocxReadOptions {
  /** The file's name, used for warnings and, when the text does not say, the id. */
  fileName?: string | null;
  words: WordChecker;
}

/**
 * The document's text in the text layout (paragraphs separated by a blank line, footnotes at the end),
 * and its tables.
 */
export async function docxText(bytes: Uint8Array): Promise<{ text: string; tables: ReadTable[] }> {
  const parts = openDocx(bytes, [DOCUMENT, NUMBERING]);
  const documentXml = parts.get(DOCUMENT)!;
  const numberingXml = parts.get(NUMBERING);
  const numbers = (): (string | undefined)[] | null => {
    if (!numberingXml) return null;
    try {
      return paragraphNumbers(documentXml, numberingXml, PART_SIZE_LIMIT);
    } catch {
      return null; // mammoth's own list numbering then
    }
  };
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        // Images hold no text: left unread, so their size does not matter.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        externalFileAccess: false,
        transformDocument: (root: MammothNode) => applyNumbers(root, numbers),
      },
    );
    html = result.value;
  } catch (error) {
    if (isReadError(error)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new ReadError('unreadable', `the Word document cannot be read: ${detail}`);
  }
  let read: ReturnType<typeof htmlParagraphs>;
  try {
    read = htmlParagraphs(html);
  } catch (error) {
    // Only a stack overflow on absurdly nested content can get here.
    if (error instanceof RangeError)
      throw new ReadError('unreadable', 'the Word document is nested too deeply');
    throw error;
  }
  const { paragraphs, tables } = read;
  if (paragraphs.length === 0) throw new ReadError('empty', 'the Word document holds no text');
  return { text: `${paragraphs.join('\n\n')}\n`, tables };
}

/** Reads a publication from a Word document (.docx). */
export async function readDocx(bytes: Uint8Array, options: DocxReadOptions): Promise<Publication> {
  const { text, tables } = await docxText(bytes);
  const pub = restoreTables(readText(text, options), tables);
  return { ...pub, source: { ...pub.source, reader: 'docx' } };
}
