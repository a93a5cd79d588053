// Picks the reader for a source. Only text exists so far; PDF, DOCX, XML and HTML readers will
// be chosen here by content.
import type { WordChecker } from '../extract/word-list.js';
import type { Publication } from '../model/publication.js';
import { readText } from './text/index.js';

/** Raised whenever a reader changes what it makes of the same input, so stored copies are re-read. */
export const READER_VERSION = 1;

export interface ReadOptions {
  fileName?: string | null;
  words: WordChecker;
}

export function readPublication(text: string, options: ReadOptions): Publication {
  return readText(text, options);
}
