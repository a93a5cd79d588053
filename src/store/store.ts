// The store: the only place that talks SQL. Publications go in whole (one transaction each) as
// rows that can be queried plus the tree for rendering; the search index gets the analysed terms
// that src/search computes.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type InsertObject, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { Publication } from '../model/publication.js';
import type { Database } from './schema.js';
import { migrate, openSqlite } from './sqlite.js';

/** The analysed terms of one question, in the order of publication.sections[].questions[]. */
export interface QuestionTerms {
  qTerms: string;
  aTerms: string;
  qParts: string;
  aParts: string;
}

export type SaveOutcome = 'imported' | 'updated' | 'unchanged';

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

export const FACETS = ['chamber', 'session', 'committee', 'addressee', 'kind', 'dossier'] as const;
export type Facet = (typeof FACETS)[number];
export type FacetCounts = Record<Facet, { value: string; count: number }[]>;

// bm25 column weights: the question counts for more than the answer, a whole word for more than a part.
const BM25 = sql`bm25(question_index, 4.0, 1.0, 2.0, 0.5)`;

/** The tree is kept deflated: it repeats the text of the rows, and is only read to render. */
function packTree(pub: Publication): Buffer {
  return deflateRawSync(JSON.stringify(pub));
}

function unpackTree(tree: Uint8Array): Publication {
  return Publication.parse(JSON.parse(inflateRawSync(tree).toString('utf8')));
}

function mainDate(pub: Publication): string | null {
  return pub.dates.answered ?? pub.dates.received ?? pub.dates.adopted ?? pub.dates.sent ?? null;
}

export class Store {
  private constructor(
    readonly db: Kysely<Database>,
    private readonly close_: () => void,
  ) {}

  /** Opens (and creates) the SQLite database at `path` and brings its schema up to date. */
  static async open(path: string): Promise<Store> {
    const { db, raw } = openSqlite(path);
    const store = new Store(db, () => raw.close());
    await migrate(db);
    return store;
  }

  async migrate(): Promise<string[]> {
    return migrate(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
    this.close_();
  }

  /** Stores a publication whole, replacing an earlier version with the same id. */
  async savePublication(
    pub: Publication,
    source: { hash: string; file: string | null },
    terms: readonly QuestionTerms[] | null,
  ): Promise<SaveOutcome> {
    const id = pub.id;
    if (!id) throw new Error('a publication needs an official id to be stored');
    const questions = pub.sections.flatMap((s, sectionPosition) =>
      s.questions.map((q) => ({ q, sectionPosition })),
    );
    // terms === null stores the rows without search index entries (the import benchmark's baseline).
    if (terms && terms.length !== questions.length)
      throw new Error('one set of index terms per question is needed');
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('publications')
        .select(['source_hash', 'imported_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (existing?.source_hash === source.hash) return 'unchanged';
      const now = new Date().toISOString();
      if (existing) {
        await sql`DELETE FROM question_index WHERE rowid IN (SELECT id FROM questions WHERE publication_id = ${id})`.execute(
          trx,
        );
        await trx.deleteFrom('publications').where('id', '=', id).execute();
      }
      await trx
        .insertInto('publications')
        .values({
          id,
          kind: pub.kind,
          status: pub.status,
          chamber: pub.chamber,
          session: pub.session,
          session_start: pub.session ? Number(pub.session.slice(0, 4)) : null,
          number: pub.number,
          title: pub.title,
          document_type: pub.documentType,
          committee: pub.request.committee,
          answered_by: pub.request.answeredBy,
          scope: pub.request.scope,
          date_adopted: pub.dates.adopted,
          date_sent: pub.dates.sent,
          date_answered: pub.dates.answered,
          date_received: pub.dates.received,
          date_postponed: pub.dates.postponed,
          date: mainDate(pub),
          complete: pub.complete ? 1 : 0,
          question_count: questions.length,
          source_hash: source.hash,
          source_file: source.file,
          tree: packTree(pub),
          imported_at: existing?.imported_at ?? now,
          updated_at: now,
        })
        .execute();
      const rows = <T, R>(items: readonly T[], make: (item: T) => R) =>
        items.map((item, position) => ({ publication_id: id, position, ...make(item) }));
      const insert = async <K extends keyof Database & string>(
        table: K,
        values: readonly InsertObject<Database, K>[],
      ): Promise<void> => {
        // Chunks keep a statement under SQLite's limit on bound parameters.
        for (let i = 0; i < values.length; i += 500) {
          await trx
            .insertInto(table)
            .values(values.slice(i, i + 500))
            .execute();
        }
      };
      await insert(
        'publication_dossiers',
        rows(pub.dossiers, (d) => ({ dossier: d.number, title: d.title })),
      );
      await insert(
        'publication_addressees',
        rows(pub.request.addressees, (name) => ({ name })),
      );
      await insert(
        'publication_askers',
        rows(pub.request.askers, (a) => ({ name: a.name, party: a.party })),
      );
      await insert(
        'signatories',
        rows(pub.signatories, (s) => ({ role: s.role, name: s.name })),
      );
      await insert(
        'subject_documents',
        rows(pub.request.documents, (d) => ({
          description: d.description,
          date: d.date,
          reference_id: d.reference?.id ?? null,
        })),
      );
      await insert(
        'sections',
        rows(pub.sections, (s) => ({ title: s.title, party: s.party, no_questions: s.noQuestions ? 1 : 0 })),
      );
      await insert(
        'footnotes',
        pub.footnotes.map((f) => ({
          publication_id: id,
          number: f.number,
          text: f.text,
          question_number: f.question,
        })),
      );
      await insert(
        'refs',
        rows(pub.references, (r) => ({
          kind: r.kind,
          text: r.text,
          question_number: r.question,
          target_id: r.kind === 'kamerstuk' ? r.kamerstuk.id : null,
          url: r.kind === 'url' ? r.url : null,
          target_question: r.kind === 'question' ? r.target : null,
        })),
      );
      await insert(
        'amounts',
        rows(pub.amounts, (a) => ({ euros: a.euros, text: a.text, question_number: a.question })),
      );
      await insert(
        'warnings',
        rows(pub.warnings, (w) => ({ line: w.line, message: w.message, text: w.text })),
      );
      for (let i = 0; i < questions.length; i++) {
        const { q, sectionPosition } = questions[i]!;
        const t = terms?.[i];
        const inserted = await trx
          .insertInto('questions')
          .values({
            publication_id: id,
            position: i,
            section_position: sectionPosition,
            number: q.number,
            label: q.label,
            question: q.question,
            answer: q.answer,
            answer_label: q.answerLabel,
            incomplete: q.incomplete ? 1 : 0,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (!t) continue;
        await sql`INSERT INTO question_index (rowid, q_terms, a_terms, q_parts, a_parts)
          VALUES (${inserted.id}, ${t.qTerms}, ${t.aTerms}, ${t.qParts}, ${t.aParts})`.execute(trx);
      }
      return existing ? 'updated' : 'imported';
    });
  }

  async getPublication(id: string): Promise<Publication | null> {
    const row = await this.db
      .selectFrom('publications')
      .select('tree')
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? unpackTree(row.tree) : null;
  }

  async hasPublication(id: string): Promise<boolean> {
    const row = await this.db.selectFrom('publications').select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }

  /** Every publication's tree, in id order, a page at a time (so memory stays flat). */
  async *allPublications(pageSize = 200): AsyncGenerator<Publication> {
    let after = '';
    for (;;) {
      const page = await this.db
        .selectFrom('publications')
        .select(['id', 'tree'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(pageSize)
        .execute();
      for (const row of page) yield unpackTree(row.tree);
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.id;
    }
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

  /** How many indexed questions hold each term (document frequency), and the total. */
  async termFrequencies(terms: readonly string[]): Promise<{ total: number; df: Map<string, number> }> {
    const df = new Map<string, number>();
    if (terms.length > 0) {
      const rows = await sql<{
        term: string;
        doc: number;
      }>`SELECT term, doc FROM question_vocab WHERE term IN (${sql.join([...new Set(terms)])})`.execute(
        this.db,
      );
      for (const r of rows.rows) df.set(r.term, r.doc);
    }
    const { questions } = await this.counts();
    return { total: questions, df };
  }

  private matching(match: string, filters: SearchFilters) {
    let q = this.db
      .selectFrom(
        sql<{
          rowid: number;
          score: number;
        }>`(SELECT rowid, ${BM25} AS score FROM question_index WHERE question_index MATCH ${match})`.as(
          'hit',
        ),
      )
      .innerJoin('questions as q', 'q.id', 'hit.rowid')
      .innerJoin('publications as p', 'p.id', 'q.publication_id')
      // Only what is published is searched; drafts are for the people working on them.
      .where('p.status', '=', 'published');
    if (filters.chamber) q = q.where('p.chamber', '=', filters.chamber);
    if (filters.kind) q = q.where('p.kind', '=', filters.kind);
    if (filters.committee) q = q.where('p.committee', '=', filters.committee);
    if (filters.sessionFrom !== undefined) q = q.where('p.session_start', '>=', filters.sessionFrom);
    if (filters.sessionTo !== undefined) q = q.where('p.session_start', '<=', filters.sessionTo);
    if (filters.dateFrom) q = q.where('p.date', '>=', filters.dateFrom);
    if (filters.dateTo) q = q.where('p.date', '<=', filters.dateTo);
    const addressee = filters.addressee;
    if (addressee) {
      q = q.where((e) =>
        e.exists(
          e
            .selectFrom('publication_addressees as a')
            .select('a.publication_id')
            .whereRef('a.publication_id', '=', 'p.id')
            .where('a.name', '=', addressee),
        ),
      );
    }
    const dossier = filters.dossier;
    if (dossier) {
      q = q.where((e) =>
        e.exists(
          e
            .selectFrom('publication_dossiers as d')
            .select('d.publication_id')
            .whereRef('d.publication_id', '=', 'p.id')
            .where('d.dossier', '=', dossier),
        ),
      );
    }
    return q;
  }

  /** Questions matching an FTS5 expression (built by src/search/query.ts), best first. */
  async search(
    match: string,
    filters: SearchFilters,
    page: { limit: number; offset: number; sort: 'relevance' | 'date' },
    exclude: readonly number[] = [],
  ): Promise<StoredHit[]> {
    let q = this.matching(match, filters);
    if (exclude.length > 0) q = q.where('q.id', 'not in', exclude);
    const ordered =
      page.sort === 'date'
        ? q.orderBy('p.date', 'desc').orderBy('hit.score')
        : q.orderBy('hit.score').orderBy('p.date', 'desc');
    const rows = await ordered
      .select([
        'q.id as questionId',
        'q.publication_id as publicationId',
        'q.number as number',
        'q.position as position',
        'q.question as question',
        'q.answer as answer',
        'hit.score as score',
        'p.title as title',
        'p.kind as kind',
        'p.chamber as chamber',
        'p.session as session',
        'p.committee as committee',
        'p.date as date',
      ])
      .orderBy('q.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows;
  }

  async count(match: string, filters: SearchFilters): Promise<number> {
    const row = await this.matching(match, filters)
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Counts per facet value among the matching questions. */
  async facets(match: string, filters: SearchFilters, top = 20): Promise<FacetCounts> {
    const count = async (
      build: (
        q: ReturnType<Store['matching']>,
      ) => SelectQueryBuilder<Database, never, { value: string | null; count: number }>,
    ) => {
      const rows = await build(this.matching(match, filters)).execute();
      return rows
        .filter((r) => r.value !== null)
        .map((r) => ({ value: String(r.value), count: Number(r.count) }));
    };
    const simple = (column: 'p.chamber' | 'p.session' | 'p.committee' | 'p.kind') =>
      count(
        (q) =>
          q
            .select([`${column} as value`, (e) => e.fn.countAll<number>().as('count')])
            .groupBy(column)
            .orderBy('count', 'desc')
            .limit(top) as unknown as SelectQueryBuilder<
            Database,
            never,
            { value: string | null; count: number }
          >,
      );
    const [chamber, session, committee, kind] = await Promise.all([
      simple('p.chamber'),
      simple('p.session'),
      simple('p.committee'),
      simple('p.kind'),
    ]);
    const addressee = await count(
      (q) =>
        q
          .innerJoin('publication_addressees as a', 'a.publication_id', 'p.id')
          .select(['a.name as value', (e) => e.fn.countAll<number>().as('count')])
          .groupBy('a.name')
          .orderBy('count', 'desc')
          .limit(top) as unknown as SelectQueryBuilder<
          Database,
          never,
          { value: string | null; count: number }
        >,
    );
    const dossier = await count(
      (q) =>
        q
          .innerJoin('publication_dossiers as d', 'd.publication_id', 'p.id')
          .select(['d.dossier as value', (e) => e.fn.countAll<number>().as('count')])
          .groupBy('d.dossier')
          .orderBy('count', 'desc')
          .limit(top) as unknown as SelectQueryBuilder<
          Database,
          never,
          { value: string | null; count: number }
        >,
    );
    return { chamber, session, committee, addressee, kind, dossier };
  }
}
