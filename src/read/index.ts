// Picks the reader for a source by its content (src/read/detect.ts): text or the official XML so far;
// PDF, DOCX and HTML readers will be chosen here too.
import type { WordChecker } from '../extract/word-list.js';
import type { Publication } from '../model/publication.js';
import { detectSource } from './detect.js';
import { ReadError } from './errors.js';
import { decodeText } from './source.js';
import { readText } from './text/index.js';
import { readXml } from './xml/index.js';

/** Raised whenever a reader changes what it makes of the same input, so stored copies are re-read. */
export const READER_VERSION = 1;

export interface ReadOptions {
  fileName?: string | null;
  words: WordChecker;
}

export function readPublication(text: string, options: ReadOptions): Publication {
  return readText(text, options);
}

/** Reads a source file's bytes with the reader its content calls for. Throws ReadError saying why not. */
export function readSource(bytes: Uint8Array, options: ReadOptions): Publication {
  if (bytes.length === 0) throw new ReadError('empty', 'the file is empty');
  const source = detectSource(bytes);
  if (source.kind === 'unsupported') throw new ReadError('binary', `${source.what}: ${source.reason}`);
  if (source.kind === 'xml') return readXml(bytes, { fileName: options.fileName ?? null });
  return readText(decodeText(bytes), options);
}
