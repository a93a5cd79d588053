// The relevance set judged over the fixtures: imports test/fixtures/text into a fresh archive, runs
// every query of queries.json and scores the top 10 with MRR@10 and recall@10. A hit is named
// `${publication id}#${question number}`; a question without a number ends in '#null'.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { importText } from '../../src/archive/import.js';
import { loadDutchWordList } from '../../src/extract/word-list.js';
import { createAnalyzer } from '../../src/search/analysis.js';
import { search } from '../../src/search/search.js';
import { Store } from '../../src/store/store.js';

/** Results scored per query. */
export const K = 10;

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/text/', import.meta.url));
export const QUERIES_FILE = fileURLToPath(new URL('./queries.json', import.meta.url));

const Judgement = z.object({
  query: z.string().min(1),
  relevant: z.array(z.string().regex(/^[^#\s]+#(\d+|null)$/)).min(1),
  note: z.string().min(1),
});
export type Judgement = z.infer<typeof Judgement>;

export interface QueryOutcome {
  query: string;
  relevant: string[];
  /** The top-K hits, best first, as `id#number`. */
  hits: string[];
  /** Matching questions in the whole archive. */
  total: number;
  /** 1-based rank of the first relevant hit in the top K; null if none. */
  firstRelevant: number | null;
  reciprocalRank: number;
  recall: number;
  /** Relevant questions not in the top K. */
  missing: string[];
  /** Set when the engine rejected the query (it then scores 0). */
  error: string | null;
}

export interface Evaluation {
  mrr: number;
  recall: number;
  perQuery: QueryOutcome[];
  /** Every question in the archive built from the fixtures, as `id#number`. */
  questionIds: Set<string>;
}

export function hitId(publicationId: string, question: number | null): string {
  return `${publicationId}#${question}`;
}

export async function loadJudgements(file = QUERIES_FILE): Promise<Judgement[]> {
  return z.array(Judgement).parse(JSON.parse(await readFile(file, 'utf8')));
}

/** Scores one ranked list against its judgements. */
export function score(
  judgement: Judgement,
  hits: string[],
  total: number,
  error: string | null = null,
): QueryOutcome {
  const relevant = new Set(judgement.relevant);
  const top = hits.slice(0, K);
  const index = top.findIndex((h) => relevant.has(h));
  const found = new Set(top.filter((h) => relevant.has(h)));
  return {
    query: judgement.query,
    relevant: judgement.relevant,
    hits: top,
    total,
    firstRelevant: index === -1 ? null : index + 1,
    reciprocalRank: index === -1 ? 0 : 1 / (index + 1),
    recall: found.size / relevant.size,
    missing: judgement.relevant.filter((r) => !found.has(r)),
    error,
  };
}

const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * Builds the archive from the fixtures in a temporary SQLite file (or in `location`, an empty database:
 * a postgres:// URL to measure PostgreSQL) and runs the relevance set over it.
 */
export async function evaluate(judgements?: Judgement[], location?: string): Promise<Evaluation> {
  const set = judgements ?? (await loadJudgements());
  const dir = await mkdtemp(join(tmpdir(), 'vraagbaak-relevance-'));
  const words = await loadDutchWordList();
  const analyzer = createAnalyzer(words);
  const store = await Store.open(location ?? join(dir, 'archive.db'));
  try {
    const files = (await readdir(FIXTURE_DIR)).filter((f) => f.endsWith('.txt')).sort();
    for (const file of files) {
      await importText({ store, analyzer, words }, await readFile(join(FIXTURE_DIR, file), 'utf8'), file);
    }
    const questionIds = new Set<string>();
    for await (const pub of store.allPublications()) {
      const id = pub.id;
      if (!id) continue;
      for (const section of pub.sections) {
        for (const q of section.questions) questionIds.add(hitId(id, q.number));
      }
    }
    const perQuery: QueryOutcome[] = [];
    for (const judgement of set) {
      try {
        const response = await search(store, analyzer, judgement.query, { limit: K });
        const hits = response.results.map((r) => hitId(r.publication.id, r.question));
        perQuery.push(score(judgement, hits, response.total));
      } catch (err) {
        perQuery.push(score(judgement, [], 0, err instanceof Error ? err.message : String(err)));
      }
    }
    return {
      mrr: mean(perQuery.map((q) => q.reciprocalRank)),
      recall: mean(perQuery.map((q) => q.recall)),
      perQuery,
      questionIds,
    };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
