// The archive on PostgreSQL, giving what the SQLite archive gives for the same publications: the same
// hits in the same order with the same scores, totals and facets. The index is one tsvector a question
// (question_index, GIN) in place of FTS5's shards; the FTS5 expressions src/search builds are translated
// to tsquery (postgres-query.ts); candidates are the newest matches, ranked from the same term vectors
// with the same scorer and the same statistics of the whole archive.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Publication } from '../model/publication.js';
import {
  Archive,
  type SearchPage,
  type SearchRequest,
  type StoredHit,
  type StoreOptions,
} from './archive.js';
import { FacetCounter, type FacetCounts } from './facet-counts.js';
import { postgresFacetSource } from './facet-sources.js';
import { filterToken } from './filter-terms.js';
import { type MatchBounds, matchBounds, matchPhrases } from './fts5-expression.js';
import { DEFAULT_SHARD_SIZE } from './index-shards.js';
import { partitionNumber, SIZE_KEY } from './postgres-partitions.js';
import { fit, translateMatch } from './postgres-query.js';
import { savePublication, VERSION_KEY } from './postgres-writer.js';
import type { Database } from './schema.js';
import type { QuestionTerms, SaveOutcome } from './sqlite-writer.js';
import { createScorer, type Phrase, VectorCache, vectorSize } from './term-vectors.js';

const DEFAULT_VECTOR_CACHE_BYTES = 128 * 1024 * 1024;

/** What freshen() read: the question count, the index totals and the document frequencies asked for. */
interface Frequencies {
  total: number;
  df: Map<string, number>;
  questions: number;
  tokens: number;
}

/** The index's partitions, newest first, and how many ids each spans. */
interface Partitions {
  names: string[];
  size: number;
}

interface Candidate {
  id: number;
  score: number;
  date: string | null;
}

/** The date filters and the order need the publication; plain matches need only the index. */
function needsPublication(request: SearchRequest): boolean {
  return request.sort === 'date' || Boolean(request.dateFrom) || Boolean(request.dateTo);
}

/** The embargo, as SQLite's archive adds it: drafts excluded, but those of the organisations given. */
function published(match: string, visibleTo: readonly number[]): string {
  const draft = `meta : "${filterToken.status('draft')}"`;
  if (visibleTo.length === 0) return `(${match}) NOT ${draft}`;
  const own = visibleTo.map((o) => `meta : "${filterToken.organisation(o)}"`).join(' OR ');
  return `(${match}) NOT (${draft} NOT (${own}))`;
}

export class PostgresArchive extends Archive {
  private readonly candidates: number;
  private readonly countCap: number;
  /** Document frequencies and the question count, valid while the archive's version stays. */
  private readonly dfCache = new Map<string, number>();
  private totalQuestions: number | null = null;
  private readonly vectorCache: VectorCache;
  private readonly facetCounter: FacetCounter;
  /** The archive's version (settings) when the caches were filled: every save bumps it, in any process. */
  private version: string | null = null;
  /** The index's partitions, newest first (a save that adds one changes the version, which empties this). */
  private partitions: Partitions | null = null;
  /** The index partition size asked for (StoreOptions.shardSize), until the first question fixes it. */
  private readonly partitionSizeWanted: number | undefined;

  constructor(db: Kysely<Database>, options: StoreOptions) {
    super(db);
    this.candidates = options.candidates ?? 1000;
    this.countCap = options.countCap ?? 10_000;
    this.vectorCache = new VectorCache(options.vectorCacheBytes ?? DEFAULT_VECTOR_CACHE_BYTES);
    this.facetCounter = new FacetCounter(postgresFacetSource(db));
    this.partitionSizeWanted = options.shardSize;
  }

  async savePublication(
    pub: Publication,
    source: { hash: string; file: string | null },
    terms: readonly QuestionTerms[] | null,
    access: readonly number[] = [],
  ): Promise<SaveOutcome> {
    const outcome = await savePublication(this.db, pub, source, terms, access, this.partitionSizeWanted);
    if (outcome !== 'unchanged') this.forget();
    return outcome;
  }

  /** There are no shards to merge: VACUUM ANALYZE empties the GIN index's pending list and renews statistics. */
  async optimizeIndex(): Promise<number[]> {
    await sql`VACUUM ANALYZE question_index`.execute(this.db);
    await sql`VACUUM ANALYZE question_vectors`.execute(this.db);
    return [];
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  private forget(): void {
    this.facetCounter.clear();
    this.dfCache.clear();
    this.partitions = null;
    this.totalQuestions = null;
    this.vectorCache.clear();
  }

  /**
   * How to take the newest matches, partition by partition from the newest: walking the ids backwards,
   * testing each question's tsvector (read and decompressed: some 2.5 µs a question at 1 000 000, warm),
   * or each partition's GIN bitmap, sorted (some 2 µs a match, the postings included), until enough are
   * found. The bitmap reads at least the newest partition's matches: for a word in 3 % of the questions,
   * 3 000 (6 ms) against 33 000 questions walked (80 ms); walking wins only for words in more than about
   * a tenth of the questions. PostgreSQL's planner cannot tell (it has no document frequencies, and
   * prices reading a tsvector as free). Measured on the benchmark's archive.
   */
  private plan(bounds: MatchBounds, questions: number, partitionSize: number): 'walk' | 'bitmap' {
    const wanted = this.candidates + 1;
    if (bounds.estimate < wanted || questions === 0) return 'bitmap';
    const walked = Math.min(questions, (wanted / bounds.estimate) * questions);
    const read = Math.max(wanted, bounds.estimate * (Math.min(partitionSize, questions) / questions));
    return walked * 2.5 < read * 2 ? 'walk' : 'bitmap';
  }

  /**
   * Runs `work` in a read-only transaction that takes the matches as `plan` says: by walking the id
   * index (bitmaps off), or by the GIN index's bitmaps, never testing rows one by one (the planner counts
   * reading a question's tsvector as nearly free, so for counting it would prefer a sequential scan that
   * decompresses every row it passes: measured on 100 000 questions, 5 to 10 times slower than the
   * bitmap, which for terms without weights or phrases needs no tsvector at all).
   */
  private planned<T>(plan: 'walk' | 'bitmap', work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    const off = plan === 'walk' ? 'enable_bitmapscan' : 'enable_indexscan';
    return this.db
      .transaction()
      .setAccessMode('read only')
      .execute(async (trx) => {
        await sql`SELECT set_config('enable_seqscan', 'off', true), set_config(${off}, 'off', true)`.execute(
          trx,
        );
        return work(trx);
      });
  }

  /**
   * Reads the archive's version and index totals and the document frequencies of `terms` not cached
   * (term_counts, which the writer keeps), in one statement (one snapshot, so the counts belong to the
   * version read with them). A version other than the one the caches were filled at empties them first:
   * every save bumps it, in any process.
   */
  private async freshen(terms: readonly string[]): Promise<Frequencies> {
    // A save by another process between two of these may empty the caches again: at most three tries.
    for (let attempt = 0; ; attempt++) {
      const missing = [...new Set(terms)].filter((t) => !this.dfCache.has(t));
      const total = this.totalQuestions === null;
      const statement = sql<{
        version: string | null;
        questions: string | null;
        tokens: string | null;
        total: number | null;
        df: (string | number)[] | null;
      }>`SELECT (SELECT value FROM settings WHERE key = ${VERSION_KEY}) AS version,
          (SELECT value FROM settings WHERE key = 'index_questions') AS questions,
          (SELECT value FROM settings WHERE key = 'index_tokens') AS tokens,
          ${total ? sql`(SELECT count(*) FROM questions)` : sql`NULL::bigint`} AS total,
          ${
            missing.length > 0
              ? sql`ARRAY(SELECT coalesce((SELECT questions FROM term_counts WHERE term = u.term), 0)
                  FROM unnest(${missing.map(fit)}::text[]) WITH ORDINALITY AS u (term, n) ORDER BY u.n)`
              : sql`NULL::bigint[]`
          } AS df`;
      const result = total
        ? await this.planned('bitmap', (trx) => statement.execute(trx))
        : await statement.execute(this.db);
      const row = result.rows[0];
      const version = row?.version ?? '0';
      if (version !== this.version) {
        this.forget();
        this.version = version;
      }
      if (row?.total !== null && row?.total !== undefined) this.totalQuestions = Number(row.total);
      missing.forEach((t, i) => {
        this.dfCache.set(t, Number(row?.df?.[i] ?? 0));
      });
      // Taken now: a concurrent search's freshen() may empty the caches before this one's caller reads them.
      const complete = terms.every((t) => this.dfCache.has(t)) && this.totalQuestions !== null;
      if (complete || attempt === 2) {
        return {
          total: this.totalQuestions ?? 0,
          df: new Map(terms.map((t) => [t, this.dfCache.get(t) ?? 0])),
          questions: Number(row?.questions ?? 0),
          tokens: Number(row?.tokens ?? 0),
        };
      }
      // A change (seen here or by a concurrent call) emptied what was cached before: count what is missing.
    }
  }

  /** How many indexed questions hold each term (in any column, as FTS5 counts), and the question count. */
  async termFrequencies(terms: readonly string[]): Promise<{ total: number; df: Map<string, number> }> {
    const { total, df } = await this.freshen(terms);
    return { total, df };
  }

  /**
   * Questions matching an FTS5 expression (src/search/query.ts, filters included as terms), best first:
   * the newest `candidates` matches, ranked from their term vectors; when more match, the count goes on
   * to `countCap`.
   */
  async search(request: SearchRequest): Promise<SearchPage> {
    const match = translateMatch(published(request.match, request.visibleTo ?? []));
    const query = match.tsquery;
    // PostgreSQL ranks from term vectors only; a caller that names no phrases gets those bm25() would score.
    const phrases = request.phrases ?? matchPhrases(request.match);
    const keep = request.offset + request.limit;
    // The version check, with the document frequencies ranking needs and those that bound the matches.
    const frequencies = await this.freshen([...phrases.flat(), ...match.terms]);
    const bounds = matchBounds(match.tree, (t) => frequencies.df.get(t) ?? 0, frequencies.questions);
    // Counting matches costs in proportion to them all (GIN gives them as one bitmap): not done when
    // the document frequencies prove more than the cap match (then SQLite too says "at least the cap").
    const countKnown = !request.dateFrom && !request.dateTo && bounds.lower > this.countCap;
    const partitions = await this.partitionList();
    // The candidates and the count at once, on two of the pool's connections.
    const [rows, counted] = await Promise.all([
      this.matches(
        query,
        request,
        this.candidates + 1,
        this.plan(bounds, frequencies.questions, partitions.size),
      ),
      countKnown ? this.countCap + 1 : this.countMatches(query, request, this.countCap + 1),
    ]);
    const exhaustive = rows.length <= this.candidates;
    const best = exhaustive ? rows : rows.slice(0, this.candidates);
    const candidates = best.map((b) => b.id);
    await this.scoreByVectors(best, phrases, frequencies);
    best.sort(
      request.sort === 'date'
        ? (a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.score - b.score || b.id - a.id
        : (a, b) => a.score - b.score || b.id - a.id,
    );
    const page = best.slice(request.offset, keep);
    // Counted as SQLite counts past its candidates: every match within the dates (the excluded too).
    const total = exhaustive ? best.length : Math.min(counted, this.countCap);
    const totalExact = exhaustive || counted <= this.countCap;
    return { hits: await this.hitsFor(page), total, totalExact, exhaustive, candidates };
  }

  /**
   * The newest matches, at most `limit`, unscored; with the publication's date when the order needs it.
   * The planner chooses how: for a frequent word it walks the id index backwards testing each row's
   * tsvector (reading it: most are TOASTed), for a rarer one it sorts the GIN index's bitmap. Taking the
   * count first and the candidates from bitmaps of the newest ids was tried and measured slower.
   */
  private async matches(
    query: string,
    request: SearchRequest,
    limit: number,
    plan: 'walk' | 'bitmap',
  ): Promise<Candidate[]> {
    const exclude = request.exclude?.length ? [...request.exclude] : null;
    const notExcluded = exclude ? sql`AND i.id <> ALL(${exclude}::bigint[])` : sql``;
    if (!needsPublication(request)) {
      // Each partition's newest matches, the newest partition first: Append runs its parts in turn and
      // the LIMIT ends it when enough are found, so older partitions are never read. (Asked of the
      // partitioned table, the planner sorts the bitmaps of all partitions together unless it walks.)
      const { names } = await this.partitionList();
      if (names.length === 0) return [];
      const parts = names.map(
        (t) => sql`(SELECT i.id FROM ${sql.table(t)} i WHERE i.terms @@ ${query}::tsquery ${notExcluded}
          ORDER BY i.id DESC LIMIT ${limit})`,
      );
      const rows = await this.planned(plan, (trx) =>
        sql<{ id: number }>`SELECT u.id FROM (${sql.join(parts, sql` UNION ALL `)}) u LIMIT ${limit}`.execute(
          trx,
        ),
      );
      return rows.rows.map((r) => ({ id: Number(r.id), score: 0, date: null }));
    }
    const rows = await sql<{ id: number; date: string | null }>`SELECT i.id, p.date
      FROM question_index i JOIN questions q ON q.id = i.id JOIN publications p ON p.id = q.publication_id
      WHERE i.terms @@ ${query}::tsquery ${this.dates(request)} ${notExcluded}
      ORDER BY i.id DESC LIMIT ${limit}`.execute(this.db);
    return rows.rows.map((r) => ({ id: Number(r.id), score: 0, date: r.date }));
  }

  /** The index's partitions, newest first, and their size in ids (postgres-partitions.ts). */
  private async partitionList(): Promise<Partitions> {
    if (this.partitions === null) {
      const rows = await sql<{ name: string; size: string | null }>`SELECT c.relname AS name,
          (SELECT value FROM settings WHERE key = ${SIZE_KEY}) AS size
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'question_index'::regclass`.execute(this.db);
      this.partitions = {
        names: rows.rows
          .map((r) => r.name)
          .filter((name) => partitionNumber(name) >= 0)
          .sort((a, b) => partitionNumber(b) - partitionNumber(a)),
        size: Number(rows.rows[0]?.size ?? DEFAULT_SHARD_SIZE),
      };
    }
    return this.partitions;
  }

  /**
   * Matches within the dates, counted up to `cap`. Without dates from the GIN index's bitmap (see
   * planned: the planner would test row after row); with dates the planner's own choice, which joins
   * the publications better than bitmaps would (measured).
   */
  private async countMatches(query: string, request: SearchRequest, cap: number): Promise<number> {
    const { names } = await this.partitionList();
    if (names.length === 0) return 0;
    const rows =
      request.dateFrom || request.dateTo
        ? await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM question_index i
            JOIN questions q ON q.id = i.id JOIN publications p ON p.id = q.publication_id
            WHERE i.terms @@ ${query}::tsquery ${this.dates(request)} LIMIT ${cap}) m`.execute(this.db)
        : await this.planned('bitmap', (trx) =>
            sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT FROM (${sql.join(
              names.map((t) => sql`(SELECT FROM ${sql.table(t)} i WHERE i.terms @@ ${query}::tsquery)`),
              sql` UNION ALL `,
            )}) u LIMIT ${cap}) m`.execute(trx),
          );
    return Number(rows.rows[0]?.n ?? 0);
  }

  /** Date conditions on `p`, compared as SQLite compares text: by code point, whatever the collation. */
  private dates(request: SearchRequest) {
    const from = request.dateFrom ? sql`AND p.date >= ${request.dateFrom} COLLATE "C"` : sql``;
    const to = request.dateTo ? sql`AND p.date <= ${request.dateTo} COLLATE "C"` : sql``;
    return sql`${from} ${to}`;
  }

  /** Scores candidates from their term vectors (bm25 as FTS5 computes it), in place. */
  private async scoreByVectors(
    candidates: Candidate[],
    phrases: readonly Phrase[],
    { questions, tokens, df }: Frequencies,
  ): Promise<void> {
    if (candidates.length === 0) return;
    // N, the average length and the document frequencies of the whole archive, as SQLite's archive ranks.
    const score = createScorer(phrases, {
      questions,
      averageLength: questions > 0 ? tokens / questions : 0,
      df,
    });
    const missing: Candidate[] = [];
    for (const c of candidates) {
      c.score = this.vectorCache.score(c.id, score);
      if (Number.isNaN(c.score)) missing.push(c);
    }
    if (missing.length === 0) return;
    const rows = await sql<{ id: number; vector: Buffer }>`SELECT id, vector FROM question_vectors
      WHERE id = ANY(${missing.map((c) => c.id)}::bigint[])`.execute(this.db);
    const scores = new Map<number, number>();
    for (const r of rows.rows) {
      const id = Number(r.id);
      scores.set(id, score(r.vector, 0));
      this.vectorCache.set(id, r.vector, 0, vectorSize(r.vector, 0));
    }
    for (const c of missing) c.score = scores.get(c.id) ?? 0;
  }

  private async hitsFor(ranked: readonly { id: number; score: number }[]): Promise<StoredHit[]> {
    if (ranked.length === 0) return [];
    const rows = await sql<Omit<StoredHit, 'score'>>`SELECT q.id AS "questionId",
        q.publication_id AS "publicationId", q.number AS number, q.position AS position,
        q.question AS question, q.answer AS answer, p.title AS title, p.kind AS kind, p.chamber AS chamber,
        p.session AS session, p.committee AS committee, p.date AS date
      FROM questions q JOIN publications p ON p.id = q.publication_id
      WHERE q.id = ANY(${ranked.map((r) => r.id)}::bigint[])`.execute(this.db);
    const byId = new Map(
      rows.rows.map((r) => [Number(r.questionId), { ...r, questionId: Number(r.questionId) }]),
    );
    return ranked.flatMap((r) => {
      const row = byId.get(r.id);
      return row ? [{ ...row, score: r.score }] : [];
    });
  }

  /** Counts per facet value among the given question ids (a search's candidates), in memory as on SQLite. */
  async facets(candidates: readonly number[], top = 20): Promise<FacetCounts> {
    // The version is checked on every search first (freshen), which empties the counter when it changed.
    return this.facetCounter.count(candidates, top);
  }
}
