// The archive: publications stored whole, as rows that can be queried plus the tree for rendering, and
// searched. What is the same on every database is here, in Kysely; each database's writer and search
// index are in its own file (sqlite-archive.ts, postgres-archive.ts).
import { inflateRawSync } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import { Publication } from '../model/publication.js';
import type { FacetCounts } from './facet-counts.js';
import type { Database } from './schema.js';
import type { QuestionTerms, SaveOutcome } from './sqlite-writer.js';
import type { Phrase } from './term-vectors.js';

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

export interface StoreOptions {
  /** How many of the newest matches a search ranks exactly by bm25 (default 1 000). */
  candidates?: number;
  /** Counting matches stops here (default 10 000, as Elasticsearch tracks total hits). */
  countCap?: number;
  /** Questions per index shard, for a new database (default 100 000); an existing one keeps its own. */
  shardSize?: number;
  /** Memory for term vectors already read (default 128 MiB: some 200 000 questions; 0 for none). */
  vectorCacheBytes?: number;
  /** Memory for term bitmaps of terms searched for often (SQLite; default 64 MiB; 0 for none). */
  bitmapCacheBytes?: number;
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
export function visibleSql(visibleTo: readonly number[]) {
  const ids = visibleTo.filter((o) => Number.isSafeInteger(o));
  return ids.length === 0
    ? sql<boolean>`p.status = 'published'`
    : sql<boolean>`(p.status = 'published' OR EXISTS (SELECT 1 FROM publication_access a
        WHERE a.publication_id = p.id AND a.organisation_id IN (${sql.join(ids)})))`;
}

/** The tree is stored deflated (see sqlite-writer.ts). */
export function unpackTree(tree: Uint8Array): Publication {
  return Publication.parse(JSON.parse(inflateRawSync(tree).toString('utf8')));
}

export abstract class Archive {
  constructor(protected readonly db: Kysely<Database>) {}

  /** Stores a publication whole (one transaction), replacing an earlier version with the same id. */
  abstract savePublication(
    pub: Publication,
    source: { hash: string; file: string | null },
    terms: readonly QuestionTerms[] | null,
    access?: readonly number[],
  ): Promise<SaveOutcome>;

  /** How many indexed questions hold each term (document frequency), and the total. */
  abstract termFrequencies(terms: readonly string[]): Promise<{ total: number; df: Map<string, number> }>;

  abstract search(request: SearchRequest): Promise<SearchPage>;

  abstract facets(candidates: readonly number[], top?: number): Promise<FacetCounts>;

  /** Brings the search index into its fastest shape; returns what it worked on. */
  abstract optimizeIndex(onShard?: (k: number) => void): Promise<number[]>;

  /** Bytes of term bitmaps kept in memory (SQLite's; PostgreSQL keeps none). */
  bitmapBytes(): number {
    return 0;
  }

  abstract close(): Promise<void>;

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
    const rows = await sql<{ id: string }>`SELECT id FROM publications
      WHERE substr(id, 1, length(${prefix})) = ${prefix}`.execute(this.db);
    return rows.rows.map((r) => r.id);
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
}
