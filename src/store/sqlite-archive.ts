// The archive on SQLite: publications stored whole (one transaction each) as rows that can be queried
// plus the tree for rendering, and the search index (FTS5 shards and term vectors) of the terms that
// src/search computes.
import type SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { Publication } from '../model/publication.js';
import {
  Archive,
  type SearchPage,
  type SearchRequest,
  type StoredHit,
  type StoreOptions,
} from './archive.js';
import { FacetCounter, type FacetCounts } from './facet-counts.js';
import { sqliteFacetSource } from './facet-sources.js';
import { filterToken } from './filter-terms.js';
import { type MatchBounds, type MatchNode, matchBounds, matchTerms, parseMatch } from './fts5-expression.js';
import { listShards, optimizeShard, shardSize, shardTable, vocabTable } from './index-shards.js';
import type { Database } from './schema.js';
import { createWriter, type QuestionTerms, type SaveOutcome } from './sqlite-writer.js';
import {
  asBitmap,
  type Bitmap,
  BitmapCache,
  bitmapEligible,
  evaluate,
  highest,
  leafExpression,
  leafKey,
  leaves,
  PACKED_ID_LIMIT,
  packedIds,
  packedIdsSql,
  population,
  termSetOf,
} from './term-bitmaps.js';
import { createScorer, type Phrase, type RankStats, VectorCache, vectorSize } from './term-vectors.js';

interface DateRange {
  from?: string | undefined;
  to?: string | undefined;
}

const DEFAULT_VECTOR_CACHE_BYTES = 128 * 1024 * 1024;
const DEFAULT_BITMAP_CACHE_BYTES = 64 * 1024 * 1024;
/**
 * Term bitmaps are used when the terms' postings add up to this share of the indexed questions or more:
 * below it FTS5 walks them about as fast as bitmaps are combined.
 */
const BITMAP_MIN_POSTINGS = 0.05;
/** A term in this share of the questions or more is frequent: its bitmaps wait until it is asked for often. */
const BITMAP_FREQUENT = 0.01;

interface ParsedMatch {
  tree: MatchNode;
  /** The document frequencies of its terms. */
  df: ReadonlyMap<string, number>;
  bounds: MatchBounds;
}

/** A single-term phrase of the expression, as the bitmap cache knows it. */
interface BitmapTerm {
  node: MatchNode;
  key: string;
  /** The FTS5 expression its bitmap is made from. */
  expression: string;
  /** In enough questions that its bitmaps wait until it is asked for often. */
  frequent: boolean;
}

interface Candidate {
  id: number;
  score: number;
  date: string | null;
}

/** A search's candidates (the newest matches) and its matches counted, up to the cap and one more. */
interface Candidates {
  best: Candidate[];
  counted: number;
  /** Whether every match is among the candidates. */
  exhaustive: boolean;
}

/** Which variant of the candidate statement a search runs (see Store.shardMatches). */
interface CandidateShape {
  /** Oldest first: cheaper for FTS5, when all of a shard's matches are wanted. */
  forwards?: boolean;
  publication: boolean;
  dateFrom: boolean;
  dateTo: boolean;
  exclude: boolean;
  bm25: boolean;
}

/** Whether a search's candidates need only their ids: ranked by term vectors, in no order by date. */
function idsOnly(shape: CandidateShape): boolean {
  return !shape.bm25 && !shape.publication;
}

function publicationJoin(table: string): string {
  return `JOIN questions q ON q.id = ${table}.rowid JOIN publications p ON p.id = q.publication_id`;
}

/** The date filters as SQL conditions on the joined publication; their values are parameters. */
function dateConditions(shape: { dateFrom: boolean; dateTo: boolean }): string {
  return `${shape.dateFrom ? 'AND p.date >= ?' : ''} ${shape.dateTo ? 'AND p.date <= ?' : ''}`;
}

export class SqliteArchive extends Archive {
  private writer: ReturnType<typeof createWriter> | null = null;
  /** Document frequencies and the question count, valid until the next write. */
  private readonly dfCache = new Map<string, number>();
  private totalQuestions: number | null = null;

  private readonly candidates: number;
  private readonly countCap: number;
  private readonly shardSize: number;
  /** Index shards, newest first; re-read when a write makes a new one. */
  private shards: number[] | null = null;
  /** The highest question id, which tells how full the newest shard is; re-read after a write. */
  private newestId: number | null = null;
  private facetCounter: FacetCounter | null = null;
  /** Whether every indexed question has a term vector; read once. */
  private vectorRanking: boolean | null = null;
  private indexTotals: { questions: number; tokens: number } | null = null;
  private vectorsOf: SQLite.Statement<[string], { ids: string | null; vectors: Buffer | null }> | null = null;
  /** SQLite's data_version when the caches were filled: another process's commit changes it. */
  private dataVersion: number | null = null;
  private dataVersionOf: SQLite.Statement<[], number> | null = null;
  /** Term vectors read before, until the database changes. */
  private readonly vectorCache: VectorCache;
  /** Term bitmaps made before, until the database changes. */
  private readonly bitmaps: BitmapCache;
  /** Scratch bitmaps: the expression's result, then one for each of its terms (see shardBitmap). */
  private readonly bitmapScratch: Bitmap[] = [];
  /** Prepared statements by their SQL (see statement()). */
  private readonly statements = new Map<string, SQLite.Statement>();

  constructor(
    db: Kysely<Database>,
    private readonly raw: SQLite.Database,
    options: StoreOptions,
  ) {
    super(db);
    this.candidates = options.candidates ?? 1000;
    this.countCap = options.countCap ?? 10_000;
    this.shardSize = shardSize(raw, options.shardSize);
    this.vectorCache = new VectorCache(options.vectorCacheBytes ?? DEFAULT_VECTOR_CACHE_BYTES);
    this.bitmaps = new BitmapCache(options.bitmapCacheBytes ?? DEFAULT_BITMAP_CACHE_BYTES);
  }

  /** Merges every index shard's segments (see optimizeShard); returns the shards merged, oldest first. */
  async optimizeIndex(onShard: (k: number) => void = () => {}): Promise<number[]> {
    return this.exclusive(() => {
      const shards = listShards(this.raw).reverse();
      for (const k of shards) {
        optimizeShard(this.raw, k);
        onShard(k);
      }
      return shards;
    });
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  override bitmapBytes(): number {
    return this.bitmaps.size;
  }

  /** Stores a publication whole (one transaction), replacing an earlier version with the same id. */
  /**
   * `access`: for a draft, the organisations that may see it before it is published (its terms must
   * carry the same, see src/search/index-terms.ts).
   */
  async savePublication(
    pub: Publication,
    source: { hash: string; file: string | null },
    terms: readonly QuestionTerms[] | null,
    access: readonly number[] = [],
  ): Promise<SaveOutcome> {
    this.writer ??= createWriter(this.raw, this.shardSize, () => {
      this.shards = null;
    });
    const writer = this.writer;
    // BEGIN IMMEDIATE: the save reads before it writes, and a deferred transaction whose write comes
    // after another process's fails at once (SQLITE_BUSY_SNAPSHOT) where this one waits its turn.
    const outcome = await this.exclusive(() => writer.save.immediate(pub, source, terms, access));
    if (outcome !== 'unchanged') this.forget();
    return outcome;
  }

  /**
   * Runs synchronous work on the connection that Kysely shares, while no query or transaction of Kysely's
   * is under way on it (Kysely holds one SQLite connection behind a lock; a transaction keeps it across
   * its awaits). The writer's own transactions must not begin inside one of Kysely's.
   */
  private exclusive<T>(work: () => T): Promise<T> {
    return this.db.connection().execute(async () => work());
  }

  /** Drops what is cached from the database: counts, shards, facet values. */
  private forget(): void {
    this.dfCache.clear();
    this.totalQuestions = null;
    this.shards = null;
    this.facetCounter?.clear();
    this.indexTotals = null;
    this.vectorCache.clear();
    this.bitmaps.clear();
    this.newestId = null;
  }

  private setting(key: string): string | null {
    const row = this.raw.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    return row?.value ?? null;
  }

  /** N, the average length and the document frequencies bm25 needs, for the whole archive. */
  private async rankStats(phrases: readonly Phrase[]): Promise<RankStats> {
    this.indexTotals ??= {
      questions: Number(this.setting('index_questions') ?? 0),
      tokens: Number(this.setting('index_tokens') ?? 0),
    };
    const { df } = await this.termFrequencies(phrases.flat());
    const { questions, tokens } = this.indexTotals;
    return { questions, averageLength: questions > 0 ? tokens / questions : 0, df };
  }

  /** Scores candidates from their term vectors (bm25 as FTS5 computes it), in place. */
  private async scoreByVectors(
    candidates: { id: number; score: number }[],
    phrases: readonly Phrase[],
  ): Promise<void> {
    if (candidates.length === 0) return;
    const score = createScorer(phrases, await this.rankStats(phrases));
    // The vectors read before are in memory (see VectorCache); the others are read now.
    const missing: { id: number; score: number }[] = [];
    for (const c of candidates) {
      c.score = this.vectorCache.score(c.id, score);
      if (Number.isNaN(c.score)) missing.push(c);
    }
    if (missing.length === 0) return;
    // All the vectors in one blob, in id order: a Buffer per row would cost more than reading them.
    // group_concat keeps a blob's bytes (text in a UTF-8 database is not re-encoded) and each vector
    // says its own length, so the blob splits back without separators.
    this.vectorsOf ??= this.raw.prepare(
      `SELECT group_concat(id) AS ids, CAST(group_concat(vector, '') AS BLOB) AS vectors
       FROM (SELECT id, vector FROM question_vectors WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id)`,
    );
    const ids = missing.map((c) => c.id).sort((a, b) => a - b);
    const row = this.vectorsOf.get(JSON.stringify(ids));
    const scores = new Map<number, number>();
    if (row?.ids && row.vectors) {
      const found = row.ids.split(',');
      let at = 0;
      for (const text of found) {
        const id = Number(text);
        const size = vectorSize(row.vectors, at);
        scores.set(id, score(row.vectors, at));
        this.vectorCache.set(id, row.vectors, at, size);
        at += size;
      }
    }
    for (const c of missing) c.score = scores.get(c.id) ?? 0;
  }

  /**
   * Caches stay valid until the database changes; a commit by another connection (another server
   * process, an import from the CLI) shows as a new data_version, and this process's own writes
   * forget at once.
   */
  private freshen(): void {
    this.dataVersionOf ??= this.raw.prepare<[], number>('PRAGMA data_version').pluck();
    const version = this.dataVersionOf.get() as number;
    if (version !== this.dataVersion) {
      if (this.dataVersion !== null) this.forget();
      this.dataVersion = version;
    }
  }

  private shardList(): number[] {
    this.shards ??= listShards(this.raw);
    return this.shards;
  }

  /** How many indexed questions hold each term (document frequency), and the total. */
  async termFrequencies(terms: readonly string[]): Promise<{ total: number; df: Map<string, number> }> {
    this.freshen();
    // fts5vocab walks a term's whole doclist to count it, so counts are kept until the next write.
    const missing = [...new Set(terms)].filter((t) => !this.dfCache.has(t));
    if (missing.length > 0) {
      for (const t of missing) this.dfCache.set(t, 0);
      for (const k of this.shardList()) {
        const rows = await sql<{ term: string; doc: number }>`SELECT term, doc FROM ${sql.raw(vocabTable(k))}
          WHERE term IN (${sql.join(missing)})`.execute(this.db);
        for (const r of rows.rows) this.dfCache.set(r.term, (this.dfCache.get(r.term) ?? 0) + r.doc);
      }
    }
    this.totalQuestions ??= (await this.counts()).questions;
    return { total: this.totalQuestions, df: new Map(terms.map((t) => [t, this.dfCache.get(t) ?? 0])) };
  }

  /**
   * The match expression as the store runs it: published questions, and drafts only of the
   * organisations in `visibleTo` (the embargo), whatever the caller asks. Excluding drafts (few) is
   * cheaper for FTS5 than intersecting with everything published.
   */
  private published(match: string, visibleTo: readonly number[] = []): string {
    const draft = `meta : "${filterToken.status('draft')}"`;
    if (visibleTo.length === 0) return `(${match}) NOT ${draft}`;
    const own = visibleTo.map((o) => `meta : "${filterToken.organisation(o)}"`).join(' OR ');
    return `(${match}) NOT (${draft} NOT (${own}))`;
  }

  /**
   * Questions matching an FTS5 expression (built by src/search/query.ts, filters included as
   * terms), best first. The shards are searched from the newest, taking the newest matches until
   * `candidates` are found, from FTS5 or, for frequent terms asked for often, from term bitmaps (the
   * same matches); those are ranked (term vectors, else bm25 within their shard) and counting goes on
   * to the cap. When fewer match, ranking is exhaustive.
   */
  async search(request: SearchRequest): Promise<SearchPage> {
    this.freshen();
    const match = this.published(request.match, request.visibleTo ?? []);
    const shards = this.shardList();
    this.vectorRanking ??= this.setting('ranking') === 'vectors';
    const phrases = this.vectorRanking ? request.phrases : undefined;
    const shape: CandidateShape = {
      // Publications are joined only when the order or a date filter needs them.
      publication: request.sort === 'date' || Boolean(request.dateFrom) || Boolean(request.dateTo),
      dateFrom: Boolean(request.dateFrom),
      dateTo: Boolean(request.dateTo),
      exclude: (request.exclude?.length ?? 0) > 0,
      bm25: !phrases,
    };
    const parsed = await this.parseAndBound(match);
    const terms = parsed && idsOnly(shape) && !shape.exclude ? this.bitmapTerms(parsed) : null;
    const fromBitmaps = parsed && terms ? this.bitmapCandidates(parsed, terms, shards) : null;
    const found = fromBitmaps ?? this.ftsCandidates(match, request, shape, shards, parsed?.bounds ?? null);
    const { best } = found;
    const candidates = best.map((b) => b.id);
    if (phrases) await this.scoreByVectors(best, phrases);
    best.sort(
      request.sort === 'date'
        ? (a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.score - b.score || b.id - a.id
        : (a, b) => a.score - b.score || b.id - a.id,
    );
    const page = best.slice(request.offset, request.offset + request.limit);
    return {
      hits: this.hitsFor(page),
      // Every match ranked: the count is exact, whatever the cap.
      total: found.exhaustive ? found.counted : Math.min(found.counted, this.countCap),
      totalExact: found.exhaustive || found.counted <= this.countCap,
      exhaustive: found.exhaustive,
      candidates,
    };
  }

  /**
   * The newest `candidates` matches from FTS5, shard by shard from the newest, and the matches counted
   * (up to the cap and one more).
   */
  private ftsCandidates(
    match: string,
    request: SearchRequest,
    shape: CandidateShape,
    shards: readonly number[],
    bounds: MatchBounds | null,
  ): Candidates {
    // The parameters after MATCH, in the order the statements name them.
    const filters: (string | number)[] = [];
    if (request.dateFrom) filters.push(request.dateFrom);
    if (request.dateTo) filters.push(request.dateTo);
    if (shape.exclude) filters.push(JSON.stringify(request.exclude));
    const best: Candidate[] = [];
    let need = this.candidates;
    let seen = 0;
    let exhaustive = true;
    // Where counting goes on when not every match was ranked: shards before it were counted whole, and
    // of the shard it starts in, the matches from `countBelow` up (the candidates taken from it).
    let countFrom = shards.length;
    let countedBefore = 0;
    let countBelow: number | null = null;
    // Questions in the shards searched so far, for the rate of matches (see below).
    let searched = 0;
    for (let i = 0; i < shards.length; i++) {
      if (need <= 0) {
        exhaustive = false;
        countFrom = i;
        countedBefore = seen;
        break;
      }
      // FTS5 walks a doclist forwards more cheaply than backwards (a quarter less for a query of several
      // words). The newest `need` matches need the backward walk; but a shard that holds no more than
      // `need` matches gives all of them either way. So when the shards searched so far (half a shard's
      // worth or more) match at a rate that leaves this one well below `need`, it is walked forwards, and
      // again backwards in the rare case it holds more after all.
      const questions = this.shardQuestions(shards[i]!);
      const forwards = searched >= this.shardSize / 2 && (seen / searched) * questions < need * 0.75;
      let rows = this.shardMatches(shards[i]!, { ...shape, forwards }, match, filters, need + 1);
      if (forwards && rows.length > need) {
        rows = this.shardMatches(shards[i]!, { ...shape, forwards: false }, match, filters, need + 1);
      }
      const n = rows.length;
      for (let j = 0; j < n && j < need; j++) best.push(rows[j]!);
      if (n > need) {
        countFrom = i;
        seen += need;
        countedBefore = seen;
        countBelow = rows[need - 1]!.id;
        exhaustive = false;
        break;
      }
      seen += n;
      need -= n;
      searched += questions;
    }
    if (exhaustive) return { best, counted: seen, exhaustive };
    const counted =
      !request.dateFrom && !request.dateTo && this.provenAboveCap(bounds)
        ? this.countCap + 1
        : this.countMatches(
            match,
            { from: request.dateFrom, to: request.dateTo },
            this.countCap + 1,
            shards.slice(countFrom),
            countedBefore,
            countBelow,
          );
    return { best, counted, exhaustive };
  }

  /**
   * Whether the terms' document frequencies alone prove that more than the counting cap match (a
   * frequent word, or words that together hold more questions than there are): then counting, a
   * quarter of FTS5's work for such a query, is skipped.
   */
  private provenAboveCap(bounds: MatchBounds | null): boolean {
    return bounds !== null && bounds.lower > this.countCap;
  }

  /**
   * The expression's terms, when the search is answered from term bitmaps (else null): every phrase a
   * single term, enough postings that FTS5's walk would cost, and every frequent term asked for often
   * enough. A rare term's bitmaps are made at once: FTS5 gives its few matches quickly.
   */
  private bitmapTerms({ tree, df, bounds }: ParsedMatch): BitmapTerm[] | null {
    if (!bitmapEligible(tree) || this.shardSize >= PACKED_ID_LIMIT) return null;
    const total = this.totalQuestions ?? 0;
    if (bounds.postings < BITMAP_MIN_POSTINGS * total) return null;
    const terms = leaves(tree).map((node) => ({
      node,
      key: leafKey(node),
      expression: leafExpression(node),
      frequent: (df.get(node.terms[0]!) ?? 0) >= BITMAP_FREQUENT * total,
    }));
    this.bitmaps.ask(terms.map((t) => t.key));
    return this.bitmaps.askedOften(terms.filter((t) => t.frequent).map((t) => t.key)) ? terms : null;
  }

  /**
   * The same candidates and count as ftsCandidates, from term bitmaps; null when a bitmap it needs
   * could not be kept (see BitmapCache.get).
   */
  private bitmapCandidates(
    { tree, bounds }: ParsedMatch,
    terms: readonly BitmapTerm[],
    shards: readonly number[],
  ): Candidates | null {
    const best: Candidate[] = [];
    let need = this.candidates;
    let seen = 0;
    for (let i = 0; i < shards.length; i++) {
      if (need <= 0) {
        const counted = this.countFrom(tree, terms, bounds, shards.slice(i), seen);
        return counted === null ? null : { best, counted, exhaustive: false };
      }
      const k = shards[i]!;
      const map = this.shardBitmap(tree, terms, k);
      if (!map) return null;
      const n = population(map);
      for (const id of highest(map, k * this.shardSize + 1, need)) best.push({ id, score: 0, date: null });
      if (n > need) {
        const counted = this.countFrom(tree, terms, bounds, shards.slice(i + 1), seen + n);
        return counted === null ? null : { best, counted, exhaustive: false };
      }
      seen += n;
      need -= n;
    }
    return { best, counted: seen, exhaustive: true };
  }

  /** Matches counted on from `counted` over `shards` from their bitmaps, up to the cap and one more. */
  private countFrom(
    tree: MatchNode,
    terms: readonly BitmapTerm[],
    bounds: MatchBounds,
    shards: readonly number[],
    counted: number,
  ): number | null {
    if (this.provenAboveCap(bounds)) return this.countCap + 1;
    let n = counted;
    for (const k of shards) {
      if (n > this.countCap) break;
      const map = this.shardBitmap(tree, terms, k);
      if (!map) return null;
      n += population(map);
    }
    return Math.min(n, this.countCap + 1);
  }

  /**
   * The expression's matches in shard k, from its terms' bitmaps (made from FTS5 when not kept), in a
   * scratch bitmap that holds them until the next call (nothing awaits in between); null when one of
   * the bitmaps could not be kept.
   */
  private shardBitmap(tree: MatchNode, terms: readonly BitmapTerm[], k: number): Bitmap | null {
    const t = shardTable(k);
    const base = k * this.shardSize + 1;
    const words = Math.ceil(this.shardSize / 32);
    const maps = new Map<MatchNode, Bitmap>();
    for (const [j, term] of terms.entries()) {
      const set = this.bitmaps.get(k, term.key, words * 4, () => {
        const packed = this.statement(packedIdsSql(`FROM ${t} WHERE ${t} MATCH ?`, 'rowid'))
          .pluck()
          .get(BigInt(base), BigInt(base), term.expression) as string | null;
        return termSetOf(packedIds(packed, base), base, this.shardSize);
      });
      if (!set) return null;
      // A rare term's ids are set in a scratch bitmap of its own for this shard.
      maps.set(
        term.node,
        set instanceof Uint32Array ? set : asBitmap(set, base, this.scratchBitmap(j + 1, words)),
      );
    }
    return evaluate(tree, (leaf) => maps.get(leaf)!, this.scratchBitmap(0, words));
  }

  /** Scratch bitmap i (0: the expression's result; then one a term), made when first wanted. */
  private scratchBitmap(i: number, words: number): Bitmap {
    let map = this.bitmapScratch[i];
    if (!map) {
      map = new Uint32Array(words);
      this.bitmapScratch[i] = map;
    }
    return map;
  }

  /**
   * A statement prepared once for the connection's life. Searches run a handful of statements of a few
   * shapes per shard; preparing each anew (as a query builder does) costs a noticeable part of a search.
   */
  private statement(text: string): SQLite.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.raw.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** How many question ids shard `k` spans: a full shard's worth, but for the newest one. */
  private shardQuestions(k: number): number {
    this.newestId ??= Number(
      (this.statement('SELECT max(id) AS id FROM questions').get() as { id: number | null }).id ?? 0,
    );
    return Math.max(0, Math.min(this.newestId, (k + 1) * this.shardSize) - k * this.shardSize);
  }

  /**
   * Matches of one shard, at most `limit`, newest first (or oldest first when `shape.forwards`),
   * unscored (term vectors rank them) or scored by FTS5's bm25(), with the publication's date when the
   * order or a filter needs it. Unscored and undated, only the ids come back from SQLite (an object a
   * row costs more than the rest of the step).
   */
  private shardMatches(
    shard: number,
    shape: CandidateShape,
    match: string,
    filters: readonly (string | number)[],
    limit: number,
  ): { id: number; score: number; date: string | null }[] {
    const t = shardTable(shard);
    // bm25 column weights: the question over the answer, a whole word over a part; filters 0.
    const score = shape.bm25 ? `bm25(${t}, 4.0, 1.0, 2.0, 0.5, 0.0)` : '0.0';
    const columns = idsOnly(shape)
      ? `${t}.rowid AS id`
      : `${t}.rowid AS id, ${score} AS score, ${shape.publication ? 'p.date' : 'NULL'} AS date`;
    const statement = this.statement(
      `SELECT ${columns} FROM ${t} ${shape.publication ? publicationJoin(t) : ''}
       WHERE ${t} MATCH ? ${dateConditions(shape)}
       ${shape.exclude ? `AND ${t}.rowid NOT IN (SELECT value FROM json_each(?))` : ''}
       ORDER BY ${t}.rowid ${shape.forwards ? 'ASC' : 'DESC'} LIMIT ?`,
    );
    if (!idsOnly(shape)) {
      return statement.all(match, ...filters, limit) as { id: number; score: number; date: string | null }[];
    }
    const ids = statement.pluck().all(match, ...filters, limit) as number[];
    return ids.map((id) => ({ id, score: 0, date: null }));
  }

  /**
   * The expression parsed, and what its terms' document frequencies tell of how many questions match
   * (see matchBounds); null for an expression this parser does not read. The frequencies are mostly
   * cached already: ranking asks for the same terms.
   */
  private async parseAndBound(match: string): Promise<ParsedMatch | null> {
    let tree: MatchNode;
    try {
      tree = parseMatch(match);
    } catch {
      return null;
    }
    const { total, df } = await this.termFrequencies(matchTerms(tree));
    return { tree, df, bounds: matchBounds(tree, (t) => df.get(t) ?? 0, total) };
  }

  /**
   * Matches counted on from `counted` over `shards`, stopping at `cap`; in the first shard, only those
   * below question id `below` when given (the ones above were counted as candidates).
   */
  private countMatches(
    match: string,
    dates: DateRange,
    cap: number,
    shards: readonly number[],
    counted: number,
    below: number | null,
  ): number {
    const shape = { dateFrom: Boolean(dates.from), dateTo: Boolean(dates.to) };
    const filters = [dates.from, dates.to].filter((d): d is string => Boolean(d));
    for (const [i, k] of shards.entries()) {
      if (counted >= cap) break;
      const t = shardTable(k);
      const bounded = i === 0 && below !== null;
      const count = this.statement(
        `SELECT count(*) AS n FROM (SELECT ${t}.rowid FROM ${t}
         ${shape.dateFrom || shape.dateTo ? publicationJoin(t) : ''}
         WHERE ${t} MATCH ? ${bounded ? `AND ${t}.rowid < ?` : ''} ${dateConditions(shape)} LIMIT ?)`,
      );
      // FTS5 stops at a rowid bound only when it is bound as an integer; a JavaScript number is bound as
      // a real, which FTS5 ignores (SQLite then filters every row), so the bound goes in as a BigInt.
      const bound = bounded ? [BigInt(below)] : [];
      const row = count.get(match, ...bound, ...filters, cap - counted) as { n: number } | undefined;
      counted += Number(row?.n ?? 0);
    }
    return counted;
  }

  private hitsFor(ranked: readonly { id: number; score: number }[]): StoredHit[] {
    if (ranked.length === 0) return [];
    const rows = this.statement(
      `SELECT q.id AS questionId, q.publication_id AS publicationId, q.number AS number,
         q.position AS position, q.question AS question, q.answer AS answer, p.title AS title,
         p.kind AS kind, p.chamber AS chamber, p.session AS session, p.committee AS committee,
         p.date AS date
       FROM questions q JOIN publications p ON p.id = q.publication_id
       WHERE q.id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ranked.map((r) => r.id))) as Omit<StoredHit, 'score'>[];
    const byId = new Map(rows.map((r) => [r.questionId, r]));
    return ranked.flatMap((r) => {
      const row = byId.get(r.id);
      return row ? [{ ...row, score: r.score }] : [];
    });
  }

  /** Counts per facet value among the given question ids (the candidates of a search). */
  async facets(candidates: readonly number[], top = 20): Promise<FacetCounts> {
    this.freshen();
    this.facetCounter ??= new FacetCounter(sqliteFacetSource(this.raw));
    return this.facetCounter.count(candidates, top);
  }
}
