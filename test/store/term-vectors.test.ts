// Ranking from term vectors gives FTS5's own bm25() scores (on one shard, where FTS5's counts are the
// archive's), and an archive made before the vectors keeps ranking with bm25().
import assert from 'node:assert/strict';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import fc from 'fast-check';
import {
  createScorer,
  encodeVector,
  termHash,
  vectorLength,
  vectorWeight,
} from '../../src/store/term-vectors.js';
import { fixtureArchive } from '../helpers/archive.js';
import { sqliteOnly } from '../helpers/postgres.js';

test('a vector holds each term with its column-weighted frequency and the length', () => {
  const { vector, length } = encodeVector({
    qTerms: 'datacenter water datacenter',
    aTerms: 'water',
    qParts: 'data center',
    aParts: '',
    meta: 'xstatuspublished xkindquestionlist',
  });
  assert.equal(length, 8);
  assert.equal(vectorLength(vector), 8);
  assert.equal(vectorWeight(vector, termHash('datacenter')), 16);
  assert.equal(vectorWeight(vector, termHash('water')), 10);
  assert.equal(vectorWeight(vector, termHash('center')), 4);
  assert.equal(vectorWeight(vector, termHash('xstatuspublished')), 0);
  assert.equal(vectorWeight(vector, termHash('afwezig')), 0);
});

test('every term of any text is found again in its vector', () => {
  fc.assert(
    fc.property(
      fc.array(fc.stringMatching(/^[a-z0-9]{1,12}$/), { minLength: 1, maxLength: 300 }),
      (terms) => {
        const { vector } = encodeVector({
          qTerms: terms.join(' '),
          aTerms: '',
          qParts: '',
          aParts: '',
          meta: '',
        });
        const counts = new Map<string, number>();
        for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
        for (const [t, n] of counts) assert.ok(vectorWeight(vector, termHash(t)) >= Math.min(8 * n, 255), t);
      },
    ),
  );
});

test('vector scores equal FTS5 bm25() on a single shard', { skip: sqliteOnly }, async () => {
  const archive = await fixtureArchive();
  await archive.store.close();
  const db = new SQLite(archive.path, { readonly: true });
  const shard = 'question_index_0';
  const totals = Object.fromEntries(
    (
      db.prepare("SELECT key, value FROM settings WHERE key LIKE 'index_%'").all() as {
        key: string;
        value: string;
      }[]
    ).map((r) => [r.key, Number(r.value)]),
  );
  assert.equal(
    totals.index_questions,
    (db.prepare('SELECT count(*) AS n FROM questions').get() as { n: number }).n,
  );
  const vocab = db.prepare(`CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, ${shard}, 'row')`);
  vocab.run();
  const df = new Map(
    (db.prepare('SELECT term, doc FROM temp.v').all() as { term: string; doc: number }[]).map((r) => [
      r.term,
      r.doc,
    ]),
  );
  const stats = {
    questions: totals.index_questions!,
    averageLength: totals.index_tokens! / totals.index_questions!,
    df,
  };
  for (const query of [
    ['datacenter'],
    ['water', 'datacenter'],
    ['algoritm', 'algoritmes'],
    ['budget', 'atkm'],
    ['ministerie', 'kabinet'],
  ]) {
    const match = query.map((t) => `"${t}"`).join(' OR ');
    const rows = db
      .prepare(
        `SELECT i.rowid AS id, bm25(${shard}, 4.0, 1.0, 2.0, 0.5, 0.0) AS score, v.vector AS vector
         FROM ${shard} i JOIN question_vectors v ON v.id = i.rowid WHERE ${shard} MATCH ?`,
      )
      .all(match) as { id: number; score: number; vector: Buffer }[];
    assert.ok(rows.length > 0, query.join(' '));
    const score = createScorer(
      query.map((t) => [t]),
      stats,
    );
    for (const r of rows)
      assert.ok(
        Math.abs(score(r.vector) - r.score) < 1e-9,
        `${query.join(' ')} #${r.id}: ${score(r.vector)} vs ${r.score}`,
      );
  }
  db.close();
});

test('an archive whose questions have no vectors ranks with bm25() and finds the same first results', {
  skip: sqliteOnly,
}, async () => {
  const archive = await fixtureArchive();
  const { createAnalyzer } = await import('../../src/search/analysis.js');
  const { search } = await import('../../src/search/search.js');
  const { words } = await import('../helpers/read.js');
  const analyzer = createAnalyzer(words);
  const queries = ['watergebruik datacenters', 'algoritmeregister', 'budget ATKM'];
  const byVectors = [];
  for (const q of queries) byVectors.push((await search(archive.store, analyzer, q)).results.slice(0, 3));
  await archive.store.close();
  const raw = new SQLite(archive.path);
  raw.prepare("UPDATE settings SET value = 'bm25' WHERE key = 'ranking'").run();
  raw.close();
  const { Store } = await import('../../src/store/store.js');
  const reopened = await Store.open(archive.path);
  for (const [i, q] of queries.entries()) {
    const byBm25 = (await search(reopened, analyzer, q)).results.slice(0, 3);
    assert.deepEqual(
      byBm25.map((r) => `${r.publication.id}#${r.question}`),
      byVectors[i]!.map((r) => `${r.publication.id}#${r.question}`),
      q,
    );
  }
  await reopened.close();
});
