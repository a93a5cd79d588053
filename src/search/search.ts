// Search and similar questions over the archive: the query is analysed here, the store runs it.
import type { FacetCounts, SearchFilters, Store, StoredHit } from '../store/store.js';
import { type Analyzer, isStopword } from './analysis.js';
import { compileQuery, parseQuery, QueryError, queryTerms } from './query.js';
import { makeSnippet, type Snippet } from './snippets.js';

export interface SearchOptions {
  filters?: SearchFilters;
  limit?: number;
  offset?: number;
  sort?: 'relevance' | 'date';
  facets?: boolean;
}

export interface SearchResult {
  publication: {
    id: string;
    title: string | null;
    kind: string;
    chamber: string | null;
    session: string | null;
    committee: string | null;
    date: string | null;
  };
  question: number | null;
  position: number;
  score: number;
  snippets: { question: Snippet; answer: Snippet | null };
}

export interface SearchResponse {
  query: string;
  notes: string[];
  total: number;
  limit: number;
  offset: number;
  results: SearchResult[];
  facets?: FacetCounts;
}

export const MAX_LIMIT = 100;

function result(hit: StoredHit, terms: ReadonlySet<string>, analyzer: Analyzer): SearchResult {
  return {
    publication: {
      id: hit.publicationId,
      title: hit.title,
      kind: hit.kind,
      chamber: hit.chamber,
      session: hit.session,
      committee: hit.committee,
      date: hit.date,
    },
    question: hit.number,
    position: hit.position,
    // bm25() is lower for better matches; people expect higher is better.
    score: Math.round(-hit.score * 1000) / 1000,
    snippets: {
      question: makeSnippet(hit.question, terms, analyzer),
      answer: hit.answer ? makeSnippet(hit.answer, terms, analyzer) : null,
    },
  };
}

function pageOf(options: SearchOptions): { limit: number; offset: number } {
  const limit = options.limit ?? 10;
  const offset = options.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new QueryError(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  if (!Number.isInteger(offset) || offset < 0)
    throw new QueryError('offset must be a whole number of 0 or more');
  return { limit, offset };
}

export async function search(
  store: Store,
  analyzer: Analyzer,
  query: string,
  options: SearchOptions = {},
): Promise<SearchResponse> {
  const parsed = parseQuery(query);
  const match = compileQuery(parsed, analyzer);
  const terms = queryTerms(parsed, analyzer);
  const filters = options.filters ?? {};
  const { limit, offset } = pageOf(options);
  const [hits, total] = await Promise.all([
    store.search(match, filters, { limit, offset, sort: options.sort ?? 'relevance' }),
    store.count(match, filters),
  ]);
  const response: SearchResponse = {
    query,
    notes: parsed.notes,
    total,
    limit,
    offset,
    results: hits.map((h) => result(h, terms, analyzer)),
  };
  if (options.facets) response.facets = await store.facets(match, filters);
  return response;
}

export interface SimilarResult extends SearchResult {
  /** The first sentences of the answer. */
  answerOpening: string | null;
}

const MLT_TERMS = 12;

function opening(answer: string | null): string | null {
  if (!answer) return null;
  return answer.length <= 240 ? answer : `${answer.slice(0, 240).replace(/\s+\S*$/, '')} …`;
}

/**
 * More like this: the text's most telling terms (frequent in it, rare in the archive), any of
 * which may match, ranked by bm25. `exclude` keeps the question itself out.
 */
export async function similar(
  store: Store,
  analyzer: Analyzer,
  text: string,
  options: { limit?: number; exclude?: number[]; filters?: SearchFilters } = {},
): Promise<SimilarResult[]> {
  const { limit } = pageOf({ limit: options.limit ?? 5 });
  const tf = new Map<string, number>();
  for (const t of analyzer.tokens(text)) {
    if (isStopword(t.text.toLowerCase()) || /^\d+$/.test(t.term) || t.term.length < 3) continue;
    tf.set(t.term, (tf.get(t.term) ?? 0) + 1);
  }
  if (tf.size === 0) throw new QueryError('the text holds no words to compare');
  const { total, df } = await store.termFrequencies([...tf.keys()]);
  const weighted = [...tf]
    .filter(([term]) => (df.get(term) ?? 0) > 0)
    .map(([term, n]) => ({ term, weight: n * Math.log(1 + total / (df.get(term) ?? 1)) }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, MLT_TERMS);
  if (weighted.length === 0) return [];
  const match = weighted.map((w) => `"${w.term}"`).join(' OR ');
  const terms = new Set(weighted.map((w) => w.term));
  const hits = await store.search(
    match,
    options.filters ?? {},
    { limit, offset: 0, sort: 'relevance' },
    options.exclude,
  );
  return hits.map((h) => ({ ...result(h, terms, analyzer), answerOpening: opening(h.answer) }));
}
