// Search and similar questions over the archive: the query is analysed here, the store runs it.
import { Chamber, PublicationKind } from '../model/publication.js';
import { filterToken } from '../store/filter-terms.js';
import type { FacetCounts, SearchPage, Store, StoredHit } from '../store/store.js';
import { type Analyzer, isStopword } from './analysis.js';
import { compileQuery, compoundTerms, parseQuery, QueryError, queryTerms, scoringPhrases } from './query.js';
import { makeSnippet, type Snippet } from './snippets.js';

export interface SearchFilters {
  chamber?: string | undefined;
  sessionFrom?: number | undefined;
  sessionTo?: number | undefined;
  committee?: string | undefined;
  addressee?: string | undefined;
  kind?: string | undefined;
  dossier?: string | undefined;
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
}

const FIRST_SESSION = 1815;

const term = (token: string) => `meta : "${token}"`;

/**
 * Filters (but dates) as FTS5 clauses over the index's filter tokens. FTS5's bm25 counts every
 * phrase's matches across the archive, so a common value (nearly everything is Tweede Kamer) is
 * cheaper as "not the other values": the store's counts decide which is smaller.
 */
async function withFilters(store: Store, match: string, f: SearchFilters): Promise<string> {
  const clauses: string[] = [];
  const excluded: string[] = [];
  const oneOf = async (
    value: string,
    all: readonly string[],
    token: (v: string) => string,
  ): Promise<void> => {
    const others = all.filter((v) => v !== value).map(token);
    const { df } = await store.termFrequencies([token(value), ...others]);
    const own = df.get(token(value)) ?? 0;
    const rest = others.reduce((n, t) => n + (df.get(t) ?? 0), 0);
    if (rest < own) excluded.push(...others.map(term));
    else clauses.push(term(token(value)));
  };
  if (f.chamber) await oneOf(f.chamber, [...Chamber.options, 'none'], filterToken.chamber);
  if (f.kind) await oneOf(f.kind, PublicationKind.options, filterToken.kind);
  if (f.committee) clauses.push(term(filterToken.committee(f.committee)));
  if (f.addressee) clauses.push(term(filterToken.addressee(f.addressee)));
  if (f.dossier) clauses.push(term(filterToken.dossier(f.dossier)));
  if (f.sessionFrom !== undefined || f.sessionTo !== undefined) {
    const from = Math.max(f.sessionFrom ?? FIRST_SESSION, FIRST_SESSION);
    const to = Math.min(f.sessionTo ?? new Date().getFullYear() + 1, from + 300);
    if (to < from) throw new QueryError('the session range is empty: its start lies after its end');
    const years = Array.from({ length: to - from + 1 }, (_, i) => term(filterToken.session(from + i)));
    clauses.push(`(${years.join(' OR ')})`);
  }
  let out = clauses.length > 0 ? `(${match}) AND ${clauses.join(' AND ')}` : match;
  if (excluded.length > 0) out = `(${out}) NOT (${excluded.join(' OR ')})`;
  return out;
}

export interface SearchOptions {
  filters?: SearchFilters;
  limit?: number;
  offset?: number;
  sort?: 'relevance' | 'date';
  facets?: boolean;
  /** Organisations whose drafts may be found too (the embargo: see src/auth/actor.ts organisationIds). */
  visibleTo?: readonly number[];
}

export interface SearchResult {
  publication: { id: string } & Pick<
    StoredHit,
    'title' | 'kind' | 'chamber' | 'session' | 'committee' | 'date'
  >;
  question: number | null;
  position: number;
  score: number;
  snippets: { question: Snippet; answer: Snippet | null };
}

export interface SearchResponse {
  query: string;
  notes: string[];
  total: number;
  /** False when counting stopped early: `total` is then a lower bound. */
  totalExact: boolean;
  /** False when more matched than were ranked: then the newest matches were ranked. */
  exhaustive: boolean;
  limit: number;
  offset: number;
  results: SearchResult[];
  facets?: FacetCounts;
}

export const MAX_LIMIT = 100;
/** A compound found in this many questions is not also searched for as its parts. */
const COMMON_COMPOUND = 200;

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
  // A compound common enough in the archive is found as itself; its parts written apart add little
  // there and cost much (bm25 counts every phrase across the archive).
  const { df } = await store.termFrequencies(compoundTerms(parsed, analyzer));
  const expand = (term: string) => (df.get(term) ?? 0) < COMMON_COMPOUND;
  const match = compileQuery(parsed, analyzer, { expand });
  const phrases = scoringPhrases(parsed, analyzer, { expand });
  const terms = queryTerms(parsed, analyzer);
  const filters = options.filters ?? {};
  const { limit, offset } = pageOf(options);
  const page = async (expression: string) => {
    const request = {
      match: await withFilters(store, expression, filters),
      dateFrom: filters.dateFrom,
      dateTo: filters.dateTo,
    };
    return {
      request,
      page: await store.search({
        ...request,
        limit,
        offset,
        sort: options.sort ?? 'relevance',
        phrases,
        visibleTo: options.visibleTo ?? [],
      }),
    };
  };
  let run = await page(match);
  const notes = [...parsed.notes];
  // Nothing holds every word: rather than nothing, show what holds some of them, and say so.
  if (run.page.total === 0 && parsed.must.length > 1) {
    run = await page(compileQuery(parsed, analyzer, { mode: 'any', expand }));
    if (run.page.total > 0) notes.push('no question holds all the words; these hold some of them');
  }
  const response: SearchResponse = {
    query,
    notes,
    total: run.page.total,
    totalExact: run.page.totalExact,
    exhaustive: run.page.exhaustive,
    limit,
    offset,
    results: run.page.hits.map((h) => result(h, terms, analyzer)),
  };
  if (options.facets) response.facets = await store.facets(run.page.candidates);
  return response;
}

export interface SimilarResult extends SearchResult {
  /** The first sentences of the answer. */
  answerOpening: string | null;
}

// Few terms: FTS5's bm25 counts each term's matches across the archive, which costs per term.
const MLT_TERMS = 6;

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
  options: {
    limit?: number;
    exclude?: number[];
    filters?: SearchFilters;
    visibleTo?: readonly number[];
  } = {},
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
  const terms = new Set(weighted.map((w) => w.term));
  const filters = options.filters ?? {};
  const run = async (match: string): Promise<SearchPage> =>
    store.search({
      match: await withFilters(store, match, filters),
      dateFrom: filters.dateFrom,
      dateTo: filters.dateTo,
      limit,
      offset: 0,
      sort: 'relevance',
      exclude: options.exclude ?? [],
      phrases: weighted.map((w) => [w.term]),
      visibleTo: options.visibleTo ?? [],
    });
  const quoted = weighted.map((w) => `"${w.term}"`);
  // Any of the terms, unless they are common enough to match far more than are ranked; then the
  // strongest term with any of the next three, which is both closer and cheaper (bm25 counts each
  // phrase's matches across the archive, so fewer phrases cost less).
  const matches = weighted.reduce((n, w) => n + (df.get(w.term) ?? 0), 0);
  const narrow =
    quoted.length >= 2 && matches > 2000 * limit
      ? `${quoted[0]} AND (${quoted.slice(1, 4).join(' OR ')})`
      : null;
  const page = await run(narrow ?? quoted.join(' OR '));
  return page.hits.map((h) => ({ ...result(h, terms, analyzer), answerOpening: opening(h.answer) }));
}
