// Term bitmaps: the set arithmetic, and searches answered from bitmaps giving exactly what FTS5 gives
// (candidates, ranking, counts, facets), also after another connection changed the archive.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import fc from 'fast-check';
import { importText } from '../../src/archive/import.js';
import { createAnalyzer } from '../../src/search/analysis.js';
import { type SearchOptions, type SearchResponse, search } from '../../src/search/search.js';
import { COLUMNS, type MatchNode } from '../../src/store/fts5-expression.js';
import { Store, type StoreOptions } from '../../src/store/store.js';
import {
  asBitmap,
  BitmapCache,
  bitmapOf,
  evaluate,
  highest,
  leaves,
  PACKED_ID_LIMIT,
  packedIds,
  packedIdsSql,
  population,
  termSetOf,
} from '../../src/store/term-bitmaps.js';
import { tempDbPath } from '../helpers/archive.js';
import { sqliteOnly } from '../helpers/postgres.js';
import { fixtureText, words } from '../helpers/read.js';

describe('bitmap arithmetic', () => {
  const TERMS = ['a', 'b', 'c', 'd'];
  const tree: fc.Memo<MatchNode> = fc.memo((depth) =>
    depth <= 1
      ? fc
          .constantFrom(...TERMS)
          .map((t): MatchNode => ({ type: 'phrase', terms: [t], columns: new Set(COLUMNS) }))
      : fc.oneof(
          tree(1),
          fc
            .tuple(
              fc.constantFrom('and', 'or', 'not') as fc.Arbitrary<'and' | 'or' | 'not'>,
              tree(depth - 1),
              tree(depth - 1),
            )
            .map(([type, left, right]): MatchNode => ({ type, left, right })),
        ),
  );
  const bits = 200;
  const base = 1001;
  const idSet = fc.uniqueArray(fc.integer({ min: base, max: base + bits - 1 }), { maxLength: 120 });

  test('an expression over bitmaps holds exactly the ids the same expression over sets holds', () => {
    fc.assert(
      fc.property(tree(4), fc.tuple(idSet, idSet, idSet, idSet), (expression, lists) => {
        const sets = new Map(TERMS.map((t, i) => [t, new Set(lists[i])]));
        const overSets = (node: MatchNode): Set<number> => {
          if (node.type === 'phrase') return sets.get(node.terms[0]!)!;
          const l = overSets(node.left);
          const r = overSets(node.right);
          if (node.type === 'and') return new Set([...l].filter((x) => r.has(x)));
          if (node.type === 'or') return new Set([...l, ...r]);
          return new Set([...l].filter((x) => !r.has(x)));
        };
        // As kept: few ids as themselves, more as a bitmap (either way one bitmap each in evaluation).
        const maps = new Map(
          TERMS.map((t, i) => [t, asBitmap(termSetOf(lists[i]!, base, bits), base, new Uint32Array(7))]),
        );
        const result = evaluate(
          expression,
          (leaf) => maps.get(leaf.terms[0]!)!,
          new Uint32Array(Math.ceil(bits / 32)),
        );
        const expected = [...overSets(expression)].sort((x, y) => y - x);
        assert.equal(population(result), expected.length);
        assert.deepEqual(highest(result, base, bits), expected);
        assert.deepEqual(highest(result, base, 7), expected.slice(0, 7));
        // The leaves' own bitmaps are never written to.
        for (const [t, list] of TERMS.map((t, i) => [t, lists[i]!] as const)) {
          assert.deepEqual(
            highest(maps.get(t)!, base, bits),
            [...list].sort((x, y) => y - x),
          );
        }
        assert.ok(leaves(expression).length >= 1);
      }),
    );
  });

  test('a rare term is kept as its ids, a frequent one as a bitmap', () => {
    const rare = termSetOf([1005, 1010], 1001, 200);
    assert.ok(rare instanceof Int32Array);
    assert.deepEqual(highest(asBitmap(rare, 1001, new Uint32Array(7).fill(~0)), 1001, 10), [1010, 1005]);
    const frequent = termSetOf([1001, 1002, 1003, 1004, 1005, 1006, 1007], 1001, 200);
    assert.ok(frequent instanceof Uint32Array);
    assert.equal(population(asBitmap(frequent, 1001, new Uint32Array(7))), 7);
  });

  test('when full, a bitmap takes the place of less asked ones only', () => {
    const cache = new BitmapCache(8);
    const one = () => new Uint32Array(1);
    for (let i = 0; i < 4; i++) cache.ask(['a', 'b']);
    cache.ask(['c']);
    assert.equal(cache.askedOften(['a', 'b']), true);
    assert.equal(cache.askedOften(['a', 'c']), false);
    assert.ok(cache.get(0, 'a', 4, one));
    assert.ok(cache.get(0, 'b', 4, one));
    assert.equal(cache.size, 8);
    // c was asked for less often than a (the least recently used): no room is made for it.
    assert.equal(cache.get(0, 'c', 4, one), null);
    for (let i = 0; i < 5; i++) cache.ask(['c']);
    assert.ok(cache.get(0, 'c', 4, one));
    assert.equal(cache.size, 8);
    // a went (least recently used); b stayed, without being made again.
    let made = 0;
    cache.get(0, 'b', 4, () => {
      made++;
      return one();
    });
    assert.equal(made, 0);
    cache.clear();
    assert.equal(cache.size, 0);
    assert.equal(cache.askedOften(['c']), true);
  });

  test('ids packed by SQLite are read back', () => {
    const db = new SQLite(':memory:');
    try {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
      const base = 4_000_001;
      const ids = [0, 1, 511, 512, 513, 99_999, 262_143, PACKED_ID_LIMIT - 1].map((o) => base + o);
      for (const id of ids) db.prepare('INSERT INTO t (id) VALUES (?)').run(id);
      const packed = db
        .prepare(packedIdsSql('FROM t ORDER BY id', 'id'))
        .pluck()
        .get(BigInt(base), BigInt(base)) as string;
      assert.deepEqual([...packedIds(packed, base)], ids);
      assert.deepEqual([...packedIds(null, base)], []);
    } finally {
      db.close();
    }
  });

  test('the top bit of a word and ids outside the shard', () => {
    // Ids 1001 to 1064: bits 0 to 63; 1032 and 1064 are the top bits of the two words.
    const map = bitmapOf([1000, 1001, 1032, 1063, 1064, 1065, 1201], 1001, 64);
    assert.deepEqual(highest(map, 1001, 10), [1064, 1063, 1032, 1001]);
    assert.equal(population(map), 4);
  });
});

describe('searches answered from term bitmaps', { skip: sqliteOnly }, () => {
  const analyzer = createAnalyzer(words);
  const names = readdirSync(new URL('../fixtures/text/', import.meta.url)).filter((n) => n.endsWith('.txt'));
  const open = async (path: string, options: StoreOptions) => {
    const store = await Store.open(path, options);
    return store;
  };
  const fill = async (store: Store) => {
    for (const name of names.sort()) await importText({ store, analyzer, words }, fixtureText(name), name);
  };
  const comparable = (r: SearchResponse) => ({
    total: r.total,
    totalExact: r.totalExact,
    exhaustive: r.exhaustive,
    notes: r.notes,
    results: r.results.map((x) => [x.publication.id, x.position, x.score]),
    facets: r.facets,
  });
  const QUERIES: [string, SearchOptions][] = [
    ['minister', {}],
    ['vragen minister', {}],
    ['datacenters', { limit: 20 }],
    ['Nederland OR kabinet OR datacenters', { limit: 50 }],
    ['minister -datacenters', {}],
    ['vragen', { filters: { chamber: 'tweede-kamer' } }],
    ['minister', { filters: { sessionFrom: 2020, sessionTo: 2030 } }],
    ['vragen', { offset: 2, limit: 3 }],
  ];

  for (const options of [
    { shardSize: 7 },
    { shardSize: 7, candidates: 3, countCap: 10 },
    { shardSize: 11, candidates: 5, countCap: 10_000 },
    // Room for three one-word bitmaps: most searches find no room part way and fall back to FTS5.
    { shardSize: 7, bitmapCacheBytes: 12 },
  ] satisfies StoreOptions[]) {
    test(`the same results as FTS5 (${JSON.stringify(options)})`, async () => {
      const plain = await open(tempDbPath(), { ...options, bitmapCacheBytes: 0 });
      const withBitmaps = await open(tempDbPath(), options);
      try {
        await fill(plain);
        await fill(withBitmaps);
        for (const [q, o] of QUERIES) {
          const expected = comparable(await search(plain, analyzer, q, { ...o, facets: true }));
          // Asked for the first times, a frequent term is left to FTS5; from the fourth time on, bitmaps.
          for (let i = 0; i < 5; i++) {
            const got = comparable(await search(withBitmaps, analyzer, q, { ...o, facets: true }));
            assert.deepEqual(got, expected, `${q} ${JSON.stringify(o)} (asked ${i + 1} times)`);
          }
        }
        assert.equal(plain.bitmapBytes(), 0);
        assert.ok(withBitmaps.bitmapBytes() > 0, 'some searches were answered from bitmaps');
      } finally {
        await plain.close();
        await withBitmaps.close();
      }
    });
  }

  test("another connection's change is found: bitmaps are made anew", async () => {
    const path = tempDbPath();
    const first = await open(path, { shardSize: 7 });
    try {
      await fill(first);
      for (let i = 0; i < 4; i++) await search(first, analyzer, 'datacenters minister', { facets: true });
      const before = await search(first, analyzer, 'datacenters minister', { facets: true });
      assert.ok(first.bitmapBytes() > 0);
      const second = await open(path, { shardSize: 7 });
      try {
        // The publication again, without the word: its questions are replaced (the old ids deleted from
        // their shards), so a bitmap kept from before would still count them.
        const text = fixtureText('kst-36360-VI-12.txt').replaceAll(/datacenters/gi, 'rekencentra');
        const stored = await importText({ store: second, analyzer, words }, text, 'kst-36360-VI-12.txt');
        assert.equal(stored.outcome, 'updated');
      } finally {
        await second.close();
      }
      const after = await search(first, analyzer, 'datacenters minister', { facets: true });
      const plain = await open(path, { bitmapCacheBytes: 0 });
      try {
        const expected = await search(plain, analyzer, 'datacenters minister', { facets: true });
        assert.ok(after.total < before.total, `${after.total} < ${before.total}`);
        assert.deepEqual(comparable(after), comparable(expected));
      } finally {
        await plain.close();
      }
    } finally {
      await first.close();
    }
  });
});
