// Picks the reader for a source by its content (src/read/detect.ts): text, the official XML, HTML,
// PDF or DOCX.
import type { WordChecker } from '../extract/word-list.js';
import type { Publication } from '../model/publication.js';
import { detectSource, type ReaderName } from './detect.js';
import { readDocx } from './docx/index.js';
import { ReadError } from './errors.js';
import { readHtml } from './html/index.js';
import { readPdf } from './pdf/index.js';
import { decodeText } from './source.js';
import { readText } from './text/index.js';
import { readXml } from './xml/index.js';

/** Raised whenever a reader changes what it makes of the same input, so stored copies are re-read. */
export const READER_VERSION = 1;

export interface ReadOptions {
  fileName?: string | null;
  words: WordChecker;
  /** For the official XML: its metadata.xml, when it lies beside the file (ids, titles, dates). */
  metadata?: Uint8Array | null;
}

export function readPublication(text: string, options: ReadOptions): Publication {
  return readText(text, options);
}

export interface ReadResult {
  publication: Publication;
  /** The reader that read it, chosen by content (src/read/detect.ts). */
  reader: ReaderName;
}

/**
 * Reads a source file's bytes with the reader its content calls for, and says which one it was.
 * Throws ReadError saying why not; nothing else (the binary readers convert their libraries' errors).
 */
export async function readSource(bytes: Uint8Array, options: ReadOptions): Promise<ReadResult> {
  if (bytes.length === 0) throw new ReadError('empty', 'the file is empty');
  const source = detectSource(bytes);
  if (source.kind === 'unsupported') throw new ReadError('binary', `${source.what}: ${source.reason}`);
  const reader = source.kind;
  const fileName = options.fileName ?? null;
  switch (reader) {
    case 'xml':
      return {
        reader,
        publication: readXml(bytes, { fileName, metadata: options.metadata ?? null, words: options.words }),
      };
    case 'docx':
      return { reader, publication: await readDocx(bytes, { fileName, words: options.words }) };
    case 'pdf':
      return { reader, publication: await readPdf(bytes, { fileName, words: options.words }) };
    case 'html':
      return { reader, publication: readHtml(decodeText(bytes), { fileName, words: options.words }) };
    case 'text':
      return { reader, publication: readText(decodeText(bytes), options) };
  }
}
