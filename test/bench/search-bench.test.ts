// The import and search benchmarks' building blocks: corpora sized in questions, the query set, the plain
// FTS5 baseline, percentiles. (No timing here: benchmarks measure, tests check that they measure the right thing.)
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { ensureCorpus, questionsLabel } from '../../bench/generate-corpus.js';
import { parseHttpArgs } from '../../bench/http.js';
import { parseImportArgs } from '../../bench/import.js';
import { buildPlainDb, PlainSearcher, plainMatch } from '../../bench/plain-fts.js';
import { contentWords, generateQueries, sampleQuestions } from '../../bench/queries.js';
import { percentile, summarise } from '../../bench/report.js';
import { search } from '../../src/search/search.js';
import { Store } from '../../src/store/store.js';
import { fixtureArchive } from '../helpers/archive.js';

const root = mkdtempSync(join(tmpdir(), 'vraagbaak-search-bench-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('corpus sized in questions', () => {
  test('stops at the first publication that reaches the count, and names its size', () => {
    const c = ensureCorpus({ dir: join(root, 'q300'), questions: 300, seed: 5 });
    const m = c.manifest;
    assert.equal(m.questions, 300);
    assert.equal(m.mb, null);
    assert.ok(m.totalQuestions >= 300);
    const last = m.files[m.files.length - 1]!;
    assert.ok(m.totalQuestions - last.questions < 300, 'one publication fewer would not reach the count');
    assert.equal(ensureCorpus({ dir: join(root, 'q300'), questions: 300, seed: 5 }).generated, false);
    assert.match(ensureCorpus({ dir: join(root, 'q300'), mb: 0.3, seed: 5 }).reason ?? '', /size changed/);
  });

  test('a smaller corpus is a prefix of a larger one with the same seed', () => {
    const small = ensureCorpus({ dir: join(root, 's'), questions: 200, seed: 9 });
    const large = ensureCorpus({ dir: join(root, 'l'), questions: 500, seed: 9 });
    small.manifest.files.forEach((f, i) => {
      assert.equal(large.manifest.files[i]?.name, f.name);
      assert.equal(
        readFileSync(join(large.dir, f.name), 'utf8'),
        readFileSync(join(small.dir, f.name), 'utf8'),
      );
    });
  });

  test('labels sizes for directory and database names', () => {
    assert.equal(questionsLabel(1_000_000), '1m');
    assert.equal(questionsLabel(50_000), '50k');
    assert.equal(questionsLabel(1234), '1234');
    assert.equal(parseImportArgs([]).questions, 1_000_000);
    assert.equal(parseImportArgs(['--questions', '50000', '--no-baseline']).baseline, false);
    assert.throws(() => parseImportArgs(['--questions', '0']), /invalid value for --questions/);
  });

  test('the HTTP benchmark: how many different queries, and wrong values named', () => {
    assert.equal(parseHttpArgs([]).queries, 100);
    assert.equal(parseHttpArgs(['--queries', '400', '--seconds', '15']).queries, 400);
    assert.equal(parseHttpArgs(['--seconds', '15']).seconds, 15);
    assert.throws(() => parseHttpArgs(['--queries', '0']), /invalid value for --queries/);
    assert.throws(() => parseHttpArgs(['--workers', 'two']), /invalid value for --workers/);
  });
});

describe('percentiles', () => {
  test('nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(values, 50), 50);
    assert.equal(percentile(values, 95), 95);
    assert.equal(percentile(values, 99), 99);
    assert.equal(percentile([7], 95), 7);
    const s = summarise([3, 1, 2]);
    assert.deepEqual([s.p50, s.max, s.mean, s.n], [2, 3, 2, 3]);
  });
});

describe('plain FTS5 baseline', () => {
  test('quotes each word as written and keeps the query language', () => {
    assert.equal(plainMatch('watergebruik datacenters'), '"watergebruik" AND "datacenters"');
    assert.equal(plainMatch('watergebruik datacenters', 'OR'), '"watergebruik" OR "datacenters"');
    assert.equal(plainMatch('"Deep Tech Fund"'), '"Deep Tech Fund"');
    assert.equal(plainMatch('AiNed OR Groeifonds'), '("AiNed" OR "Groeifonds")');
    assert.equal(plainMatch('datacenters -AI'), '("datacenters") NOT ("AI")');
    assert.equal(plainMatch('J&V ICT'), '"J V" AND "ICT"');
    assert.equal(plainMatch('  '), null);
  });
});

describe('query set', async () => {
  const archive = await fixtureArchive(join(root, 'fixtures.db'));
  await archive.store.close();
  const db = new SQLite(archive.path, { readonly: true });
  after(() => db.close());

  test('is deterministic, 1–4 content words from one stored question, a fifth with a filter', () => {
    const a = generateQueries(db, 3, 20, 200);
    const b = generateQueries(db, 3, 20, 200);
    assert.deepEqual(a, b);
    assert.notDeepEqual(generateQueries(db, 4, 20, 200).queries, a.queries);
    assert.equal(a.queries.length, 20);
    const text = db.prepare('SELECT question, answer FROM questions WHERE id = ?');
    for (const q of a.queries) {
      assert.ok(q.words.length >= 1 && q.words.length <= 4, q.text);
      assert.equal(q.text, q.words.join(' '));
      const row = text.get(q.anchor) as { question: string; answer: string | null };
      const pool = new Set(contentWords(`${row.question} ${row.answer ?? ''}`));
      for (const w of q.words) assert.ok(pool.has(w), `${w} in question ${q.anchor}`);
    }
    assert.equal(a.queries.filter((q) => q.filters !== null).length, 4);
    const ids = sampleQuestions(db, 3, 10).map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  test('every query finds its anchor in Vraagbaak and in the baseline', async () => {
    const plainPath = join(root, 'plain.db');
    const rows = buildPlainDb(plainPath, archive.path, null, 7);
    assert.equal(rows, (db.prepare('SELECT COUNT(*) AS n FROM questions').get() as { n: number }).n);
    const plain = PlainSearcher.open(plainPath);
    const store = await Store.open(archive.path);
    try {
      for (const q of generateQueries(db, 11, 15, 200).queries) {
        const match = plainMatch(q.text);
        assert.ok(match);
        assert.ok(plain.count(match, q.filters) >= 1, `baseline: ${q.text}`);
        assert.ok(plain.top(match, q.filters).length >= 1, `baseline top: ${q.text}`);
        const response = await search(store, archive.analyzer, q.text, {
          limit: 10,
          filters: q.filters ?? {},
        });
        assert.ok(response.total >= 1, `Vraagbaak: ${q.text} ${q.filterLabel ?? ''}`);
      }
    } finally {
      plain.close();
      await store.close();
    }
  });
});
