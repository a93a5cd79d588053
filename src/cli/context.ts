// What the archive commands share: the database (from --db / VRAAGBAAK_DB), the word list, the analyzer.
import { loadDutchWordList, type WordChecker } from '../extract/word-list.js';
import { type Analyzer, createAnalyzer } from '../search/analysis.js';
import { resolveDbPath } from '../store/sqlite.js';
import { Store } from '../store/store.js';

export interface ArchiveContext {
  store: Store;
  words: WordChecker;
  analyzer: Analyzer;
  dbPath: string;
}

export async function openArchive(dbOption: string | undefined): Promise<ArchiveContext> {
  const dbPath = resolveDbPath(dbOption);
  const [store, words] = await Promise.all([Store.open(dbPath), loadDutchWordList()]);
  return { store, words, analyzer: createAnalyzer(words), dbPath };
}

/** Runs `work` with an open archive and always closes it. */
export async function withArchive<T>(
  dbOption: string | undefined,
  work: (ctx: ArchiveContext) => Promise<T>,
): Promise<T> {
  const ctx = await openArchive(dbOption);
  try {
    return await work(ctx);
  } finally {
    await ctx.store.close();
  }
}
