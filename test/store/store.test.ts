// The store on a real SQLite file: rows, the tree, idempotent saves, whole-or-nothing saves.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { createAnalyzer } from '../../src/search/analysis.js';
import { indexTerms } from '../../src/search/index-terms.js';
import { Store } from '../../src/store/store.js';
import { tempDbPath } from '../helpers/archive.js';
import { sqliteOnly } from '../helpers/postgres.js';
import { readFixture, words } from '../helpers/read.js';

const analyzer = createAnalyzer(words);
const pub = readFixture('kst-36360-VI-12.txt');

describe('store', () => {
  test('opens in WAL mode with foreign keys, migrations applied', { skip: sqliteOnly }, async () => {
    const path = tempDbPath();
    const store = await Store.open(path);
    await store.close();
    const raw = new SQLite(path, { readonly: true });
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    const migrations = raw.prepare('SELECT name FROM kysely_migration').all() as { name: string }[];
    assert.deepEqual(
      migrations.map((m) => m.name),
      [
        '001-initial',
        '002-term-vectors',
        '003-accounts',
        '004-audit',
        '005-workflow',
        '006-workflow-letter',
        '007-notifications',
        '008-written-questions',
      ],
    );
    raw.close();
    const again = await Store.open(path);
    assert.deepEqual(await again.migrate(), []);
    await again.close();
  });

  test('a publication is stored as rows that can be queried, and as its tree', {
    skip: sqliteOnly,
  }, async () => {
    const path = tempDbPath();
    const store = await Store.open(path);
    assert.equal(
      await store.savePublication(pub, { hash: 'a', file: 'x.txt' }, indexTerms(pub, analyzer)),
      'imported',
    );
    assert.deepEqual(await store.getPublication('kst-36360-VI-12'), pub);
    await store.close();
    const raw = new SQLite(path, { readonly: true });
    const one = (q: string) => raw.prepare(q).get() as Record<string, unknown>;
    assert.equal(one("SELECT count(*) AS n FROM questions WHERE publication_id = 'kst-36360-VI-12'").n, 24);
    assert.equal(one('SELECT count(*) AS n FROM footnotes').n, 4);
    assert.equal(one('SELECT count(*) AS n FROM sections WHERE no_questions = 1').n, 2);
    assert.equal(
      one('SELECT euros FROM amounts WHERE question_number = 2 ORDER BY position LIMIT 1').euros,
      4_116_000,
    );
    assert.equal(one("SELECT question_number AS q FROM refs WHERE target_id = 'kst-29279-719'").q, 6);
    assert.equal(
      one('SELECT name FROM publication_addressees').name,
      'Minister van Binnenlandse Zaken en Koninkrijksrelaties',
    );
    assert.equal(
      one('SELECT answer FROM questions WHERE number = 15').answer,
      pub.sections[2]!.questions[8]!.answer,
    );
    raw.close();
  });

  test('saving again: unchanged is skipped, changed replaces in place, never duplicates', async () => {
    const store = await Store.open(tempDbPath());
    const terms = indexTerms(pub, analyzer);
    assert.equal(await store.savePublication(pub, { hash: 'a', file: null }, terms), 'imported');
    assert.equal(await store.savePublication(pub, { hash: 'a', file: null }, terms), 'unchanged');
    const changed = structuredClone(pub);
    changed.sections[0]!.questions[0]!.answer = 'Een ander antwoord over zeilboten.';
    assert.equal(
      await store.savePublication(changed, { hash: 'b', file: null }, indexTerms(changed, analyzer)),
      'updated',
    );
    assert.deepEqual(await store.counts(), { publications: 1, questions: 24 });
    // The index follows: the old answer's words are gone, the new ones found, nothing twice.
    assert.equal(
      (await store.search({ match: '"zeilbot"', limit: 10, offset: 0, sort: 'relevance' })).total,
      1,
    );
    assert.equal((await store.search({ match: '"atkm"', limit: 10, offset: 0, sort: 'relevance' })).total, 2);
    assert.equal(
      (await store.getPublication(pub.id!))?.sections[0]?.questions[0]?.answer,
      'Een ander antwoord over zeilboten.',
    );
    await store.close();
  });

  test('a failure inside a save leaves the earlier version whole and nothing half-written', {
    skip: sqliteOnly,
  }, async () => {
    const path = tempDbPath();
    const store = await Store.open(path);
    await store.savePublication(pub, { hash: 'a', file: null }, indexTerms(pub, analyzer));
    // Make the amounts insert fail half-way through the second save.
    const raw = new SQLite(path);
    raw.exec(`CREATE TRIGGER fail_amounts BEFORE INSERT ON amounts WHEN NEW.euros = 6116000
      BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    raw.close();
    const changed = structuredClone(pub);
    changed.title = 'Gewijzigd';
    await assert.rejects(
      () => store.savePublication(changed, { hash: 'b', file: null }, indexTerms(changed, analyzer)),
      /disk on fire/,
    );
    assert.deepEqual(await store.getPublication(pub.id!), pub);
    assert.deepEqual(await store.counts(), { publications: 1, questions: 24 });
    assert.equal((await store.search({ match: '"atkm"', limit: 10, offset: 0, sort: 'relevance' })).total, 2);
    await store.close();
  });
});
