// The two-stage search: when more match than are ranked, the newest candidates are ranked exactly,
// the count stops at its cap and says so; when fewer match, ranking is exhaustive.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { importText } from '../../src/archive/import.js';
import { createAnalyzer } from '../../src/search/analysis.js';
import { search } from '../../src/search/search.js';
import { dialectOf } from '../../src/store/database.js';
import { Store } from '../../src/store/store.js';
import { tempDbPath } from '../helpers/archive.js';
import { FIXTURES, words } from '../helpers/read.js';

const analyzer = createAnalyzer(words);
const full = await Store.open(tempDbPath());
const capped = await Store.open(tempDbPath(), { candidates: 3, countCap: 5 });
// Shards of seven questions: the fixtures' questions spread over several index tables.
const sharded = await Store.open(tempDbPath(), { shardSize: 7 });
// Few candidates over small shards, a cap above every count: counting goes on in the shard where the
// candidates ran out, below the last of them.
const shardedFew = await Store.open(tempDbPath(), { shardSize: 7, candidates: 3, countCap: 10_000 });
for (const store of [full, capped, sharded, shardedFew]) {
  for (const name of readdirSync(FIXTURES)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    await importText({ store, analyzer, words }, readFileSync(new URL(name, FIXTURES), 'utf8'), name);
  }
}

describe('two-stage search', () => {
  test('the index is split by question id: a part per seven questions', async () => {
    // SQLite: an FTS5 table per shard; PostgreSQL: a partition of question_index per range of ids.
    const names =
      dialectOf(sharded.db) === 'postgres'
        ? (
            await sql<{ name: string }>`SELECT c.relname AS name FROM pg_inherits i
              JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'question_index'::regclass`.execute(
              sharded.db,
            )
          ).rows.map((r) => r.name)
        : (
            await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(
              sharded.db,
            )
          ).rows
            .map((r) => r.name)
            .filter((n) => /^question_index_\d+$/.test(n));
    const top = await sql<{ id: number }>`SELECT max(id) AS id FROM questions`.execute(sharded.db);
    const newest = Number(top.rows[0]!.id);
    assert.ok(newest > 30, `${newest} questions`);
    assert.equal(names.length, Math.ceil(newest / 7), names.join(', '));
  });

  test('a sharded index finds and ranks the same as one index', async () => {
    for (const q of [
      'budget ATKM',
      'datacenters',
      'vragen OR cijfers OR minister',
      '"digitale infrastructuur"',
    ]) {
      const a = await search(full, analyzer, q, { limit: 100, facets: true });
      const b = await search(sharded, analyzer, q, { limit: 100, facets: true });
      assert.equal(b.total, a.total, q);
      assert.deepEqual(
        new Set(b.results.map((r) => `${r.publication.id}#${r.position}`)),
        new Set(a.results.map((r) => `${r.publication.id}#${r.position}`)),
        q,
      );
      assert.deepEqual(b.facets, a.facets, q);
    }
  });

  test('counting past the candidates counts every match once', async () => {
    for (const q of ['vragen OR cijfers OR minister', 'datacenters', 'Nederland']) {
      const a = await search(full, analyzer, q);
      const b = await search(shardedFew, analyzer, q);
      assert.ok(a.exhaustive && a.total > 3, `${q}: ${a.total}`);
      assert.equal(b.exhaustive, false, q);
      assert.equal(b.totalExact, true, q);
      assert.equal(b.total, a.total, q);
    }
  });

  test('few matches: exhaustive, exact total, same ranking as without caps', async () => {
    const a = await search(full, analyzer, 'budget ATKM');
    const b = await search(capped, analyzer, 'budget ATKM');
    assert.equal(b.exhaustive, true);
    assert.equal(b.totalExact, true);
    assert.deepEqual(
      b.results.map((r) => r.question),
      a.results.map((r) => r.question),
    );
  });

  test('many matches: the newest candidates are ranked, the count is a lower bound', async () => {
    const a = await search(full, analyzer, 'datacenters OR middelen OR Nederland', { limit: 50 });
    const b = await search(capped, analyzer, 'datacenters OR middelen OR Nederland', { limit: 50 });
    assert.ok(a.total > 5 && a.exhaustive && a.totalExact);
    assert.equal(b.exhaustive, false);
    assert.equal(b.totalExact, false);
    assert.equal(b.total, 5);
    assert.equal(b.results.length, 3);
    // The three ranked are the three newest matches (highest ids), in bm25 order among themselves.
    const all = a.results.map((r) => `${r.publication.id}#${r.position}`);
    const ranked = b.results.map((r) => `${r.publication.id}#${r.position}`);
    for (const id of ranked) assert.ok(all.includes(id));
    const scores = b.results.map((r) => r.score);
    assert.deepEqual(
      scores,
      [...scores].sort((x, y) => y - x),
    );
  });
});
