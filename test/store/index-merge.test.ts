// Merging the index's segments (FTS5 optimize) changes how the index is laid out, never what it finds:
// a full shard is merged when the next starts, and `optimizeIndex` merges them all.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { importText } from '../../src/archive/import.js';
import { createAnalyzer } from '../../src/search/analysis.js';
import { search } from '../../src/search/search.js';
import { Store } from '../../src/store/store.js';
import { tempDbPath } from '../helpers/archive.js';
import { sqliteOnly } from '../helpers/postgres.js';
import { FIXTURES, fixtureText, words } from '../helpers/read.js';

function shardCount(path: string): number {
  const db = new SQLite(path, { readonly: true });
  try {
    const sql =
      "SELECT count(*) AS n FROM sqlite_master WHERE name GLOB 'question_index_[0-9]*' AND type = 'table' AND name NOT GLOB '*_*_*_*'";
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Leaf pages FTS5 keeps for a shard: merging leaves fewer segments, so fewer rows here. */
function segmentRows(path: string, k: number): number {
  const db = new SQLite(path, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM question_index_${k}_data`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

test('merged shards find and rank exactly what they did before', { skip: sqliteOnly }, async () => {
  const analyzer = createAnalyzer(words);
  const path = tempDbPath();
  // Small shards, so that the fixtures fill several and the writer merges the full ones.
  const store = await Store.open(path, { shardSize: 8 });
  for (const name of readdirSync(FIXTURES).filter((n) => n.endsWith('.txt')))
    await importText({ store, analyzer, words }, fixtureText(name), name);
  const queries = ['datacenters', 'watergebruik datacenters', 'algoritmeregister', 'budget OR middelen'];
  const before = [];
  for (const q of queries) before.push(await search(store, analyzer, q, { limit: 20 }));
  const newest = shardCount(path) - 1;
  assert.ok(newest >= 2, `the fixtures should fill several shards (newest is ${newest})`);
  const rowsBefore = segmentRows(path, newest);

  const merged = await store.optimizeIndex();
  assert.deepEqual(
    merged,
    Array.from({ length: newest + 1 }, (_, k) => k),
  );
  assert.ok(segmentRows(path, newest) <= rowsBefore);
  for (const [i, q] of queries.entries()) {
    const after = await search(store, analyzer, q, { limit: 20 });
    assert.ok(after.total > 0, q);
    assert.equal(after.total, before[i]!.total, q);
    assert.deepEqual(
      after.results.map((r) => [r.publication.id, r.question, r.score]),
      before[i]!.results.map((r) => [r.publication.id, r.question, r.score]),
      q,
    );
  }
  await store.close();
});
