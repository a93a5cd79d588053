// Two processes on one archive (server workers, or the CLI importing while the server runs): what one
// stores, the other finds at once, although it caches counts, shards and facet values.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { importText } from '../../src/archive/import.js';
import type { Publication } from '../../src/model/publication.js';
import { readPublication } from '../../src/read/index.js';
import { createAnalyzer } from '../../src/search/analysis.js';
import { search } from '../../src/search/search.js';
import { Store } from '../../src/store/store.js';
import { tempDbPath } from '../helpers/archive.js';
import { FIXTURES, fixtureText, words } from '../helpers/read.js';

const count = (pub: Publication) => pub.sections.reduce((n, s) => n + s.questions.length, 0);

test("a second connection's import is seen by the first one's next search and facets", async () => {
  const analyzer = createAnalyzer(words);
  const names = readdirSync(FIXTURES).filter((n) => n.endsWith('.txt'));
  // A shard exactly as large as the fixtures: the second connection's import opens a new shard,
  // which the first must find.
  const shardSize = names.reduce(
    (n, name) => n + count(readPublication(fixtureText(name), { fileName: name, words })),
    0,
  );
  const path = tempDbPath();
  const first = { store: await Store.open(path, { shardSize }), path };
  for (const name of names)
    await importText({ store: first.store, analyzer, words }, fixtureText(name), name);
  const before = await search(first.store, analyzer, 'datacenters', { facets: true });
  assert.equal((await search(first.store, analyzer, 'zeppelinhangaar')).total, 0);

  const second = await Store.open(first.path);
  try {
    const text = fixtureText('kst-36360-VI-12.txt')
      .replace(
        'Hoeveel datacenters staan er nu in Nederland?',
        'Hoeveel datacenters staan er in de zeppelinhangaar?',
      )
      .replaceAll('36 360 VI, nr. 12', '36 360 VI, nr. 99')
      .replaceAll('36360-VI-12', '36360-VI-99');
    const stored = await importText({ store: second, analyzer, words }, text, 'kst-36360-VI-99.txt');
    assert.equal(stored.outcome, 'imported');
  } finally {
    await second.close();
  }

  const found = await search(first.store, analyzer, 'zeppelinhangaar', { facets: true });
  assert.equal(found.total, 1);
  assert.equal(found.results[0]?.publication.id, 'kst-36360-VI-99');
  const after = await search(first.store, analyzer, 'datacenters', { facets: true });
  assert.ok(after.total > before.total, `${after.total} > ${before.total}`);
  const dossier = (r: typeof before) => r.facets?.dossier.find((d) => d.value === '36 360 VI')?.count ?? 0;
  assert.equal(dossier(after), dossier(before) + (after.total - before.total));
  await first.store.close();
});
