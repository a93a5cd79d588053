// Import: read a source, analyse it for search, store it whole. Shared by the CLI and the API.
import { createHash } from 'node:crypto';
import type { WordChecker } from '../extract/word-list.js';
import type { Publication } from '../model/publication.js';
import type { ReaderName } from '../read/detect.js';
import { ReadError } from '../read/errors.js';
import { READER_VERSION, readPublication, readSource } from '../read/index.js';
import type { Analyzer } from '../search/analysis.js';
import { indexTerms } from '../search/index-terms.js';
import type { SaveOutcome, Store } from '../store/store.js';

export interface ImportContext {
  store: Store;
  analyzer: Analyzer;
  words: WordChecker;
}

export interface Imported {
  id: string;
  outcome: SaveOutcome;
  questions: number;
  /** The reader that read the source (chosen by its content). */
  reader: ReaderName;
}

/** Reads (with the reader its content calls for) and stores one source file. Throws ReadError when it cannot be stored. */
export async function importSource(
  ctx: ImportContext,
  bytes: Uint8Array,
  fileName: string | null,
  metadata: Uint8Array | null = null,
): Promise<Imported> {
  const { publication } = await readSource(bytes, { fileName, words: ctx.words, metadata });
  return save(ctx, publication, sourceHash(bytes), fileName);
}

// The reader's version is part of the hash: a better reader re-reads unchanged files.
function sourceHash(source: string | Uint8Array): string {
  return createHash('sha256').update(`${READER_VERSION}\n`).update(source).digest('hex');
}

async function save(
  ctx: ImportContext,
  pub: Publication,
  hash: string,
  fileName: string | null,
): Promise<Imported> {
  if (!pub.id)
    throw new ReadError('unreadable', 'no official id (kst-…, ah-tk-…) in the text or the file name');
  const outcome = await ctx.store.savePublication(
    pub,
    { hash, file: fileName },
    indexTerms(pub, ctx.analyzer),
  );
  const questions = pub.sections.reduce((n, s) => n + s.questions.length, 0);
  return { id: pub.id, outcome, questions, reader: pub.source.reader };
}

/** Reads and stores one source text. Throws ReadError for a source that cannot be stored. */
export async function importText(
  ctx: ImportContext,
  text: string,
  fileName: string | null,
): Promise<Imported> {
  return save(ctx, readPublication(text, { fileName, words: ctx.words }), sourceHash(text), fileName);
}
