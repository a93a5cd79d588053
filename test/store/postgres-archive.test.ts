// The archive on PostgreSQL gives what the archive on SQLite gives: the same publications imported into
// both (the real fixtures, a few hundred generated ones, a draft under embargo, updates), then the same
// searches through src/search (the function the API uses) must give the same hits in the same order with
// the same scores, totals and facets; the rows written are the same; saves are idempotent and safe
// when many run at once.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { ensureCorpus } from '../../bench/generate-corpus.js';
import type { Publication } from '../../src/model/publication.js';
import { readPublication } from '../../src/read/index.js';
import { createAnalyzer } from '../../src/search/analysis.js';
import { indexTerms } from '../../src/search/index-terms.js';
import { type SearchOptions, type SearchResponse, search, similar } from '../../src/search/search.js';
import { filterToken } from '../../src/store/filter-terms.js';
import { matchBounds, matchPhrases, parseMatch } from '../../src/store/fts5-expression.js';
import * as termCountsMigration from '../../src/store/migrations/postgres/002-term-counts.js';
import * as indexPartitionsMigration from '../../src/store/migrations/postgres/003-index-partitions.js';
import { matchToTsquery, quoteLexeme, translateMatch, tsvectorText } from '../../src/store/postgres-query.js';
import { type SearchPage, type SearchRequest, Store } from '../../src/store/store.js';
import { freshPostgres, postgresSkip } from '../helpers/postgres.js';
import { fixtureNames, fixtureText, words } from '../helpers/read.js';

const analyzer = createAnalyzer(words);
// This file compares both databases itself: the second pass of run-tests.mjs (everything on PostgreSQL)
// would only run it again.
const skip =
  process.env.VRAAGBAAK_TEST_DB === 'postgres'
    ? 'compares SQLite with PostgreSQL in the first pass'
    : await postgresSkip();

/** An SQLite file, whatever the pass (test/helpers/archive.ts gives PostgreSQL in the PostgreSQL pass). */
const sqlitePath = () => join(mkdtempSync(join(tmpdir(), 'vraagbaak-db-')), 'archive.db');

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/** Scores equal within 1e-9 relative. */
function closeTo(a: number, b: number, what: string): void {
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)), `${what}: ${a} ≠ ${b}`);
}

/** Two search responses alike: everything equal, scores within tolerance. */
function sameResponse(a: SearchResponse, b: SearchResponse, what: string): void {
  const strip = (r: SearchResponse) => ({ ...r, results: r.results.map((x) => ({ ...x, score: 0 })) });
  assert.deepEqual(strip(b), strip(a), what);
  for (const [i, x] of a.results.entries()) closeTo(x.score, b.results[i]!.score, what);
}

/** Two store pages alike: the same hits in the same order, scores within tolerance, the same counts. */
function samePage(a: SearchPage, b: SearchPage, what: string): void {
  const strip = (p: SearchPage) => ({ ...p, hits: p.hits.map((h) => ({ ...h, score: 0 })) });
  assert.deepEqual(strip(b), strip(a), what);
  for (const [i, h] of a.hits.entries()) closeTo(h.score, b.hits[i]!.score, what);
}

/** A small deterministic random source (the expressions below must be the same every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('PostgreSQL archive gives what the SQLite archive gives', { skip }, () => {
  const corpusDir = mkdtempSync(join(tmpdir(), 'vraagbaak-pg-corpus-'));
  let pg: { url: string; drop: () => Promise<void> } | null = null;
  let lite: Store;
  let post: Store;
  // The same archives with small caps: few candidates, an early end to counting.
  let liteCapped: Store;
  let postCapped: Store;
  let organisation = 0;
  const publications: Publication[] = [];

  before(async () => {
    pg = await freshPostgres();
    const path = sqlitePath();
    lite = await Store.open(path);
    post = await Store.open(pg.url);
    const now = new Date().toISOString();
    for (const store of [lite, post]) {
      for (const name of ['Ministerie van BZK', 'Ministerie van EZK']) {
        const row = await store.db
          .insertInto('organisations')
          .values({ name, side: 'government', kind: 'ministry', parent_id: null, created_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        organisation ||= row.id;
      }
    }
    const sources: { text: string; name: string }[] = fixtureNames().map((name) => ({
      text: fixtureText(name),
      name,
    }));
    // A few hundred generated publications (about 8 000 questions): enough that common words match more
    // than the thousand candidates ranked.
    const corpus = ensureCorpus({ dir: corpusDir, questions: 8000, seed: 11 });
    for (const f of corpus.manifest.files) {
      sources.push({ text: readFileSync(join(corpus.dir, f.name), 'utf8'), name: f.name });
    }
    const saveBoth = async (pub: Publication, key: string, access: readonly number[] = []) => {
      const terms = indexTerms(pub, analyzer, access);
      const a = await lite.savePublication(pub, { hash: key, file: null }, terms, access);
      const b = await post.savePublication(pub, { hash: key, file: null }, terms, access);
      assert.equal(b, a, pub.id ?? '');
      return a;
    };
    for (const { text, name } of sources) {
      const pub = readPublication(text, { fileName: name, words });
      publications.push(pub);
      assert.equal(await saveBoth(pub, hash(text)), 'imported');
    }
    // A draft that only the first organisation may see, with a word nothing else holds.
    const draft = structuredClone(publications[0]!);
    draft.id = 'kst-99999-1';
    draft.status = 'draft';
    draft.sections[0]!.questions[0]!.question = 'Hoeveel datacenters staan er in de zeppelinhangaar?';
    assert.equal(await saveBoth(draft, 'draft', [organisation]), 'imported');
    // Updates: one in the middle (its questions get new ids) and the newest (whose ids are given again).
    for (const pub of [publications[20]!, publications[publications.length - 1]!]) {
      const changed = structuredClone(pub);
      changed.sections.at(-1)!.questions.at(-1)!.answer = 'Een ander antwoord over zeilboten en datacenters.';
      assert.equal(await saveBoth(changed, `changed ${pub.id}`), 'updated');
    }
    // After a large import, as `vraagbaak db optimize` would (and autovacuum soon does): statistics, so
    // that the planner uses the GIN index.
    await post.optimizeIndex();
    liteCapped = await Store.open(path, { candidates: 25, countCap: 60 });
    postCapped = await Store.open(pg.url, { candidates: 25, countCap: 60 });
  });

  after(async () => {
    for (const store of [lite, post, liteCapped, postCapped]) await store?.close();
    await pg?.drop();
    rmSync(corpusDir, { recursive: true, force: true });
  });

  test('the same rows in every table, the same question ids, the same term vectors', async () => {
    const tables: Record<string, string[]> = {
      publications: ['id'],
      publication_dossiers: ['publication_id', 'position'],
      publication_addressees: ['publication_id', 'position'],
      publication_askers: ['publication_id', 'position'],
      signatories: ['publication_id', 'position'],
      subject_documents: ['publication_id', 'position'],
      sections: ['publication_id', 'position'],
      questions: ['id'],
      footnotes: ['publication_id', 'number'],
      refs: ['publication_id', 'position'],
      amounts: ['publication_id', 'position'],
      warnings: ['publication_id', 'position'],
      publication_access: ['publication_id', 'organisation_id'],
      question_vectors: ['id'],
    };
    for (const [table, key] of Object.entries(tables)) {
      const rows = async (store: Store) => {
        const result = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(
          store.db,
        );
        const keyOf = (r: Record<string, unknown>) =>
          key.map((k) => String(r[k]).padStart(12, '0')).join('\0');
        return result.rows
          .map(({ imported_at: _i, updated_at: _u, ...r }) => r)
          .sort((x, y) => (keyOf(x) < keyOf(y) ? -1 : keyOf(x) > keyOf(y) ? 1 : 0));
      };
      const a = await rows(lite);
      assert.ok(a.length > 0, table);
      assert.deepEqual(await rows(post), a, table);
    }
    const settings = async (store: Store) =>
      (
        await sql<{ key: string; value: string }>`SELECT key, value FROM settings
          WHERE key IN ('ranking', 'index_questions', 'index_tokens') ORDER BY key`.execute(store.db)
      ).rows;
    // SQLite's totals may read '8059.0' (a sum of JS numbers): the numbers must be equal.
    const values = (rows: { key: string; value: string }[]) =>
      rows.map((r) => [r.key, Number(r.value) || r.value]);
    assert.deepEqual(values(await settings(post)), values(await settings(lite)));
    assert.deepEqual(await post.counts(), await lite.counts());
  });

  test('document frequencies are the same, after updates too, filter tokens included', async () => {
    const terms = [
      'datacenter',
      'zeilbot',
      'zeppelinhangar',
      'minister',
      'de',
      'atkm',
      'nederland',
      'kabinet',
      filterToken.status('draft'),
      filterToken.status('published'),
      filterToken.chamber('tweede-kamer'),
      filterToken.chamber('eerste-kamer'),
      filterToken.kind('question-list'),
      filterToken.organisation(organisation),
      'bestaatniet',
    ];
    const a = await lite.termFrequencies(terms);
    const b = await post.termFrequencies(terms);
    assert.deepEqual(b, a);
    assert.ok((a.df.get('datacenter') ?? 0) > 0);
  });

  test('the term counts the writer keeps, after updates, equal a count of the whole index', async () => {
    const kept = async () =>
      (
        await sql<{ term: string; questions: string }>`SELECT term, questions FROM term_counts
          WHERE questions > 0 ORDER BY term`.execute(post.db)
      ).rows.map((r) => [r.term, Number(r.questions)]);
    const before = await kept();
    assert.ok(before.length > 1000, `${before.length} terms counted`);
    // Counted again from the tsvectors, as the migration counts an archive stored before it.
    await post.db.transaction().execute(async (trx) => {
      await sql`DROP TABLE term_counts`.execute(trx);
      await termCountsMigration.up(trx as unknown as Kysely<unknown>);
    });
    assert.deepEqual(await kept(), before);
  });

  test('the index partitions: one per 100 000 ids, and an archive indexed in one table is moved into them whole', async () => {
    const rows = async () =>
      (
        await sql<{ id: string; terms: string }>`SELECT id, terms::text AS terms FROM question_index
          ORDER BY id`.execute(post.db)
      ).rows.map((r) => `${r.id} ${hash(r.terms)}`);
    const partitions = async () =>
      (
        await sql<{ name: string; bound: string }>`SELECT c.relname AS name,
            pg_get_expr(c.relpartbound, c.oid) AS bound
          FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = 'question_index'::regclass ORDER BY c.relname`.execute(post.db)
      ).rows;
    const before = await rows();
    assert.ok(before.length > 100, `${before.length} questions indexed`);
    // Fewer than 100 000 questions: all in the first partition.
    assert.deepEqual(await partitions(), [
      { name: 'question_index_p0', bound: "FOR VALUES FROM ('1') TO ('100001')" },
    ]);
    // The archive as migration 002 left it: one table with one GIN index.
    await post.db.transaction().execute(async (trx) => {
      await sql`CREATE TABLE question_index_old AS SELECT id, terms FROM question_index`.execute(trx);
      await sql`DROP TABLE question_index`.execute(trx);
      await sql`ALTER TABLE question_index_old RENAME TO question_index`.execute(trx);
      await sql`ALTER TABLE question_index ADD PRIMARY KEY (id)`.execute(trx);
      await sql`CREATE INDEX question_index_terms ON question_index USING GIN (terms)`.execute(trx);
      await indexPartitionsMigration.up(trx as unknown as Kysely<unknown>);
    });
    assert.deepEqual(await rows(), before);
    assert.equal((await partitions()).length, 1);
    // A question cannot be indexed outside the partitions (ids are given by the writer, which makes them).
    await assert.rejects(
      sql`INSERT INTO question_index (id, terms) VALUES (100001, 'x')`.execute(post.db),
      /no partition|violates foreign key/,
    );
  });

  test('the judged relevance queries give the same results', async () => {
    const judged = JSON.parse(
      readFileSync(new URL('../relevance/queries.json', import.meta.url), 'utf8'),
    ) as { query: string }[];
    assert.ok(judged.length > 10);
    for (const { query } of judged) {
      for (const options of [{ facets: true }, { facets: true, limit: 50 }] as SearchOptions[]) {
        sameResponse(
          await search(lite, analyzer, query, options),
          await search(post, analyzer, query, options),
          query,
        );
      }
    }
  });

  test('phrases, exclusions, OR, filters, dates, order by date, pages and the embargo give the same', async () => {
    const base = await search(lite, analyzer, 'minister', { facets: true });
    const committee = base.facets!.committee[1]?.value ?? base.facets!.committee[0]!.value;
    const dossier = base.facets!.dossier[2]!.value;
    const queries = [
      'datacenters',
      'minister',
      'kabinet maatregelen',
      '"digitale infrastructuur"',
      '"de minister"',
      'datacenters -AI',
      'minister -"de minister"',
      'budget OR middelen',
      'vragen OR cijfers OR minister',
      'IV-systemen',
      'R&D',
      'de',
      'zeppelinhangaar',
      'zeilboten',
      'zeilboten datacenters',
      'watergebruik datacenters zeppelinhangaar',
      'xkindquestionlist',
      '"xstatusdraft"',
      'algoritmeregister',
      '"onbekende woorden hier"',
    ];
    const variants: SearchOptions[] = [
      { facets: true },
      { sort: 'date', limit: 20 },
      { offset: 10, limit: 5 },
      { offset: 990, limit: 20 },
      { filters: { chamber: 'tweede-kamer' }, facets: true },
      { filters: { chamber: 'eerste-kamer' } },
      { filters: { kind: 'question-list' } },
      { filters: { kind: 'written-questions' } },
      { filters: { sessionFrom: 2015, sessionTo: 2020 }, facets: true },
      { filters: { sessionFrom: 2022 } },
      { filters: { committee } },
      { filters: { dossier }, facets: true },
      { filters: { addressee: 'Minister van Binnenlandse Zaken en Koninkrijksrelaties' } },
      { filters: { dateFrom: '2019-01-01', dateTo: '2022-12-31' }, facets: true },
      { filters: { dateFrom: '2023-06-01' }, sort: 'date' },
      { visibleTo: [organisation], facets: true },
      { visibleTo: [organisation + 1] },
      { visibleTo: [organisation, organisation + 1], sort: 'date' },
    ];
    let found = 0;
    for (const q of queries) {
      for (const options of variants) {
        const what = `${q} ${JSON.stringify(options)}`;
        const a = await search(lite, analyzer, q, options);
        sameResponse(a, await search(post, analyzer, q, options), what);
        sameResponse(
          await search(liteCapped, analyzer, q, options),
          await search(postCapped, analyzer, q, options),
          `capped ${what}`,
        );
        found += a.results.length;
      }
    }
    assert.ok(found > 1000);
    // The cases the comparison must cover: the embargo lifted for its organisation, a ranking over the newest
    // candidates only, a count stopped at its cap.
    assert.equal((await search(post, analyzer, 'zeppelinhangaar')).total, 0);
    assert.equal((await search(post, analyzer, 'zeppelinhangaar', { visibleTo: [organisation] })).total, 1);
    const broad = await search(post, analyzer, 'de');
    assert.equal(broad.exhaustive, false);
    const capped = await search(postCapped, analyzer, 'minister');
    assert.equal(capped.totalExact, false);
    assert.equal(capped.total, 60);
  });

  test('similar questions are the same', async () => {
    let compared = 0;
    for (const pub of publications.filter((_, i) => i % 37 === 0)) {
      const number = pub.sections.flatMap((s) => s.questions).find((q) => q.number !== null)?.number;
      if (number === undefined || number === null) continue;
      const q = await lite.question(pub.id!, number);
      assert.ok(q);
      assert.deepEqual(await post.question(pub.id!, number), q);
      for (const options of [{ exclude: [q.questionId] }, { exclude: [q.questionId], limit: 20 }]) {
        const a = await similar(lite, analyzer, q.question, options);
        const b = await similar(post, analyzer, q.question, options);
        const strip = (r: typeof a) => r.map((x) => ({ ...x, score: 0 }));
        assert.deepEqual(strip(b), strip(a), q.question);
        for (const [i, x] of a.entries()) closeTo(x.score, b[i]!.score, q.question);
        assert.deepEqual(
          await similar(postCapped, analyzer, q.question, options),
          await similar(liteCapped, analyzer, q.question, options),
        );
        compared += a.length;
      }
    }
    assert.ok(compared > 20);
  });

  test('FTS5 expressions of every shape match the same questions (store.search directly)', async () => {
    const next = random(20240601);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    // Words and word pairs of the archive's own questions and answers, rare and common.
    const texts = publications
      .filter((_, i) => i % 11 === 0)
      .flatMap((p) => p.sections.flatMap((s) => s.questions.map((q) => `${q.question} ${q.answer ?? ''}`)));
    const sequences = texts.map((t) => analyzer.analyse(t).terms).filter((t) => t.length > 3);
    const term = () => {
      const s = pick(sequences);
      return s[Math.floor(next() * s.length)]!;
    };
    const pair = () => {
      const s = pick(sequences);
      const i = Math.floor(next() * (s.length - 1));
      return `${s[i]} ${s[i + 1]}`;
    };
    const meta = [
      filterToken.status('published'),
      filterToken.chamber('eerste-kamer'),
      filterToken.kind('written-questions'),
      filterToken.session(2021),
    ];
    const leaf = (): string =>
      pick([
        () => `"${term()}"`,
        () => term(),
        () => `{q_terms a_terms} : "${pair()}"`,
        () => `"${pair()}"`,
        () => `q_terms : "${term()}"`,
        () => `a_parts : "${term()}"`,
        () => `meta : "${pick(meta)}"`,
        () => `- meta : "${term()}"`,
      ])();
    const expression = (depth: number): string => {
      let out = depth > 0 && next() < 0.3 ? `(${expression(depth - 1)})` : leaf();
      const n = Math.floor(next() * 3);
      for (let i = 0; i < n; i++) {
        const operand = depth > 0 && next() < 0.3 ? `(${expression(depth - 1)})` : leaf();
        out += `${pick([' AND ', ' OR ', ' NOT ', ' '])}${operand}`;
      }
      return out;
    };
    let compared = 0;
    let matched = 0;
    let bounded = 0;
    let tight = 0;
    for (let i = 0; i < 300; i++) {
      const match = expression(2);
      const request: SearchRequest = {
        match,
        limit: 30,
        offset: 0,
        sort: i % 5 === 0 ? 'date' : 'relevance',
        phrases: matchPhrases(match),
        visibleTo: i % 3 === 0 ? [organisation] : [],
      };
      let a: SearchPage;
      try {
        a = await lite.search(request);
      } catch {
        continue; // not an expression FTS5 reads (e.g. implicit AND after a parenthesis)
      }
      samePage(a, await post.search(request), match);
      samePage(await liteCapped.search(request), await postCapped.search(request), `capped ${match}`);
      compared++;
      if (a.total > 0) matched++;
      // The bounds the PostgreSQL archive draws from document frequencies hold the true count (what
      // lets it skip counting when the lower one passes the cap).
      if (request.visibleTo?.length === 0 && a.totalExact) {
        const published = translateMatch(`(${match}) NOT meta : "${filterToken.status('draft')}"`);
        const { total, df } = await post.termFrequencies(published.terms);
        const b = matchBounds(published.tree, (t) => df.get(t) ?? 0, total);
        assert.ok(b.lower <= a.total && a.total <= b.upper, `${match}: ${b.lower} ≤ ${a.total} ≤ ${b.upper}`);
        bounded++;
        if (b.lower > 0) tight++;
      }
    }
    assert.ok(compared > 200 && matched > 100, `${compared} compared, ${matched} matched`);
    assert.ok(
      bounded > 100 && tight > 10,
      `bounds checked on ${bounded} expressions, ${tight} with a lower one`,
    );
  });

  test('a request without phrases is ranked from vectors with the phrases bm25() would score', async () => {
    const request: SearchRequest = {
      match: '"datacenter" OR "zeilbot"',
      limit: 10,
      offset: 0,
      sort: 'relevance',
    };
    const page = await post.search(request);
    assert.ok(page.hits.length > 0);
    samePage(page, await post.search({ ...request, phrases: [['datacenter'], ['zeilbot']] }), request.match);
  });

  test('publications read back the same: get, list, published, ids', async () => {
    for (const pub of publications.filter((_, i) => i % 25 === 0)) {
      assert.deepEqual(await post.getPublication(pub.id!), await lite.getPublication(pub.id!));
    }
    assert.deepEqual(await post.getPublication('kst-99999-1'), await lite.getPublication('kst-99999-1'));
    const queries = [
      { limit: 20, offset: 0 },
      { limit: 20, offset: 40 },
      { limit: 50, offset: 0, visibleTo: [organisation] },
      { limit: 50, offset: 0, kind: 'written-questions' },
      { limit: 50, offset: 0, chamber: 'eerste-kamer' },
      { limit: 50, offset: 0, session: publications[5]!.session ?? undefined },
      { limit: 50, offset: 0, dossier: publications[7]!.dossiers[0]?.number },
      { limit: 50, offset: 0, ids: publications.slice(0, 5).map((p) => p.id!) },
    ];
    for (const q of queries) {
      assert.deepEqual(await post.listPublications(q), await lite.listPublications(q), JSON.stringify(q));
    }
    const strip = (p: Awaited<ReturnType<Store['getPublished']>>) =>
      p && { ...p, version: p.version.slice(0, 16) };
    assert.deepEqual(strip(await post.getPublished('kst-99999-1')), null);
    assert.deepEqual(
      strip(await post.getPublished('kst-99999-1', [organisation])),
      strip(await lite.getPublished('kst-99999-1', [organisation])),
    );
    assert.deepEqual(await post.idsWithPrefix('kst-36360'), await lite.idsWithPrefix('kst-36360'));
    assert.deepEqual(
      await post.publishedIds(['kst-99999-1', publications[3]!.id!, 'kst-0-0']),
      await lite.publishedIds(['kst-99999-1', publications[3]!.id!, 'kst-0-0']),
    );
  });

  test('optimizing the index changes no result', async () => {
    const before = await search(post, analyzer, 'minister', { facets: true });
    assert.deepEqual(await post.optimizeIndex(), []);
    sameResponse(before, await search(post, analyzer, 'minister', { facets: true }), 'minister');
  });
});

describe('PostgreSQL archive writes', { skip }, () => {
  const pub = readPublication(fixtureText('kst-36360-VI-12.txt'), { fileName: 'kst-36360-VI-12.txt', words });
  const terms = indexTerms(pub, analyzer);

  test('saving again: unchanged is skipped, changed replaces in place; another process sees it', async () => {
    const db = await freshPostgres();
    const store = await Store.open(db.url);
    const other = await Store.open(db.url);
    try {
      assert.equal(await store.savePublication(pub, { hash: 'a', file: 'x.txt' }, terms), 'imported');
      assert.equal((await search(other, analyzer, 'zeilboten')).total, 0);
      assert.equal(await store.savePublication(pub, { hash: 'a', file: null }, terms), 'unchanged');
      const changed = structuredClone(pub);
      changed.sections[0]!.questions[0]!.answer = 'Een ander antwoord over zeilboten.';
      assert.equal(
        await store.savePublication(changed, { hash: 'b', file: null }, indexTerms(changed, analyzer)),
        'updated',
      );
      assert.deepEqual(await store.counts(), { publications: 1, questions: 24 });
      assert.deepEqual(await store.getPublication(pub.id!), changed);
      // The other store cached what it read before: the archive's version tells it to read again.
      assert.equal((await search(other, analyzer, 'zeilboten')).total, 1);
      assert.equal((await other.termFrequencies(['zeilbot'])).df.get('zeilbot'), 1);
      const atkm = await store.search({ match: '"atkm"', limit: 10, offset: 0, sort: 'relevance' });
      assert.equal(atkm.total, 2);
      const ids = await sql<{ id: number }>`SELECT id FROM questions ORDER BY id`.execute(store.db);
      // The replaced publication was the newest: its ids are given again, as SQLite gives rowids.
      assert.deepEqual(
        ids.rows.map((r) => r.id),
        Array.from({ length: 24 }, (_, i) => i + 1),
      );
    } finally {
      await store.close();
      await other.close();
      await db.drop();
    }
  });

  test('many processes importing the same publication at once leave exactly one', async () => {
    const db = await freshPostgres();
    const stores = await Promise.all(Array.from({ length: 8 }, () => Store.open(db.url, { poolSize: 2 })));
    try {
      const same = await Promise.all(
        stores.map((s) => s.savePublication(pub, { hash: 'a', file: null }, terms)),
      );
      assert.deepEqual(same.sort(), ['imported', ...Array(7).fill('unchanged')].sort());
      const versions = await Promise.all(
        stores.map((s, i) => s.savePublication(pub, { hash: `v${i}`, file: null }, terms)),
      );
      assert.deepEqual(versions, Array(8).fill('updated'));
      const store = stores[0]!;
      assert.deepEqual(await store.counts(), { publications: 1, questions: 24 });
      const totals = await sql<{ key: string; value: string }>`SELECT key, value FROM settings
        WHERE key IN ('index_questions', 'index_tokens') ORDER BY key`.execute(store.db);
      const vectors = await sql<{ n: number; tokens: number }>`SELECT count(*) AS n, sum(length) AS tokens
        FROM question_vectors`.execute(store.db);
      assert.deepEqual(
        totals.rows.map((r) => Number(r.value)),
        [vectors.rows[0]!.n, vectors.rows[0]!.tokens],
      );
      assert.equal(vectors.rows[0]!.n, 24);
      assert.equal((await search(store, analyzer, 'datacenters')).total, 4);
    } finally {
      for (const s of stores) await s.close();
      await db.drop();
    }
  });

  test('a failure inside a save leaves the earlier version whole', async () => {
    const db = await freshPostgres();
    const store = await Store.open(db.url);
    try {
      await store.savePublication(pub, { hash: 'a', file: null }, terms);
      await sql`CREATE FUNCTION fail_amounts() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.euros = 6116000 THEN RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$`.execute(
        store.db,
      );
      await sql`CREATE TRIGGER fail_amounts BEFORE INSERT ON amounts FOR EACH ROW EXECUTE FUNCTION fail_amounts()`.execute(
        store.db,
      );
      const changed = structuredClone(pub);
      changed.title = 'Gewijzigd';
      await assert.rejects(
        () => store.savePublication(changed, { hash: 'b', file: null }, terms),
        /disk on fire/,
      );
      assert.deepEqual(await store.getPublication(pub.id!), pub);
      assert.deepEqual(await store.counts(), { publications: 1, questions: 24 });
      assert.equal(
        (await store.search({ match: '"atkm"', limit: 10, offset: 0, sort: 'relevance' })).total,
        2,
      );
    } finally {
      await store.close();
      await db.drop();
    }
  });

  test('lexemes are quoted for PostgreSQL whatever they hold', async () => {
    const db = await freshPostgres();
    const store = await Store.open(db.url);
    try {
      for (const lexeme of [
        "jo'e",
        'back\\slash',
        "'",
        '\\',
        'a b',
        'x:1A',
        '!&|()<->',
        'é',
        'x'.repeat(3000),
      ]) {
        const row = await sql<{
          lexemes: string[];
        }>`SELECT tsvector_to_array(${quoteLexeme(lexeme)}::tsvector)
          AS lexemes`.execute(store.db);
        const expected = lexeme.length > 2046 ? lexeme.slice(0, 2046) : lexeme;
        assert.deepEqual(row.rows[0]!.lexemes, [expected], lexeme);
        const hit = await sql<{
          ok: boolean;
        }>`SELECT ${quoteLexeme(lexeme)}::tsvector @@ ${quoteLexeme(lexeme)}::tsquery
          AS ok`.execute(store.db);
        assert.equal(hit.rows[0]!.ok, true, lexeme);
      }
      // A phrase never spans two columns, nor a word and a compound part; the filter tokens are apart.
      const vector = tsvectorText({
        qTerms: 'hoeveel datacenter',
        aTerms: 'sector groei',
        qParts: 'data center',
        aParts: '',
        meta: 'xstatuspublished',
      });
      const matches = async (match: string) =>
        (
          await sql<{
            ok: boolean;
          }>`SELECT ${vector}::tsvector @@ ${matchToTsquery(match)}::tsquery AS ok`.execute(store.db)
        ).rows[0]!.ok;
      assert.equal(await matches('{q_terms a_terms} : "hoeveel datacenter"'), true);
      assert.equal(await matches('{q_terms a_terms} : "datacenter sector"'), false);
      assert.equal(await matches('{q_terms a_terms} : "data center"'), false);
      assert.equal(await matches('"data center"'), true);
      assert.equal(await matches('q_parts : "center"'), true);
      assert.equal(await matches('a_terms : "center"'), false);
      assert.equal(await matches('meta : "xstatuspublished"'), true);
      assert.equal(await matches('"xstatuspublished"'), true);
      assert.equal(await matches('{q_terms a_terms} : "xstatuspublished"'), false);
      assert.equal(await matches('meta : "groei"'), false);
    } finally {
      await store.close();
      await db.drop();
    }
  });
});

describe('FTS5 expressions read as FTS5 reads them', () => {
  test('precedence: OR, then AND, then NOT, then implicit AND, each binary and from the left', () => {
    const shape = (match: string): string => {
      const show = (n: ReturnType<typeof parseMatch>): string =>
        n.type === 'phrase' ? n.terms.join('_') : `(${show(n.left)} ${n.type} ${show(n.right)})`;
      return show(parseMatch(match));
    };
    assert.equal(shape('a OR b AND c'), '(a or (b and c))');
    assert.equal(shape('a NOT b AND c'), '((a not b) and c)');
    assert.equal(shape('a AND b NOT c'), '(a and (b not c))');
    assert.equal(shape('a NOT b c'), '(a not (b and c))');
    assert.equal(shape('a NOT b NOT c'), '((a not b) not c)');
    assert.equal(shape('"a b" OR (c OR d) e'), '(a_b or ((c or d) and e))');
    assert.deepEqual(matchPhrases('"a" AND meta : "x" NOT {q_terms a_terms} : "b c"'), [['a'], ['b', 'c']]);
    assert.throws(() => parseMatch('"a" AND'), /expected a phrase/);
    assert.throws(() => parseMatch('a*'), /unsupported/);
    assert.throws(() => parseMatch('nope : "a"'), /no column/);
  });

  test('phrases and columns as tsquery text', () => {
    assert.equal(matchToTsquery('"a"'), "('a' | '#a')");
    assert.equal(matchToTsquery('{q_terms a_terms} : "a b"'), "('a':AB <-> 'b':AB)");
    assert.equal(matchToTsquery('meta : "x"'), "('#x')");
    assert.equal(matchToTsquery('("a") NOT meta : "x"'), "(('a' | '#a') & !('#x'))");
  });
});
