// The store: the only place that talks SQL. Publications go in whole (one transaction each) as
// rows that can be queried plus the tree for rendering; the search index gets the analysed terms
// that src/search computes.
import { inflateRawSync } from 'node:zlib';
import type SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { type AuditEntry, type AuditQuery, type AuditRecord, appendAudit, listAudit } from '../audit/log.js';
import { Publication } from '../model/publication.js';
import { AccountStore } from './accounts.js';
import { FacetCounter, type FacetCounts } from './facet-counts.js';
import { filterToken } from './filter-terms.js';
import { listShards, optimizeShard, shardSize, shardTable, vocabTable } from './index-shards.js';
import { NotificationStore } from './notifications.js';
import type { Database } from './schema.js';
import { migrate, openSqlite } from './sqlite.js';
import { createWriter, type QuestionTerms, type SaveOutcome } from './sqlite-writer.js';
import { createScorer, type Phrase, type RankStats, VectorCache, vectorSize } from './term-vectors.js';
import { WorkflowStore } from './workflow.js';

export type { QuestionTerms, SaveOutcome } from './sqlite-writer.js';

export interface SearchRequest {
  /** FTS5 expression over analysed terms and filter tokens. */
  match: string;
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
  limit: number;
  offset: number;
  sort: 'relevance' | 'date';
  exclude?: readonly number[];
  /**
   * The query's terms and phrases, for ranking from term vectors (see term-vectors.ts); without them,
   * or in an archive whose questions have no vectors, FTS5's bm25() ranks.
   */
  phrases?: readonly Phrase[];
  /** Organisations whose drafts may be found too (the embargo); none by default. */
  visibleTo?: readonly number[];
}

export interface SearchPage {
  hits: StoredHit[];
  /** Matching questions; a lower bound when `totalExact` is false (counting stops at `countCap`). */
  total: number;
  totalExact: boolean;
  /** False when more matched than were ranked: the newest `candidates` were ranked. */
  exhaustive: boolean;
  /** The ids of every ranked match (the newest, up to the candidate cap), for facet counts. */
  candidates: number[];
}

interface DateRange {
  from?: string | undefined;
  to?: string | undefined;
}

export interface StoreOptions {
  /** How many of the newest matches a search ranks exactly by bm25 (default 1 000). */
  candidates?: number;
  /** Counting matches stops here (default 10 000, as Elasticsearch tracks total hits). */
  countCap?: number;
  /** Questions per index shard, for a new database (default 100 000); an existing one keeps its own. */
  shardSize?: number;
  /** Memory for term vectors already read (default 128 MiB: some 200 000 questions; 0 for none). */
  vectorCacheBytes?: number;
}

const DEFAULT_VECTOR_CACHE_BYTES = 128 * 1024 * 1024;

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

export interface StoredHit {
  questionId: number;
  publicationId: string;
  number: number | null;
  position: number;
  question: string;
  answer: string | null;
  score: number;
  title: string | null;
  kind: string;
  chamber: string | null;
  session: string | null;
  committee: string | null;
  date: string | null;
}

export interface PublicationQuery {
  limit: number;
  offset: number;
  ids?: readonly string[] | undefined;
  /** Organisations whose drafts are shown too. */
  visibleTo?: readonly number[] | undefined;
  kind?: string | undefined;
  chamber?: string | undefined;
  session?: string | undefined;
  committee?: string | undefined;
  /** As stored: the official style, '36 360 VI'. */
  dossier?: string | undefined;
}

export interface PublicationSummary {
  id: string;
  title: string | null;
  kind: string;
  chamber: string | null;
  session: string | null;
  committee: string | null;
  date: string | null;
  questions: number;
  complete: boolean;
}

export { FACETS, type Facet, type FacetCounts } from './facet-counts.js';

/** Published, or a draft one of these organisations may see: the embargo as an SQL condition on `p`. */
function visibleSql(visibleTo: readonly number[]) {
  const ids = visibleTo.filter((o) => Number.isSafeInteger(o));
  return ids.length === 0
    ? sql<boolean>`p.status = 'published'`
    : sql<boolean>`(p.status = 'published' OR EXISTS (SELECT 1 FROM publication_access a
        WHERE a.publication_id = p.id AND a.organisation_id IN (${sql.join(ids)})))`;
}

/** The tree is stored deflated (see sqlite-writer.ts). */
function unpackTree(tree: Uint8Array): Publication {
  return Publication.parse(JSON.parse(inflateRawSync(tree).toString('utf8')));
}

export class Store {
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
  /** Prepared statements by their SQL (see statement()). */
  private readonly statements = new Map<string, SQLite.Statement>();

  private constructor(
    readonly db: Kysely<Database>,
    private readonly raw: SQLite.Database,
    options: StoreOptions,
  ) {
    this.candidates = options.candidates ?? 1000;
    this.countCap = options.countCap ?? 10_000;
    this.shardSize = shardSize(raw, options.shardSize);
    this.vectorCache = new VectorCache(options.vectorCacheBytes ?? DEFAULT_VECTOR_CACHE_BYTES);
  }

  /** Opens (and creates) the SQLite database at `path` and brings its schema up to date. */
  static async open(path: string, options: StoreOptions = {}): Promise<Store> {
    const { db, raw } = openSqlite(path);
    await migrate(db);
    return new Store(db, raw, options);
  }

  private accountStore: AccountStore | null = null;
  private workflowStore: WorkflowStore | null = null;

  /** Question lists, their questions, answers and answer versions (src/workflow). */
  get workflow(): WorkflowStore {
    this.workflowStore ??= new WorkflowStore(this.raw);
    return this.workflowStore;
  }

  private notificationStore: NotificationStore | null = null;

  /** Notifications in the app and their mail queue, preferences, digests (src/notify). */
  get notifications(): NotificationStore {
    this.notificationStore ??= new NotificationStore(this.raw);
    return this.notificationStore;
  }

  /** Organisations, users, sessions and tokens. */
  get accounts(): AccountStore {
    this.accountStore ??= new AccountStore(this.raw);
    return this.accountStore;
  }

  /** Appends to the audit log (append-only, hash-chained: src/audit/log.ts). */
  audit(entry: AuditEntry): AuditRecord {
    return appendAudit(this.raw, entry);
  }

  auditEntries(query: AuditQuery): AuditRecord[] {
    return listAudit(this.raw, query);
  }

  /** Merges every index shard's segments (see optimizeShard); returns the shards merged, oldest first. */
  optimizeIndex(onShard: (k: number) => void = () => {}): number[] {
    const shards = listShards(this.raw).reverse();
    for (const k of shards) {
      optimizeShard(this.raw, k);
      onShard(k);
    }
    return shards;
  }

  async migrate(): Promise<string[]> {
    return migrate(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
    this.raw.close();
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
    const outcome = this.writer.save(pub, source, terms, access);
    if (outcome !== 'unchanged') this.forget();
    return outcome;
  }

  /** Drops what is cached from the database: counts, shards, facet values. */
  private forget(): void {
    this.dfCache.clear();
    this.totalQuestions = null;
    this.shards = null;
    this.facetCounter?.clear();
    this.indexTotals = null;
    this.vectorCache.clear();
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

  async getPublication(id: string): Promise<Publication | null> {
    const row = await this.db
      .selectFrom('publications')
      .select('tree')
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? unpackTree(row.tree) : null;
  }

  /** Every published publication's tree (drafts too if asked), in id order, a page at a time. */
  async *allPublications(options: { drafts?: boolean; pageSize?: number } = {}): AsyncGenerator<Publication> {
    const pageSize = options.pageSize ?? 200;
    let after = '';
    for (;;) {
      let query = this.db.selectFrom('publications').select(['id', 'tree']).where('id', '>', after);
      // Drafts are under embargo: only asked for by name.
      if (!options.drafts) query = query.where('status', '=', 'published');
      const page = await query.orderBy('id').limit(pageSize).execute();
      for (const row of page) yield unpackTree(row.tree);
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.id;
    }
  }

  /**
   * Publications, newest first (then by id), a page at a time, with optional filters: the published
   * ones, and the drafts of the organisations in `visibleTo` (the embargo).
   */
  async listPublications(query: PublicationQuery): Promise<{ total: number; items: PublicationSummary[] }> {
    let base = this.db.selectFrom('publications as p').where(visibleSql(query.visibleTo ?? []));
    if (query.ids) base = base.where('p.id', 'in', query.ids.length > 0 ? [...query.ids] : ['']);
    if (query.kind) base = base.where('p.kind', '=', query.kind);
    if (query.chamber) base = base.where('p.chamber', '=', query.chamber);
    if (query.session) base = base.where('p.session', '=', query.session);
    if (query.committee) base = base.where('p.committee', '=', query.committee);
    if (query.dossier) {
      const dossier = query.dossier;
      base = base.where((e) =>
        e.exists(
          e
            .selectFrom('publication_dossiers as d')
            .select('d.publication_id')
            .whereRef('d.publication_id', '=', 'p.id')
            .where('d.dossier', '=', dossier),
        ),
      );
    }
    const total = await base.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await base
      .select([
        'p.id as id',
        'p.title as title',
        'p.kind as kind',
        'p.chamber as chamber',
        'p.session as session',
        'p.committee as committee',
        'p.date as date',
        'p.question_count as questions',
        'p.complete as complete',
      ])
      .orderBy('p.date', 'desc')
      .orderBy('p.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return {
      total: Number(total?.n ?? 0),
      items: rows.map((r) => ({ ...r, questions: Number(r.questions), complete: Boolean(r.complete) })),
    };
  }

  /**
   * A publication's tree with what identifies its version (for ETags), when it is published or a draft
   * of one of the organisations in `visibleTo`; null otherwise, the same as for an id that does not exist.
   */
  async getPublished(
    id: string,
    visibleTo: readonly number[] = [],
  ): Promise<{ publication: Publication; version: string; embargoed: boolean } | null> {
    const row = await this.db
      .selectFrom('publications as p')
      .select(['p.tree', 'p.source_hash', 'p.updated_at', 'p.status'])
      .where('p.id', '=', id)
      .where(visibleSql(visibleTo))
      .executeTakeFirst();
    return row
      ? {
          publication: unpackTree(row.tree),
          version: `${row.source_hash.slice(0, 16)}-${row.updated_at}`,
          embargoed: row.status !== 'published',
        }
      : null;
  }

  /** The ids that start with `prefix` (drafts too): a dossier's numbers taken. */
  async idsWithPrefix(prefix: string): Promise<string[]> {
    const rows = this.raw
      .prepare('SELECT id FROM publications WHERE substr(id, 1, length(?)) = ?')
      .all(prefix, prefix) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Which of these publication ids are in the archive and published. */
  async publishedIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('publications')
      .select('id')
      .where('id', 'in', [...new Set(ids)])
      .where('status', '=', 'published')
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /** Whether the database answers (for readiness checks). */
  async ping(): Promise<boolean> {
    const row = await sql<{ ok: number }>`SELECT 1 AS ok`.execute(this.db);
    return row.rows[0]?.ok === 1;
  }

  async counts(): Promise<{ publications: number; questions: number }> {
    const p = await this.db
      .selectFrom('publications')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    const q = await this.db
      .selectFrom('questions')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return { publications: Number(p?.n ?? 0), questions: Number(q?.n ?? 0) };
  }

  /** The stored question `number` of publication `id` (the first, if numbers repeat). */
  async question(
    id: string,
    number: number,
  ): Promise<{ questionId: number; question: string; answer: string | null } | null> {
    const row = await this.db
      .selectFrom('questions')
      .select(['id', 'question', 'answer'])
      .where('publication_id', '=', id)
      .where('number', '=', number)
      .orderBy('position')
      .executeTakeFirst();
    return row ? { questionId: row.id, question: row.question, answer: row.answer } : null;
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
   * terms), best first. FTS5 walks a doclist backwards cheaply, so the shards are searched from the
   * newest, taking the newest matches until `candidates` are found; bm25 is computed for those
   * only, within their shard, and the best are merged. When fewer match, ranking is exhaustive.
   */
  async search(request: SearchRequest): Promise<SearchPage> {
    this.freshen();
    const match = this.published(request.match, request.visibleTo ?? []);
    const keep = request.offset + request.limit;
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
    // The parameters after MATCH, in the order the statements name them.
    const filters: (string | number)[] = [];
    if (request.dateFrom) filters.push(request.dateFrom);
    if (request.dateTo) filters.push(request.dateTo);
    if (shape.exclude) filters.push(JSON.stringify(request.exclude));
    const best: { id: number; score: number; date: string | null }[] = [];
    let need = this.candidates;
    let seen = 0;
    let exhaustive = true;
    // Where counting goes on when not every match was ranked: shards before it were counted whole.
    let countFrom = shards.length;
    let countedBefore = 0;
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
        countedBefore = seen;
        seen += need;
        exhaustive = false;
        break;
      }
      seen += n;
      need -= n;
      searched += questions;
    }
    const candidates = best.map((b) => b.id);
    if (phrases) await this.scoreByVectors(best, phrases);
    best.sort(
      request.sort === 'date'
        ? (a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.score - b.score || b.id - a.id
        : (a, b) => a.score - b.score || b.id - a.id,
    );
    const page = best.slice(request.offset, keep);
    let total = seen;
    let totalExact = exhaustive;
    if (!exhaustive) {
      const counted = this.countMatches(
        match,
        { from: request.dateFrom, to: request.dateTo },
        this.countCap + 1,
        shards.slice(countFrom),
        countedBefore,
      );
      total = Math.min(counted, this.countCap);
      totalExact = counted <= this.countCap;
    }
    return { hits: this.hitsFor(page), total, totalExact, exhaustive, candidates };
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

  /** Matches counted on from `counted` over `shards`, stopping at `cap`. */
  private countMatches(
    match: string,
    dates: DateRange,
    cap: number,
    shards: readonly number[],
    counted: number,
  ): number {
    const shape = { dateFrom: Boolean(dates.from), dateTo: Boolean(dates.to) };
    const filters = [dates.from, dates.to].filter((d): d is string => Boolean(d));
    for (const k of shards) {
      if (counted >= cap) break;
      const t = shardTable(k);
      const count = this.statement(
        `SELECT count(*) AS n FROM (SELECT ${t}.rowid FROM ${t}
         ${shape.dateFrom || shape.dateTo ? publicationJoin(t) : ''}
         WHERE ${t} MATCH ? ${dateConditions(shape)} LIMIT ?)`,
      );
      const row = count.get(match, ...filters, cap - counted) as { n: number } | undefined;
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
    this.facetCounter ??= new FacetCounter(this.raw);
    return this.facetCounter.count(candidates, top);
  }
}
